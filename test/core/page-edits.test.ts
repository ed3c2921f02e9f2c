// Hand changes to a draft's page order (issue 4, item 10): move and delete keep seqs 1..n dense,
// a deleted page's blobs go (rows and files), a ready document is refused. Real scans from the
// SANE test backend, real SQLite (a second connection to the station's database).
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageEdits } from '../../electron/core/capture/page-edits';
import { StationError } from '../../electron/core/errors';
import { blobUnused } from '../../electron/core/records/blob-references';
import { type TestStation, openTestStation } from '../helpers/station';

let t: TestStation;
let db: Database.Database;
let edits: PageEdits;
const now = '2026-11-23T10:00:00.000Z';

beforeAll(async () => {
  t = await openTestStation();
  db = new Database(t.station.paths.database);
  db.pragma('foreign_keys = ON');
  edits = new PageEdits(db, t.station.blobs, null);
}, 120_000);

afterAll(async () => {
  db.close();
  await t.close();
});

function order(documentId: string): { id: string; seq: number; image: string }[] {
  return db.prepare('SELECT id, seq, image_sha256 AS image FROM pages WHERE document_id = ? ORDER BY seq').all(documentId) as never;
}

async function scanDraft(pages: number): Promise<string> {
  const run = await t.scan({ device: 'sane:test:0', dpi: 75, mode: 'gray', pages, driverOptions: { 'test-picture': 'Color pattern' } });
  expect(run.outcome.name).toBe('scan.done');
  await t.station.background.settled(run.documentId); // the pages as processed, not being swapped under the edits
  return run.documentId;
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof StationError ? e.code : String(e);
  }
  return undefined;
}

describe('page order on a draft', () => {
  it('moves a page to another position and keeps seqs 1..n in the new order', async () => {
    const doc = await scanDraft(4);
    const before = order(doc).map((p) => p.id);
    expect(before).toHaveLength(4);
    const moved = edits.move(before[3]!, 1, now);
    expect(moved.pageIds).toEqual([before[3], before[0], before[1], before[2]]);
    expect(order(doc).map((p) => p.seq)).toEqual([1, 2, 3, 4]);
    expect(order(doc).map((p) => p.id)).toEqual(moved.pageIds);
    edits.move(before[3]!, 99, now); // beyond the end: last
    expect(order(doc).map((p) => p.id)).toEqual(before);
  }, 120_000);

  it('deletes a page: the rest close up, its blob rows and files go', async () => {
    const doc = await scanDraft(3);
    const [first, middle, last] = order(doc);
    const thumb = db.prepare('SELECT thumb_sha256 FROM pages WHERE id = ?').pluck().get(middle!.id) as string;
    edits.delete(middle!.id, now);
    expect(order(doc).map((p) => [p.id, p.seq])).toEqual([
      [first!.id, 1],
      [last!.id, 2],
    ]);
    // Blobs are shared by content (identical test-backend pages): a file stays exactly while a row names it.
    for (const sha of [middle!.image, thumb]) {
      const named = !blobUnused(db, sha);
      expect(db.prepare('SELECT 1 FROM blobs WHERE sha256 = ?').get(sha) !== undefined).toBe(named);
      expect(existsSync(t.station.blobs.pathOf(sha))).toBe(named);
    }
    expect(codeOf(() => edits.delete(middle!.id, now))).toBe('page-not-found');
  }, 120_000);

  it('refuses to move or delete a page of a saved document', async () => {
    const doc = await scanDraft(2);
    await t.call('documents.finish', { id: doc, ocr: 'skip', digitizedBy: 'Trần Văn Bình' });
    const pages = order(doc);
    expect(codeOf(() => edits.move(pages[1]!.id, 1, now))).toBe('page-edit-not-draft');
    expect(codeOf(() => edits.delete(pages[0]!.id, now))).toBe('page-edit-not-draft');
    expect(order(doc).map((p) => p.id)).toEqual(pages.map((p) => p.id));
  }, 120_000);
});

describe('pages.move / pages.delete through the contract', () => {
  it('answers with the draft as it is now, validates input, and refuses a saved document with its code', async () => {
    const doc = await scanDraft(3);
    const ids = order(doc).map((p) => p.id);
    const moved = await t.call('pages.move', { pageId: ids[0]!, toSeq: 3 });
    expect(moved.pages.map((p) => [p.id, p.seq])).toEqual([
      [ids[1], 1],
      [ids[2], 2],
      [ids[0], 3],
    ]);
    const deleted = await t.call('pages.delete', { pageId: ids[1]! });
    expect(deleted.pages.map((p) => [p.id, p.seq])).toEqual([
      [ids[2], 1],
      [ids[0], 2],
    ]);
    await expect(t.call('pages.move', { pageId: ids[2]!, toSeq: 0 })).rejects.toMatchObject({ wire: { code: 'invalid-input' } });
    await t.call('documents.finish', { id: doc, ocr: 'skip', digitizedBy: 'Trần Văn Bình' });
    await expect(t.call('pages.delete', { pageId: ids[2]! })).rejects.toMatchObject({ wire: { code: 'page-edit-not-draft' } });
    const audited = db.prepare("SELECT count(*) FROM audit WHERE document_id = ? AND action = 'update'").pluck().get(doc) as number;
    expect(audited).toBe(2);
  }, 120_000);
});

describe('a rescan inserted into a draft (scan.start insertAt)', () => {
  it('puts the new pages before the given page, in scan order, seqs staying 1..n', async () => {
    const doc = await scanDraft(3);
    const before = order(doc).map((p) => p.id);
    const run = await t.scan({ device: 'sane:test:0', dpi: 75, mode: 'gray', pages: 2, documentId: doc, insertAt: 2, driverOptions: { 'test-picture': 'Color pattern' } });
    expect(run.outcome.name).toBe('scan.done');
    const added = run.events.filter((e) => e.name === 'scan.page').map((e) => (e.payload as { page: { id: string; seq: number } }).page);
    expect(added.map((p) => p.seq)).toEqual([2, 3]);
    const after = order(doc);
    expect(after.map((p) => p.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(after.map((p) => p.id)).toEqual([before[0], added[0]!.id, added[1]!.id, before[1], before[2]]);
    // Beyond the last page: appended.
    const tail = await t.scan({ device: 'sane:test:0', dpi: 75, mode: 'gray', pages: 1, documentId: doc, insertAt: 99, driverOptions: { 'test-picture': 'Color pattern' } });
    const last = tail.events.find((e) => e.name === 'scan.page')!.payload as { page: { id: string; seq: number } };
    expect(last.page.seq).toBe(6);
    expect(order(doc).at(-1)!.id).toBe(last.page.id);
  }, 120_000);
});
