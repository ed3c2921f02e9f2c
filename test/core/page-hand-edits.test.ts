// Rotate, crop, undo and back to the capture by hand (issue 4, item 10), against real SQLite and
// real images: a skewed text page scanned through SANE's pnm backend (the pipeline straightens it,
// so its capture is kept), and a test-backend page stored as its capture (no original kept: its
// image becomes the original at the first edit). Every edit derives the page again from the
// original, so a sequence of edits that cancels out gives back the very same bytes.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStation } from '../../electron/core/station';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { REPO, tempDir } from '../helpers/paths';
import { type TestStation, openTestStation, servedFile, refused } from '../helpers/station';

let t: TestStation;
let db: Database.Database;
const files = tempDir('hand-edits');
let ppm: string;

interface Row {
  image: string;
  width: number;
  height: number;
  steps: string | null;
  original: string | null;
}

function row(pageId: string): Row {
  return db
    .prepare(
      `SELECT p.image_sha256 AS image, p.width_px AS width, p.height_px AS height, s.steps, s.original_sha256 AS original
         FROM pages p LEFT JOIN page_steps s ON s.page_id = p.id WHERE p.id = ?`,
    )
    .get(pageId) as Row;
}

/** Grey pixels of a blob, at a small size so JPEG noise averages out. */
async function pixels(sha: string, width = 120, height = 170): Promise<Uint8Array> {
  const data = await t.station.blobs.readBuffer(sha);
  return new Uint8Array(await sharp(data).flatten({ background: '#fff' }).greyscale().resize({ width, height, fit: 'fill' }).raw().toBuffer());
}

function meanDiff(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

/** Scans land as captured and are processed behind the scanner (where the station does that). */
async function settled(documentId: string): Promise<void> {
  await t.station.background.settled(documentId);
}

async function skewedDraft(): Promise<{ documentId: string; pageId: string }> {
  const run = await t.scan({ device: 'sane:pnm:0', paper: { preset: 'auto' }, profile: 'default', dpi: 100, mode: 'gray', driverOptions: { filename: ppm } });
  expect(run.outcome.name).toBe('scan.done');
  await settled(run.documentId);
  const doc = await t.call('documents.get', { id: run.documentId });
  return { documentId: doc.id, pageId: doc.pages[0]!.id };
}

beforeAll(async () => {
  t = await openTestStation();
  db = new Database(t.station.paths.database, { readonly: true });
  const png = join(files.path, 'page.png');
  await vietnamesePage(png, { dpi: 100, mode: 'gray' });
  const { data, info } = await sharp(png).rotate(4, { background: '#ffffff' }).flatten({ background: '#ffffff' }).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  ppm = join(files.path, 'skewed.ppm');
  writeFileSync(ppm, Buffer.concat([Buffer.from(`P6\n${info.width} ${info.height}\n255\n`), data]));
}, 120_000);

afterAll(async () => {
  db.close();
  await t.close();
  files.cleanup();
});

describe('hand edits derive the page again from its kept capture', () => {
  it('rotates twice: a half turn from the original, the same original; four turns give back the very bytes', async () => {
    const { pageId } = await skewedDraft();
    const first = row(pageId);
    expect(first.original, first.steps ?? '').not.toBeNull(); // the pipeline straightened it: the capture is kept
    expect(JSON.parse(first.steps!).deskewDegrees).not.toBe(0);
    const upright = await pixels(first.image);

    await t.call('pages.rotate', { pageId, quarterTurns: 1, sha256: first.image });
    const quarter = row(pageId);
    expect([quarter.width, quarter.height]).toEqual([first.height, first.width]);
    await t.call('pages.rotate', { pageId, quarterTurns: 1 });
    const half = row(pageId);
    expect([half.width, half.height]).toEqual([first.width, first.height]);
    expect(half.original).toBe(first.original);
    expect(JSON.parse(half.steps!).hand).toEqual({ base: 'capture', steps: [{ kind: 'rotate', quarterTurns: 1 }, { kind: 'rotate', quarterTurns: 1 }] });
    // The page turned upside down: its pixels are the upright page's, reversed.
    const turned = await pixels(half.image);
    expect(meanDiff(turned, upright.slice().reverse())).toBeLessThan(6);
    expect(meanDiff(turned, upright)).toBeGreaterThan(10);

    await t.call('pages.rotate', { pageId, quarterTurns: 2 });
    expect(row(pageId).image).toBe(first.image); // derived from the original, not from the turned JPEG
  }, 120_000);

  it('crops to a box drawn on the page as shown, and undo gives back the page before the crop', async () => {
    const { pageId } = await skewedDraft();
    await t.call('pages.rotate', { pageId, quarterTurns: 3 }); // a turn to the left, then a crop of what is shown
    const before = row(pageId);
    const box = { left: 100, top: 50, width: 400, height: 300 };
    const whole = await t.station.blobs.readBuffer(before.image); // its file goes with the swap
    await t.call('pages.crop', { pageId, box, sha256: before.image });
    const cropped = row(pageId);
    expect([cropped.width, cropped.height]).toEqual([400, 300]);
    // The crop's pixels are those of the box in the page it was drawn on.
    const expected = new Uint8Array(await sharp(whole).extract(box).greyscale().resize({ width: 80, height: 60, fit: 'fill' }).raw().toBuffer());
    expect(meanDiff(await pixels(cropped.image, 80, 60), expected)).toBeLessThan(4);

    const steps = await t.call('pages.steps', { pageId });
    expect(steps).toMatchObject({ canUndo: true, atCapture: false, hasOriginal: true, widthPx: 400, heightPx: 300, sha256: cropped.image });
    expect(steps.handInForce).toEqual([{ kind: 'rotate', quarterTurns: 3 }, { kind: 'crop', box }]);

    await t.call('pages.undo', { pageId });
    expect(row(pageId).image).toBe(before.image);
    await t.call('pages.undo', { pageId });
    expect((await refused(t.call('pages.undo', { pageId }))).code).toBe('page-nothing-to-undo');
  }, 120_000);

  it('back to the capture gives the capture pixels, and undo brings the automatic steps back', async () => {
    const { pageId } = await skewedDraft();
    const straight = row(pageId);
    await t.call('pages.revert', { pageId });
    const reverted = row(pageId);
    const capture = await sharp(await t.station.blobs.readBuffer(straight.original!)).metadata();
    expect([reverted.width, reverted.height]).toEqual([capture.width, capture.height]);
    expect(meanDiff(await pixels(reverted.image), await pixels(straight.original!))).toBeLessThan(2);
    expect(await t.call('pages.steps', { pageId })).toMatchObject({ atCapture: true, handInForce: [], hand: [{ kind: 'revert' }] });
    await t.call('pages.revert', { pageId }); // already the capture: nothing changes
    expect(row(pageId).image).toBe(reverted.image);
    await t.call('pages.undo', { pageId });
    expect(row(pageId).image).toBe(straight.image);

    // The review's "before": the capture, as a JPEG the browser shows.
    const before = servedFile(t.station, files.path, `/pages/${pageId}/original`);
    expect(before.contentType).toBe('image/jpeg');
    const chunks: Buffer[] = [];
    for await (const c of before.open()) chunks.push(c as Buffer);
    expect(await sharp(Buffer.concat(chunks)).metadata()).toMatchObject({ format: 'jpeg', width: capture.width, height: capture.height });
  }, 120_000);

  it('a page stored as its capture: its image becomes the original at the first edit, and undo gives back those bytes', async () => {
    const run = await t.scan({ device: 'sane:test:0', dpi: 75, mode: 'gray', profile: 'none', driverOptions: { 'test-picture': 'Color pattern' } });
    await settled(run.documentId);
    const doc = await t.call('documents.get', { id: run.documentId });
    const pageId = doc.pages[0]!.id;
    const first = row(pageId);
    expect(first.original).toBeNull();
    expect(await t.call('pages.steps', { pageId })).toMatchObject({ hasOriginal: false, atCapture: true, canUndo: false });
    await t.call('pages.rotate', { pageId, quarterTurns: 1 });
    const turned = row(pageId);
    expect(turned.original).toBe(first.image);
    expect(JSON.parse(turned.steps!).hand.base).toBe('stored');
    expect([turned.width, turned.height]).toEqual([first.height, first.width]);
    await t.call('pages.undo', { pageId });
    expect(row(pageId).image).toBe(first.image);
    // Every page's action is in the audit trail.
    const audit = db.prepare("SELECT details FROM audit WHERE document_id = ? AND action = 'update'").pluck().all(doc.id) as string[];
    expect(audit.map((d) => JSON.parse(d).change)).toEqual(['hand-rotate', 'hand-undo']);
  }, 120_000);
});

describe('refused edits change nothing', () => {
  it('refuses a box outside the page or too small, an image changed meanwhile, and a saved document', async () => {
    const { documentId, pageId } = await skewedDraft();
    const page = row(pageId);
    const outside = await refused(t.call('pages.crop', { pageId, box: { left: page.width - 40, top: 0, width: 100, height: 100 } }));
    expect(outside.code).toBe('page-crop-invalid');
    expect(outside.message.vi).toContain('nằm trong trang');
    expect((await refused(t.call('pages.crop', { pageId, box: { left: 0, top: 0, width: 10, height: 100 } }))).code).toBe('invalid-input');
    expect((await refused(t.call('pages.rotate', { pageId, quarterTurns: 4 as never }))).code).toBe('invalid-input');
    expect((await refused(t.call('pages.rotate', { pageId, quarterTurns: 1, sha256: 'a'.repeat(64) }))).code).toBe('page-changed');
    expect((await refused(t.call('pages.rotate', { pageId: 'nope', quarterTurns: 1 }))).code).toBe('page-not-found');
    expect(row(pageId)).toEqual(page);

    await t.call('documents.finish', { id: documentId, ocr: 'skip', digitizedBy: 'Trần Văn Bình' });
    expect((await refused(t.call('pages.rotate', { pageId, quarterTurns: 1 }))).code).toBe('page-edit-not-draft');
    expect((await refused(t.call('pages.revert', { pageId }))).code).toBe('page-edit-not-draft');
    expect(row(pageId)).toEqual(page);
  }, 120_000);
});

describe('kill -9 during hand edits', () => {
  const WRITER = join(REPO, 'test', 'core', 'hand-edit-writer.ts');
  const TSX_LOADER = pathToFileURL(join(REPO, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  /** After how many confirmed turns, and how long after, each round's writer is killed. */
  const ROUNDS = [
    [1, 0],
    [2, 40],
    [1, 90],
    [3, 150],
    [1, 230],
  ] as const;

  /** Every file of the blob store, by the sha256 it is named after. */
  function blobFiles(root: string): string[] {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /^[0-9a-f]{64}$/.test(e.name))
      .map((e) => e.name);
  }

  it('leaves the page whole: its image is the last committed turn, every file has its row and every row its file', { timeout: 300_000 }, async () => {
    const { pageId } = await skewedDraft();
    const start = row(pageId);
    const dataDir = t.dataDir;
    await t.station.close(); // the writers are the station now; afterAll's close is then a no-op
    let committed = 0;
    for (const [turns, delayMs] of ROUNDS) {
      const child = spawn(process.execPath, ['--import', TSX_LOADER, WRITER, dataDir, pageId], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = new Promise<NodeJS.Signals | null>((r) => child.once('exit', (_code, signal) => r(signal)));
      let out = '';
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      await new Promise<void>((resolve) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes(`done ${turns}\n`)) resolve();
        });
        void exited.then(() => resolve());
      });
      await new Promise((r) => setTimeout(r, delayMs)); // somewhere inside the next turn
      child.kill('SIGKILL');
      expect(await exited, err).toBe('SIGKILL');
      const confirmed = out.split('\n').filter((l) => l.startsWith('done ')).length;

      // The next start sweeps what the killed process left; then everything must hold together.
      const station = await openStation({ dataDir });
      try {
        const now = row(pageId);
        const hand = (JSON.parse(now.steps!) as { hand: { steps: unknown[] } }).hand.steps.length;
        expect(hand).toBeGreaterThanOrEqual(committed + confirmed); // nothing promised is lost
        expect(hand).toBeLessThanOrEqual(committed + confirmed + 1); // at most the turn under way
        console.log(`kill -9 round: ${confirmed} turns confirmed, ${hand - committed} committed (killed ${delayMs} ms after turn ${turns})`);
        committed = hand;
        expect([now.width, now.height]).toEqual(hand % 2 === 1 ? [start.height, start.width] : [start.width, start.height]);
        expect(now.original).toBe(start.original);
        const thumb = db.prepare('SELECT thumb_sha256 FROM pages WHERE id = ?').pluck().get(pageId) as string;
        for (const sha of [now.image, thumb, now.original!]) expect(await station.blobs.verify(sha), sha).toBe(true);
        const rows = new Set(db.prepare('SELECT sha256 FROM blobs').pluck().all() as string[]);
        expect(blobFiles(station.paths.blobs).filter((f) => !rows.has(f))).toEqual([]);
        expect([...rows].filter((sha) => !blobFiles(station.paths.blobs).includes(sha) && db.prepare('SELECT 1 FROM blobs WHERE sha256 = ? AND purged_at IS NULL').get(sha))).toEqual([]);
      } finally {
        await station.close();
      }
    }
    expect(committed).toBeGreaterThanOrEqual(8);
  });
});
