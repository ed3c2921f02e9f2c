// A 5,000-page batch (1,000 documents of 5 pages, in every state): the progress figures and the
// document listing the archive screen polls stay correct, and their time is measured and printed
// beside the store's own documents.list over the same rows (the peer figure). No timing is
// asserted: the machine is shared. The pages are real rows over real stored blobs; one small
// image is stored once and shared (the store is content-addressed), so that building the batch
// takes seconds rather than the hours 5,000 scans would.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveDocState } from '../../electron/contract';
import { uuidv7 } from '../../electron/core/ids';
import { encodePage } from '../../electron/core/imaging/page-encoder';
import { vietnamIso } from '../../electron/core/time';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation } from '../helpers/station';

const DOCUMENTS = 1000;
const PAGES_EACH = 5;
let t: TestStation;
let tmp: ReturnType<typeof tempDir>;
let batchId: string;
const states: ArchiveDocState[] = [];

beforeAll(async () => {
  t = await openTestStation();
  tmp = tempDir('archive-scale');
  const png = join(tmp.path, 'page.png');
  await sharp({ create: { width: 300, height: 420, channels: 3, background: '#f3efe6' } }).png().toFile(png);
  const encoded = await encodePage({ file: png }, 'color', 100, t.station.blobs);
  batchId = (await t.call('archive.create', { name: 'Lô 5.000 trang', separator: 'patch-t' })).id;
  const { documents, archive } = t.station;
  const repo = archive.repository;
  const now = vietnamIso();
  const cycle: ArchiveDocState[] = ['approved', 'approved', 'review', 'sent-back', 'indexing'];
  documents.inTransaction(() => {
    for (let d = 0; d < DOCUMENTS; d++) {
      const id = uuidv7();
      documents.createDraft(id, `archive:${batchId}`, { kind: 'result' }, now);
      repo.startDocument(batchId, id, now);
      for (let p = 1; p <= PAGES_EACH; p++) {
        documents.addPage({ id: uuidv7(), documentId: id, seq: p, image: encoded.image, thumb: encoded.thumb, widthPx: 300, heightPx: 420, dpi: 100, mode: 'color', createdAt: now });
        repo.pageAdded(id);
      }
      repo.separatorSeen(batchId);
      const state = cycle[d % cycle.length]!;
      states.push(state);
      if (state !== 'indexing') repo.setState(id, state, { indexed: { userId: null, name: 'Lê Văn Hùng' } }, now);
    }
  });
}, 120_000);

afterAll(async () => {
  await t?.close();
  tmp?.cleanup();
});

/** Median of `runs` timings of fn, in milliseconds. */
async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return Number(times[Math.floor(runs / 2)]!.toFixed(2));
}

describe('a 5,000-page batch', () => {
  it('counts every document and page by state', async () => {
    const count = (s: ArchiveDocState) => states.filter((x) => x === s).length;
    const batch = await t.call('archive.get', { batchId });
    expect(batch.counts).toEqual({
      documents: DOCUMENTS,
      pages: DOCUMENTS * PAGES_EACH,
      separators: DOCUMENTS,
      indexing: count('indexing'),
      review: count('review'),
      sentBack: count('sent-back'),
      approved: count('approved'),
      approvedPages: count('approved') * PAGES_EACH,
    });
    const page = await t.call('archive.documents', { batchId, offset: 900, limit: 100 });
    expect(page.map((d) => d.seq)).toEqual(Array.from({ length: 100 }, (_, i) => 901 + i));
    expect(page.every((d) => d.pageCount === PAGES_EACH && d.firstPageId !== null)).toBe(true);
    expect(await t.call('archive.documents', { batchId, state: 'review', limit: 1000 })).toHaveLength(count('review'));
  });

  it('measures the progress and listing queries through the dispatcher (printed, not asserted)', async () => {
    // Each timed call's answer is checked too: a fast wrong answer is no figure.
    const figures = {
      'archive.get (progress counts)': await median(21, async () => expect((await t.call('archive.get', { batchId })).counts.pages).toBe(DOCUMENTS * PAGES_EACH)),
      'archive.documents (200 from offset 800)': await median(21, async () => expect(await t.call('archive.documents', { batchId, offset: 800, limit: 200 })).toHaveLength(200)),
      'archive.documents (state review, 200)': await median(21, async () => expect(await t.call('archive.documents', { batchId, state: 'review', limit: 200 })).toHaveLength(200)),
      'peer: documents.list (200 drafts)': await median(21, async () => expect(await t.call('documents.list', { status: 'draft', limit: 200 })).toHaveLength(200)),
    };
    console.log(`archive batch of ${DOCUMENTS * PAGES_EACH} pages, median of 21 (ms):`, JSON.stringify(figures, null, 1));
  });
});
