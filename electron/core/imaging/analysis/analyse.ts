// The analysis stages on the working copy: paper → ink → pieces of ink (nearly empty pages only:
// blank or not, and what may steer the tilt) → skew → orientation → crop → spread; colour is
// counted while the copy is read (the `read` stage). Geometry is worked out on point sets turned
// by the found angles rather than on turned images, which keeps it cheap.
import { blankThreshold, measureInk } from './blank';
import { mapPoint, straightenedSize, type Box } from './geometry';
import type { AnalyseOptions, PageAnalysis } from './index';
import { estimateOrientation } from './orientation';
import { edgeTilt, findPaper, robustExtent, type PaperRegion } from './paper';
import { paperLevel, quarterTurnGrey, rotateGrey, type Grey, type WorkingCopy } from './raster';
import { estimateSkew, maskPoints, type PointSet } from './skew';
import { findGutter } from './spread';

/** Ink is darker than this fraction of the paper's grey: faint bleed-through and the gutter's shade stay above it. */
const INK_CUT = 0.5;
/** The share of the page's pixels that must be coloured (colour.ts) to make it a colour page. */
const COLOUR_SHARE = 1e-4;
/** Above this raw ink fraction a page is not blank at any sensitivity (blank.ts: 0.1 % at the highest). */
const CLEARLY_INKED = 0.02;
/** A page whose paper is darker than this grey (0–255) is not blank paper: a black sheet, a dark
 * card, an open lid. The ink cut is relative to the paper, so on such a page nothing is "much
 * darker than the paper" and it measured as blank; it is a dark page (archive QC flags it). */
const DARK_PAPER = 110;
/** Toned content (a photo, a coloured form, a grey block) is not much darker than the paper either:
 * more than this share of the paper darker than TONE_CUT of its grey is content, not blank. Strong
 * bleed-through from the back stays paler than the cut (blank.ts, FAINT_CUT). */
const TONED_SHARE = 0.02;
const TONE_CUT = 0.8;
/** Fewer pieces of ink than this (a line of text has more) say nothing about a page's tilt or which way is up. */
const MIN_PIECES = 40;
const EMPTY: PointSet = { xs: new Float32Array(0), ys: new Float32Array(0), count: 0 };
/** A crop that keeps more than this of both sides of the canvas is not worth making. */
const CROP_KEEP_ALL = 0.995;

function inkMask(g: Grey, paper: PaperRegion | null): Uint8Array {
  const cut = paperLevel(g, paper?.mask) * INK_CUT;
  const data = g.data, n = data.length;
  const mask = new Uint8Array(n);
  if (paper) {
    const inside = paper.mask;
    for (let i = 0; i < n; i++) if (data[i]! < cut && inside[i] === 1) mask[i] = 1;
  } else {
    for (let i = 0; i < n; i++) if (data[i]! < cut) mask[i] = 1;
  }
  return mask;
}

/** The page is dark, or much of it is toned (see DARK_PAPER, TONED_SHARE): not blank whatever its ink. */
function darkOrToned(g: Grey, paper: PaperRegion | null): boolean {
  const level = paperLevel(g, paper?.mask);
  if (level < DARK_PAPER) return true;
  const cut = level * TONE_CUT, data = g.data, inside = paper?.mask;
  let toned = 0, area = 0;
  for (let i = 0; i < data.length; i++) {
    if (inside && inside[i] !== 1) continue;
    area++;
    if (data[i]! < cut) toned++;
  }
  return toned > area * TONED_SHARE;
}

function count(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i]!;
  return n;
}

function concatPoints(a: PointSet, b: PointSet, repeatB: number): PointSet {
  const n = a.count + b.count * repeatB;
  const xs = new Float32Array(n), ys = new Float32Array(n);
  xs.set(a.xs.subarray(0, a.count));
  ys.set(a.ys.subarray(0, a.count));
  for (let r = 0; r < repeatB; r++) {
    xs.set(b.xs.subarray(0, b.count), a.count + r * b.count);
    ys.set(b.ys.subarray(0, b.count), a.count + r * b.count);
  }
  return { xs, ys, count: n };
}

/** Points turned by `degrees` clockwise about the image centre (working px; for orientation only). */
function turnPoints(p: PointSet, width: number, height: number, degrees: number): PointSet {
  const r = (degrees * Math.PI) / 180, c = Math.cos(r), s = Math.sin(r);
  const xs = new Float32Array(p.count), ys = new Float32Array(p.count);
  for (let i = 0; i < p.count; i++) {
    const dx = p.xs[i]! - width / 2, dy = p.ys[i]! - height / 2;
    xs[i] = c * dx - s * dy + width / 2;
    ys[i] = s * dx + c * dy + height / 2;
  }
  return { xs, ys, count: p.count };
}

/** The crop box, in full-resolution px after the turns, from the paper's bounding points. */
function cropBox(bounds: PointSet, copy: WorkingCopy, turns: Pick<PageAnalysis, 'rotateQuarterTurns' | 'deskewDegrees'>): Box | null {
  if (bounds.count < 8) return null;
  const xs = new Float64Array(bounds.count), ys = new Float64Array(bounds.count);
  const a = { ...turns, crop: null };
  for (let i = 0; i < bounds.count; i++) {
    // each bounding pixel's centre: the reduction's blur puts the threshold crossing about there
    const p = mapPoint((bounds.xs[i]! + 0.5) / copy.scale, (bounds.ys[i]! + 0.5) / copy.scale, copy.fullWidth, copy.fullHeight, a);
    xs[i] = p.x;
    ys[i] = p.y;
  }
  const e = robustExtent(xs, ys, 0.0005);
  const canvas = straightenedSize(copy.fullWidth, copy.fullHeight, turns);
  const left = Math.max(0, Math.round(e.x0)), top = Math.max(0, Math.round(e.y0));
  const right = Math.min(canvas.width, Math.round(e.x1)), bottom = Math.min(canvas.height, Math.round(e.y1));
  if (right - left < 8 || bottom - top < 8) return null;
  if (right - left > canvas.width * CROP_KEEP_ALL && bottom - top > canvas.height * CROP_KEEP_ALL) return null;
  return { left, top, width: right - left, height: bottom - top };
}

export function analyseWorkingCopy(copy: WorkingCopy, options: AnalyseOptions): Omit<PageAnalysis, 'timingsMs'> & { timingsMs: Record<string, number> } {
  const timingsMs: Record<string, number> = {};
  const time = <T>(name: string, f: () => T): T => {
    const t = performance.now();
    const r = f();
    timingsMs[name] = performance.now() - t;
    return r;
  };
  const g = copy.grey;
  const paper = options.findPaper || options.trimBorders ? time('paper', () => findPaper(g, copy.dpi, options.findPaper, !options.measureOnly)) : null;
  const ink = time('ink', () => inkMask(g, paper));
  const paperArea = paper ? paper.area : g.width * g.height;
  // Pieces of ink are told from noise only where it matters, on nearly empty pages: a page with
  // plenty of ink is not blank at any sensitivity, and its raw ink fraction is what it reports.
  // On a nearly empty page only the kept pieces count for the tilt and orientation too, so that
  // dust, punch holes and a lone page number do not turn it.
  const rawInk = count(ink) / Math.max(1, paperArea);
  const sorted = rawInk < CLEARLY_INKED ? time('blank', () => measureInk(g, ink, paper?.mask ?? null, paperArea, copy.dpi)) : null;
  const inkFraction = sorted ? sorted.fraction : rawInk;
  // The ink's points steer only the tilt and the turns: not gathered for a page that needs neither.
  const inkPoints = options.deskew || options.orientation ? time('points', () => maskPoints(sorted ? sorted.kept : ink, g.width, g.height)) : EMPTY;
  const enoughText = !sorted || sorted.pieces >= MIN_PIECES;
  const outline = paper && paper.outline.count > 0 ? paper.outline : null;
  const skew =
    options.deskew && (enoughText || outline)
      ? time('deskew', () => estimateSkew(outline ? concatPoints(enoughText ? inkPoints : EMPTY, outline, 2) : inkPoints, g.width, g.height))
      : { degrees: 0, contrast: 1 };
  // paper on the glass: its straight edges are a finer measure than the projection (ID cards carry little text)
  const edges = options.deskew && paper && options.findPaper ? edgeTilt(paper.outline, skew.degrees) : null;
  const tilt = edges !== null && Math.abs(edges - skew.degrees) < 1 ? edges : skew.degrees;
  const deskewDegrees = Math.round(-tilt * 1000) / 1000 || 0; // never −0
  const rotateQuarterTurns =
    options.orientation && enoughText ? time('orientation', () => estimateOrientation(turnPoints(inkPoints, g.width, g.height, deskewDegrees), g.width, g.height, copy.dpi).turns) : 0;
  const turns = { rotateQuarterTurns, deskewDegrees };
  // A caller that wants the measures only (the archive's examiner) has no use for the crop box.
  const crop = paper && !options.measureOnly ? time('crop', () => cropBox(paper.bounds, copy, turns)) : null;
  const blank = options.blankSensitivity !== null && inkFraction < blankThreshold(options.blankSensitivity) && !darkOrToned(g, paper);
  const spreadGutterX = options.splitSpread && !options.measureOnly ? time('spread', () => gutter(copy, turns, crop)) : null;
  // the glass and scanner borders are grey, so the coloured pixels counted while reading are the paper's
  const hasColour = copy.colouredPixels > paperArea * COLOUR_SHARE;
  return { rotateQuarterTurns, deskewDegrees, crop, blank, inkFraction, spreadGutterX, hasColour, timingsMs };
}

/** The gutter of a spread, in full-resolution px of the cropped, straightened image. */
function gutter(copy: WorkingCopy, turns: Pick<PageAnalysis, 'rotateQuarterTurns' | 'deskewDegrees'>, crop: Box | null): number | null {
  let g = quarterTurnGrey(copy.grey, turns.rotateQuarterTurns);
  if (Math.abs(turns.deskewDegrees) > 0.05) g = rotateGrey(g, turns.deskewDegrees, 255);
  if (crop) {
    const s = copy.scale;
    const left = Math.max(0, Math.round(crop.left * s)), top = Math.max(0, Math.round(crop.top * s));
    const width = Math.min(g.width - left, Math.round(crop.width * s)), height = Math.min(g.height - top, Math.round(crop.height * s));
    const data = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) data.set(g.data.subarray((top + y) * g.width + left, (top + y) * g.width + left + width), y * width);
    g = { width, height, data };
  }
  const cut = paperLevel(g) * INK_CUT;
  const ink = new Uint8Array(g.data.length);
  for (let i = 0; i < ink.length; i++) ink[i] = g.data[i]! < cut ? 1 : 0;
  const x = findGutter(g, ink, copy.dpi);
  return x === null ? null : Math.round(x / copy.scale);
}
