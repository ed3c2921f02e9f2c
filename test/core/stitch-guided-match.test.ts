// The guided full match (guided-match.ts) against OpenCV's brute-force one, on real overlapping
// parts of a generated A3 sheet: given the motion the brute-force match found, it finds the same
// motion from as many correspondences; given a motion that puts the part elsewhere (a chance match
// of the screen), it finds none — and the pair search then falls back on the brute-force match.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type DetectedFeatures, detect, matchPair, releaseFeatures } from '../../electron/core/stitching/features';
import { guidedMatch } from '../../electron/core/stitching/guided-match';
import { openCv } from '../../electron/core/stitching/opencv';
import { greyCopy, partFacts } from '../../electron/core/stitching/part-copies';
import { apply, distance } from '../../electron/core/stitching/rigid';
import { SHEETS } from '../fixtures/large-sheet';
import { cutSheet } from '../fixtures/large-sheet-parts';

const dir = mkdtempSync(join(tmpdir(), 'sohoa-guided-match-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the guided full match of a screened pair', () => {
  it('finds the brute-force match’s motion from its guess, and nothing from a wrong guess', { timeout: 120_000 }, async () => {
    const cut = await cutSheet({ sheet: SHEETS.a3, seed: 11, dpi: 100, glass: 'a4', dir });
    const cv = await openCv();
    const features: DetectedFeatures[] = [];
    try {
      for (const part of cut.parts) features.push(detect(cv, await greyCopy(part, await partFacts(part), 0.6), 1500));
      let compared = 0;
      for (let i = 0; i < features.length; i++) {
        for (let j = i + 1; j < features.length; j++) {
          const brute = matchPair(cv, i, features[i]!, j, features[j]!);
          if (!brute) continue;
          compared++;
          const guided = guidedMatch(cv, i, features[i]!, j, features[j]!, brute.relative);
          expect(guided, `pair ${i + 1}–${j + 1}`).not.toBeNull();
          expect(guided!.inliers).toBeGreaterThanOrEqual(brute.inliers * 0.8);
          // The same motion: a corner of part j lands within one pixel of the 60 dpi copy the corners
          // were found on (1.67 px of the part) of where the brute force puts it — the features'
          // own precision; ECC then refines the pair far below it.
          for (const corner of [[0, 0], [cut.parts[j]!.widthPx, cut.parts[j]!.heightPx]] as const) {
            expect(distance(apply(guided!.relative, corner), apply(brute.relative, corner))).toBeLessThan(1 / 0.6);
          }
          const elsewhere = { ...brute.relative, tx: brute.relative.tx + 200, ty: brute.relative.ty - 150 };
          expect(guidedMatch(cv, i, features[i]!, j, features[j]!, elsewhere)).toBeNull();
        }
      }
      expect(compared).toBeGreaterThanOrEqual(3);
    } finally {
      for (const f of features) releaseFeatures(f);
    }
  });
});
