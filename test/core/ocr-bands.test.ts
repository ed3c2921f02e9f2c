// Large pages are recognised in overlapping bands (memory bounded by the band, not the page): the
// banded text must be the text of a whole-page run, every line once, and every word's box where the
// whole-page run puts it — in the words themselves and in the record's text layer (pdftotext -bbox).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BAND_LIMITS, planBands, recognisePage } from '../../electron/core/ocr/bands';
import type { OcrResult } from '../../electron/core/ocr/engine';
import { bandLimitsFor } from '../../electron/core/ocr/ocr-queue';
import { PortableOcrEngine } from '../../electron/core/ocr/tesseract-wasm';
import type { Word } from '../../electron/core/pdf/text-layer';
import { VIETNAMESE_LINES } from '../fixtures/vietnamese-pages';
import { REPO, tempDir } from '../helpers/paths';
import { pdftotext } from '../helpers/pdf-tools';
import { openTestStation } from '../helpers/station';

const tmp = tempDir('ocr-bands');
const DPI = 200;
// The station's default engine (tesseract in WebAssembly), as the station below uses it.
const engine = new PortableOcrEngine({ assetsDir: join(REPO, 'assets') });
afterAll(async () => {
  await engine.close();
  tmp.cleanup();
});

/** A white page with Vietnamese lines at 12 pt starting at each given top (px), 1.5 spacing. */
async function page(file: string, width: number, height: number, blocks: { top: number; lines: readonly string[] }[]): Promise<string[]> {
  const px = (pt: number) => (pt * DPI) / 72;
  const all: string[] = [];
  const text = blocks
    .flatMap((b) => b.lines.map((l, i) => ({ l, y: b.top + px(12) + i * px(18) })))
    .map(({ l, y }) => {
      all.push(l);
      return `<text x="${px(60)}" y="${y}" font-family="Liberation Serif" font-size="${px(12)}" fill="#111">${l.replace(/&/g, '&amp;')}</text>`;
    })
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/>${text}</svg>`;
  await sharp(Buffer.from(svg), { density: 72 }).withMetadata({ density: DPI }).png().toFile(file);
  return all;
}

const unlimited = <T>(_pixels: number, work: () => Promise<T>) => work();

/** Every word of `a` has a word of the same text in `b` at the same place (within `px`). */
function expectSamePlaces(a: readonly Word[], b: readonly Word[], px: number): void {
  const free = [...b];
  for (const w of a) {
    const i = free.findIndex((o) => o.text === w.text && Math.abs(o.x - w.x) <= px && Math.abs(o.y - w.y) <= px && Math.abs(o.x + o.w - (w.x + w.w)) <= px && Math.abs(o.y + o.h - (w.y + w.h)) <= px);
    expect(i, `"${w.text}" at ${w.x},${w.y} ${w.w}×${w.h}: no such word in the whole-page run`).toBeGreaterThanOrEqual(0);
    free.splice(i, 1);
  }
  expect(free.map((w) => w.text)).toEqual([]);
}

describe('bands', () => {
  it('cover the page: owned rows meet end to end, each widened by the overlap', () => {
    for (const [height, rows, overlap] of [[14043, 1208, 180], [2339, 400, 120], [100, 400, 120], [1000, 333, 50]] as const) {
      const bands = planBands(height, rows, overlap);
      expect(bands[0]!.ownTop).toBe(0);
      expect(bands.at(-1)!.ownBottom).toBe(height);
      bands.forEach((b, i) => {
        if (i > 0) expect(b.ownTop).toBe(bands[i - 1]!.ownBottom);
        expect(b.top).toBe(Math.max(0, b.ownTop - overlap));
        expect(b.top + b.height).toBe(Math.min(height, b.ownBottom + overlap));
        expect(b.ownBottom - b.ownTop).toBeLessThanOrEqual(rows);
      });
    }
  });

  describe('on an A4 page cut through its lines', () => {
    let file: string;
    let whole: OcrResult;
    beforeAll(async () => {
      file = join(tmp.path, 'a4.png');
      // Lines from the top margin down to past the middle: band edges every 400 rows cut through them.
      await page(file, 1654, 2339, [{ top: 150, lines: [...VIETNAMESE_LINES, ...VIETNAMESE_LINES.slice(0, 8)] }]);
      whole = await engine.recognise(file, { dpi: DPI });
    }, 120_000);

    it('gives the whole-page text, each line once, with every word where the whole-page run puts it', { timeout: 240_000 }, async () => {
      const banded = await recognisePage(file, { engine, options: { dpi: DPI }, workDir: tmp.path, slot: unlimited, limits: { wholePagePixels: 1e6, bandPixels: 1654 * 400, overlapInches: 0.6 } });
      expect(banded.text).toBe(whole.text);
      expect(banded.words.length).toBe(whole.words.length);
      expectSamePlaces(banded.words, whole.words, 2);
      // Lines stay lines: the words of one line share a line number and a line box.
      const lineOf = new Map<number, string[]>();
      for (const w of banded.words) lineOf.set(w.line!, [...(lineOf.get(w.line!) ?? []), w.text]);
      expect([...lineOf.values()].map((l) => l.join(' ')).join('\n')).toBe(banded.text);
    });

    it('runs each band through the slot with its own pixels, and crops nothing for a small page', async () => {
      const asked: number[] = [];
      const counting = <T>(pixels: number, work: () => Promise<T>) => (asked.push(pixels), work());
      const fake = { recognise: async (path: string) => ({ text: path, words: [], confidence: 0 }) };
      await recognisePage(file, { engine: fake, options: { dpi: DPI }, workDir: tmp.path, slot: counting, limits: { wholePagePixels: 1e6, bandPixels: 1654 * 400, overlapInches: 0.6 } });
      // 400 rows asked, but a band owns at least four overlaps (4 × 120): 480.
      const bands = planBands(2339, 480, 120);
      expect(asked).toEqual(bands.map((b) => 1654 * b.height));
      asked.length = 0;
      const whole = await recognisePage(file, { engine: fake, options: { dpi: DPI }, workDir: tmp.path, slot: counting });
      expect(asked).toEqual([1654 * 2339]);
      expect(whole.text).toBe(file);
    });
  });

  it('the station bands a page too large to recognise whole, and its record’s text layer puts each word where it is', { timeout: 600_000 }, async () => {
    // A1 at 200 dpi (31 Mpx, over the 20 Mpx recognised whole), cut into the bands the station
    // cuts for its engine, with text across the first two edges.
    const file = join(tmp.path, 'a1.png');
    const [width, height] = [4677, 6622];
    const limits = bandLimitsFor(engine);
    const overlap = Math.ceil(limits.overlapInches * DPI);
    const plan = planBands(height, Math.max(4 * overlap, Math.floor(limits.bandPixels / width)), overlap);
    expect(plan.length).toBeGreaterThanOrEqual(3);
    await page(file, width, height, [
      { top: 300, lines: VIETNAMESE_LINES.slice(0, 3) },
      { top: plan[1]!.ownTop - 130, lines: VIETNAMESE_LINES.slice(3, 9) },
      { top: plan[2]!.ownTop - 130, lines: VIETNAMESE_LINES.slice(9, 15) },
    ]);
    const whole = await engine.recognise(file, { dpi: DPI });
    const t = await openTestStation();
    try {
      const doc = await t.call('documents.import', { paths: [file], profile: 'none', ocr: 'wait' });
      expect(doc.ocr).toBe('done');
      // Stored at its full size: over what is recognised whole, so the station went by bands.
      const stored = doc.pages[0]!;
      expect([stored.widthPx, stored.heightPx]).toEqual([width, height]);
      expect(width * height).toBeGreaterThan(DEFAULT_BAND_LIMITS.wholePagePixels);
      const out = join(tmp.path, 'a1.pdf');
      await t.call('documents.export', { id: doc.id, path: out });
      const text = pdftotext(out).split('\n').filter((l) => l.trim() && !l.startsWith('Bản điện tử chuyển đổi')).join('\n');
      expect(text).toBe(whole.text);
      // The text layer's words, in points from the page's top-left, back to pixels of the image.
      const html = pdftotext(out, '-bbox');
      writeFileSync(join(tmp.path, 'a1-bbox.html'), html);
      const toPx = DPI / 72;
      const placed = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)]
        .map((m) => ({ text: m[5]!.replace(/&amp;/g, '&'), x0: Number(m[1]) * toPx, y0: Number(m[2]) * toPx, x1: Number(m[3]) * toPx, y1: Number(m[4]) * toPx }))
        .filter((w) => w.y0 < height - 100); // the mark line at the page's foot is not OCR
      expect(placed.length).toBe(whole.words.length);
      for (const w of placed) {
        // Horizontally each word is stretched to its box: within two pixels at both ends. Vertically
        // the layer places the line's baseline: the word's middle lies within its line's box.
        const middle = (w.y0 + w.y1) / 2;
        const match = whole.words.find((o) => o.text === w.text && Math.abs(o.x - w.x0) <= 2 && Math.abs(o.x + o.w - w.x1) <= 2 && middle >= o.lineY! && middle <= o.lineY! + o.lineH!);
        expect(match, `"${w.text}" at x ${w.x0.toFixed(1)}–${w.x1.toFixed(1)}, y ${middle.toFixed(1)}`).toBeDefined();
      }
    } finally {
      await t.close();
    }
  });
});
