// A hung or crashed driver never hangs the station: the watchdog kills a silent worker, pending
// requests fail with a coded error, and the next request gets a fresh worker.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StationError } from '../../electron/core/errors';
import { createLogger } from '../../electron/core/log';
import { WorkerProcess } from '../../electron/core/scan/worker-process';
import { SANE_WORKER, tempDir } from '../helpers/paths';
import { SLOW_SCAN_OPTIONS, saneEnv, writeSaneConfig } from '../helpers/sane';

const tmp = tempDir('watchdog');
afterAll(() => tmp.cleanup());
const saneDir = writeSaneConfig(join(tmp.path, 'sane.d'));
const log = createLogger(join(tmp.path, 'log'));
const A4 = { x: 0, y: 0, width: 210, height: 297 };

function slowScan(worker: WorkerProcess, onProgress: () => void) {
  const spool = join(tmp.path, `spool-${Math.random()}`);
  mkdirSync(spool, { recursive: true });
  return worker
    .request('scan', { device: 'sane:test:0', spool, prefix: 'p', settings: { source: 'flatbed', mode: 'gray', dpi: 100, area: A4, pages: 3, options: SLOW_SCAN_OPTIONS } }, {
      onEvent: (m) => {
        if (m.event === 'progress') onProgress();
      },
    })
    .then(
      () => null,
      (e: unknown) => e,
    );
}

/** Whether the process disappears within a few seconds (a killed child is reaped asynchronously). */
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe('worker watchdog', () => {
  it('kills a worker that stops answering (SIGSTOP) and starts a fresh one for the next request', async () => {
    const worker = new WorkerProcess({ name: 'hang', executable: SANE_WORKER, env: saneEnv(saneDir), timeoutMs: 1500, log });
    await worker.request('ping');
    const frozen = worker.pid!;
    let stopped = false;
    const error = await slowScan(worker, () => {
      if (!stopped) process.kill(frozen, 'SIGSTOP');
      stopped = true;
    });
    expect(error).toBeInstanceOf(StationError);
    expect((error as StationError).code).toBe('worker-hung');
    expect(await gone(frozen)).toBe(true); // the frozen worker was killed and reaped
    const reply = await worker.request('list');
    expect(worker.pid).not.toBe(frozen);
    expect((reply.devices as unknown[]).length).toBeGreaterThan(0);
    await worker.stop();
  });

  it('reports a worker that dies mid-request as crashed, and recovers', async () => {
    const worker = new WorkerProcess({ name: 'crash', executable: SANE_WORKER, env: saneEnv(saneDir), timeoutMs: 10_000, log });
    await worker.request('ping');
    const pid = worker.pid!;
    let killed = false;
    const error = await slowScan(worker, () => {
      if (!killed) process.kill(pid, 'SIGKILL');
      killed = true;
    });
    expect((error as StationError).code).toBe('worker-crashed');
    expect((await worker.request('ping')).ok).toBe(true);
    await worker.stop();
  });

  it('replaces a worker that reports a scan and then hangs in the driver, before the next request', async () => {
    const worker = new WorkerProcess({ name: 'cleanup-hang', executable: SANE_WORKER, env: saneEnv(saneDir), timeoutMs: 30_000, log });
    await worker.request('ping');
    const pid = worker.pid!;
    const spool = join(tmp.path, 'spool-cleanup');
    mkdirSync(spool, { recursive: true });
    // Freeze the worker the moment it reports the outcome, as a driver stuck in sane_cancel would.
    const done = await worker.request('scan', { device: 'sane:test:0', spool, prefix: 'p', settings: { source: 'flatbed', mode: 'gray', dpi: 75, area: A4, options: { 'read-return-value': 'Default' } } }, {
      onEvent: (m) => {
        if (m.event === 'done') process.kill(pid, 'SIGSTOP');
      },
    });
    expect(done.event).toBe('done');
    // The next request waits for the health check (5 s), which replaces the frozen worker, not
    // for the 30 s watchdog; it then succeeds on a fresh worker.
    expect((await worker.request('ping')).ok).toBe(true);
    expect(worker.pid).not.toBe(pid);
    expect(await gone(pid)).toBe(true);
    await worker.stop();
  });

  it('says clearly when the worker program is missing', async () => {
    const worker = new WorkerProcess({ name: 'missing', executable: join(tmp.path, 'no-such-worker'), timeoutMs: 1000, log });
    const error = await worker.request('list').catch((e: unknown) => e);
    expect((error as StationError).code).toBe('worker-missing');
  });
});
