// Paper on the glass and the scanner's dark borders: both are a dark background that reaches the
// image's edge around a light sheet. The background is what is darker than the Otsu threshold and
// connected to the image border; the paper is everything else (its own dark print is enclosed by
// it, so it stays paper). The paper's outline then helps the deskew (ID cards carry little text)
// and, turned by the deskew angle, gives the crop box.
import type { Grey } from './raster';
import { otsuThreshold } from './raster';
import type { PointSet } from './skew';

export interface PaperRegion {
  /** 1 = paper */
  readonly mask: Uint8Array;
  /** pixels of the paper that touch the background: its edges on the glass, what the deskew reads */
  readonly outline: PointSet;
  /** the outline and the paper's pixels on the image's edge: what bounds the crop */
  readonly bounds: PointSet;
  readonly area: number;
}

/** The background must be this dark (mean grey) to be told from paper; a white lid is not found. */
const DARK_BACKGROUND = 130;
/** Less background than this fraction of the image is not worth a crop. */
const MIN_BACKGROUND = 0.004;
/** The smallest sheet looked for on a light lid, mm (an ID card is 54 × 85.6, a tilt only enlarges
 * its box): anything smaller is a mark on a page that fills the glass — a stamp, a word, a block of
 * ink, a speck — and cropping to it would leave the officer a sliver of the page. */
const MIN_SHEET_SHORT_MM = 45;
const MIN_SHEET_LONG_MM = 70;
/** A sheet fills at least this share of its bounding box (a card turned 45° fills 47 %, the cards of
 * the ground truth 76–87 %); a signature's strokes fill about a tenth of theirs. */
const MIN_SHEET_SOLIDITY = 0.45;
/** A sheet's outline is straight sides: at most this many outline pixels per pixel of its bounding
 * box's perimeter (the ground truth's cards on a lid: 0.85–0.91); the ragged outline of a scrawl or
 * a drawing has more (2.3 for a signature). */
const MAX_OUTLINE_RATIO = 1.6;

/**
 * The paper on a dark glass or inside dark scanner borders; with `lightLid` (the `auto` and
 * `id-card` presets) also a sheet or card on a light lid, told from it by its tone and the thin
 * shadow its edge casts — a white sheet on a white lid has neither and is not found. A white page
 * that fills the glass looks like a lid too: what is found on it must be sheet-like (as large as a
 * card, solid, straight-sided, see `looksLikeSheet`) or it is the page's own stamp or text, and the
 * page is kept whole. `dpi` is the grey image's own (the working copy's).
 * `edges` false: the mask and area only, no outline or bounds (empty): a caller that measures
 * ink and does not turn or crop (the archive's examiner) is spared collecting them.
 */
export function findPaper(g: Grey, dpi: number, lightLid = false, edges = true): PaperRegion | null {
  const { width: w, height: h, data } = g;
  const t = otsuThreshold(data);
  // A background reaches the image's edge: when almost none of the edge is dark there is none to remove.
  let darkEdge = 0;
  for (let x = 0; x < w; x++) darkEdge += (data[x]! < t ? 1 : 0) + (data[(h - 1) * w + x]! < t ? 1 : 0);
  for (let y = 0; y < h; y++) darkEdge += (data[y * w]! < t ? 1 : 0) + (data[y * w + w - 1]! < t ? 1 : 0);
  if (darkEdge >= 0.01 * 2 * (w + h)) {
    const background = floodFromEdges(g, 0, t - 1);
    const region = regionOf(g, background, edges);
    return region && region.backgroundMean <= DARK_BACKGROUND ? region : null;
  }
  if (!lightLid) return null;
  const lid = edgeMedian(g);
  const background = floodFromEdges(g, lid - LID_TOLERANCE, 255);
  keepLargestHole(background, w, h); // dust on the lid is not paper
  const region = regionOf(g, background, edges);
  // the paper must differ from the lid in tone (a table on a page that fills the glass encloses lid-white cells: not paper)
  if (!region || region.area > 0.95 * w * h || medianOf(g, region.mask) > lid - LID_TOLERANCE) return null;
  return looksLikeSheet(region.mask, w, h, dpi) ? region : null;
}

/** A sheet on the lid, not a mark on a page: large enough, solid, and straight-sided (see the constants). */
function looksLikeSheet(mask: Uint8Array, w: number, h: number, dpi: number): boolean {
  let x0 = w, x1 = -1, y0 = h, y1 = -1, area = 0, outline = 0;
  for (let y = 0, i = 0; y < h; y++)
    for (let x = 0; x < w; x++, i++) {
      if (!mask[i]) continue;
      area++;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      if (x > 0 && y > 0 && x < w - 1 && y < h - 1 && (!mask[i - 1] || !mask[i + 1] || !mask[i - w] || !mask[i + w])) outline++;
    }
  if (x1 < 0) return false;
  const bw = x1 - x0 + 1, bh = y1 - y0 + 1;
  const mm = 25.4 / dpi;
  if (Math.min(bw, bh) * mm < MIN_SHEET_SHORT_MM || Math.max(bw, bh) * mm < MIN_SHEET_LONG_MM) return false;
  if (area < MIN_SHEET_SOLIDITY * bw * bh) return false;
  return outline <= MAX_OUTLINE_RATIO * 2 * (bw + bh);
}

/** Turns every part of the non-background but the largest into background (4-connected). */
function keepLargestHole(background: Uint8Array, w: number, h: number): void {
  const label = new Int32Array(w * h);
  const stack = new Int32Array(w * h);
  let next = 0, best = 0, bestSize = 0;
  for (let start = 0; start < background.length; start++) {
    if (background[start] || label[start]) continue;
    next++;
    let top = 0, size = 0;
    stack[top++] = start;
    label[start] = next;
    while (top > 0) {
      const i = stack[--top]!;
      size++;
      const x = i % w;
      for (const j of [x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, i - w, i + w]) {
        if (j >= 0 && j < background.length && !background[j] && !label[j]) { label[j] = next; stack[top++] = j; }
      }
    }
    if (size > bestSize) { bestSize = size; best = next; }
  }
  for (let i = 0; i < background.length; i++) if (!background[i] && label[i] !== best) background[i] = 1;
}

/** How far from the lid's grey a pixel may be and still be lid (the reduction has averaged the sensor noise down). */
const LID_TOLERANCE = 7;

function edgeMedian(g: Grey): number {
  const { width: w, height: h, data } = g;
  const hist = new Uint32Array(256);
  for (let x = 0; x < w; x++) { hist[data[x]!]!++; hist[data[(h - 1) * w + x]!]!++; }
  for (let y = 0; y < h; y++) { hist[data[y * w]!]!++; hist[data[y * w + w - 1]!]!++; }
  return percentile(hist, 2 * (w + h), 0.5);
}

function medianOf(g: Grey, mask: Uint8Array): number {
  const hist = new Uint32Array(256);
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) { hist[g.data[i]!]!++; n++; }
  return percentile(hist, n, 0.5);
}

function percentile(hist: Uint32Array, n: number, q: number): number {
  let acc = 0;
  for (let v = 0; v < 256; v++) { acc += hist[v]!; if (acc >= n * q) return v; }
  return 255;
}

/** Pixels with grey in [lo, hi] connected to the image's edge through such pixels. */
function floodFromEdges(g: Grey, lo: number, hi: number): Uint8Array {
  const { width: w, height: h, data } = g;
  const background = new Uint8Array(w * h);
  const stack = new Int32Array(w * h);
  let top = 0;
  const seed = (i: number) => {
    if (!background[i] && data[i]! >= lo && data[i]! <= hi) { background[i] = 1; stack[top++] = i; }
  };
  for (let x = 0; x < w; x++) { seed(x); seed((h - 1) * w + x); }
  for (let y = 0; y < h; y++) { seed(y * w); seed(y * w + w - 1); }
  // inlined: this loop visits most of a glass scan
  const last = w * (h - 1);
  while (top > 0) {
    const i = stack[--top]!;
    const x = i % w;
    let j = i - 1;
    if (x > 0 && !background[j] && data[j]! >= lo && data[j]! <= hi) { background[j] = 1; stack[top++] = j; }
    j = i + 1;
    if (x < w - 1 && !background[j] && data[j]! >= lo && data[j]! <= hi) { background[j] = 1; stack[top++] = j; }
    j = i - w;
    if (i >= w && !background[j] && data[j]! >= lo && data[j]! <= hi) { background[j] = 1; stack[top++] = j; }
    j = i + w;
    if (i < last && !background[j] && data[j]! >= lo && data[j]! <= hi) { background[j] = 1; stack[top++] = j; }
  }
  return background;
}

function regionOf(g: Grey, background: Uint8Array, edges: boolean): (PaperRegion & { backgroundMean: number }) | null {
  const { width: w, height: h, data } = g;
  let count = 0, sum = 0;
  for (let i = 0; i < background.length; i++) if (background[i]) { count++; sum += data[i]!; }
  if (count < MIN_BACKGROUND * w * h || count === w * h) return null;
  const mask = new Uint8Array(w * h);
  for (let i = 0; i < mask.length; i++) mask[i] = background[i] ? 0 : 1;
  // outline: paper pixels with a background 4-neighbour (the image edge counts as paper's own edge: not outline)
  const xs: number[] = [], ys: number[] = [], bx: number[] = [], by: number[] = [];
  if (edges)
    for (let y = 0; y < h; y++)
      for (let x = 0, i = y * w; x < w; x++, i++) {
        if (!mask[i]) continue;
        if (x === 0 || y === 0 || x === w - 1 || y === h - 1) { bx.push(x); by.push(y); }
        else if (background[i - 1] || background[i + 1] || background[i - w] || background[i + w]) { xs.push(x); ys.push(y); bx.push(x); by.push(y); }
      }
  const points = (px: number[], py: number[]): PointSet => ({ xs: Float32Array.from(px), ys: Float32Array.from(py), count: px.length });
  return { mask, outline: points(xs, ys), bounds: points(bx, by), area: w * h - count, backgroundMean: sum / count };
}

/** Extent of points along x and y, ignoring the outermost `trim` fraction at each end (stray pixels). */
export function robustExtent(xs: Float64Array, ys: Float64Array, trim: number): { x0: number; x1: number; y0: number; y1: number } {
  const sx = Float64Array.from(xs).sort(), sy = Float64Array.from(ys).sort();
  const k = Math.floor(sx.length * trim);
  return { x0: sx[k]!, x1: sx[sx.length - 1 - k]!, y0: sy[k]!, y1: sy[sy.length - 1 - k]! };
}

/**
 * The paper's tilt from its straight edges, clockwise degrees: each side of the outline (seen
 * straight through the first estimate `degrees`), less its corners, fitted with a least-squares
 * line. The staircase of a tilted edge averages out along the side, which makes this finer than a
 * projection at the working resolution. Null when the outline has too few straight sides.
 */
export function edgeTilt(outline: PointSet, degrees: number): number | null {
  const r = (degrees * Math.PI) / 180, c = Math.cos(r), s = Math.sin(r);
  const n = outline.count;
  if (n < 100) return null;
  const u = new Float64Array(n), v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = outline.xs[i]!, y = outline.ys[i]!;
    u[i] = x * c + y * s;
    v[i] = y * c - x * s;
  }
  const e = robustExtent(u, v, 0.002);
  const band = 2.5;
  const spanU = e.x1 - e.x0, spanV = e.y1 - e.y0;
  let weighted = 0, weight = 0;
  const fit = (pick: (i: number) => boolean, horizontal: boolean) => {
    // horizontal sides: y = a + m·x, tilt atan(m); vertical sides: x = a + m·y, tilt −atan(m)
    let k = 0, sa = 0, sb = 0, saa = 0, sab = 0;
    for (let i = 0; i < n; i++) {
      if (!pick(i)) continue;
      const a = horizontal ? outline.xs[i]! : outline.ys[i]!, b = horizontal ? outline.ys[i]! : outline.xs[i]!;
      k++; sa += a; sb += b; saa += a * a; sab += a * b;
    }
    if (k < 40) return;
    const m = (k * sab - sa * sb) / (k * saa - sa * sa);
    if (!Number.isFinite(m)) return;
    const tilt = ((horizontal ? Math.atan(m) : -Math.atan(m)) * 180) / Math.PI;
    weighted += tilt * k;
    weight += k;
  };
  const middleU = (i: number) => u[i]! > e.x0 + spanU * 0.12 && u[i]! < e.x1 - spanU * 0.12;
  const middleV = (i: number) => v[i]! > e.y0 + spanV * 0.12 && v[i]! < e.y1 - spanV * 0.12;
  fit((i) => v[i]! < e.y0 + band && middleU(i), true);
  fit((i) => v[i]! > e.y1 - band && middleU(i), true);
  fit((i) => u[i]! < e.x0 + band && middleV(i), false);
  fit((i) => u[i]! > e.x1 - band && middleV(i), false);
  return weight > 0 ? weighted / weight : null;
}
