// The imaging pipeline around the analysis, through the real station: pages imported and scanned
// (SANE test backend) are turned, cropped and encoded by profile in the worker pool; bilevel pages
// reach the PDF as CCITT G4 (checked by poppler's pdfimages and a pdftoppm render); each page's
// steps are recorded beside it, and its original capture is kept, encrypted, until signing.
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { testBlobStore } from '../helpers/blobs';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation, servedFile } from '../helpers/station';

let t: TestStation;
const files = tempDir('imaging-pipeline');

interface StepsRow {
  steps: string;
  original_sha256: string | null;
  released_at: string | null;
}

function stepsOf(pageId: string): { steps: Record<string, unknown>; original: string | null; releasedAt: string | null } {
  const db = new Database(join(t.dataDir, 'station.sqlite'), { readonly: true });
  try {
    const row = db.prepare('SELECT steps, original_sha256, released_at FROM page_steps WHERE page_id = ?').get(pageId) as StepsRow | undefined;
    if (!row) throw new Error(`no steps recorded for page ${pageId}`);
    return { steps: JSON.parse(row.steps) as Record<string, unknown>, original: row.original_sha256, releasedAt: row.released_at };
  } finally {
    db.close();
  }
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Fraction of pixels darker than mid-grey, at the given size, greyscale. */
async function darkMask(file: string, width: number, height: number): Promise<Uint8Array> {
  const { data } = await sharp(file).flatten({ background: '#fff' }).greyscale().resize({ width, height, fit: 'fill' }).raw().toBuffer({ resolveWithObject: true });
  return Uint8Array.from(data, (v) => (v < 128 ? 1 : 0));
}

beforeAll(async () => {
  t = await openTestStation();
  await vietnamesePage(join(files.path, 'grey.png'), { dpi: 200, mode: 'gray' });
  const colour = join(files.path, 'colour.png');
  await vietnamesePage(colour, { dpi: 150, mode: 'color' });
  // A red seal in the lower right, as on a certificate.
  const seal = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300"><circle cx="150" cy="150" r="120" fill="none" stroke="#d01010" stroke-width="14"/></svg>');
  await sharp(colour).composite([{ input: seal, left: 800, top: 1300 }]).jpeg({ quality: 92 }).toFile(join(files.path, 'sealed.jpg'));
  await sharp(colour).rotate(4, { background: '#ffffff' }).jpeg({ quality: 92 }).toFile(join(files.path, 'skewed.jpg'));
  // A book open on the glass: two pages side by side on tinted paper, the gutter's shadow (a
  // soft band, darkest in the middle) between them.
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
    .withMetadata({ density: 100 })
    .png()
    .toFile(join(files.path, 'spread.png'));
  // The back of a sheet: paper with the scanner's noise, nothing written.
  const noise = Buffer.alloc(w * h * 3);
  let seed = 3;
  for (let i = 0; i < noise.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    noise[i] = 245 + (seed % 10);
  }
  await sharp(noise, { raw: { width: w, height: h, channels: 3 } }).png().toFile(join(files.path, 'blank.png'));
}, 60_000);

afterAll(async () => {
  await t?.close();
  files.cleanup();
});

describe('imaging pipeline', () => {
  it('stores a bilevel page as one CCITT G4 stream that poppler renders as the page', async () => {
    const source = join(files.path, 'grey.png');
    const doc = await t.call('documents.import', { paths: [source], profile: 'archive-bilevel', ocr: 'skip' });
    const [page] = doc.pages;
    expect(page).toMatchObject({ mode: 'bw', mediaType: 'image/tiff', widthPx: 1654, heightPx: 2339 });
    expect(stepsOf(page!.id).steps).toMatchObject({ profile: 'archive-bilevel', storedMode: 'bw', hasColour: false });

    const pdf = join(files.path, 'bilevel.pdf');
    await t.call('documents.export', { id: doc.id, path: pdf, overwrite: true });
    const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(images).toHaveLength(1);
    // page num type width height color comp bpc enc
    expect(images[0]!.trim().split(/\s+/).slice(2, 9)).toEqual(['image', '1654', '2339', 'gray', '1', '1', 'ccitt']);

    execFileSync('pdftoppm', ['-r', '200', '-gray', '-png', '-singlefile', pdf, join(files.path, 'bilevel-render')]);
    const [w, h] = [827, 1169];
    const rendered = await darkMask(join(files.path, 'bilevel-render.png'), w, h);
    const original = await darkMask(source, w, h);
    const dark = rendered.reduce((n, v) => n + v, 0) / rendered.length;
    const agree = rendered.reduce((n, v, i) => n + (v === original[i] ? 1 : 0), 0) / rendered.length;
    // Text on white: a little ink, in the same places (an inverted page would be nearly all dark).
    expect(dark).toBeGreaterThan(0.005);
    expect(dark).toBeLessThan(0.2);
    expect(agree).toBeGreaterThan(0.98);

    // The UI loads the page by id: a browser cannot show G4 TIFF, so it goes out as PNG.
    const resource = servedFile(t.station, files.path, `/pages/${page!.id}/image`);
    expect(resource.contentType).toBe('image/png');
    const chunks: Buffer[] = [];
    for await (const chunk of resource.open()) chunks.push(chunk as Buffer);
    expect(await sharp(Buffer.concat(chunks)).metadata()).toMatchObject({ format: 'png', width: 1654, height: 2339 });
  });

  it('straightens a skewed page, records the steps, keeps the original encrypted until the document is signed', async () => {
    const source = join(files.path, 'skewed.jpg');
    const doc = await t.call('documents.import', { paths: [source], ocr: 'skip' });
    const [page] = doc.pages;
    const meta = await sharp(source).metadata();
    // The straightened page keeps the size it was captured at.
    expect([page!.widthPx, page!.heightPx]).toEqual([meta.width, meta.height]);
    const recorded = stepsOf(page!.id);
    expect(recorded.steps.profile).toBe('default');
    expect(Math.abs((recorded.steps.deskewDegrees as number) + 4)).toBeLessThan(0.3);
    expect(recorded.original).toBe(sha256(source));

    const blobs = testBlobStore(t.dataDir);
    const file = blobs.pathOf(recorded.original!);
    expect(existsSync(file)).toBe(true);
    // At rest the file is ciphertext: no JPEG header where the content starts.
    expect(readFileSync(file).includes(readFileSync(source).subarray(0, 64))).toBe(false);
    expect(createHash('sha256').update(await blobs.readBuffer(recorded.original!)).digest('hex')).toBe(recorded.original);

    // A signature recorded for the document releases its pages' originals (migration 9's
    // trigger); the file goes at the next sweep (here: the next start of the station).
    const db = new Database(join(t.dataDir, 'station.sqlite'));
    try {
      db.prepare(
        `INSERT INTO signatures (document_id, seq, field, signer, serial, issuer, signed_at, level, sub_filter, pdf_sha256, created_at)
         VALUES (?, 1, 'Sig1', 'Cán bộ', '01', 'CA', ?, 'B-B', 'ETSI.CAdES.detached', ?, ?)`,
      ).run(doc.id, doc.createdAt, doc.pdf!.sha256, doc.createdAt);
    } finally {
      db.close();
    }
    expect(stepsOf(page!.id)).toMatchObject({ original: null, releasedAt: doc.createdAt });
    const dataDir = t.dataDir;
    await t.station.close();
    t = await openTestStation({ dataDir });
    expect(existsSync(file)).toBe(false);
    expect((await t.call('documents.get', { id: doc.id })).pages[0]!.sha256).toBe(page!.sha256);
  });

  it('keeps an imported file as the original only where it is one compressed image: not an uncompressed TIFF, not a page of a multi-page file', async () => {
    // The same skewed page three ways: a JPEG (kept above), its pixels as an uncompressed TIFF
    // (26 MB at A4 300 dpi: storing it cost more CPU than processing the page), and page 2 of a
    // two-page TIFF (the kept file would be the whole file, which re-derives to its page 1).
    const raw = join(files.path, 'skewed-raw.tif');
    await sharp(join(files.path, 'skewed.jpg')).tiff({ compression: 'none' }).toFile(raw);
    const two = join(files.path, 'skewed-two.tif');
    const page = await sharp(join(files.path, 'skewed.jpg')).raw().toBuffer({ resolveWithObject: true });
    await sharp(Buffer.concat([page.data, page.data]), { raw: { width: page.info.width, height: page.info.height * 2, channels: page.info.channels, pageHeight: page.info.height } })
      .tiff({ compression: 'deflate' })
      .toFile(two);
    const doc = await t.call('documents.import', { paths: [raw, two], ocr: 'skip' });
    expect(doc.pageCount).toBe(3);
    for (const p of doc.pages) {
      const recorded = stepsOf(p.id);
      // processed all the same: straightened, its steps recorded, stored as JPEG
      expect(Math.abs((recorded.steps.deskewDegrees as number) + 4)).toBeLessThan(0.3);
      expect(p.mediaType).toBe('image/jpeg');
      expect(recorded.original).toBeNull();
    }
  });

  it('keeps colour where the page has colour and stores the others grey or bilevel, by profile', async () => {
    const doc = await t.call('documents.import', { paths: [join(files.path, 'sealed.jpg'), join(files.path, 'grey.png')], profile: 'archive-grey', ocr: 'skip' });
    expect(doc.pages.map((p) => [p.mode, p.mediaType])).toEqual([
      ['color', 'image/jpeg'],
      ['gray', 'image/jpeg'],
    ]);
    expect(stepsOf(doc.pages[0]!.id).steps).toMatchObject({ hasColour: true, storedMode: 'color' });
  });

  it('stores scanned pages as captured in the order scanned, then processes each in the pool with its steps', async () => {
    const run = await t.scan({ device: 'sane:test:0', source: 'feeder', paper: { preset: 'a5' }, dpi: 150, mode: 'color', pages: 4 });
    expect(run.outcome.name).toBe('scan.done');
    // Reported as soon as the capture is stored: the raw TIFF, before any processing.
    const reported = run.events.filter((e) => e.name === 'scan.page').map((e) => (e.payload as { page: { id: string; seq: number; mediaType: string } }).page);
    expect(reported.map((p) => p.seq)).toEqual([1, 2, 3, 4]);
    expect(reported.map((p) => p.mediaType)).toEqual(Array(4).fill('image/tiff'));
    await t.station.background.settled(run.documentId);
    const doc = await t.call('documents.get', { id: run.documentId });
    expect(doc.pages.map((p) => [p.id, p.seq, p.mediaType])).toEqual(reported.map((p) => [p.id, p.seq, 'image/jpeg']));
    for (const p of reported) expect(stepsOf(p.id).steps).toMatchObject({ profile: 'default', capturedMode: 'color', part: 'whole' });
  });

  it('splits a book spread at its gutter into two pages (book profile)', async () => {
    const doc = await t.call('documents.import', { paths: [join(files.path, 'spread.png')], profile: 'book', ocr: 'skip' });
    expect(doc.pages.map((p) => p.seq)).toEqual([1, 2]);
    // Two pages of one height, each about half the spread (827 of 1654 px; the analysis may trim
    // dark borders).
    const [l, r] = doc.pages;
    expect(l!.heightPx).toBe(r!.heightPx);
    for (const p of [l!, r!]) {
      expect(p.widthPx).toBeGreaterThan(700);
      expect(p.widthPx).toBeLessThan(900);
    }
    expect(doc.pages.map((p) => stepsOf(p.id).steps.part)).toEqual(['left', 'right']);
    // Both halves came from one capture: it is kept once, for both.
    const [left, right] = doc.pages.map((p) => stepsOf(p.id).original);
    expect(left).toBe(sha256(join(files.path, 'spread.png')));
    expect(right).toBe(left);
  });

  it('removes blank pages under the archive profile, and keeps but flags them by default', async () => {
    const paths = [join(files.path, 'grey.png'), join(files.path, 'blank.png')];
    const archived = await t.call('documents.import', { paths, profile: 'archive', ocr: 'skip' });
    expect(archived.pageCount).toBe(1);
    expect(stepsOf(archived.pages[0]!.id).steps.blank).toBe(false);
    const kept = await t.call('documents.import', { paths, ocr: 'skip' });
    expect(kept.pages.map((p) => stepsOf(p.id).steps.blank)).toEqual([false, true]);
  });

  it('uses no analysis under the `none` profile: the page is stored as captured', async () => {
    const source = join(files.path, 'skewed.jpg');
    const doc = await t.call('documents.import', { paths: [source], profile: 'none', ocr: 'skip' });
    const recorded = stepsOf(doc.pages[0]!.id);
    expect(recorded.steps).toMatchObject({ profile: 'none', deskewDegrees: 0, crop: null, quarterTurns: 0 });
    expect(recorded.original).toBeNull();
  });
});
