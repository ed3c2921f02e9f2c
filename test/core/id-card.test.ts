// Both sides of an ID card on one A4 page at true size, front above back: scanned from the SANE
// test backend with the id-card preset, composed, saved, and checked as a PDF by poppler.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation, refused } from '../helpers/station';

let t: TestStation;
let tmp: ReturnType<typeof tempDir>;

beforeAll(async () => {
  t = await openTestStation();
  tmp = tempDir('id-card');
});

afterAll(async () => {
  await t?.close();
  tmp?.cleanup();
});

describe('ID card on A4', () => {
  it('puts the front above the back on one A4 page at true size, and the old pages leave the store', async () => {
    const run = await t.scan({ device: 'sane:test:0', paper: { preset: 'id-card' }, dpi: 150, mode: 'color', pages: 2 });
    expect(run.outcome.name).toBe('scan.done');
    // The sides as processed (cropped to the card) are what the composition replaces.
    await t.station.background.settled(run.documentId);
    const before = await t.call('documents.get', { id: run.documentId });
    expect(before.pages).toHaveLength(2);
    const composed = await t.call('documents.composeIdCard', { id: run.documentId });
    expect(composed.pages).toHaveLength(1);
    const page = composed.pages[0]!;
    expect(page).toMatchObject({ widthPx: Math.round((210 / 25.4) * 150), heightPx: Math.round((297 / 25.4) * 150), dpi: 150, mode: 'color' });
    for (const old of before.pages) expect(t.station.blobs.has(old.sha256)).toBe(false);

    // The card is where it should be, at its size: a non-white band 85.6 mm wide from 20 mm down.
    const image = await t.station.blobs.readBuffer(page.sha256);
    const { data, info } = await sharp(image).greyscale().raw().toBuffer({ resolveWithObject: true });
    const inked = (x: number, y: number) => data[y * info.width + x]! < 245;
    const mm = (v: number) => Math.round((v / 25.4) * 150);
    const row = mm(20) + mm(27); // the middle of the front
    const xs = Array.from({ length: info.width }, (_, x) => x).filter((x) => inked(x, row));
    expect(Math.abs(xs.at(-1)! - xs[0]! + 1 - mm(85.6))).toBeLessThanOrEqual(3);
    expect(inked(Math.round(info.width / 2), mm(20) + mm(54) + mm(15) + mm(27))).toBe(true); // the back below
    expect(inked(Math.round(info.width / 2), mm(250))).toBe(false); // the rest of the page is paper

    const saved = await t.call('documents.finish', { id: run.documentId, ocr: 'skip', metadata: { title: 'Căn cước công dân (hai mặt)' } });
    const out = join(tmp.path, 'cccd.pdf');
    await t.call('documents.export', { id: saved.id, path: out });
    const info2 = execFileSync('pdfinfo', [out], { encoding: 'utf8' });
    expect(info2).toMatch(/Pages:\s+1/);
    expect(info2).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts/);
    execFileSync('pdftoppm', ['-r', '50', '-png', '-singlefile', out, join(process.cwd(), 'test-results', 'id-card-a4')]);
  });

  it('refuses a draft that is not the two sides of a card', async () => {
    const one = await t.scan({ device: 'sane:test:0', paper: { preset: 'id-card' }, dpi: 100, pages: 1 });
    expect((await refused(t.call('documents.composeIdCard', { id: one.documentId }))).code).toBe('id-card-pages');
    const a5 = await t.scan({ device: 'sane:test:0', paper: { preset: 'a5' }, dpi: 75, pages: 2 });
    const err = await refused(t.call('documents.composeIdCard', { id: a5.documentId }));
    expect(err.code).toBe('id-card-size');
    expect(err.message.vi).toMatch(/không phải cỡ thẻ căn cước/);
    expect((await t.call('documents.get', { id: a5.documentId })).pages).toHaveLength(2); // nothing changed
  });
});
