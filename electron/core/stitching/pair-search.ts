// Which parts overlap: every pair is first screened on each part's strongest features, and only
// a pair the screen finds together gets the full match, guided by the screen's motion. Parts lie in any order on the glass, so
// every pair must be looked at, and on an A0 from an A3 glass (16 parts, 120 pairs) the full
// match of every pair was a third of the registration's time — yet most pairs share nothing.
// Should the parts not come out as one sheet, the pairs the screen passed over get the full match
// after all (`rest`): the screen saves time, it never decides that a part cannot be placed.
import { type DetectedFeatures, type PairMatch, SCREEN_LIMITS, matchPair } from './features';
import { guidedMatch } from './guided-match';
import type { OpenCv } from './opencv';
import type { Rigid } from './rigid';

export class PairSearch {
  private readonly tried = new Set<string>();

  constructor(
    private readonly cv: OpenCv,
    private readonly features: readonly DetectedFeatures[],
    /** Whether a full match is plausible at all (the pair's turn, say). */
    private readonly accept: (m: PairMatch) => boolean,
  ) {}

  /** The fully matched pairs among those the screen finds together. */
  screened(): PairMatch[] {
    const { cv, features } = this;
    const found: PairMatch[] = [];
    for (let i = 0; i < features.length; i++) {
      for (let j = i + 1; j < features.length; j++) {
        const screen = matchPair(cv, i, features[i]!.strongest, j, features[j]!.strongest, SCREEN_LIMITS);
        if (screen) this.full(i, j, found, screen.relative);
      }
    }
    return found;
  }

  /** The fully matched pairs among those not matched yet. */
  rest(): PairMatch[] {
    const found: PairMatch[] = [];
    for (let i = 0; i < this.features.length; i++) {
      for (let j = i + 1; j < this.features.length; j++) if (!this.tried.has(`${i}-${j}`)) this.full(i, j, found);
    }
    return found;
  }

  /** The full match, guided by the screen's motion when there is one (guided-match.ts); a guided
   * match that fails (the screen's motion a chance one) is tried unguided. */
  private full(i: number, j: number, into: PairMatch[], guess?: Rigid): void {
    this.tried.add(`${i}-${j}`);
    const [a, b] = [this.features[i]!, this.features[j]!];
    const guided = guess ? guidedMatch(this.cv, i, a, j, b, guess) : null;
    const m = guided && this.accept(guided) ? guided : matchPair(this.cv, i, a, j, b);
    if (m && this.accept(m)) into.push(m);
  }
}
