// Manual duplex on a simplex feeder: fronts, the stack turned over, backs (last page first);
// interleaved into reading order. Scanned from the SANE test backend's feeder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interleavedOrder } from '../../electron/core/capture/manual-duplex';
import { type TestStation, openTestStation, refused } from '../helpers/station';

let t: TestStation;

beforeAll(async () => {
  t = await openTestStation();
});

afterAll(async () => {
  await t?.close();
});

describe('manual duplex', () => {
  it('puts each back after its front: f1 f2 f3 b3 b2 b1 → f1 b1 f2 b2 f3 b3', () => {
    expect(interleavedOrder(['f1', 'f2', 'f3', 'b3', 'b2', 'b1'])).toEqual(['f1', 'b1', 'f2', 'b2', 'f3', 'b3']);
  });

  it('interleaves a draft scanned as three fronts then three backs', async () => {
    const fronts = await t.scan({ device: 'sane:test:0', source: 'feeder', dpi: 75, mode: 'gray', pages: 3 });
    expect(fronts.outcome.name).toBe('scan.done');
    const backs = await t.scan({ device: 'sane:test:0', source: 'feeder', dpi: 75, mode: 'gray', pages: 3, documentId: fronts.documentId });
    expect(backs.outcome.name).toBe('scan.done');
    const scanned = (await t.call('documents.get', { id: fronts.documentId })).pages.map((p) => p.id);
    expect(scanned).toHaveLength(6);
    const interleaved = await t.call('documents.interleaveBacks', { id: fronts.documentId });
    expect(interleaved.pages.map((p) => p.id)).toEqual([scanned[0], scanned[5], scanned[1], scanned[4], scanned[2], scanned[3]]);
    expect(interleaved.pages.map((p) => p.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    const saved = await t.call('documents.finish', { id: fronts.documentId, ocr: 'skip' });
    expect(saved.pages.map((p) => p.id)).toEqual(interleaved.pages.map((p) => p.id)); // the record follows the new order
  });

  it('refuses an odd number of pages (a sheet jammed or missed) and changes nothing', async () => {
    const odd = await t.scan({ device: 'sane:test:0', source: 'feeder', dpi: 75, mode: 'gray', pages: 3 });
    const before = (await t.call('documents.get', { id: odd.documentId })).pages.map((p) => p.id);
    const err = await refused(t.call('documents.interleaveBacks', { id: odd.documentId }));
    expect(err.code).toBe('duplex-odd-pages');
    expect(err.message.vi).toMatch(/số trang chẵn/);
    expect((await t.call('documents.get', { id: odd.documentId })).pages.map((p) => p.id)).toEqual(before);
  });
});
