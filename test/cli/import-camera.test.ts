// Issue 19, point 6: `sohoa import --camera PHOTOS…` through the real command. A generated photo of
// a Vietnamese A4 page and one of a book spread become one document of three A4 pages; the PDF is
// checked with poppler (page sizes with pdfinfo, the text layer with pdftotext, whose character
// accuracy against the pages' text is measured); a blurred photo is refused with its code (exit 2).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireError } from '../../electron/contract';
import { type CameraPhotoTruth, cameraPhoto } from '../fixtures/camera-photos';
import { characterAccuracy } from '../fixtures/vietnamese-pages';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { pdfinfo, pdftotext } from '../helpers/pdf-tools';

const tmp = tempDir('import-camera');
const env = { ...process.env, SOHOA_DATA_DIR: join(tmp.path, 'data') };
let page: CameraPhotoTruth;
let spread: CameraPhotoTruth;

beforeAll(async () => {
  page = await cameraPhoto(tmp.path, { seed: 31 });
  spread = await cameraPhoto(tmp.path, { seed: 32, kind: 'spread' });
}, 120_000);
afterAll(() => tmp.cleanup());

/** Each page's text from pdftotext, without the record's conversion note. */
const pageTexts = (pdf: string, pages: number) =>
  Array.from({ length: pages }, (_, i) =>
    pdftotext(pdf, '-f', String(i + 1), '-l', String(i + 1))
      .split('\n')
      .filter((l) => !l.startsWith('Bản điện tử chuyển đổi'))
      .join('\n'),
  );

describe('sohoa import --camera', () => {
  it('makes a document of true-size A4 pages from a page photo and a spread photo, with their Vietnamese text', { timeout: 600_000 }, async () => {
    const out = join(tmp.path, 'camera.pdf');
    const r = await runCli(['import', '--camera', page.photo, spread.photo, '--title', 'Sổ đăng ký', '--json', '--lang', 'en', '--out', out], env);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { pages: number }).pages).toBe(3);
    const info = pdfinfo(out, '-f', '1', '-l', '3');
    const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(sizes).toHaveLength(3);
    // A4 is 595.28 × 841.89 pt: each page within 1 %
    for (const [w, h] of sizes) {
      expect(Math.abs(w! / 595.28 - 1)).toBeLessThanOrEqual(0.01);
      expect(Math.abs(h! / 841.89 - 1)).toBeLessThanOrEqual(0.01);
    }
    const texts = pageTexts(out, 3);
    const references = [...page.text, ...spread.text];
    const accuracy = references.map((ref, i) => characterAccuracy(ref, texts[i]!));
    console.log(`OCR character accuracy per page: ${accuracy.map((a) => `${(a * 100).toFixed(1)}%`).join(', ')}`);
    for (const text of texts) expect(text).toContain('Ủy ban nhân dân');
    for (const a of accuracy) expect(a).toBeGreaterThanOrEqual(0.97); // issue 19’s target
  });

  it('refuses a photo blurred by movement with its code and what to do (exit 2)', { timeout: 300_000 }, async () => {
    const blurred = await cameraPhoto(tmp.path, { seed: 33, blurPx: 14 });
    const r = await runCli(['import', '--camera', blurred.photo, '--json', '--lang', 'en', '--no-ocr'], env);
    expect(r.code).toBe(2);
    const error = (JSON.parse(r.stdout || r.stderr) as { error: WireError }).error;
    expect(error.code).toBe('camera-motion-blur');
    expect(error.message.en).toContain('Keep the camera and the page still');
  });

  it('says --paper applies to camera photos only', async () => {
    const r = await runCli(['import', page.photo, '--paper', 'a4', '--lang', 'en'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--camera');
  });
});
