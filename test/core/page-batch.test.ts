// The page grid's edits through the core: one change to a selection of pages (pages.batch) in one
// transaction — rotate, delete, move — all or nothing; and hand edits of a page still being
// processed in the background, queued per page so that three quick turns end at 270° and the
// pipeline's own work (its deskew) is kept under them.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentDetail, PageStepsInfo } from '../../electron/contract';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation, refused } from '../helpers/station';

let t: TestStation;
const files = tempDir('page-batch');
let ppm: string;

beforeAll(async () => {
  t = await openTestStation();
  const png = join(files.path, 'page.png');
  await vietnamesePage(png, { dpi: 100, mode: 'gray' });
  const { data, info } = await sharp(png).rotate(4, { background: '#ffffff' }).flatten({ background: '#ffffff' }).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  ppm = join(files.path, 'skewed.ppm');
  writeFileSync(ppm, Buffer.concat([Buffer.from(`P6\n${info.width} ${info.height}\n255\n`), data]));
}, 120_000);
afterAll(async () => {
  await t.close();
  files.cleanup();
});

async function draft(pages: number): Promise<DocumentDetail> {
  const run = await t.scan({ device: 'sane:test:0', source: 'feeder', dpi: 50, mode: 'gray', pages });
  expect(run.outcome.name).toBe('scan.done');
  await t.station.background.settled(run.documentId);
  return t.call('documents.get', { id: run.documentId });
}

const turnsOf = (s: PageStepsInfo) => s.handInForce.reduce((n, h) => n + (h.kind === 'rotate' ? h.quarterTurns : 0), 0) % 4;

describe('pages.batch', () => {
  it('turns every selected page in one call, and only those', async () => {
    const doc = await draft(3);
    const [a, b, c] = doc.pages;
    const after = await t.call('pages.batch', { documentId: doc.id, pageIds: [a!.id, c!.id], change: { kind: 'rotate', quarterTurns: 3 } });
    expect(after.pages.map((p) => p.id)).toEqual([a!.id, b!.id, c!.id]);
    expect(after.pages[0]!.sha256).not.toBe(a!.sha256);
    expect(after.pages[1]!.sha256).toBe(b!.sha256);
    for (const p of [a!, c!]) expect(turnsOf(await t.call('pages.steps', { pageId: p.id }))).toBe(3);
    expect(turnsOf(await t.call('pages.steps', { pageId: b!.id }))).toBe(0);
  });

  it('changes nothing when one page of the selection fails midway (its capture unreadable)', async () => {
    const doc = await draft(3);
    const [a, b, c] = doc.pages;
    // The second page's files are gone from the store: deriving it fails after the first was derived.
    const before = t.station.pageHandEdits.beforeBlob(b!.id)!.sha256;
    for (const sha of new Set([before, b!.sha256])) rmSync(t.station.blobs.pathOf(sha));
    await refused(t.call('pages.batch', { documentId: doc.id, pageIds: [a!.id, b!.id, c!.id], change: { kind: 'rotate', quarterTurns: 1 } }));
    const now = await t.call('documents.get', { id: doc.id });
    expect(now.pages.map((p) => p.sha256)).toEqual([a!.sha256, b!.sha256, c!.sha256]);
    for (const p of [a!, c!]) expect((await t.call('pages.steps', { pageId: p.id })).hand).toEqual([]);
  });

  it('deletes the selection in one transaction, and refuses (deleting none) a page of another document', async () => {
    const doc = await draft(5);
    const other = await draft(1);
    const ids = doc.pages.map((p) => p.id);
    const error = await refused(t.call('pages.batch', { documentId: doc.id, pageIds: [ids[1]!, other.pages[0]!.id], change: { kind: 'delete' } }));
    expect(error.code).toBe('page-not-found');
    expect((await t.call('documents.get', { id: doc.id })).pages).toHaveLength(5);
    const after = await t.call('pages.batch', { documentId: doc.id, pageIds: [ids[1]!, ids[3]!], change: { kind: 'delete' } });
    expect(after.pages.map((p) => [p.id, p.seq])).toEqual([
      [ids[0], 1],
      [ids[2], 2],
      [ids[4], 3],
    ]);
  });

  it('moves the selection, in its order, before a page; beyond the end is last', async () => {
    const doc = await draft(5);
    const [p1, p2, p3, p4, p5] = doc.pages.map((p) => p.id);
    const order = (d: DocumentDetail) => d.pages.map((p) => p.id);
    expect(order(await t.call('pages.batch', { documentId: doc.id, pageIds: [p5!, p4!], change: { kind: 'move', toSeq: 1 } }))).toEqual([p4, p5, p1, p2, p3]);
    // one later (the keyboard's Alt+→ on the block 4,5 now at 1–2): before the page after the next
    expect(order(await t.call('pages.batch', { documentId: doc.id, pageIds: [p4!, p5!], change: { kind: 'move', toSeq: 4 } }))).toEqual([p1, p4, p5, p2, p3]);
    expect(order(await t.call('pages.batch', { documentId: doc.id, pageIds: [p1!], change: { kind: 'move', toSeq: 99 } }))).toEqual([p4, p5, p2, p3, p1]);
  });
});

describe('hand edits of a page still being processed', () => {
  it('three quick turns of a busy page end at 270°, on the processed (straightened) page', { timeout: 120_000 }, async () => {
    let rotations: Promise<DocumentDetail>[] = [];
    let wasPending = false;
    const ended = new Promise<void>((resolve) => {
      void t.call(
        'scan.start',
        { device: 'sane:pnm:0', paper: { preset: 'auto' }, profile: 'default', dpi: 100, mode: 'gray', driverOptions: { filename: ppm } },
        {
          emit: (name, payload) => {
            if (name === 'scan.page') {
              // The page is committed as captured and queued for the pipeline: it is busy now.
              const pageId = (payload as { page: { id: string; documentId: string } }).page.id;
              wasPending = t.station.background.pendingCount((payload as { page: { documentId: string } }).page.documentId) > 0;
              rotations = [1, 2, 3].map(() => t.call('pages.rotate', { pageId, quarterTurns: 1 }));
            }
            if (name === 'scan.done' || name === 'scan.failed') resolve();
          },
        },
      );
    });
    await ended;
    expect(wasPending).toBe(true);
    expect(rotations).toHaveLength(3);
    const docs = await Promise.all(rotations);
    const page = docs[2]!.pages[0]!;
    const steps = await t.call('pages.steps', { pageId: page.id });
    expect(steps.hand).toEqual([1, 2, 3].map(() => ({ kind: 'rotate', quarterTurns: 1 })));
    expect(turnsOf(steps) * 90).toBe(270);
    // the pipeline's work was not dropped under the edits: the page was straightened first
    expect(steps.automatic.profile).toBe('default');
    expect(Math.abs(steps.automatic.deskewDegrees)).toBeGreaterThan(1);
    expect(t.station.background.pendingCount(page.documentId)).toBe(0);
  });
});
