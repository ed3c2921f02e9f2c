// The page analysis on a small generated ground-truth set (prose, forms, ID cards on a dark glass and a white lid, an A5 sheet
// on the glass, dark borders, blank pages with noise, punch holes and bleed-through, near-blank
// pages that must be kept (a line, a signature, a red seal alone, a faint pencil note), turned pages,
// a spread), scanned through the SANE pnm backend at 200 dpi: accuracy thresholds from issue 4, and
// the geometry applied with sharp exactly as documented.
import sharp from 'sharp';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analysePage, mapPoint, straightenedSize, unmapPoint, type PageAnalysis } from '../../electron/core/imaging/analysis';
import { blankThreshold } from '../../electron/core/imaging/analysis/blank';
import { StationError } from '../../electron/core/errors';
import type { GroundTruth } from '../fixtures/imaging/cases';
import { groundTruthSet } from '../fixtures/imaging/generate';
import { score, type Answer, type Scores } from '../bench/imaging/score';
import { optionsFor, stationAnswer } from '../bench/imaging/station';
import { tempDir } from '../helpers/paths';

let set: GroundTruth[];
const answers: Answer[] = [];
const analyses: PageAnalysis[] = [];
let scores: Scores;

beforeAll(async () => {
  set = await groundTruthSet(200, 'small');
  for (const truth of set) {
    const { answer, analysis } = await stationAnswer(truth);
    answers.push(answer);
    analyses.push(analysis);
  }
  scores = score(set, answers);
}, 300_000);

describe('page analysis on the generated ground truth', () => {
  it('covers every kind of page the issue names', () => {
    expect(new Set(set.map((t) => t.spec.kind))).toEqual(new Set(['text', 'form', 'card', 'a5', 'borders', 'blank', 'near-blank', 'orientation', 'spread']));
  });

  it('deskews text pages, forms and ID cards within ±15° to 0.1°', () => {
    expect(scores.deskew.pages).toBeGreaterThanOrEqual(12);
    expect(scores.deskew.maxError).toBeLessThanOrEqual(0.1);
    expect(scores.deskew.meanError).toBeLessThanOrEqual(0.05);
  });

  it('finds an ID card on a dark glass and on a white lid, an A5 sheet on the glass, and the page inside dark borders', () => {
    expect(scores.cropIoU!.pages).toBe(5);
    expect(scores.cropIoU!.min).toBeGreaterThanOrEqual(0.97);
  });

  it('calls blank pages blank despite noise, punch holes and bleed-through, and nothing else', () => {
    expect(scores.blank).toMatchObject({ precision: 1, recall: 1, truePositives: 4 });
  });

  it('keeps a back that carries only a red seal, a faint pencil note or a bare page number, and drops one with strong bleed-through', () => {
    const page = (pick: (t: GroundTruth) => boolean) => {
      const i = set.findIndex(pick);
      expect(i).toBeGreaterThanOrEqual(0);
      return analyses[i]!;
    };
    const seal = page((t) => t.spec.content === 'seal'), pencil = page((t) => t.spec.content === 'pencil');
    const showThrough = page((t) => t.spec.kind === 'blank' && t.spec.noise?.bleed === 'strong');
    const folio = page((t) => t.spec.content === 'folio');
    expect([seal.blank, seal.hasColour, pencil.blank, folio.blank, showThrough.blank]).toEqual([false, true, false, false, true]);
    // the sensitivity stays a sensitivity: the highest setting lets the faint note go, a low one still drops the show-through
    expect(pencil.inkFraction).toBeLessThan(seal.inkFraction);
    expect(pencil.inkFraction).toBeGreaterThan(blankThreshold(0.5) * 3);
    expect(pencil.inkFraction).toBeLessThan(blankThreshold(1));
    expect(showThrough.inkFraction).toBeLessThan(blankThreshold(0.2));
  });

  it('neither tilts nor turns a blank or nearly blank page for its dust, holes or lone marks', () => {
    const quiet = set.map((t, i) => ({ t, a: analyses[i]! })).filter(({ t }) => t.spec.kind === 'blank' || t.spec.kind === 'near-blank');
    expect(quiet.length).toBeGreaterThanOrEqual(5);
    for (const { a } of quiet) expect([a.deskewDegrees, a.rotateQuarterTurns]).toEqual([0, 0]);
  });

  it('turns upside-down and sideways pages upright', () => {
    expect(scores.orientation!.pages).toBeGreaterThanOrEqual(8);
    expect(scores.orientation!.accuracy).toBe(1);
  });

  it('splits a spread at its gutter', () => {
    expect(scores.gutter).toMatchObject({ found: 1, pages: 1 });
    expect(scores.gutter!.maxErrorMm).toBeLessThanOrEqual(2);
    // single pages are never split
    set.forEach((t, i) => t.spec.kind !== 'spread' && expect(answers[i]!.gutterX).toBeNull());
  });

  it('sees colour where there is a seal, a card or an ink signature, and only there', () => {
    expect(scores.colour!.accuracy).toBe(1);
    expect(set.filter((t) => t.hasColour).length).toBeGreaterThanOrEqual(3);
  });

  it('gives geometry that sharp applies as documented: quarter turns, deskew, crop → the card at true size, no glass left', async () => {
    const i = set.findIndex((t) => t.spec.kind === 'card');
    const a = analyses[i]!, truth = set[i]!;
    const straightened = await sharp(truth.file).rotate(90 * a.rotateQuarterTurns + a.deskewDegrees, { background: '#ffffff' }).png().toBuffer();
    const card = await sharp(straightened).extract(a.crop!).greyscale().raw().toBuffer({ resolveWithObject: true });
    const mm = (px: number) => (px / truth.dpi) * 25.4;
    expect(mm(card.info.width)).toBeCloseTo(85.6, 0);
    expect(mm(card.info.height)).toBeCloseTo(53.98, 0);
    // the glass is dark; a few px inside the crop's edges (clear of the rounded corners) only the light card remains
    const { data, info } = card;
    let darkest = 255;
    const m = Math.round(info.height * 0.15);
    for (let y = m; y < info.height - m; y++) for (const x of [2, info.width - 3]) darkest = Math.min(darkest, data[y * info.width + x]!);
    expect(darkest).toBeGreaterThan(150);
  });

  // The `auto` preset looks for a sheet on a light lid; a page that fills the glass is white at its
  // edges like a lid, and its seal, signature, text or form must not be taken for the sheet.
  it('keeps a page that fills the glass whole when the auto preset looks for the paper on it', async () => {
    const filling = set.filter((t) => ['text', 'form', 'blank', 'near-blank', 'orientation'].includes(t.spec.kind));
    expect(filling.length).toBeGreaterThanOrEqual(15);
    for (const truth of filling) {
      const withoutSearch = analyses[set.indexOf(truth)]!;
      const auto = await analysePage(truth.file, { ...optionsFor(truth), findPaper: true });
      expect({ name: truth.spec.name, crop: auto.crop }).toEqual({ name: truth.spec.name, crop: withoutSearch.crop });
    }
  });

  it('turns a sideways page with one sharp rotate into the canvas straightenedSize gives', async () => {
    const i = set.findIndex((t) => t.spec.kind === 'orientation' && t.quarterTurns % 2 === 1);
    const a = analyses[i]!, truth = set[i]!;
    const { info } = await sharp(truth.file).rotate(90 * a.rotateQuarterTurns + a.deskewDegrees, { background: '#ffffff' }).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual(Object.values(straightenedSize(truth.width, truth.height, a)));
    expect(info.height).toBeGreaterThan(info.width); // upright A4: portrait
  });

  it('maps points through the turns, deskew and crop and back', () => {
    const a = { rotateQuarterTurns: 3 as const, deskewDegrees: -7.25, crop: { left: 40, top: 25, width: 900, height: 700 } };
    for (const [x, y] of [[0, 0], [1000, 20], [333.5, 1200.25]]) {
      const p = mapPoint(x!, y!, 1100, 1500, a);
      const back = unmapPoint(p.x, p.y, 1100, 1500, a);
      expect(back.x).toBeCloseTo(x!, 6);
      expect(back.y).toBeCloseTo(y!, 6);
    }
  });

  // The archive's examiner asks for the measures only (measureOnly): the analysis then skips the
  // crop box, the paper's outline, the ink's points and the colour count; what it does measure must
  // not change by a hair.
  it('measures blank and ink identically when asked for the measures only', async () => {
    for (const truth of set) {
      const options = { dpi: truth.dpi, orientation: false, deskew: false, findPaper: false, trimBorders: true, blankSensitivity: 0.5, splitSpread: false };
      const [whole, measures] = await Promise.all([analysePage(truth.file, options), analysePage(truth.file, { ...options, measureOnly: true })]);
      expect({ name: truth.spec.name, blank: measures.blank, inkFraction: measures.inkFraction }).toEqual({ name: truth.spec.name, blank: whole.blank, inkFraction: whole.inkFraction });
      expect(measures.crop).toBeNull();
    }
  });

  it('refuses an empty or corrupt file with a coded error', async () => {
    const tmp = tempDir('analysis-bad');
    try {
      const empty = join(tmp.path, 'empty.tif');
      writeFileSync(empty, '');
      const truncated = join(tmp.path, 'truncated.tif');
      const whole = await sharp({ create: { width: 400, height: 400, channels: 3, background: '#fff' } }).tiff().toBuffer();
      writeFileSync(truncated, whole.subarray(0, 300));
      for (const file of [empty, truncated]) {
        const failure = await analysePage(file, optionsFor(set[0]!)).catch((e: unknown) => e);
        expect(failure).toBeInstanceOf(StationError);
        expect((failure as StationError).code).toBe('import-unreadable');
      }
    } finally {
      tmp.cleanup();
    }
  });
});
