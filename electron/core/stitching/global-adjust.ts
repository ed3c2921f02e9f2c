// ONE least-squares adjustment of all parts at once. Every correspondence says that a point seen in
// part i and in part j is one point of the sheet: R(θi)·u + ti = R(θj)·v + tj. Solving for every
// part's (θ, t) together spreads the small errors of each pair over the whole sheet, instead of
// chaining pair after pair and letting them add up across it. Gauss–Newton on the exact rigid
// model, with Huber weights so that a stray correspondence cannot pull a part; the first part of
// the group is held still (the solution is otherwise free to turn and slide as a whole).
import { type Point, type Rigid, apply, compose, invert } from './rigid';

export interface Correspondences {
  readonly i: number;
  readonly j: number;
  readonly inI: readonly Point[];
  readonly inJ: readonly Point[];
  /** How much one correspondence of this pair counts (e.g. more for a refined pair). */
  readonly weight: number;
}

export interface AdjustResult {
  /** Every part's motion onto the common frame (the anchor's pixels). */
  readonly poses: Rigid[];
  /** Per pair: RMS and largest distance between the two sides of its correspondences after adjusting. */
  readonly residuals: { readonly i: number; readonly j: number; readonly rmsPx: number; readonly maxPx: number }[];
}

/** First placement through a spanning tree of the pairs (breadth first from the anchor). */
export function chainPoses(count: number, anchor: number, pairs: readonly { i: number; j: number; relative: Rigid }[]): (Rigid | null)[] {
  const poses: (Rigid | null)[] = Array.from({ length: count }, () => null);
  poses[anchor] = { theta: 0, tx: 0, ty: 0 };
  const queue = [anchor];
  while (queue.length > 0) {
    const k = queue.shift()!;
    for (const p of pairs) {
      // relative carries j's pixels into i's: pose_j = pose_i ∘ relative.
      if (p.i === k && !poses[p.j]) {
        poses[p.j] = compose(poses[k]!, p.relative);
        queue.push(p.j);
      } else if (p.j === k && !poses[p.i]) {
        poses[p.i] = compose(poses[k]!, invert(p.relative));
        queue.push(p.i);
      }
    }
  }
  return poses;
}

/** Solves the symmetric positive definite system A·x = b in place (Cholesky). */
function solve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let k = 0; k < n; k++) {
    let d = a[k * n + k]!;
    for (let m = 0; m < k; m++) d -= a[k * n + m]! ** 2;
    if (d <= 1e-12) throw new Error('global adjustment: the parts are not tied together');
    const l = Math.sqrt(d);
    a[k * n + k] = l;
    for (let r = k + 1; r < n; r++) {
      let s = a[r * n + k]!;
      for (let m = 0; m < k; m++) s -= a[r * n + m]! * a[k * n + m]!;
      a[r * n + k] = s / l;
    }
  }
  const y = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let s = b[r]!;
    for (let m = 0; m < r; m++) s -= a[r * n + m]! * y[m]!;
    y[r] = s / a[r * n + r]!;
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = y[r]!;
    for (let m = r + 1; m < n; m++) s -= a[m * n + r]! * x[m]!;
    x[r] = s / a[r * n + r]!;
  }
  return x;
}

/**
 * Adjusts the poses of parts `members` (the others are left as they are) so that all the
 * correspondences agree as well as they can. `start` holds a first placement for every member.
 */
export function adjust(start: readonly Rigid[], members: readonly number[], anchor: number, data: readonly Correspondences[], huberPx = 1.5, iterations = 12): AdjustResult {
  const poses = start.map((p) => ({ ...p }));
  const free = members.filter((m) => m !== anchor);
  const slot = new Map(free.map((m, k) => [m, k * 3]));
  const n = free.length * 3;
  const used = data.filter((d) => members.includes(d.i) && members.includes(d.j));
  for (let iteration = 0; iteration < iterations && n > 0; iteration++) {
    const ata = new Float64Array(n * n);
    const atb = new Float64Array(n);
    for (const d of used) {
      const pi = poses[d.i]!;
      const pj = poses[d.j]!;
      const si = slot.get(d.i);
      const sj = slot.get(d.j);
      const ci = Math.cos(pi.theta);
      const sni = Math.sin(pi.theta);
      const cj = Math.cos(pj.theta);
      const snj = Math.sin(pj.theta);
      for (let k = 0; k < d.inI.length; k++) {
        const [u, v] = d.inI[k]!;
        const [p, q] = d.inJ[k]!;
        const rx = ci * u - sni * v + pi.tx - (cj * p - snj * q + pj.tx);
        const ry = sni * u + ci * v + pi.ty - (snj * p + cj * q + pj.ty);
        const norm = Math.hypot(rx, ry);
        const w = d.weight * (norm <= huberPx ? 1 : huberPx / norm);
        // Jacobian rows of (rx, ry) over [θi, txi, tyi, θj, txj, tyj].
        const jx = [-sni * u - ci * v, 1, 0, snj * p + cj * q, -1, 0];
        const jy = [ci * u - sni * v, 0, 1, -(cj * p - snj * q), 0, -1];
        const cols: number[] = [];
        const idx: number[] = [];
        for (let c = 0; c < 3; c++) {
          if (si !== undefined) {
            cols.push(c);
            idx.push(si + c);
          }
        }
        for (let c = 0; c < 3; c++) {
          if (sj !== undefined) {
            cols.push(3 + c);
            idx.push(sj + c);
          }
        }
        for (let a = 0; a < cols.length; a++) {
          const ja = cols[a]!;
          atb[idx[a]!]! -= w * (jx[ja]! * rx + jy[ja]! * ry);
          for (let b = 0; b < cols.length; b++) {
            const jb = cols[b]!;
            ata[idx[a]! * n + idx[b]!]! += w * (jx[ja]! * jx[jb]! + jy[ja]! * jy[jb]!);
          }
        }
      }
    }
    const step = solve(ata, atb, n);
    let largest = 0;
    for (const m of free) {
      const s = slot.get(m)!;
      const p = poses[m]!;
      poses[m] = { theta: p.theta + step[s]!, tx: p.tx + step[s + 1]!, ty: p.ty + step[s + 2]! };
      largest = Math.max(largest, Math.abs(step[s]!) * 2000, Math.abs(step[s + 1]!), Math.abs(step[s + 2]!));
    }
    if (largest < 1e-4) break;
  }
  const residuals = used.map((d) => {
    let sq = 0;
    let max = 0;
    for (let k = 0; k < d.inI.length; k++) {
      const a = apply(poses[d.i]!, d.inI[k]!);
      const b = apply(poses[d.j]!, d.inJ[k]!);
      const e = Math.hypot(a[0] - b[0], a[1] - b[1]);
      sq += e * e;
      max = Math.max(max, e);
    }
    return { i: d.i, j: d.j, rmsPx: Math.sqrt(sq / Math.max(1, d.inI.length)), maxPx: max };
  });
  return { poses, residuals };
}
