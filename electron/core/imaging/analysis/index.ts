// Page analysis: what the imaging pipeline should do to one captured page — turn it upright,
// straighten it, crop it to the paper (or trim the scanner's dark borders), split a book spread,
// and whether it is blank or has colour. It only measures; the pipeline applies the result with
// sharp. The analysis reads a reduced copy of the page (≤ 100 dpi, ≈ 2.4 Mpx at most), so no pixel
// buffer of a whole large page is ever held in JavaScript.
//
// Geometry, in px of the full-resolution input exactly as sharp decodes it (no EXIF orientation
// is applied here: a caller that honours EXIF must pass the already-oriented image). Order:
//   1. sharp.rotate(90 * rotateQuarterTurns)                  quarter turns, clockwise
//   2. sharp.rotate(deskewDegrees, { background: white })    clockwise positive, about the centre;
//      sharp enlarges the canvas to the turned image's bounding box (see straightenedSize)
//   3. sharp.extract(crop) when crop is not null              a box in the canvas of step 2
//   4. a spread: extract [0, spreadGutterX) and [spreadGutterX, width) of the image of step 3
// sharp keeps only the last rotate() of a pipeline: do steps 1 and 2 as one
// sharp.rotate(90 * rotateQuarterTurns + deskewDegrees, { background: white }), the same turn and canvas.
// mapPoint / mapBox / unmapPoint (geometry.ts) follow the same steps for any point or box of the input.
import { analyseWorkingCopy } from './analyse';
import type { Box } from './geometry';
import { type RawImage, readWorkingCopy } from './raster';

export { mapBox, mapPoint, straightenedSize, unmapPoint, type Box } from './geometry';

export interface AnalyseOptions {
  /** of the input image */
  dpi: number;
  /** detect quarter turns */
  orientation: boolean;
  deskew: boolean;
  /** the `auto` and `id-card` presets: find the paper on the glass and crop to it */
  findPaper: boolean;
  /** remove the dark borders scanners leave */
  trimBorders: boolean;
  /** 0..1 (higher: more pages called blank); null: don't detect */
  blankSensitivity: number | null;
  /** book spreads → two pages */
  splitSpread: boolean;
  /** Only the blank test and the ink fraction are wanted (the archive's examiner): no crop box,
   * spread or colour is worked out (crop and spreadGutterX are null, hasColour false). */
  measureOnly?: boolean;
}
export interface PageAnalysis {
  /** clockwise quarter turns that make the page upright; applied FIRST */
  rotateQuarterTurns: 0 | 1 | 2 | 3;
  /** then rotate by this many degrees, clockwise positive, about the centre, white fill */
  deskewDegrees: number;
  /** After those two rotations: the part to keep (the paper, or the page without scanner borders); null = all. */
  crop: Box | null;
  blank: boolean;
  /** fraction of the (cropped) page that is ink after noise removal */
  inkFraction: number;
  /** x of the gutter in the cropped, straightened image when the page is a spread; null otherwise. */
  spreadGutterX: number | null;
  /** meaningful colour (seal, photo, ink signature) anywhere on the page */
  hasColour: boolean;
  /** per stage */
  timingsMs: Record<string, number>;
}

export async function analysePage(input: string | Buffer | RawImage, options: AnalyseOptions): Promise<PageAnalysis> {
  const started = performance.now();
  const copy = await readWorkingCopy(input, options.dpi, !options.measureOnly);
  const read = performance.now() - started;
  const result = analyseWorkingCopy(copy, options);
  return { ...result, timingsMs: { read, ...result.timingsMs } };
}
