// Where the paper lies among the placed parts. The registration fixes the parts against each other
// in a frame of its own (the parts' bounding box, sheet-frame.ts); the parts reach past the paper
// onto the scanner's lid, by however far the officer laid each one over the sheet's edge. Composed
// in that frame at the sheet's size, the page would start on the lid and lose as much of the paper
// at the other side. So the parts are first composed small (≈ 60 dpi, a few seconds even for A0,
// exposures matched), the paper is found on that copy (paper-among-parts.ts: its centre, turn and
// sides), and the placements are carried into the paper's frame: its centre at the page's centre,
// its edges straight. The page is then exactly the sheet's size (sheet-geometry.ts) and holds the
// whole paper. Where the paper cannot be told from what lies beyond it (a white lid on white
// paper), the parts' extent is centred on the sheet and the report says so.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { StationError } from '../errors';
import { coverage, findPaperAmongParts, readGrey } from './paper-among-parts';
import { MAX_INPUT_PIXELS } from '../imaging/page-encoder';
import { composeSheet } from './compose';
import { MM_PER_INCH, sheetPixels } from './sheet-geometry';
import type { PartImage, PartPlacement, SheetSize } from './types';

/** The resolution of the small composition the paper is looked for on. */
const LOCATE_DPI = 60;
/** A found paper this much larger than the sheet chosen is another sheet size (the officer picked
 * A2 for an A1): the crop's slack on a lid is a few millimetres, far less. */
const LARGER_TOLERANCE = 0.1;
const SMALLER_TOLERANCE = 0.1;

export interface SheetLocation {
  /** The placements in the sheet's frame: the paper's top-left corner at (0, 0), upright. */
  readonly placements: PartPlacement[];
  readonly landscape: boolean;
  /** The paper's edges were found (else the parts' extent was centred on the sheet). */
  readonly paperFound: boolean;
  /** The turn taken out of the placements (the sheet's skew across the parts), degrees. */
  readonly skewDegrees: number;
}

/**
 * The placements of `parts` (in the registration's frame, `extent` its size in pixels) carried into
 * the frame of `sheet` at `dpi`. `landscape`: as the officer said, else as the paper found lies.
 */
export async function locateSheet(
  parts: readonly PartImage[],
  placements: readonly PartPlacement[],
  extent: { widthPx: number; heightPx: number },
  sheet: SheetSize,
  dpi: number,
  workDir: string,
  landscape?: boolean,
): Promise<SheetLocation> {
  const s = Math.min(1, LOCATE_DPI / dpi);
  const smallDpi = dpi * s;
  const dir = join(workDir, `locate-${process.pid}-${Math.random().toString(36).slice(2)}`);
  await mkdir(dir, { recursive: true });
  try {
    // Small grey copies of the parts, placed where the registration put them.
    const copies: PartImage[] = [];
    for (const p of parts) {
      const meta = await sharp(p.path, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
      const w = Math.max(1, Math.round((meta.width ?? p.widthPx) * s));
      const h = Math.max(1, Math.round((meta.height ?? p.heightPx) * s));
      const file = join(dir, `part-${p.index}.png`);
      await sharp(p.path, { limitInputPixels: MAX_INPUT_PIXELS, sequentialRead: true }).resize(w, h, { fit: 'fill' }).greyscale().png({ compressionLevel: 1 }).toFile(file);
      copies.push({ index: p.index, path: file, dpi: smallDpi, widthPx: w, heightPx: h });
    }
    const scaled = placements.map((pl) => ({ ...pl, dx: pl.dx * s, dy: pl.dy * s }));
    const W = extent.widthPx * s;
    const H = extent.heightPx * s;
    const [wMm, hMm] = [(W / smallDpi) * MM_PER_INCH, (H / smallDpi) * MM_PER_INCH];
    const box: SheetSize = { name: 'custom', widthMm: Math.min(wMm, hMm), heightMm: Math.max(wMm, hMm) };
    const overview = await composeSheet(copies, scaled, box, smallDpi, join(dir, 'overview.tif'), { landscape: wMm > hMm, onUncovered: 'report', workDir: dir });

    const small = { ...(await readGrey(overview.file)), dpi: smallDpi };
    const covered = coverage(copies, scaled, small.width, small.height);
    const paper = findPaperAmongParts(small, covered);
    let centre: { x: number; y: number };
    let lies: boolean;
    let skewDegrees = 0;
    if (paper) {
      centre = { x: paper.cx, y: paper.cy };
      lies = paper.longSideAcross;
      skewDegrees = -paper.angleDeg;
      const found = { w: (paper.widthPx / small.dpi) * MM_PER_INCH, h: (paper.heightPx / small.dpi) * MM_PER_INCH };
      const chosen = lies ? { w: sheet.heightMm, h: sheet.widthMm } : { w: sheet.widthMm, h: sheet.heightMm };
      if (found.w > chosen.w * (1 + LARGER_TOLERANCE) || found.h > chosen.h * (1 + LARGER_TOLERANCE)) {
        throw new StationError('stitch-sheet-larger', { found: `${Math.round(found.w)} × ${Math.round(found.h)}`, sheet: `${Math.round(chosen.w)} × ${Math.round(chosen.h)}` });
      }
      // Smaller on both sides: another size was chosen than the paper's (one side short is more
      // likely a row of parts not scanned, which the composition names as the area not covered).
      if (found.w < chosen.w * (1 - SMALLER_TOLERANCE) && found.h < chosen.h * (1 - SMALLER_TOLERANCE)) {
        throw new StationError('stitch-sheet-smaller', { found: `${Math.round(found.w)} × ${Math.round(found.h)}`, sheet: `${Math.round(chosen.w)} × ${Math.round(chosen.h)}` });
      }
    } else {
      centre = { x: small.width / 2, y: small.height / 2 };
      lies = small.width > small.height;
    }
    const isLandscape = landscape ?? lies;
    const size = sheetPixels(sheet, dpi, isLandscape);
    // x' = R(d)·(x − C) + S/2, C the paper's centre at full resolution.
    const d = (skewDegrees * Math.PI) / 180;
    const [c, sn] = [Math.cos(d), Math.sin(d)];
    const cx = centre.x / s;
    const cy = centre.y / s;
    const moved = placements.map((pl) => {
      const x = pl.dx - cx;
      const y = pl.dy - cy;
      return { index: pl.index, angleDeg: pl.angleDeg + skewDegrees, dx: c * x - sn * y + size.width / 2, dy: sn * x + c * y + size.height / 2 };
    });
    return { placements: moved, landscape: isLandscape, paperFound: paper !== null, skewDegrees };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
