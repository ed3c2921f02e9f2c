// Separator sheets scanned through SANE's pnm backend (the sheets are drawn here, rasterised,
// and scanned from their files by scanimage; see test/fixtures/archive/feed.ts): only Kodak patch T splits a patch-code batch, a blank page splits
// a blank-page batch, and the separator sheets never become pages.
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPatchCode } from '../../electron/core/archive/patch-code';
import { classifySheet } from '../../electron/core/archive/separators';
import { SHEET_DPI, type Sheet, feed, scanThroughPnm, sheetFile, textSheet } from '../fixtures/archive/feed';
import { execFileSync } from 'node:child_process';
import { PATCH_PATTERNS, blankPageSvg, patchSheetSvg, writeBarcodeSheetPpm, writePpm } from '../fixtures/archive/sheets';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation } from '../helpers/station';

let t: TestStation;
let tmp: ReturnType<typeof tempDir>;

beforeAll(async () => {
  t = await openTestStation();
  tmp = tempDir('archive-sep');
});
afterAll(async () => {
  await t?.close();
  tmp?.cleanup();
});

/** The pnm scan of a sheet at another resolution than the fixtures' 200 dpi. */
function scanThroughPnmAt(ppm: string, dpi: number): string {
  const out = ppm.replace(/\.ppm$/, `-${dpi}.tif`);
  execFileSync('scanimage', ['-d', 'pnm:0', '--filename', ppm, '--resolution', String(dpi), '--format=tiff', '-o', out], { env: { ...process.env, SANE_CONFIG_DIR: t.saneDir } });
  return out;
}

async function sheets(list: readonly Sheet[], prefix: string): Promise<string[]> {
  return Promise.all(list.map((s, i) => sheetFile(s, tmp.path, `${prefix}-${i}`)));
}

describe('patch codes', () => {
  it('reads each of the six Kodak patches by its bars, at 300 and 150 dpi', async () => {
    for (const dpi of [300, 150])
      for (const code of Object.keys(PATCH_PATTERNS) as (keyof typeof PATCH_PATTERNS)[]) {
        const file = scanThroughPnmAt(await writePpm(patchSheetSvg(code, dpi), join(tmp.path, `patch-${code}-${dpi}.ppm`)), dpi);
        expect((await classifySheet(file, dpi, { kind: 'patch-t', barcodePrefix: null })).found, `patch ${code} at ${dpi} dpi`).toBe(code);
      }
  });

  it('finds no patch on a page of text or a blank page; only the blank page is blank', async () => {
    const text = scanThroughPnm((await sheets([textSheet(7)], 'plain'))[0]!, t.saneDir);
    const blank = scanThroughPnmAt(await writePpm(blankPageSvg(100), join(tmp.path, 'blank-100.ppm')), 100);
    for (const [file, dpi] of [[text, 200], [blank, 100]] as const) {
      const { data, info } = await sharp(file).greyscale().raw().toBuffer({ resolveWithObject: true });
      expect(findPatchCode({ data, width: info.width, height: info.height, dpi })).toBeNull();
      expect((await classifySheet(file, dpi, { kind: 'blank', barcodePrefix: null })).separator).toBe(file === blank);
    }
  });
});

describe('a stack split by separator sheets, scanned through the pnm backend', () => {
  it('patch T ends a document and is not kept; other patches and blank pages are pages', async () => {
    const batch = await t.call('archive.create', { name: 'Hộp 12 — QĐ 2019', separator: 'patch-t' });
    const files = await sheets(
      [textSheet(1), textSheet(2), { kind: 'patch', code: 'T' }, textSheet(3), { kind: 'patch', code: '2' }, { kind: 'patch', code: 'T' }, { kind: 'patch', code: 'T' }, textSheet(4), { kind: 'blank' }],
      'patch',
    );
    const fed = await feed(t.call, batch.id, files, t.saneDir);
    expect(fed).toEqual({ pages: 6, separators: 3, documentsStarted: 3 });
    const docs = await t.call('archive.documents', { batchId: batch.id });
    // Two patch T sheets in a row make no empty document between them.
    expect(docs.map((d) => [d.seq, d.pageCount, d.state])).toEqual([
      [1, 2, 'indexing'],
      [2, 2, 'indexing'],
      [3, 2, 'indexing'],
    ]);
    for (const d of docs) expect(t.station.documents.pages(d.documentId)).toHaveLength(d.pageCount);
    expect((await t.call('archive.get', { batchId: batch.id })).counts).toMatchObject({ documents: 3, pages: 6, separators: 3, indexing: 3 });
  });

  it('in a blank-page batch a blank sheet ends a document and is not kept', async () => {
    const batch = await t.call('archive.create', { name: 'Sổ đăng ký 2018', separator: 'blank' });
    const files = await sheets([textSheet(11), { kind: 'blank' }, textSheet(12), textSheet(13), { kind: 'blank' }, { kind: 'patch', code: 'T' }], 'blank');
    // The patch sheet has ink: in a blank-page batch it is a page, the first of the next document.
    expect(await feed(t.call, batch.id, files, t.saneDir)).toEqual({ pages: 4, separators: 2, documentsStarted: 3 });
    const docs = await t.call('archive.documents', { batchId: batch.id });
    expect(docs.map((d) => d.pageCount)).toEqual([1, 2, 1]);
  });

  it('in a barcode batch a barcode with the batch’s prefix ends a document; another barcode is a page', async () => {
    const batch = await t.call('archive.create', { name: 'Mã vạch', separator: 'barcode', barcodePrefix: 'TACH' });
    const [p1, p2, p3] = await sheets([textSheet(21), textSheet(22), textSheet(23)], 'barcode');
    const separator = await writeBarcodeSheetPpm('TACH-HOP12-0001', SHEET_DPI, join(tmp.path, 'barcode-sep.ppm'));
    const other = await writeBarcodeSheetPpm('HS-2019-0042', SHEET_DPI, join(tmp.path, 'barcode-other.ppm'));
    expect(await feed(t.call, batch.id, [p1!, separator, p2!, other, p3!], t.saneDir)).toEqual({ pages: 4, separators: 1, documentsStarted: 2 });
    expect((await t.call('archive.documents', { batchId: batch.id })).map((d) => d.pageCount)).toEqual([1, 3]);
  });

  it('a feeder stack without separators stays one document, and the next stack continues it', async () => {
    const batch = await t.call('archive.create', { name: 'Khay nạp', separator: 'patch-t' });
    const r = await t.call('archive.scan', { batchId: batch.id, device: 'sane:test:0', source: 'feeder', dpi: 100, mode: 'gray', pages: 4 });
    expect(r).toMatchObject({ pages: 4, separators: 0, documentsStarted: 1 });
    const again = await t.call('archive.scan', { batchId: batch.id, device: 'sane:test:0', source: 'feeder', dpi: 100, mode: 'gray', pages: 2 });
    expect(again).toMatchObject({ pages: 2, documentsStarted: 0 });
    expect((await t.call('archive.documents', { batchId: batch.id })).map((d) => d.pageCount)).toEqual([6]);
  });
});
