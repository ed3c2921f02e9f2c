// A hung or crashed driver never hangs the station: the watchdog kills a silent worker, pending
// requests fail with a coded error, and the next request gets a fresh worker.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
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

/** Keeps this thread busy: nothing else of the station runs meanwhile (timers, the pipe). */
function holdThisThread(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // busy on purpose
  }
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

  // The station's own process held up (the machine paused, the event loop busy) while the worker
  // went on scanning: the worker's lines wait in the pipe, and a watchdog that judged the silence
  // before reading them killed a healthy worker mid-stack (worker-hung on a quiet machine, issue 17).
  it('keeps a worker that went on talking while the station itself was held up', async () => {
    const worker = new WorkerProcess({ name: 'held-up', executable: SANE_WORKER, env: saneEnv(saneDir), timeoutMs: 1500, log });
    await worker.request('ping');
    const pid = worker.pid!;
    const spool = join(tmp.path, 'spool-held-up');
    mkdirSync(spool, { recursive: true });
    let held = false;
    const done = await worker.request('scan', { device: 'sane:test:0', spool, prefix: 'p', settings: { source: 'feeder', mode: 'color', dpi: 100, area: A4, pages: 4, options: {} } }, {
      onEvent: (m) => {
        if (m.event !== 'page' || held) return;
        held = true;
        // After this turn of the event loop: the station does not run for twice the worker's allowance.
        setImmediate(() => holdThisThread(3000));
      },
    });
    expect(held).toBe(true);
    expect(done).toMatchObject({ event: 'done', pages: 4 });
    expect(worker.pid).toBe(pid); // the same worker, never killed
    expect((await worker.request('ping')).ok).toBe(true);
    await worker.stop();
  });

  // The wall clock is no stopwatch: a time sync steps it, an officer sets it. Here it runs a
  // thousand times fast from the first progress line on, so that any tick of a watchdog reading it
  // sees minutes between two of the worker's lines.
  it('does not take the wall clock moving for silence', async () => {
    const worker = new WorkerProcess({ name: 'clock-step', executable: SANE_WORKER, env: saneEnv(saneDir), timeoutMs: 1500, log });
    await worker.request('ping');
    const pid = worker.pid!;
    const realNow = Date.now.bind(Date);
    let stepped = false;
    try {
      const error = await slowScan(worker, () => {
        if (stepped) return;
        stepped = true;
        const from = realNow();
        vi.spyOn(Date, 'now').mockImplementation(() => from + (realNow() - from) * 1000);
      });
      expect(stepped).toBe(true);
      expect(error).toBeNull(); // the scan ended normally
      expect(worker.pid).toBe(pid);
    } finally {
      vi.restoreAllMocks();
      await worker.stop();
    }
  });

  it('kills a worker that never says it is ready, and says so', async () => {
    // cat waits for input and writes nothing: a worker stuck before its first line.
    const worker = new WorkerProcess({ name: 'never-ready', executable: '/bin/cat', timeoutMs: 1000, log });
    const error = await worker.request('ping').catch((e: unknown) => e);
    expect((error as StationError).code).toBe('worker-hung');
    expect(worker.pid).toBeUndefined(); // retired: the next request starts afresh
  });

  it('says clearly when the worker program is missing', async () => {
    const worker = new WorkerProcess({ name: 'missing', executable: join(tmp.path, 'no-such-worker'), timeoutMs: 1000, log });
    const error = await worker.request('list').catch((e: unknown) => e);
    expect((error as StationError).code).toBe('worker-missing');
  });
});
