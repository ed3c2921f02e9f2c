// The full match of a pair the screen has found together (pair-search.ts), guided by the screen's
// motion: each of part j's corners is compared only with part i's corners near where that motion
// puts it, rather than with all of them — OpenCV's brute-force matcher compares 1500 × 1500
// descriptors a pair, ~60 ms in WebAssembly; here a corner meets a handful. The screen's motion
// rests on a few hundred corners and may be off by a few pixels of the reduced copy: the radius
// allows for that. Near a corner's predicted place there is no repeated text to be confused with,
// so the ratio test compares the best with the second best there. What comes out goes through the
// same RANSAC and rigid refit as an unguided match (fitMotion).
import { type Candidate, type MatchLimits, type PairMatch, type PartFeatures, RATIO, fitMotion } from './features';
import type { OpenCv } from './opencv';
import { type Point, type Rigid, apply } from './rigid';

/** How far from where the screen's motion puts a corner its match may lie, in copy pixels. */
const RADIUS_COPY_PX = 8;
/** Bits (of ORB's 256) beyond which two corners are not the same, however alone the match is. */
const MAX_BITS = 80;

export function guidedMatch(cv: OpenCv, i: number, a: PartFeatures, j: number, b: PartFeatures, guess: Rigid, limits?: MatchLimits): PairMatch | null {
  const radius = RADIUS_COPY_PX / a.scale;
  const grid = new PointGrid(a.points, radius);
  const wa = descriptorWords(a);
  const wb = descriptorWords(b);
  const words = a.descriptors.cols / 4;
  const candidates: Candidate[] = [];
  for (let q = 0; q < b.points.length; q++) {
    let best = Infinity;
    let second = Infinity;
    let found = -1;
    grid.near(apply(guess, b.points[q]!), radius, (p) => {
      const d = hamming(wa, p * words, wb, q * words, words);
      if (d < best) {
        second = best;
        best = d;
        found = p;
      } else if (d < second) second = d;
    });
    if (found >= 0 && best <= MAX_BITS && best < RATIO * second) candidates.push({ inJ: b.points[q]!, inI: a.points[found]! });
  }
  return fitMotion(cv, i, j, candidates, a.scale, limits);
}

/** The descriptors as 32-bit words, copied out of OpenCV's heap once a part. */
const wordsOf = new WeakMap<PartFeatures, Uint32Array>();
function descriptorWords(f: PartFeatures): Uint32Array {
  let w = wordsOf.get(f);
  if (!w) {
    w = new Uint32Array(Uint8Array.from(f.descriptors.data.subarray(0, f.descriptors.rows * f.descriptors.cols)).buffer);
    wordsOf.set(f, w);
  }
  return w;
}

function hamming(a: Uint32Array, at: number, b: Uint32Array, bt: number, words: number): number {
  let bits = 0;
  for (let k = 0; k < words; k++) {
    let v = (a[at + k]! ^ b[bt + k]!) >>> 0;
    v -= (v >>> 1) & 0x55555555;
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    bits += Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
  }
  return bits;
}

/** Points bucketed in square cells of `cell` pixels, for "which lie within r of here". */
class PointGrid {
  private readonly cells = new Map<number, number[]>();

  constructor(
    private readonly points: readonly Point[],
    private readonly cell: number,
  ) {
    points.forEach((p, n) => {
      const key = this.key(Math.floor(p[0] / cell), Math.floor(p[1] / cell));
      const list = this.cells.get(key);
      if (list) list.push(n);
      else this.cells.set(key, [n]);
    });
  }

  /** Calls `visit` with every point within `r` (≤ the cell size) of `at`. */
  near(at: Point, r: number, visit: (n: number) => void): void {
    const cx = Math.floor(at[0] / this.cell);
    const cy = Math.floor(at[1] / this.cell);
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        for (const n of this.cells.get(this.key(cx + dx, cy + dy)) ?? []) {
          const p = this.points[n]!;
          if ((p[0] - at[0]) ** 2 + (p[1] - at[1]) ** 2 <= r * r) visit(n);
        }
      }
    }
  }

  // Cells far outside a part (a motion may put a corner there) still get distinct keys.
  private key(x: number, y: number): number {
    return (x + 32768) * 65536 + (y + 32768);
  }
}
