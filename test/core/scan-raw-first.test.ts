// Pages stored as captured first, processed behind the scanner (issues 3 and 4): each scanned page
// is committed raw (its TIFF, a thumbnail, a pending_imaging row) and reported at once; the
// imaging pool then replaces it in place — or splits it, or removes it as blank — and says so
// with scan.page-processed. Saving waits for the pages still pending. Real SANE test backend,
// real SQLite, the real pool.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageInfo } from '../../electron/contract';
import { plainTiff, storeRawCapture } from '../../electron/core/capture/raw-capture';
import { uuidv7 } from '../../electron/core/ids';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation } from '../helpers/station';

let t: TestStation;
let db: Database.Database;
const files = tempDir('raw-first');

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
type Processed = { pageId: string; pages: PageInfo[] };

const pending = (documentId: string) => db.prepare('SELECT count(*) FROM pending_imaging WHERE document_id = ?').pluck().get(documentId) as number;
const stepsOf = (pageId: string) => JSON.parse(db.prepare('SELECT steps FROM page_steps WHERE page_id = ?').pluck().get(pageId) as string) as Record<string, unknown>;

beforeAll(async () => {
  t = await openTestStation();
  db = new Database(t.station.paths.database, { readonly: true });
  // A book spread and an empty page, as uncompressed TIFFs like the scan workers write.
  const half = join(files.path, 'half.png');
  await vietnamesePage(half, { dpi: 100, mode: 'gray' });
  const [w, h] = [827, 1169];
  const shade = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * w}" height="${h}"><defs><linearGradient id="g" x1="0" x2="1">` +
      '<stop offset="0" stop-color="#000" stop-opacity="0"/><stop offset="0.5" stop-color="#000" stop-opacity="0.45"/><stop offset="1" stop-color="#000" stop-opacity="0"/>' +
      `</linearGradient></defs><rect x="${w - 36}" y="0" width="72" height="${h}" fill="url(#g)"/></svg>`,
  );
  const page = await sharp(half).flatten({ background: '#f7f4ec' }).linear(0.97, 0).png().toBuffer();
  await sharp({ create: { width: 2 * w, height: h, channels: 3, background: '#f7f4ec' } })
    .composite([{ input: page, left: 0, top: 0, blend: 'multiply' }, { input: page, left: w, top: 0, blend: 'multiply' }, { input: shade, left: 0, top: 0 }])
    .tiff({ compression: 'none' })
    .toFile(join(files.path, 'spread.tif'));
  await sharp(half).flatten({ background: '#ffffff' }).toColourspace('srgb').tiff({ compression: 'none' }).toFile(join(files.path, 'text.tif'));
  const noise = Buffer.alloc(w * h * 3);
  let seed = 3;
  for (let i = 0; i < noise.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    noise[i] = 245 + (seed % 10);
  }
  await sharp(noise, { raw: { width: w, height: h, channels: 3 } }).tiff({ compression: 'none' }).toFile(join(files.path, 'blank.tif'));
}, 120_000);

afterAll(async () => {
  db?.close();
  await t?.close();
  files.cleanup();
});

/** A draft whose pages were committed as captured, as a scan does, with the profile to apply. */
async function rawDraft(names: string[], profile: 'book' | 'archive'): Promise<{ id: string; pages: PageInfo[] }> {
  const { documents, blobs, background } = t.station;
  const id = uuidv7();
  documents.createDraft(id, 'test:raw', {}, '2026-11-23T10:00:00.000+07:00');
  const pages: PageInfo[] = [];
  for (const name of names) {
    const raw = await storeRawCapture(join(files.path, name), 'color', blobs);
    pages.push(background.commitRaw(id, documents.lastSeq(id) + 1, raw, { dpi: 100, mode: 'color' }, profile));
  }
  // No spool file: the pipeline reads the stored (encrypted) capture, as after a restart.
  for (const p of pages) background.queue(p.id, null);
  return { id, pages };
}

describe('a capture stored as it is', () => {
  it('stores a worker TIFF with a thumbnail picked from the same pass, close to libvips’s own, and any other capture by its format', async () => {
    const { blobs } = t.station;
    const text = join(files.path, 'text.tif');
    expect(await plainTiff(text)).toMatchObject({ width: 827, height: 1169, channels: 3 });
    const raw = await storeRawCapture(text, 'color', blobs);
    expect(raw).toMatchObject({ widthPx: 827, heightPx: 1169, image: { mediaType: 'image/tiff', sha256: sha256(text) } });
    // The picked rows shrunk make nearly the thumbnail libvips makes from the whole page.
    const ours = await sharp(await blobs.readBuffer(raw.thumb.sha256)).greyscale().raw().toBuffer({ resolveWithObject: true });
    const theirs = await sharp(text).resize(ours.info.width, ours.info.height, { fit: 'fill' }).greyscale().raw().toBuffer();
    let diff = 0;
    for (let i = 0; i < theirs.length; i++) diff += Math.abs(theirs[i]! - ours.data[i]!);
    expect(diff / theirs.length).toBeLessThan(8);
    // A grey page (one 8-bit channel) is picked from too.
    await sharp(text).toColourspace('b-w').tiff({ compression: 'none' }).toFile(join(files.path, 'grey.tif'));
    expect(await plainTiff(join(files.path, 'grey.tif'))).toMatchObject({ channels: 1, rowBytes: 827 });
    const grey = await storeRawCapture(join(files.path, 'grey.tif'), 'gray', blobs);
    expect((await sharp(await blobs.readBuffer(grey.thumb.sha256)).metadata()).channels).toBe(1);

    // An eSCL scanner's JPEG or PNG, and a 1-bit TIFF: stored byte for byte, labelled by format.
    const others: [string, string][] = [
      ['page.jpg', 'image/jpeg'],
      ['page.png', 'image/png'],
      ['page-bw.tif', 'image/tiff'],
    ];
    await sharp(text).jpeg().toFile(join(files.path, 'page.jpg'));
    await sharp(text).png().toFile(join(files.path, 'page.png'));
    await sharp(text).toColourspace('b-w').tiff({ bitdepth: 1, compression: 'none' }).toFile(join(files.path, 'page-bw.tif'));
    for (const [name, mediaType] of others) {
      const file = join(files.path, name);
      if (name.endsWith('.tif')) expect(await plainTiff(file)).toBeNull();
      const stored = await storeRawCapture(file, 'gray', blobs);
      expect(stored).toMatchObject({ widthPx: 827, heightPx: 1169, image: { mediaType, sha256: sha256(file) } });
      const thumb = await sharp(await blobs.readBuffer(stored.thumb.sha256)).metadata();
      expect([thumb.format, thumb.width, thumb.height]).toEqual(['jpeg', 240, 339]);
    }
  }, 60_000);
});

describe('pages stored as captured, processed behind the scanner', () => {
  it('reports each page as captured with a thumbnail, then its processed image in its place', async () => {
    const hold = t.station.background.hold(); // nothing is processed until the test looks
    const run = await t.scan({ device: 'sane:test:0', source: 'feeder', paper: { preset: 'a5' }, dpi: 150, mode: 'color', pages: 3 });
    expect(run.outcome.name).toBe('scan.done');
    const raw = run.events.filter((e) => e.name === 'scan.page').map((e) => (e.payload as { page: PageInfo }).page);
    expect(raw.map((p) => [p.seq, p.mediaType])).toEqual([
      [1, 'image/tiff'],
      [2, 'image/tiff'],
      [3, 'image/tiff'],
    ]);
    expect(pending(run.documentId)).toBe(3);
    // The raw page's thumbnail is there already: a small JPEG of the page's shape.
    for (const p of raw) {
      const thumb = t.station.documents.pageBlob(p.id, 'thumb')!;
      const meta = await sharp(await t.station.blobs.readBuffer(thumb.sha256)).metadata();
      expect(meta.format).toBe('jpeg');
      expect(meta.width).toBeLessThanOrEqual(240);
      expect(meta.height).toBeLessThanOrEqual(340);
      expect(Math.abs(meta.width! / meta.height! - p.widthPx / p.heightPx)).toBeLessThan(0.02);
    }
    hold();
    await t.station.background.settled(run.documentId);
    expect(pending(run.documentId)).toBe(0);
    const processed = run.events.filter((e) => e.name === 'scan.page-processed').map((e) => e.payload as Processed);
    expect(processed.map((e) => e.pageId).sort()).toEqual(raw.map((p) => p.id).sort());
    for (const e of processed) {
      expect(e.pages).toHaveLength(1);
      expect(e.pages[0]).toMatchObject({ id: e.pageId, mediaType: 'image/jpeg' });
      expect(e.pages[0]!.sha256).not.toBe(raw.find((p) => p.id === e.pageId)!.sha256);
    }
    const doc = await t.call('documents.get', { id: run.documentId });
    expect(doc.pages.map((p) => [p.id, p.seq, p.sha256])).toEqual(raw.map((p) => [p.id, p.seq, processed.find((e) => e.pageId === p.id)!.pages[0]!.sha256]));
    for (const p of raw) expect(stepsOf(p.id)).toMatchObject({ profile: 'default', part: 'whole', capturedMode: 'color' });
  }, 120_000);

  it('saves a draft only once its pending pages are processed', async () => {
    const hold = t.station.background.hold();
    const run = await t.scan({ device: 'sane:test:0', source: 'feeder', paper: { preset: 'a5' }, dpi: 100, mode: 'color', pages: 3 });
    expect(pending(run.documentId)).toBe(3);
    const saving = t.call('documents.finish', { id: run.documentId, metadata: { title: 'Chờ xử lý ảnh' }, ocr: 'skip' });
    let saved = false;
    void saving.then(() => (saved = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(saved).toBe(false); // held: the pages are still as captured, so the record waits
    expect((await t.call('documents.get', { id: run.documentId })).status).toBe('draft');
    hold();
    const doc = await saving;
    expect(doc).toMatchObject({ status: 'ready', pageCount: 3 });
    expect(doc.pages.map((p) => p.mediaType)).toEqual(['image/jpeg', 'image/jpeg', 'image/jpeg']);
    expect(pending(run.documentId)).toBe(0);
  }, 120_000);

  it('splits a book spread in the background: the second half right after the first, the pages after it renumbered', async () => {
    const { id, pages } = await rawDraft(['text.tif', 'spread.tif', 'text.tif'], 'book');
    await t.station.background.settled(id);
    const doc = await t.call('documents.get', { id });
    expect(doc.pages.map((p) => p.seq)).toEqual([1, 2, 3, 4]);
    expect(doc.pages[0]!.id).toBe(pages[0]!.id);
    expect(doc.pages[1]!.id).toBe(pages[1]!.id);
    expect(doc.pages[3]!.id).toBe(pages[2]!.id);
    expect(doc.pages.map((p) => stepsOf(p.id).part)).toEqual(['whole', 'left', 'right', 'whole']);
    // Both halves keep the one capture as their original.
    const originals = db.prepare('SELECT original_sha256 FROM page_steps WHERE page_id IN (?, ?)').pluck().all(doc.pages[1]!.id, doc.pages[2]!.id);
    expect(originals).toEqual([pages[1]!.sha256, pages[1]!.sha256]);
    expect(pending(id)).toBe(0);
  }, 120_000);

  it('removes a blank page in the background (archive profile), the pages after it moving up', async () => {
    const { id, pages } = await rawDraft(['text.tif', 'blank.tif', 'text.tif'], 'archive');
    await t.station.background.settled(id);
    const doc = await t.call('documents.get', { id });
    expect(doc.pages.map((p) => [p.id, p.seq])).toEqual([
      [pages[0]!.id, 1],
      [pages[2]!.id, 2],
    ]);
    // The blank page's capture and thumbnail left the store with it.
    const blank = pages[1]!.sha256;
    expect(db.prepare('SELECT count(*) FROM blobs WHERE sha256 = ?').pluck().get(blank)).toBe(0);
    expect(pending(id)).toBe(0);
    // The record's history says a page left it, which one, and by what rule.
    const removals = db.prepare("SELECT details FROM audit WHERE document_id = ? AND details LIKE '%blank-removed%'").pluck().all(id) as string[];
    expect(removals.map((d) => JSON.parse(d) as unknown)).toEqual([{ page: pages[1]!.id, change: 'blank-removed', seq: 2, profile: 'archive' }]);
  }, 120_000);

  it('drops a result computed for an image an officer replaced meanwhile (the edit wins)', async () => {
    const hold = t.station.background.hold();
    const { id, pages } = await rawDraft(['text.tif', 'text.tif'], 'archive');
    // The officer deletes the first page before it was processed: its pending row goes with it.
    t.station.pageEdits.delete(pages[0]!.id, '2026-11-23T10:00:00.000+07:00');
    expect(pending(id)).toBe(1);
    hold();
    await t.station.background.settled(id);
    const doc = await t.call('documents.get', { id });
    expect(doc.pages.map((p) => [p.id, p.seq, p.mediaType])).toEqual([[pages[1]!.id, 1, 'image/jpeg']]);
  }, 120_000);
});
