// Whether two parts show the same thing where a placement makes them overlap. Feature matches can
// tie parts at a wrong place — two sheets of the same printed form match on the form alone, a
// repeated table heading matches another — so every overlap is aligned by ECC (refine.ts) and its
// correlation judged: a true overlap of one sheet correlates at 0.95 and more whatever the
// exposure; an overlap of different content does not.
import type { OpenCv } from './opencv';
import type { PartFacts } from './part-copies';
import { type RefinedPair, overlapPoints, refinePair } from './refine';
import type { RefineCopies } from './refine-copies';
import { type Rigid, compose, invert } from './rigid';

/** ECC's correlation above which two parts show the same thing where they overlap. */
export const AGREEMENT = 0.75;

export type PairVerdict =
  /** Too small an overlap to tell (under 3% of the part), or an overlap of empty paper. */
  | { readonly kind: 'unknown'; readonly share: number }
  | { readonly kind: 'agrees'; readonly share: number; readonly refined: RefinedPair }
  | { readonly kind: 'disagrees'; readonly share: number };

export interface VerifyOptions {
  /** How far ECC may move the pair from the placement and still be believed (full-resolution pixels). */
  readonly maxCorrectionPx: number;
}

/** Aligns the overlap of parts i and j under `poses` (only poses[i] and poses[j] are read) and judges it. */
export async function verifyPair(cv: OpenCv, copies: RefineCopies, facts: readonly PartFacts[], poses: readonly Rigid[], i: number, j: number, o: VerifyOptions): Promise<PairVerdict> {
  const toJ = compose(invert(poses[j]!), poses[i]!);
  const share = overlapPoints(facts[i]!, facts[j]!, toJ).length / 41 ** 2;
  if (share < 0.03) return { kind: 'unknown', share };
  const r = await refinePair(cv, copies, facts, poses, i, j, { scale: copies.scale, maxWindowPx: 160_000 });
  if (r === 'featureless') return { kind: 'unknown', share };
  if (r && r.correlation >= AGREEMENT && r.correctionPx < o.maxCorrectionPx) return { kind: 'agrees', share, refined: r };
  // A sliver of overlap that ECC cannot align is no evidence against the pair.
  return share < 0.1 ? { kind: 'unknown', share } : { kind: 'disagrees', share };
}

/** The poses of a lone pair: part i where it is, part j where the pair's own motion puts it. */
export function pairPoses(count: number, i: number, j: number, relative: Rigid): Rigid[] {
  const poses: Rigid[] = Array.from({ length: count }, () => ({ theta: 0, tx: 0, ty: 0 }));
  poses[j] = relative;
  return poses;
}
