// One horizontal band of the assembled sheet at full resolution: each pixel is taken from the part
// its cell of the reduced sheet was given to (seams.ts), resampled (bilinear) through the part's
// placement and corrected by its exposure (exposure.ts). Within two cells of a cut the parts are
// blended: each part's weight is its share of the surrounding cells (a 3-cell box, interpolated
// between cell centres), so a seam fades over a few pixels instead of showing as a step. Only the
// rows of each part that land in the band are in memory (part-source.ts).
import { NONE } from './seams';
import type { PlacedPart } from './sheet-geometry';

/** A part's rows for one band: rows [top, top + rows) of its full width. */
export interface PartRows {
  readonly part: PlacedPart;
  readonly top: number;
  readonly rows: number;
  readonly data: Uint8Array;
  readonly gain: number;
  readonly offset: number;
}

export interface BandContext {
  readonly width: number;
  readonly channels: 1 | 3;
  readonly factor: number;
  readonly labels: Uint8Array;
  readonly cellsWide: number;
  readonly cellsHigh: number;
}

/** A cell whose 5 × 5 neighbourhood holds more than one label (the blend reaches 2 cells). */
const MIXED = 254;
const EPS = 1e-6;

/** Renders sheet rows [y0, y1) into `out` (row-major, `channels` bytes a pixel). `rows[n]`: the
 * band's rows of print n, or null where that part does not reach the band. */
export function renderBand(ctx: BandContext, rows: readonly (PartRows | null)[], y0: number, y1: number, out: Uint8Array): void {
  const { width, channels: C, factor: f, labels, cellsWide: cw, cellsHigh: ch } = ctx;
  const pure = pureCells(ctx, Math.floor(y0 / f), Math.floor((y1 - 1) / f));
  const firstCell = Math.floor(y0 / f);
  const px = new Float64Array(C);
  const acc = new Float64Array(C);
  const wLabels: number[] = [];
  const wValues: number[] = [];

  /** Samples print n at sheet pixel (x, y) into px; false where the part does not cover it. */
  const sample = (n: number, x: number, y: number): boolean => {
    const r = rows[n];
    if (!r) return false;
    const p = r.part;
    const X = x - p.dx;
    const Y = y - p.dy;
    const u = p.cos * X + p.sin * Y;
    const v = -p.sin * X + p.cos * Y - r.top;
    if (u < -EPS || u > p.width - 1 + EPS || v < -EPS || v > r.rows - 1 + EPS) return false;
    const vv = v + r.top;
    if (vv < -EPS || vv > p.height - 1 + EPS) return false;
    const iu = Math.max(0, Math.min(p.width - 1, Math.floor(u)));
    const iv = Math.max(0, Math.min(r.rows - 1, Math.floor(v)));
    const fu = Math.max(0, u - iu);
    const fv = Math.max(0, v - iv);
    const iu1 = Math.min(p.width - 1, iu + 1);
    const iv1 = Math.min(r.rows - 1, iv + 1);
    const row0 = iv * p.width;
    const row1 = iv1 * p.width;
    const d = r.data;
    for (let c = 0; c < C; c++) {
      const a = d[(row0 + iu) * C + c]! * (1 - fu) + d[(row0 + iu1) * C + c]! * fu;
      const b = d[(row1 + iu) * C + c]! * (1 - fu) + d[(row1 + iu1) * C + c]! * fu;
      px[c] = (a * (1 - fv) + b * fv) * r.gain + r.offset;
    }
    return true;
  };

  /** Copies pixels [x, xEnd) of row y from print n (a run of cells that show only it), stepping
   * through the part; returns where it stopped (xEnd, or the first pixel the part does not cover). */
  const copyRun = (n: number, x: number, xEnd: number, y: number, at: number): number => {
    const r = rows[n];
    if (!r) return x;
    const p = r.part;
    const d = r.data;
    const W = p.width;
    const lastU = W - 1 + EPS;
    const lastV = r.rows - 1 + EPS;
    const X = x - p.dx;
    const Y = y - p.dy;
    let u = p.cos * X + p.sin * Y;
    let v = -p.sin * X + p.cos * Y - r.top;
    const du = p.cos;
    const dv = -p.sin;
    const gain = r.gain;
    const offset = r.offset;
    for (; x < xEnd; x++, u += du, v += dv, at += C) {
      if (u < -EPS || u > lastU || v < -EPS || v > lastV) return x;
      let iu = Math.floor(u);
      let iv = Math.floor(v);
      if (iu < 0) iu = 0;
      if (iv < 0) iv = 0;
      const fu = u > iu ? u - iu : 0;
      const fv = v > iv ? v - iv : 0;
      const iu1 = iu + 1 < W ? iu + 1 : iu;
      const iv1 = iv + 1 < r.rows ? iv + 1 : iv;
      const w00 = (1 - fu) * (1 - fv), w01 = fu * (1 - fv), w10 = (1 - fu) * fv, w11 = fu * fv;
      const a00 = (iv * W + iu) * C, a01 = (iv * W + iu1) * C, a10 = (iv1 * W + iu) * C, a11 = (iv1 * W + iu1) * C;
      for (let c = 0; c < C; c++) {
        const value = Math.round((d[a00 + c]! * w00 + d[a01 + c]! * w01 + d[a10 + c]! * w10 + d[a11 + c]! * w11) * gain + offset);
        out[at + c] = value < 0 ? 0 : value > 255 ? 255 : value;
      }
    }
    return x;
  };

  const put = (at: number, values: Float64Array, scale: number) => {
    for (let c = 0; c < C; c++) {
      const v = Math.round(values[c]! * scale);
      out[at + c] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  };

  for (let y = y0; y < y1; y++) {
    const rowOut = (y - y0) * width * C;
    const pureRow = (Math.floor(y / f) - firstCell) * cw;
    const gy = (y + 0.5) / f - 0.5;
    const cy = Math.floor(gy);
    const fy = gy - cy;
    const wy = [(1 - fy) / 3, 1 / 3, 1 / 3, fy / 3];
    for (let x = 0; x < width; x++) {
      const at = rowOut + x * C;
      const cell = Math.floor(x / f);
      const k = pure[pureRow + cell]!;
      if (k === NONE) {
        out.fill(255, at, at + C);
        continue;
      }
      if (k !== MIXED) {
        // The run of cells that show this part alone, copied in one go.
        let endCell = cell + 1;
        while (endCell < cw && pure[pureRow + endCell] === k) endCell++;
        const stop = copyRun(k, x, Math.min(width, endCell * f), y, at);
        if (stop > x) {
          x = stop - 1;
          continue;
        }
      }
      // Near a cut (or an edge): the parts' shares of the 4 × 4 cells around the pixel.
      const gx = (x + 0.5) / f - 0.5;
      const cx = Math.floor(gx);
      const fx = gx - cx;
      const wx0 = (1 - fx) / 3, wx3 = fx / 3;
      wLabels.length = 0;
      wValues.length = 0;
      for (let j = 0; j < 4; j++) {
        const ly = Math.max(0, Math.min(ch - 1, cy - 1 + j));
        for (let i = 0; i < 4; i++) {
          const lx = Math.max(0, Math.min(cw - 1, cx - 1 + i));
          const l = labels[ly * cw + lx]!;
          if (l === NONE) continue;
          const w = wy[j]! * (i === 0 ? wx0 : i === 3 ? wx3 : 1 / 3);
          if (w <= 0) continue;
          const s = wLabels.indexOf(l);
          if (s < 0) {
            wLabels.push(l);
            wValues.push(w);
          } else wValues[s]! += w;
        }
      }
      acc.fill(0);
      let total = 0;
      for (let s = 0; s < wLabels.length; s++) {
        if (!sample(wLabels[s]!, x, y)) continue;
        const w = wValues[s]!;
        for (let c = 0; c < C; c++) acc[c]! += px[c]! * w;
        total += w;
      }
      if (total > 0) {
        put(at, acc, 1 / total);
        continue;
      }
      // No part the cells name covers this very pixel (the edge of a footprint): any part that does.
      let found = false;
      for (let n = 0; n < rows.length && !found; n++) found = sample(n, x, y);
      if (found) put(at, px, 1);
      else out.fill(255, at, at + C);
    }
  }
}

/** For cell rows [ly0, ly1]: each cell's label where its 5 × 5 neighbourhood agrees, else MIXED. */
function pureCells(ctx: BandContext, ly0: number, ly1: number): Uint8Array {
  const { labels, cellsWide: cw, cellsHigh: ch } = ctx;
  const rowsNeeded = ly1 - ly0 + 1;
  // Horizontal agreement for rows ly0 − 2 … ly1 + 2 (clamped at the sheet's edges).
  const across = new Uint8Array((rowsNeeded + 4) * cw);
  for (let r = 0; r < rowsNeeded + 4; r++) {
    const ly = Math.max(0, Math.min(ch - 1, ly0 - 2 + r));
    const src = ly * cw;
    for (let x = 0; x < cw; x++) {
      const l = labels[src + x]!;
      let same = true;
      for (let d = -2; d <= 2 && same; d++) same = labels[src + Math.max(0, Math.min(cw - 1, x + d))] === l;
      across[r * cw + x] = same ? l : MIXED;
    }
  }
  const pure = new Uint8Array(rowsNeeded * cw);
  for (let r = 0; r < rowsNeeded; r++) {
    for (let x = 0; x < cw; x++) {
      const l = across[(r + 2) * cw + x]!;
      let same = l !== MIXED;
      for (let d = -2; d <= 2 && same; d++) same = across[(r + 2 + d) * cw + x] === l;
      pure[r * cw + x] = same ? l : MIXED;
    }
  }
  return pure;
}
