// A feeder batch that goes wrong halfway, through the station as the counter drives it: a jam
// at sheet 4 (the test backend's read-return-value set between sheets) and a driver that hangs
// mid-batch. Either way the pages before are kept in the draft, and Continue (a scan on the same
// draft) adds the rest after them: no page lost, none doubled.
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayload, PageInfo } from '../../electron/contract';
import { SLOW_SCAN_OPTIONS } from '../helpers/sane';
import { type ScanRun, type TestStation, openTestStation } from '../helpers/station';

let t: TestStation | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

function savedPages(run: ScanRun): PageInfo[] {
  return run.events.filter((e) => e.name === 'scan.page').map((e) => (e.payload as EventPayload<'scan.page'>).page);
}

/** The station's sane-worker processes (its children), by pid. */
function workerPids(): number[] {
  const out = execFileSync('ps', ['--ppid', String(process.pid), '-o', 'pid=,comm='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(([, comm]) => comm === 'sane-worker')
    .map(([pid]) => Number(pid));
}

describe('a feeder batch that goes wrong halfway', () => {
  it('keeps sheets 1–3 when sheet 4 jams, and Continue scans the rest after them', async () => {
    t = await openTestStation();
    const batch = { device: 'sane:test:0', source: 'feeder', paper: { preset: 'a4' }, dpi: 75, mode: 'gray' } as const;
    const jam = await t.scan({ ...batch, driverOptions: { 'read-return-value': 'Default', 'read-return-value@4': 'SANE_STATUS_JAMMED' } });
    expect(jam.outcome.name).toBe('scan.failed');
    expect(jam.outcome.payload).toMatchObject({ error: { code: 'jammed' }, pagesSaved: 3, draftDiscarded: false });
    // From the feeder, the advice is the feeder's.
    expect((jam.outcome.payload as { error: { message: { vi: string } } }).error.message.vi).toMatch(/mở nắp khay nạp/);
    const before = t.station.documents.pages(jam.documentId);
    expect(before.map((p) => p.seq)).toEqual([1, 2, 3]);

    // The officer clears the jam and puts back the 7 sheets not yet scanned (the jammed one
    // first). The test backend's feeder holds 10 sheets at the start of every job, so the test
    // says how many are back in it.
    const rest = await t.scan({ ...batch, documentId: jam.documentId, pages: 7, driverOptions: { 'read-return-value': 'Default' } });
    expect(rest.outcome).toMatchObject({ name: 'scan.done', payload: { pages: 7 } });
    expect(savedPages(rest).map((p) => p.seq)).toEqual([4, 5, 6, 7, 8, 9, 10]);

    const after = t.station.documents.pages(jam.documentId);
    expect(after.map((p) => p.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(after.slice(0, 3).map((p) => p.id)).toEqual(before.map((p) => p.id)); // the first three untouched
    expect(new Set(after.map((p) => p.id)).size).toBe(10);
    const doc = await t.call('documents.finish', { id: jam.documentId, ocr: 'skip' });
    expect(doc.pageCount).toBe(10);
  });

  it('after a hang mid-batch: the watchdog restarts the worker, the pages so far stay, Continue resumes on a fresh worker', async () => {
    t = await openTestStation({ workerTimeoutMs: 1500 });
    const batch = { device: 'sane:test:0', source: 'feeder', paper: { preset: 'a4' }, dpi: 100, mode: 'gray' } as const;
    await t.call('devices.list', {});
    const [frozen] = workerPids();
    expect(frozen).toBeGreaterThan(0);
    let stopped = false;
    const hung = t.scan({ ...batch, driverOptions: SLOW_SCAN_OPTIONS });
    // Freeze the worker, as a driver stuck inside sane_read would be, once two pages are saved.
    const started = Date.now();
    while (!stopped && Date.now() - started < 30_000) {
      const drafts = await t.call('documents.list', {});
      if (drafts.some((d) => d.pageCount >= 2)) {
        process.kill(frozen!, 'SIGSTOP');
        stopped = true;
      } else await new Promise((r) => setTimeout(r, 20));
    }
    expect(stopped).toBe(true);
    const run = await hung;
    expect(run.outcome.name).toBe('scan.failed');
    const failed = run.outcome.payload as EventPayload<'scan.failed'>;
    expect(failed.error.code).toBe('worker-hung');
    expect(failed.draftDiscarded).toBe(false);
    const kept = t.station.documents.pages(run.documentId).map((p) => p.seq);
    expect(kept.length).toBe(failed.pagesSaved);
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => i + 1));
    expect(kept.length).toBeGreaterThanOrEqual(2);

    const more = await t.scan({ ...batch, documentId: run.documentId, pages: 2, driverOptions: { 'read-return-value': 'Default', 'read-delay': false } });
    expect(more.outcome.name).toBe('scan.done');
    expect(workerPids()).not.toContain(frozen);
    const all = t.station.documents.pages(run.documentId).map((p) => p.seq);
    expect(all).toEqual(Array.from({ length: kept.length + 2 }, (_, i) => i + 1));
  });
});
