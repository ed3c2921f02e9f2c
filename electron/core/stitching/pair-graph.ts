// The graph of matched pairs. A sheet repeats itself (the same form lines, table headings, seals
// in several places), so some feature matches tie two parts at a wrong place: they are found as the
// pairs that disagree with a placement built from the strongest pairs (a maximum spanning tree by
// inliers), and dropped before the global adjustment.
import type { PairMatch } from './features';
import { chainPoses } from './global-adjust';
import { type Rigid, apply } from './rigid';

/** Groups of parts tied by pairs (union–find), largest first, ties by lowest part. */
export function groups(count: number, pairs: readonly { i: number; j: number }[]): number[][] {
  const parent = Array.from({ length: count }, (_, k) => k);
  const root = (k: number): number => (parent[k] === k ? k : (parent[k] = root(parent[k]!)));
  for (const p of pairs) parent[root(p.i)] = root(p.j);
  const by = new Map<number, number[]>();
  for (let k = 0; k < count; k++) by.set(root(k), [...(by.get(root(k)) ?? []), k]);
  return [...by.values()].sort((x, y) => y.length - x.length || x[0]! - y[0]!);
}

/** The strongest pairs that tie all parts (Kruskal, most inliers first). */
export function spanningPairs(count: number, pairs: readonly PairMatch[]): PairMatch[] {
  const parent = Array.from({ length: count }, (_, k) => k);
  const root = (k: number): number => (parent[k] === k ? k : (parent[k] = root(parent[k]!)));
  const tree: PairMatch[] = [];
  for (const p of [...pairs].sort((x, y) => y.inliers - x.inliers)) {
    const a = root(p.i);
    const b = root(p.j);
    if (a === b) continue;
    parent[a] = b;
    tree.push(p);
  }
  return tree;
}

/** The median distance between a pair's two sides under the given poses (full-resolution pixels). */
export function pairDisagreement(p: PairMatch, poses: readonly Rigid[]): number {
  const d = p.inI.map((u, k) => {
    const a = apply(poses[p.i]!, u);
    const b = apply(poses[p.j]!, p.inJ[k]!);
    return Math.hypot(a[0] - b[0], a[1] - b[1]);
  });
  d.sort((x, y) => x - y);
  return d[Math.floor(d.length / 2)] ?? Infinity;
}

/**
 * The pairs that agree with the placement the strongest pairs give (within `tolerancePx`), and
 * that placement. The tree's own pairs always agree; a chance match elsewhere does not.
 */
export function consistentPairs(count: number, anchor: number, pairs: readonly PairMatch[], tolerancePx: number): { pairs: PairMatch[]; start: (Rigid | null)[] } {
  const tree = spanningPairs(count, pairs);
  const start = chainPoses(count, anchor, tree);
  const kept = pairs.filter((p) => tree.includes(p) || (start[p.i] && start[p.j] && pairDisagreement(p, start as Rigid[]) < tolerancePx));
  return { pairs: kept, start };
}
