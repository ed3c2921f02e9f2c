// Skew by projection profiles: the ink points of the page are projected on the vertical axis
// turned by each candidate angle; text lines, table rules and paper edges make the sharpest
// profile (largest sum of squared bin counts) when the angle matches the page's own. A coarse
// search over ±15° on a thinned point set, then finer steps around the best, then a parabola
// through the last three scores for the sub-step estimate.

export interface PointSet {
  readonly xs: Float32Array;
  readonly ys: Float32Array;
  readonly count: number;
  /** ink pixels the set was thinned from, when it was */
  readonly total?: number;
}

/** Ink points of a binary mask (1 = ink), keeping one in `stride` to bound the work. */
export function maskPoints(mask: Uint8Array, width: number, height: number, maxPoints = 40_000): PointSet {
  let total = 0;
  for (let i = 0; i < mask.length; i++) total += mask[i]!;
  const stride = Math.max(1, Math.ceil(total / maxPoints));
  const n = Math.ceil(total / stride);
  const xs = new Float32Array(n), ys = new Float32Array(n);
  let k = 0, seen = 0;
  for (let y = 0; y < height; y++)
    for (let x = 0, i = y * width; x < width; x++, i++)
      if (mask[i] && seen++ % stride === 0 && k < n) { xs[k] = x; ys[k] = y; k++; }
  return { xs, ys, count: k, total };
}

/** Sharpness of the profiles of the points across lines tilted by `degrees`: across rows (text
 * lines, rules, the paper's top and bottom edges) plus across columns (table rules, margins, the
 * paper's sides). */
function profileScore(p: PointSet, degrees: number, bins: Float64Array, binSize: number, offset: number): number {
  const r = (degrees * Math.PI) / 180, s = Math.sin(r), c = Math.cos(r);
  const half = bins.length >> 1, last = half - 1;
  bins.fill(0);
  for (let i = 0; i < p.count; i++) {
    const x = p.xs[i]!, y = p.ys[i]!;
    // a line tilted by θ clockwise: y·cosθ − x·sinθ is constant along it; a tilted column: x·cosθ + y·sinθ
    const v = (y * c - x * s + offset) / binSize, u = (x * c + y * s + offset) / binSize;
    bins[v < 0 ? 0 : v > last ? last : v | 0]!++;
    bins[half + (u < 0 ? 0 : u > last ? last : u | 0)]!++;
  }
  let sum = 0;
  for (let b = 0; b < bins.length; b++) sum += bins[b]! * bins[b]!;
  return sum;
}

export interface SkewEstimate {
  /** The page's lines slope by this much, clockwise positive (so the correction is the opposite). */
  readonly degrees: number;
  /** How much sharper the best profile is than the flattest one: ~1 means no structure. */
  readonly contrast: number;
}

export function estimateSkew(p: PointSet, width: number, height: number, range = 15, binSize = 1): SkewEstimate {
  if (p.count < 50) return { degrees: 0, contrast: 1 };
  const diag = Math.hypot(width, height);
  const bins = new Float64Array(2 * (Math.ceil((2 * diag) / binSize) + 2));
  // the coarse search reads one point in eight: it only has to land within a step of the peak
  const coarse = thin(p, 8);
  let best = 0, bestScore = -1, worst = Infinity;
  for (let d = -range; d <= range + 1e-9; d += 0.5) {
    const sc = profileScore(coarse, d, bins, binSize, diag);
    if (sc > bestScore) { bestScore = sc; best = d; }
    if (sc < worst) worst = sc;
  }
  const contrast = bestScore / Math.max(1, worst);
  const score = (d: number) => profileScore(p, d, bins, binSize, diag);
  bestScore = score(best);
  for (const step of [0.1, 0.02]) {
    const centre = best;
    for (let d = centre - step * 3; d <= centre + step * 3 + 1e-9; d += step) {
      const sc = score(d);
      if (sc > bestScore) { bestScore = sc; best = d; }
    }
  }
  const left = score(best - 0.02), right = score(best + 0.02);
  const denom = left - 2 * bestScore + right;
  const refined = denom < 0 ? best + (0.02 * (left - right)) / (2 * denom) : best;
  return { degrees: refined, contrast };
}

function thin(p: PointSet, every: number): PointSet {
  const n = Math.ceil(p.count / every);
  const xs = new Float32Array(n), ys = new Float32Array(n);
  for (let i = 0, k = 0; i < p.count; i += every, k++) { xs[k] = p.xs[i]!; ys[k] = p.ys[i]!; }
  return { xs, ys, count: n };
}
