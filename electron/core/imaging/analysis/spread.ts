// Book spreads: two pages side by side, landscape, with the binding between them. The gutter is a
// band near the middle that is darker (the paper curving into the binding casts a shadow) or free
// of ink from top to bottom. Column profiles of the straightened page find it.
import type { Grey } from './raster';

/** Landscape pages narrower than this (width / height) are not spreads. */
const MIN_ASPECT = 1.15;

/** x of the gutter in the given (straightened, cropped) grey image, or null when it is not a spread. */
export function findGutter(g: Grey, ink: Uint8Array, dpi: number): number | null {
  const { width: w, height: h, data } = g;
  if (w / h < MIN_ASPECT) return null;
  const mm = dpi / 25.4;
  const mean = new Float64Array(w), inkCols = new Float64Array(w);
  for (let y = 0; y < h; y++)
    for (let x = 0, i = y * w; x < w; x++, i++) { mean[x] = mean[x]! + data[i]!; inkCols[x] = inkCols[x]! + ink[i]!; }
  for (let x = 0; x < w; x++) mean[x] = mean[x]! / h;
  const smooth = (v: Float64Array, r: number) => {
    const out = new Float64Array(v.length);
    let acc = 0;
    const prefix = new Float64Array(v.length + 1);
    for (let i = 0; i < v.length; i++) prefix[i + 1] = acc += v[i]!;
    for (let i = 0; i < v.length; i++) {
      const a = Math.max(0, i - r), b = Math.min(v.length, i + r + 1);
      out[i] = (prefix[b]! - prefix[a]!) / (b - a);
    }
    return out;
  };
  const shade = smooth(mean, Math.max(1, Math.round(1.5 * mm)));
  const from = Math.round(w * 0.35), to = Math.round(w * 0.65);
  // shadow: the darkest smoothed column in the middle band, against the page's typical column
  let darkest = from;
  for (let x = from; x < to; x++) if (shade[x]! < shade[darkest]!) darkest = x;
  const sorted = Float64Array.from(shade).sort();
  const typical = sorted[Math.floor(sorted.length * 0.75)]!;
  const inkAtGutter = (x: number) => inkCols[x]! / h;
  // columns left and right of the middle band must carry text: two pages, not one wide page
  let leftInk = 0, rightInk = 0;
  for (let x = 0; x < from; x++) leftInk += inkCols[x]!;
  for (let x = to; x < w; x++) rightInk += inkCols[x]!;
  if (leftInk === 0 || rightInk === 0) return null;
  if (typical - shade[darkest]! >= 12 && inkAtGutter(darkest) < 0.05) {
    // the shadow's centre: middle of the columns within 30% of its depth
    const depth = typical - shade[darkest]!;
    let a = darkest, b = darkest;
    while (a > from && typical - shade[a - 1]! > depth * 0.7) a--;
    while (b < to - 1 && typical - shade[b + 1]! > depth * 0.7) b++;
    return (a + b + 1) / 2;
  }
  // no shadow: the widest run of ink-free columns in the middle band, if wide enough
  let bestStart = -1, bestLength = 0;
  for (let x = from; x < to; ) {
    if (inkCols[x]! > 0) { x++; continue; }
    const s = x;
    while (x < to && inkCols[x] === 0) x++;
    if (x - s > bestLength) { bestLength = x - s; bestStart = s; }
  }
  return bestLength >= 12 * mm ? bestStart + bestLength / 2 : null;
}
