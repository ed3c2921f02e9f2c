// Archive stacks stored first, processed behind (issue 17), where a sheet cannot be read: the
// stored capture of a sheet whose pixels are cut short (a TIFF truncated on its way from the
// capture software) fails its processing. The sheets before it are placed; it and the sheets
// fed after it are dropped with the error (as a scan that fails keeps nothing after the gap: they
// would land in the wrong document), nothing of them is left in the store, and the batch is not
// stuck: the next import continues the document.
import Database from 'better-sqlite3';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHEET_DPI, scanThroughPnm, sheetFile, textSheet } from '../fixtures/archive/feed';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation, refused } from '../helpers/station';

let t: TestStation;
let tmp: ReturnType<typeof tempDir>;

/** A page of text scanned through SANE's pnm backend by scanimage (its TIFF: directory first, then the pixels). */
async function sheet(name: string, n: number): Promise<string> {
  return scanThroughPnm(await sheetFile(textSheet(n), tmp.path, name), t.saneDir);
}

beforeAll(async () => {
  tmp = tempDir('archive-store-first');
  t = await openTestStation();
});
afterAll(async () => {
  await t?.close();
  tmp?.cleanup();
});

describe('an archive sheet that cannot be read', () => {
  it('stops the stack there: the sheets before are placed, it and those after are dropped, the batch goes on', { timeout: 180_000 }, async () => {
    const [a, b, c, d] = await Promise.all(['a', 'b', 'c', 'd'].map((n, i) => sheet(n, i + 1)));
    // Its header and directory whole (the import reads them before it stores the sheet), its pixels cut in half.
    const cut = join(tmp.path, 'cut.tif');
    const whole = readFileSync(c!);
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    expect((await sharp(cut).metadata()).width).toBeGreaterThan(0);

    const batch = await t.call('archive.create', { name: 'Tờ hỏng', separator: 'patch-t' });
    const error = await refused(t.call('archive.import', { batchId: batch.id, paths: [a!, b!, cut, d!], dpi: SHEET_DPI }));
    expect(error.code).toBe('import-unreadable');
    const after = await t.call('archive.get', { batchId: batch.id });
    expect(after.scanState).toBe('idle');
    expect(after.counts).toMatchObject({ documents: 1, pages: 2, separators: 0 });
    const db = new Database(t.station.paths.database, { readonly: true, fileMustExist: true });
    expect(db.prepare('SELECT count(*) FROM archive_sheets').pluck().get()).toBe(0);
    // Nothing of the dropped sheets is left: every blob row is named by something, every file has its row.
    const unused = db
      .prepare(
        `SELECT count(*) FROM blobs b WHERE NOT EXISTS (SELECT 1 FROM pages WHERE b.sha256 IN (image_sha256, thumb_sha256))
           AND NOT EXISTS (SELECT 1 FROM documents WHERE b.sha256 IN (pdf_sha256, source_sha256)) AND NOT EXISTS (SELECT 1 FROM page_steps WHERE original_sha256 = b.sha256)`,
      )
      .pluck()
      .get();
    expect(unused).toBe(0);
    const rows = new Set(db.prepare('SELECT sha256 FROM blobs').pluck().all() as string[]);
    db.close();
    const files = readdirSync(t.station.paths.blobs, { withFileTypes: true, recursive: true }).filter((e) => e.isFile());
    expect(files.filter((f) => !rows.has(f.name)).map((f) => f.name)).toEqual([]);

    // Not stuck: the archivist feeds the rest again, and the document goes on.
    expect(await t.call('archive.import', { batchId: batch.id, paths: [c!, d!], dpi: SHEET_DPI })).toMatchObject({ pages: 2, separators: 0, documentsStarted: 0 });
    const [doc] = await t.call('archive.documents', { batchId: batch.id });
    expect(doc!.pageCount).toBe(4);
    expect(t.station.documents.pages(doc!.documentId)).toHaveLength(4);
  });
});
