// The tiling plan: how a sheet larger than the glass is scanned in overlapping parts. Pure
// arithmetic on millimetres, so that the officer sees the work ahead before the first part and the
// registration has each part's expected place as its starting guess.
//
// - Overlap: every shared edge overlaps by at least 15 % of the part's side across it — enough
//   common ink for the registration to match, and slack for a sheet laid a few millimetres off.
//   The parts of a row (column) are spread evenly from one edge of the sheet to the other, so each
//   overlap is equal and usually larger than the minimum; no part hangs beyond the sheet.
// - Glass orientation: the sheet may lie straight on the glass or a quarter turn round; both are
//   counted and the one with fewer parts wins (straight on a tie: its parts come out upright).
// - Order: row by row from the top, in a snake — left to right, then right to left, and so on.
//   Each next part is the neighbour of the one just scanned: the officer slides the sheet one
//   step, never carries it back across the glass to the start of the row, and every part shares
//   an edge with the one before it, which is the part they still remember placing.
import type { PlannedPart, SheetOrientation, TilePlan } from '../../contract';
import { StationError } from '../errors';
import { orientedSides } from './sheets';
import type { PartPlacement, SheetSize } from './types';

export const MIN_OVERLAP = 0.15;
/** Beyond this many parts the work is hours and the stitching's errors no longer stay small: the
 * sheet wants a larger glass. (A0 on an A5 glass is 49; a 2 × 2 m sheet on A4 is 96.) */
export const MAX_PARTS = 100;
/** A side within half a millimetre of the glass fits it: drivers round their areas (scan-settings.ts). */
const FIT_TOLERANCE_MM = 0.5;

export interface Glass {
  readonly widthMm: number;
  readonly heightMm: number;
}

interface AxisPlan {
  readonly count: number;
  /** The part's extent along this axis (the glass's, or the sheet's when that is smaller). */
  readonly size: number;
  readonly positions: readonly number[];
  readonly overlap: number | null;
}

/** The fewest parts of length `part` covering `length` with overlaps ≥ minOverlap, spread evenly. */
export function planAxis(length: number, part: number, minOverlap = MIN_OVERLAP): AxisPlan {
  if (length <= part + FIT_TOLERANCE_MM) return { count: 1, size: Math.min(part, length), positions: [0], overlap: null };
  // n parts cover n·p − (n−1)·o; with o ≥ m·p that is at least L when n ≥ (L − m·p) / ((1 − m)·p).
  const count = Math.max(2, Math.ceil((length - minOverlap * part) / ((1 - minOverlap) * part) - 1e-9));
  const step = (length - part) / (count - 1);
  const positions = Array.from({ length: count }, (_, i) => round(i * step));
  return { count, size: part, positions, overlap: (count * part - length) / ((count - 1) * part) };
}

const round = (n: number) => Math.round(n * 100) / 100;
const mm = (n: number) => String(Number(n.toFixed(1)));

/** Parts of the sheet (as read) on the glass, straight or turned, whichever needs fewer. */
export function planTiles(sheet: SheetSize, orientation: SheetOrientation, glass: Glass): TilePlan {
  if (!(Number.isFinite(glass.widthMm) && Number.isFinite(glass.heightMm) && glass.widthMm > 0 && glass.heightMm > 0))
    throw new StationError('glass-size-unknown', { device: `${mm(glass.widthMm)} × ${mm(glass.heightMm)} mm` });
  const sides = orientedSides(sheet, orientation);
  const layout = (turned: boolean) => {
    // Turned, the glass's height lies along the sheet's width.
    const x = planAxis(sides.widthMm, turned ? glass.heightMm : glass.widthMm);
    const y = planAxis(sides.heightMm, turned ? glass.widthMm : glass.heightMm);
    return { turned, x, y, count: x.count * y.count };
  };
  const straight = layout(false);
  const turnedLayout = layout(true);
  const best = turnedLayout.count < straight.count ? turnedLayout : straight;
  if (best.count > MAX_PARTS)
    throw new StationError('tiling-too-many-parts', {
      width: mm(sides.widthMm),
      height: mm(sides.heightMm),
      glass: `${mm(glass.widthMm)} × ${mm(glass.heightMm)} mm`,
      parts: best.count,
      max: MAX_PARTS,
    });
  const parts: PlannedPart[] = [];
  for (let row = 0; row < best.y.count; row++) {
    for (let i = 0; i < best.x.count; i++) {
      const col = row % 2 === 0 ? i : best.x.count - 1 - i; // the snake
      parts.push({ number: parts.length + 1, row, col, xMm: best.x.positions[col]!, yMm: best.y.positions[row]!, widthMm: best.x.size, heightMm: best.y.size });
    }
  }
  return {
    sheet: { name: sheet.name, widthMm: sides.widthMm, heightMm: sides.heightMm, orientation },
    glass: { widthMm: glass.widthMm, heightMm: glass.heightMm },
    turned: best.turned,
    partTurnDeg: best.turned ? -90 : 0,
    rows: best.y.count,
    cols: best.x.count,
    count: best.count,
    overlapX: best.x.overlap,
    overlapY: best.y.overlap,
    fitsGlass: best.count === 1,
    parts,
  };
}

/** The area to scan for a part, in the glass's own width × height (a turned part lies across). */
export function scanArea(plan: TilePlan, part: PlannedPart): { widthMm: number; heightMm: number } {
  return plan.turned ? { widthMm: part.heightMm, heightMm: part.widthMm } : { widthMm: part.widthMm, heightMm: part.heightMm };
}

/**
 * Where the plan expects a part on the assembled sheet at `dpi`, as the registration's starting
 * guess (types.ts's rigid motion; the officer's placement differs from it by millimetres and a few
 * degrees). A turned part lies with the sheet's left edge along the glass's top: its image is the
 * sheet turned a quarter clockwise, so its pixel (u, v) lands at x = x0 + v, y = y0 + (w − 1 − u),
 * w being the image's width — a turn of −90° with dy = y0 + w − 1.
 */
export function expectedPlacement(plan: TilePlan, part: PlannedPart, dpi: number): PartPlacement {
  const px = (v: number) => (v * dpi) / 25.4;
  const index = part.number - 1;
  if (!plan.turned) return { index, angleDeg: 0, dx: px(part.xMm), dy: px(part.yMm) };
  const imageWidth = Math.round(px(part.heightMm));
  return { index, angleDeg: -90, dx: px(part.xMm), dy: px(part.yMm) + imageWidth - 1 };
}
