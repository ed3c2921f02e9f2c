// A book spread: two pages side by side, parted by the gutter — the fold, always darker than the
// paper beside it because the pages bend down into it. The gutter is looked for on a quarter-size
// copy with its ink taken away by a closing along the columns (a tall, narrow
// window: it removes lines of text but not the gutter's vertical valley, which the lighting's
// square window filled in — it missed one spread in three), as a narrow valley of brightness in
// the middle fifth of the spread. The lamp and shadows change the light too, but smoothly across
// the page; the valley is measured against the brightness a short way to either side of it, which
// such gradients barely change.
import { type CameraCv, type CvMat, withMats } from './cv';

/** The gutter is sought between these shares of the spread's width. */
const BAND = [0.4, 0.6] as const;
/** How far to either side the paper's own brightness is taken (share of the width). */
const SIDE = 0.08;
/** The valley must be at least this much darker than the paper beside it. */
const MIN_DEPTH = 0.04;

export interface Gutter {
  /** The gutter's centre line, in continuous pixel coordinates of the image given. */
  readonly x: number;
  /** How much darker it is than the paper beside it (share). */
  readonly depth: number;
}

const REDUCE = 4;
/** The closing's height at 1/4 size: ≈ 10 mm of a page photographed at ≈ 145 dpi, a few lines of text. */
const CLOSE_ROWS = 15;
/** …and 5 px wide: enough to close a line of text turned upright (a page lying sideways), far
 * narrower than the gutter's valley (≈ 16 px across at half depth). */
const CLOSE_COLUMNS = 5;

/** The gutter of a spread (its grey pixels, corrected to a rectangle), or null when there is none. */
export function findSpreadGutter(cv: CameraCv, grey: CvMat): Gutter | null {
  return withMats((keep) => {
    const small = keep(new cv.Mat());
    cv.resize(grey, small, new cv.Size(Math.max(1, Math.round(grey.cols / REDUCE)), Math.max(1, Math.round(grey.rows / REDUCE))), 0, 0, cv.INTER_AREA);
    cv.morphologyEx(small, small, cv.MORPH_CLOSE, keep(cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(CLOSE_COLUMNS, CLOSE_ROWS))));
    const found = findGutter(small, 1);
    return found ? { x: found.x * (grey.cols / small.cols), depth: found.depth } : null;
  });
}

/** The gutter in an ink-free grey or RGB image (8-bit), or null when there is none. */
export function findGutter(light: CvMat, channels: number): Gutter | null {
  const { cols, rows } = light;
  const profile = new Float64Array(cols);
  const [top, bottom] = [Math.floor(rows * 0.1), Math.ceil(rows * 0.9)];
  for (let y = top; y < bottom; y++) {
    const row = y * cols * channels;
    for (let x = 0; x < cols; x++) profile[x] = profile[x]! + light.data[row + x * channels]!;
  }
  let best: (Gutter & { xl: number; xr: number }) | null = null;
  const side = Math.max(2, Math.round(cols * SIDE));
  for (let x = Math.floor(cols * BAND[0]); x <= Math.ceil(cols * BAND[1]); x++) {
    let [xl, xr] = [x, x];
    for (let k = Math.max(0, x - side); k < x; k++) if (profile[k]! > profile[xl]!) xl = k;
    for (let k = x + 1; k <= Math.min(cols - 1, x + side); k++) if (profile[k]! > profile[xr]!) xr = k;
    const depth = 1 - profile[x]! / Math.min(profile[xl]!, profile[xr]!);
    if (depth >= MIN_DEPTH && (!best || depth > best.depth)) best = { x, depth, xl, xr };
  }
  if (!best) return null;
  // The darkest column is pulled aside where the light slopes across the gutter: its centre is
  // the valley's core (below half its depth) weighed against the line joining the paper's
  // brightest points either side.
  const { xl, xr } = best;
  const base = (k: number) => profile[xl]! + ((profile[xr]! - profile[xl]!) * (k - xl)) / Math.max(1, xr - xl);
  let deepest = 0;
  for (let k = xl + 1; k < xr; k++) deepest = Math.max(deepest, base(k) - profile[k]!);
  let [sum, weight] = [0, 0];
  for (let k = xl + 1; k < xr; k++) {
    const w = base(k) - profile[k]! - deepest / 2;
    if (w > 0) [sum, weight] = [sum + (k + 0.5) * w, weight + w];
  }
  return { x: weight > 0 ? sum / weight : best.x + 0.5, depth: best.depth };
}
