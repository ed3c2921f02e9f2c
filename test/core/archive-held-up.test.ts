// An archive stack whose station is held up mid-stack (issue 17: `worker-hung` on the first
// archive.scan of a bench run on a quiet machine). While the station's own thread does not run —
// the machine paused, the event loop held — the SANE worker goes on scanning and its lines wait in
// the pipe. The watchdog used to judge the worker's silence before reading them (and on the wall
// clock), killed a healthy worker and failed the stack; now the silence is counted only while the
// station was there to hear it, and the stack completes on the same worker.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLOW_SCAN_OPTIONS } from '../helpers/sane';
import { type TestStation, openTestStation } from '../helpers/station';

/** The station gives the worker 1.5 s of silence; it is held up for more than twice that. */
const TIMEOUT_MS = 1500;
const HELD_MS = 4000;
const SHEETS = 6;

let t: TestStation;

beforeAll(async () => {
  t = await openTestStation({ workerTimeoutMs: TIMEOUT_MS });
});
afterAll(async () => {
  await t?.close();
});

/** Keeps this thread busy: nothing else of the station runs meanwhile (timers, the pipe, the store). */
function holdThisThread(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // busy on purpose
  }
}

describe('an archive stack while the station is held up', () => {
  it('completes on the same worker: the time the station did not run is not the scanner’s silence', { timeout: 120_000 }, async () => {
    const batch = await t.call('archive.create', { name: 'Máy dừng giữa chồng', separator: 'patch-t' });
    let held = false;
    // The first sheet placed: the feeder is still going (slow reads, ≈ 1 s a sheet).
    const onPlaced = () => {
      if (held) return;
      held = true;
      setImmediate(() => holdThisThread(HELD_MS));
    };
    t.station.events.on('documents.changed', onPlaced);
    try {
      const r = await t.call('archive.scan', { batchId: batch.id, device: 'sane:test:0', source: 'feeder', paper: { preset: 'a4' }, dpi: 100, mode: 'gray', pages: SHEETS, driverOptions: SLOW_SCAN_OPTIONS });
      expect(held).toBe(true);
      expect(r.pages).toBe(SHEETS);
      expect(r.end).toBe('count');
    } finally {
      t.station.events.off('documents.changed', onPlaced);
    }
    const after = await t.call('archive.get', { batchId: batch.id });
    expect(after.counts.pages).toBe(SHEETS);
    const log = readFileSync(join(t.station.paths.logs, 'station.log'), 'utf8');
    // The watchdog saw the station away while the worker had a request outstanding, and killed nothing.
    expect(log).toContain('the station itself did not run for');
    expect(log).not.toContain('killing it');
  });
});
