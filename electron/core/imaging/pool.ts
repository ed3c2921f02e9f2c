// The imaging worker pool: pages are processed in parallel, one worker thread per core, while the
// scanner keeps feeding. The analysis is JavaScript (a reduced copy of the page) and would block
// the station's event loop; libvips then works in each worker's own thread.
//
// Where worker threads cannot start (a bundle without the worker's file), pages are processed in
// this thread instead — slower, never wrong. SOHOA_IMAGING_WORKERS sets the size (0: in-process).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ErrorCode, ErrorDetails } from '../../contract';
import { StationError } from '../errors';
import type { Logger } from '../log';
import { type ProcessRequest, type ProcessedPage, processPage } from './apply';

interface Job {
  readonly id: number;
  readonly req: ProcessRequest;
  readonly resolve: (p: ProcessedPage) => void;
  readonly reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  /** The worker loaded its code (a failure before that is the pool's, not the page's). */
  online: boolean;
}

/** How to start the worker file: the TypeScript source through tsx, or a built .js beside us. */
function workerUrl(): { url: URL; execArgv: string[] } {
  const self = import.meta.url;
  if (self.endsWith('.ts')) return { url: new URL('./pool-worker-entry.mjs', self), execArgv: [] };
  return { url: new URL('./pool-worker.js', self), execArgv: [] };
}

export class ImagingPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private inProcess: boolean;
  private closed = false;

  constructor(
    private readonly log: Logger,
    readonly size = defaultSize(),
  ) {
    this.inProcess = size === 0;
  }

  process(req: ProcessRequest): Promise<ProcessedPage> {
    if (this.closed) return Promise.reject(new Error('the imaging pool is closed'));
    if (this.inProcess) return processPage(req);
    return new Promise<ProcessedPage>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, req, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const j of this.queue.splice(0)) j.reject(new Error('the imaging pool is closed'));
    // A page under way in a worker fails too (a terminated worker never answers): whoever waits
    // for it must not wait for ever (background-imaging.ts keeps its pending row for next time).
    for (const s of this.slots) {
      s.job?.reject(new Error('the imaging pool is closed'));
      s.job = null;
    }
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.job === null);
      if (!slot && this.slots.length < this.size) slot = this.spawn() ?? undefined;
      if (!slot) {
        if (this.inProcess) for (const j of this.queue.splice(0)) processPage(j.req).then(j.resolve, j.reject);
        return;
      }
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.postMessage({ id: job.id, req: job.req });
    }
  }

  private spawn(): Slot | null {
    let worker: Worker;
    try {
      const { url, execArgv } = workerUrl();
      worker = new Worker(url, { execArgv });
    } catch (e) {
      this.log.warn('imaging workers cannot start: pages are processed in the main thread', { detail: e instanceof Error ? e.message : String(e) });
      this.inProcess = this.slots.length === 0;
      return null;
    }
    worker.unref();
    const slot: Slot = { worker, job: null, online: false };
    worker.once('online', () => (slot.online = true));
    worker.on('message', (m: { id: number; page?: ProcessedPage; error?: string; coded?: { code: ErrorCode; details: ErrorDetails } }) => {
      const job = slot.job;
      if (!job || job.id !== m.id) return;
      slot.job = null;
      if (m.page) job.resolve(m.page);
      else job.reject(m.coded ? new StationError(m.coded.code, m.coded.details) : new Error(m.error ?? 'imaging failed'));
      this.pump();
    });
    worker.on('error', (e) => {
      // The worker is gone (it could not load, or threw outside a job): its job fails, the
      // others go on, and a new worker takes its place on the next page.
      this.log.warn('an imaging worker failed', { detail: e.message });
      this.slots.splice(this.slots.indexOf(slot), 1);
      if (slot.job && !slot.online) this.queue.unshift(slot.job);
      else slot.job?.reject(e);
      slot.job = null;
      if (this.slots.length === 0 && !this.closed && !slot.online) {
        this.inProcess = true;
        this.log.warn('no imaging worker runs: pages are processed in the main thread');
      }
      this.pump();
    });
    this.slots.push(slot);
    return slot;
  }
}

export function defaultSize(env: NodeJS.ProcessEnv = process.env): number {
  const asked = env.SOHOA_IMAGING_WORKERS;
  if (asked !== undefined && /^\d+$/.test(asked)) return Number(asked);
  return availableParallelism();
}
