// Resume after a crash: a child station (test/fixtures/archive/crash-scanner.ts) is killed with
// SIGKILL while the feeder is running. The next station finds the batch, its documents, every
// page it had committed (each file intact), the indexing typed so far and the archivist's place;
// the batch is marked interrupted, and scanning on continues the document the feeder was filling.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../electron/core/dispatch';
import { openStation } from '../../electron/core/station';
import { patchSheetSvg, textPageSvg } from '../fixtures/archive/sheets';
import { REPO, tempDir } from '../helpers/paths';
import { SLOW_SCAN_OPTIONS, writeSaneConfig } from '../helpers/sane';
import { openTestStation, refused } from '../helpers/station';

const CHILD = join(REPO, 'test', 'fixtures', 'archive', 'crash-scanner.ts');
const TSX_LOADER = pathToFileURL(join(REPO, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

let tmp: ReturnType<typeof tempDir>;
let child: ChildProcess | null = null;
const sheets: string[] = [];

beforeAll(async () => {
  tmp = tempDir('archive-resume');
  const svgs = [textPageSvg(['Giấy chứng nhận kết hôn', 'ngày 3 tháng 2 năm 1998'], 100), patchSheetSvg('T', 100), textPageSvg(['Sổ hộ tịch'], 100), patchSheetSvg('T', 100)];
  for (const [i, svg] of svgs.entries()) {
    const path = join(tmp.path, `sheet-${i}.png`);
    await sharp(Buffer.from(svg)).flatten({ background: '#fff' }).withMetadata({ density: 100 }).png().toFile(path);
    sheets.push(path);
  }
});

afterAll(() => {
  child?.kill('SIGKILL');
  tmp?.cleanup();
});

/** Runs the child until it has committed `pages` pages of the slow stack, then kills it. */
function runAndKill(dataDir: string, saneDir: string, pages: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, ['--import', TSX_LOADER, CHILD, dataDir, saneDir, ...sheets], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    let batchId = '';
    let seen = 0;
    let stderr = '';
    c.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    let buffered = '';
    c.stdout!.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('batch ')) batchId = line.slice(6);
        else if (line === 'page' && batchId && ++seen === pages) c.kill('SIGKILL');
        else if (line === 'done') reject(new Error('the stack ended before the kill'));
      }
    });
    c.on('exit', (code, signal) => {
      child = null;
      if (signal === 'SIGKILL' && batchId) resolve(batchId);
      else reject(new Error(`the child ended (${code ?? signal}) before it was killed: ${stderr}`));
    });
  });
}

describe('an archive batch killed mid-stack', () => {
  it('resumes where it stopped: documents, pages, entries and position survive; the next scan continues', { timeout: 120_000 }, async () => {
    const dataDir = join(tmp.path, 'data');
    const saneDir = writeSaneConfig(join(tmp.path, 'sane.d'));
    const batchId = await runAndKill(dataDir, saneDir, 3);

    const station = await openStation({ dataDir, env: { ...process.env, SANE_CONFIG_DIR: saneDir, SOHOA_STATION_PASSPHRASE: 'lưu trữ' } });
    try {
      const handlers = createHandlers(station);
      const call = async (method: string, input: unknown) => {
        const r = await dispatch(station, handlers, method, input, { emit: () => {} });
        if (!r.ok) throw new Error(r.error.message.en);
        return r.output as never;
      };
      // Sheets the child had stored but not yet placed are finished by this start (in feeder order).
      await station.archive.settled(batchId);
      const batch: { scanState: string; position: number; counts: { documents: number; pages: number; separators: number } } = await call('archive.get', { batchId });
      expect(batch.scanState).toBe('interrupted');
      expect(batch.position).toBe(1);
      const docs: { documentId: string; pageCount: number; entries: Record<string, string> }[] = await call('archive.documents', { batchId });
      expect(docs).toHaveLength(3);
      expect(docs[0]!.entries).toEqual({ title: 'Giấy chứng nhận kết hôn', issueDate: '1998-02-3', ownerName: 'Đỗ Thị Lan' });
      expect(docs.slice(0, 2).map((d) => d.pageCount)).toEqual([1, 1]);
      // Every page committed before the kill is there, in its document, its file intact; the
      // count kept for the progress bar agrees with the pages themselves.
      const scanned = docs[2]!;
      // The child was killed once it had reported three pages of the stack committed.
      expect(scanned.pageCount).toBeGreaterThanOrEqual(3);
      for (const d of docs) {
        const pages = station.documents.pages(d.documentId);
        expect(pages).toHaveLength(d.pageCount);
        for (const p of pages) expect(await station.blobs.verify(p.sha256)).toBe(true);
      }
      expect(batch.counts).toMatchObject({ documents: 3, separators: 2, pages: docs.reduce((n, d) => n + d.pageCount, 0) });

      const more: { pages: number; documentsStarted: number } = await call('archive.scan', { batchId, device: 'sane:test:0', source: 'feeder', dpi: 100, mode: 'gray', pages: 2 });
      expect(more).toMatchObject({ pages: 2, documentsStarted: 0 });
      const after: { pageCount: number }[] = await call('archive.documents', { batchId });
      expect(after[2]!.pageCount).toBe(scanned.pageCount + 2);
      expect(((await call('archive.get', { batchId })) as { scanState: string }).scanState).toBe('idle');
    } finally {
      await station.close();
    }
  });

  it('a stack cancelled mid-feed keeps the pages it stored, and the batch can scan on', { timeout: 120_000 }, async () => {
    const t = await openTestStation();
    try {
      const batch = await t.call('archive.create', { name: 'Hủy giữa chừng', separator: 'patch-t' });
      const scan = t.call('archive.scan', { batchId: batch.id, device: 'sane:test:0', source: 'feeder', dpi: 100, mode: 'gray', pages: 30, driverOptions: { ...SLOW_SCAN_OPTIONS } });
      const outcome = refused(scan);
      await expect.poll(async () => (await t.call('archive.get', { batchId: batch.id })).counts.pages, { timeout: 60_000, interval: 100 }).toBeGreaterThanOrEqual(2);
      expect((await refused(t.call('archive.scan', { batchId: batch.id, device: 'sane:test:0', source: 'feeder', pages: 1 }))).code).toBe('archive-scan-running');
      expect(await t.call('archive.cancelScan', { batchId: batch.id })).toEqual({ cancelled: true });
      expect((await outcome).code).toBe('cancelled');
      const after = await t.call('archive.get', { batchId: batch.id });
      expect(after.scanState).toBe('idle');
      expect(after.counts.pages).toBeGreaterThanOrEqual(2);
      expect(after.counts.pages).toBeLessThan(30);
      const [doc] = await t.call('archive.documents', { batchId: batch.id });
      expect(t.station.documents.pages(doc!.documentId)).toHaveLength(after.counts.pages);
      expect(await t.call('archive.cancelScan', { batchId: batch.id })).toEqual({ cancelled: false });
      expect(await t.call('archive.scan', { batchId: batch.id, device: 'sane:test:0', source: 'feeder', dpi: 100, mode: 'gray', pages: 1 })).toMatchObject({ pages: 1, documentsStarted: 0 });
    } finally {
      await t.close();
    }
  });
});
