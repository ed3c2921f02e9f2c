// Scanning through the contract, as every shell does: pages stored as they arrive, a refused
// request changes nothing, a failed scan keeps its pages and can be continued, the saved
// document's PDF is at true size and passes qpdf.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PageInfo } from '../../electron/contract';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation, refused } from '../helpers/station';

let t: TestStation | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

function pageSizes(pdf: string): string[] {
  return execFileSync('pdfinfo', ['-f', '1', '-l', '999', pdf], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => /^Page\s+\d+ size:/.test(l))
    .map((l) => /size:\s+([\d.]+) x ([\d.]+)/.exec(l)!.slice(1, 3).map((n) => Math.round(Number(n))).join('x'));
}

describe('scan → store → PDF', () => {
  it('stores each page before reporting it, then saves an A4 PDF of true size', async () => {
    t = await openTestStation();
    const run = await t.scan({ device: 'sane:test:0', paper: { preset: 'a4' }, dpi: 200, mode: 'color', pages: 3, metadata: { title: 'Tờ khai đăng ký khai sinh' }, driverOptions: { 'test-picture': 'Solid white' } });
    expect(run.outcome.name).toBe('scan.done');
    const saved = run.events.filter((e) => e.name === 'scan.page').map((e) => (e.payload as { page: PageInfo }).page);
    expect(saved.map((p) => p.seq)).toEqual([1, 2, 3]);
    // A page event means: the file is in the blob store and the row is in SQLite.
    for (const p of saved) {
      expect(t.station.blobs.has(p.sha256)).toBe(true);
      expect(t.station.documents.pages(run.documentId).map((x) => x.id)).toContain(p.id);
    }
    const doc = await t.call('documents.finish', { id: run.documentId, ocr: 'skip' });
    expect(doc).toMatchObject({ status: 'ready', pageCount: 3, metadata: { title: 'Tờ khai đăng ký khai sinh' }, ocr: 'skipped' });

    const out = tempDir('pdf');
    const file = join(out.path, 'a4.pdf');
    const written = await t.call('documents.export', { id: doc.id, path: file });
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(doc.pdf!.sha256);
    expect(written.sha256).toBe(doc.pdf!.sha256);
    for (const size of pageSizes(file)) expect(['595x842', '595x841']).toContain(size);
    expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toMatch(/No syntax or stream encoding errors/);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Title:\s+Tờ khai đăng ký khai sinh/);
    out.cleanup();
  });

  it('refuses a paper larger than the scanner before creating anything', async () => {
    t = await openTestStation({}, { geometryMax: 432 }); // an A3 flatbed
    const error = await refused(t.call('scan.start', { device: 'sane:test:0', paper: { preset: 'a0' } }));
    expect(error).toMatchObject({ code: 'invalid-setting', details: { field: 'paper' } });
    expect(error.message.en).toMatch(/A0 \(841 × 1189 mm\) is larger than the flatbed \(432 × 432 mm\)/);
    expect(error.message.vi).toMatch(/lớn hơn vùng quét của mặt kính/);
    expect(await t.call('documents.list', {})).toEqual([]);
  });

  it('refuses an unknown device, a missing source and an unoffered resolution, creating nothing', async () => {
    t = await openTestStation();
    expect((await refused(t.call('scan.start', { device: 'sane:nope:0' }))).code).toBe('unknown-device');
    expect((await refused(t.call('scan.start', { device: 'escl:nothing' }))).code).toBe('unknown-device');
    expect(await refused(t.call('scan.start', { device: 'sane:test:0', source: 'feeder-duplex' }))).toMatchObject({ code: 'invalid-setting', details: { field: 'source' } });
    expect(await refused(t.call('scan.start', { device: 'sane:test:0', dpi: 2400 }))).toMatchObject({ code: 'invalid-setting', details: { field: 'dpi' } });
    expect(await t.call('documents.list', {})).toEqual([]);
  });

  it('keeps the pages of a draft when a later scan fails, and continues it', async () => {
    t = await openTestStation();
    const first = await t.scan({ device: 'sane:test:0', dpi: 100, pages: 2 });
    const jam = await t.scan({ device: 'sane:test:0', dpi: 100, documentId: first.documentId, driverOptions: { 'read-return-value': 'SANE_STATUS_JAMMED' } });
    expect(jam.outcome.name).toBe('scan.failed');
    // On the glass, a jam is said without the feeder's cover (there is none).
    expect(jam.outcome.payload).toMatchObject({ error: { code: 'jammed-flatbed' }, pagesSaved: 0 });
    const said = (jam.outcome.payload as { error: { message: { vi: string; en: string } } }).error.message;
    expect(said.vi).toMatch(/kẹt giấy khi quét trên mặt kính/);
    expect(said.vi).not.toMatch(/khay nạp/);
    expect(said.en).not.toMatch(/feeder/);
    const more = await t.scan({ device: 'sane:test:0', dpi: 100, documentId: first.documentId, driverOptions: { 'read-return-value': 'Default' } });
    expect(more.outcome.name).toBe('scan.done');
    expect(t.station.documents.pages(first.documentId).map((p) => p.seq)).toEqual([1, 2, 3]);
    const doc = await t.call('documents.finish', { id: first.documentId, ocr: 'skip' });
    expect(doc.pageCount).toBe(3);
    // A saved document takes no more pages.
    expect((await refused(t.call('scan.start', { device: 'sane:test:0', documentId: doc.id }))).code).toBe('document-not-draft');
  });

  it('checks the metadata as a whole when saving', async () => {
    t = await openTestStation();
    const run = await t.scan({ device: 'sane:test:0', dpi: 75, metadata: { issueDate: '2021-03-01' } });
    const error = await refused(t.call('documents.finish', { id: run.documentId, metadata: { validUntil: '2020-12-31' } }));
    expect(error).toMatchObject({ code: 'invalid-input', details: { field: 'metadata.validUntil' } });
    expect((await t.call('documents.get', { id: run.documentId })).status).toBe('draft');
  });

  it('exports only saved documents and never half-writes the target', async () => {
    t = await openTestStation();
    const run = await t.scan({ device: 'sane:test:0', dpi: 75 });
    const out = tempDir('export');
    expect((await refused(t.call('documents.export', { id: run.documentId, path: join(out.path, 'x.pdf') }))).code).toBe('document-not-ready');
    const doc = await t.call('documents.finish', { id: run.documentId, ocr: 'skip' });
    const target = join(out.path, 'x.pdf');
    await t.call('documents.export', { id: doc.id.slice(0, 13), path: target }); // a unique prefix works
    expect((await refused(t.call('documents.export', { id: doc.id, path: target }))).code).toBe('output-exists');
    expect((await refused(t.call('documents.export', { id: doc.id, path: join(out.path, 'missing', 'x.pdf') }))).code).toBe('output-failed');
    out.cleanup();
  });
});
