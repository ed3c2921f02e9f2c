// Orientation by text lines, without OCR. On the straightened page the text lines make a sharp
// profile across them: across rows for an upright or upside-down page, across columns for a
// sideways one. Within each line the ink above the x-height band (capitals, ascenders and,
// in Vietnamese, the many tone marks and hats above the letters) far outweighs the ink below it
// (a few descenders: g, p, q, y), which tells up from down.
// Weighed against tesseract's OSD on the ground truth (npm run bench imaging): both turned all 32
// text pages right, OSD at about 1.3 s of CPU a page, this at a few ms; so OSD is not used. A page
// with too few lines or an unclear answer is left as scanned (a wrong turn is worse than none).
import type { PointSet } from './skew';

export interface OrientationEstimate {
  /** clockwise quarter turns that make the page upright */
  readonly turns: 0 | 1 | 2 | 3;
  /** 0..1: how clearly the lines say which way is up */
  readonly confidence: number;
  /** number of text lines the decision rests on */
  readonly lines: number;
}

/** Fewer text lines than this say nothing reliable about which way is up. */
const MIN_LINES = 3;
/** Below this confidence the page is left as scanned: a wrong turn costs more than a missed one. */
const MIN_CONFIDENCE = 0.5;

interface Profile { readonly bins: Float64Array; readonly peakiness: number }

function profile(values: Float64Array, length: number): Profile {
  const bins = new Float64Array(length);
  for (let i = 0; i < values.length; i++) {
    const b = values[i]! | 0;
    if (b >= 0 && b < length) bins[b]!++;
  }
  let sum = 0, sq = 0, span = 0;
  for (let b = 0; b < length; b++) { sum += bins[b]!; sq += bins[b]! * bins[b]!; if (bins[b]! > 0) span++; }
  return { bins, peakiness: sum > 0 ? (span * sq) / (sum * sum) : 0 };
}

/** A band counts as a text line only when its ink runs this many times its height along it: the
 * letters of two short lines seen across columns make narrow bands too, but short ones (a two-line
 * note was once turned sideways by them). */
const MIN_LINE_ELONGATION = 8;

/** How far the ink of each profile band runs along the other axis (max − min of `across`). */
function bandLengths(along: Float64Array, across: Float64Array, bandOf: Int32Array, bands: number): Float64Array {
  const lo = new Float64Array(bands).fill(Infinity), hi = new Float64Array(bands).fill(-Infinity);
  for (let i = 0; i < along.length; i++) {
    const band = bandOf[along[i]! | 0] ?? -1;
    if (band < 0) continue;
    const v = across[i]!;
    if (v < lo[band]!) lo[band] = v;
    if (v > hi[band]!) hi[band] = v;
  }
  return hi.map((h, k) => (h >= lo[k]! ? h - lo[k]! : 0));
}

/** Ink above minus ink below the core band of each line, over all lines: > 0 when the lines are upright. */
function upness(bins: Float64Array, dpi: number, along: Float64Array, across: Float64Array): { score: number; lines: number } {
  const mm = dpi / 25.4;
  let max = 0;
  for (const v of bins) if (v > max) max = v;
  const floor = max * 0.04;
  // The bands first, then how long each one's ink runs.
  const found: [number, number][] = [];
  const bandOf = new Int32Array(bins.length).fill(-1);
  for (let b = 0; b < bins.length; ) {
    if (bins[b]! <= floor) { b++; continue; }
    const start = b;
    while (b < bins.length && bins[b]! > floor) b++;
    for (let k = start; k < b; k++) bandOf[k] = found.length;
    found.push([start, b]);
  }
  const lengths = bandLengths(along, across, bandOf, found.length);
  let above = 0, below = 0, lines = 0;
  for (let f = 0; f < found.length; f++) {
    const [start, end] = found[f]!; // [start, end)
    const height = (end - start) / mm;
    if (height < 1.2 || height > 14) continue;
    if (lengths[f]! < MIN_LINE_ELONGATION * (end - start)) continue;
    let peak = 0;
    for (let k = start; k < end; k++) if (bins[k]! > peak) peak = bins[k]!;
    let c0 = start, c1 = end - 1;
    while (bins[c0]! < peak * 0.45) c0++;
    while (bins[c1]! < peak * 0.45) c1--;
    let a = 0, d = 0;
    for (let k = start; k < c0; k++) a += bins[k]!;
    for (let k = c1 + 1; k < end; k++) d += bins[k]!;
    above += a;
    below += d;
    lines++;
  }
  return { score: above + below > 0 ? (above - below) / (above + below) : 0, lines };
}

/** `points` are ink points of the page already straightened (working px), `dpi` the working resolution. */
export function estimateOrientation(points: PointSet, width: number, height: number, dpi: number): OrientationEstimate {
  const n = points.count;
  if (n < 200) return { turns: 0, confidence: 0, lines: 0 };
  const ys = new Float64Array(n), xs = new Float64Array(n);
  for (let i = 0; i < n; i++) { ys[i] = points.ys[i]!; xs[i] = points.xs[i]!; }
  const rows = profile(ys, height), cols = profile(xs, width);
  const sideways = cols.peakiness > rows.peakiness;
  // Across rows, y grows downwards: upright lines have their extra ink at the low-y end of each line.
  // Across columns, extra ink at the low-x end means the lines' tops face left: the page lies turned
  // a quarter anticlockwise and one clockwise turn makes it upright; tops facing right need three.
  const { score, lines } = sideways ? upness(cols.bins, dpi, xs, ys) : upness(rows.bins, dpi, ys, xs);
  const confidence = Math.min(1, Math.abs(score) * 2) * Math.min(1, lines / 4);
  // a few marks (a near-blank page) or an unclear answer is not enough to turn a page
  if (lines < MIN_LINES || confidence < MIN_CONFIDENCE) return { turns: 0, confidence, lines };
  if (!sideways) return { turns: score >= 0 ? 0 : 2, confidence, lines };
  return { turns: score >= 0 ? 1 : 3, confidence, lines };
}
