// Exposure matched across parts: each part scanned alone gets its own lamp, lid and auto-exposure,
// so the same paper reads 238 in one part and 224 in the next. In every overlap the two parts see
// the same paper and the same ink: the paper-white and ink levels (medians, so that noise and a
// little misregistration do not move them) of each side give equations g_i·L_i + o_i = g_j·L_j + o_j,
// and all parts are solved together — with the mean gain held at 1 and the mean offset at 0 — so
// that no chain of pairwise corrections drifts across the sheet. The offset is only solved for when
// every part has ink in some overlap (two levels fix two unknowns); otherwise gains alone.
import type { Overview } from './overview';

export interface PartExposure {
  readonly index: number;
  /** Corrected value = gain · value + offset (0–255 scale). */
  readonly gain: number;
  readonly offset: number;
}

/** Paper and ink levels of the two parts over the same cells of one overlap. */
export interface OverlapLevels {
  readonly a: number;
  readonly b: number;
  readonly cells: number;
  readonly paper: readonly [number, number];
  readonly ink: readonly [number, number] | null;
}

/** Fewer shared cells than this (at ≈ 75 dpi, about 6 × 6 mm) say too little. */
const MIN_OVERLAP_CELLS = 400;
/** Ink needs this many cells, and this contrast against the paper, to be a level of its own. */
const MIN_INK_CELLS = 40;
const MIN_INK_CONTRAST = 40;

export function overlapLevels(ov: Overview): OverlapLevels[] {
  const out: OverlapLevels[] = [];
  const prints = ov.prints;
  // Integer levels: medians and Otsu's threshold come from histograms, in two passes over each overlap.
  const sums = new Float64Array(511);
  const hist = Array.from({ length: 4 }, () => new Float64Array(256)); // paper a, paper b, ink a, ink b
  for (let a = 0; a < prints.length; a++) {
    for (let b = a + 1; b < prints.length; b++) {
      const pa = prints[a]!;
      const pb = prints[b]!;
      const x0 = Math.max(pa.x0, pb.x0);
      const x1 = Math.min(pa.x0 + pa.w, pb.x0 + pb.w);
      const y0 = Math.max(pa.y0, pb.y0);
      const y1 = Math.min(pa.y0 + pa.h, pb.y0 + pb.h);
      if (x1 <= x0 || y1 <= y0) continue;
      const visit = (each: (va: number, vb: number) => void) => {
        for (let y = y0; y < y1; y++) {
          let ka = (y - pa.y0) * pa.w + (x0 - pa.x0);
          let kb = (y - pb.y0) * pb.w + (x0 - pb.x0);
          for (let x = x0; x < x1; x++, ka++, kb++) if (pa.inside[ka] && pb.inside[kb]) each(pa.value[ka]!, pb.value[kb]!);
        }
      };
      sums.fill(0);
      let cells = 0;
      visit((va, vb) => {
        sums[va + vb]!++;
        cells++;
      });
      if (cells < MIN_OVERLAP_CELLS) continue;
      const t = otsu(sums);
      for (const h of hist) h.fill(0);
      visit((va, vb) => {
        const ink = va + vb <= t ? 2 : 0;
        hist[ink]![va]!++;
        hist[ink + 1]![vb]!++;
      });
      const count = (h: Float64Array) => h.reduce((x, y) => x + y, 0);
      if (count(hist[0]!) < MIN_OVERLAP_CELLS / 2) continue;
      const paper: [number, number] = [histMedian(hist[0]!), histMedian(hist[1]!)];
      let ink: [number, number] | null = count(hist[2]!) >= MIN_INK_CELLS ? [histMedian(hist[2]!), histMedian(hist[3]!)] : null;
      if (ink && (paper[0] - ink[0] < MIN_INK_CONTRAST || paper[1] - ink[1] < MIN_INK_CONTRAST)) ink = null;
      out.push({ a: pa.part.index, b: pb.part.index, cells, paper, ink });
    }
  }
  return out;
}

/** Solves every part's gain (and offset) from the overlaps' levels, jointly. */
export function solveExposure(indices: readonly number[], levels: readonly OverlapLevels[]): PartExposure[] {
  const n = indices.length;
  const at = new Map(indices.map((index, i) => [index, i]));
  const withInk = new Set(levels.filter((l) => l.ink).flatMap((l) => [l.a, l.b]));
  const offsets = n > 1 && indices.every((i) => withInk.has(i));
  const unknowns = offsets ? 2 * n : n;
  const rows: { coef: Map<number, number>; rhs: number; weight: number }[] = [];
  // Levels on a 0–1 scale (offsets then also), so that gains and offsets weigh alike.
  for (const l of levels) {
    const i = at.get(l.a)!;
    const j = at.get(l.b)!;
    const pairs = [l.paper, ...(l.ink ? [l.ink] : [])];
    for (const [la, lb] of pairs) {
      const coef = new Map<number, number>([
        [i, la / 255],
        [j, -lb / 255],
      ]);
      if (offsets) {
        coef.set(n + i, 1);
        coef.set(n + j, -1);
      }
      rows.push({ coef, rhs: 0, weight: 1 });
    }
  }
  // The gauge: mean gain 1 (and mean offset 0), held firmly; a faint pull towards no correction for
  // a part that shares no usable overlap.
  rows.push({ coef: new Map(indices.map((_, i) => [i, 1 / n])), rhs: 1, weight: 10 });
  if (offsets) rows.push({ coef: new Map(indices.map((_, i) => [n + i, 1 / n])), rhs: 0, weight: 10 });
  for (let k = 0; k < unknowns; k++) rows.push({ coef: new Map([[k, 1]]), rhs: k < n ? 1 : 0, weight: 1e-3 });
  const z = leastSquares(unknowns, rows);
  return indices.map((index, i) => ({ index, gain: z[i]!, offset: offsets ? z[n + i]! * 255 : 0 }));
}

/** min Σ (w·(a·z − b))² through the normal equations (a few dozen unknowns at most). */
function leastSquares(n: number, rows: readonly { coef: Map<number, number>; rhs: number; weight: number }[]): number[] {
  const m = Array.from({ length: n }, () => new Float64Array(n + 1));
  for (const r of rows) {
    const w2 = r.weight * r.weight;
    for (const [i, ai] of r.coef) {
      for (const [j, aj] of r.coef) m[i]![j]! += w2 * ai * aj;
      m[i]![n]! += w2 * ai * r.rhs;
    }
  }
  // Gaussian elimination with partial pivoting.
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    const pivot = m[c]![c]!;
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / pivot;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const z = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= m[r]![k]! * z[k]!;
    z[r] = s / m[r]![r]!;
  }
  return z;
}

/** The 256-entry table of a part's correction. */
export function exposureTable(e: PartExposure): Uint8Array {
  const t = new Uint8Array(256);
  for (let v = 0; v < 256; v++) t[v] = Math.max(0, Math.min(255, Math.round(e.gain * v + e.offset)));
  return t;
}

/** The median of values counted in a histogram. */
export function histMedian(h: Float64Array): number {
  const total = h.reduce((x, y) => x + y, 0);
  let seen = 0;
  for (let v = 0; v < h.length; v++) {
    seen += h[v]!;
    if (seen >= total / 2) return v;
  }
  return h.length - 1;
}

/** Otsu's threshold of a histogram: the last bin of the darker class. */
export function otsu(hist: Float64Array): number {
  let total = 0;
  let sum = 0;
  for (let i = 0; i < hist.length; i++) {
    total += hist[i]!;
    sum += i * hist[i]!;
  }
  let sumB = 0, wB = 0, best = 0, threshold = hist.length >> 1;
  for (let t = 0; t < hist.length; t++) {
    wB += hist[t]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t]!;
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}
