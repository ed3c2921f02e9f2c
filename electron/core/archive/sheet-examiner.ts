// Runs the archive sheets' separator test and blank measure (separators.ts) on a thread of their
// own (sheet-worker.ts), one sheet after another, so that the station's main thread stays free for
// the scanner, the store and the screen. Barcode batches stay here (the barcode reader is
// WebAssembly loaded once per thread). Where the thread cannot start (a bundle without its file),
// sheets are examined on this thread instead — slower, never wrong.
import { Worker } from 'node:worker_threads';
import type { ErrorCode, ErrorDetails } from '../../contract';
import { StationError } from '../errors';
import type { Logger } from '../log';
import { type BlankMeasure, type SeparatorRule, type SheetVerdict, examineSheet } from './separators';

export type Examined = { verdict: SheetVerdict; measured: BlankMeasure };

interface Job {
  readonly id: number;
  readonly resolve: (r: Examined) => void;
  readonly reject: (e: Error) => void;
}

type Reply = { id: number; result?: Examined; error?: { code?: ErrorCode; details?: ErrorDetails; message?: string } };

function workerUrl(): URL {
  const self = import.meta.url;
  return self.endsWith('.ts') ? new URL('./sheet-worker-entry.mjs', self) : new URL('./sheet-worker.js', self);
}

export class SheetExaminer {
  private worker: Worker | null = null;
  private readonly jobs = new Map<number, Job>();
  private nextId = 1;
  private inProcess = false;
  private closed = false;

  constructor(private readonly log: Logger) {}

  examine(file: string, dpi: number, rule: SeparatorRule): Promise<Examined> {
    if (this.closed) return Promise.reject(new Error('the sheet examiner is closed'));
    const worker = rule.kind === 'barcode' || this.inProcess ? null : this.thread();
    if (!worker) return examineSheet(file, dpi, rule);
    return new Promise<Examined>((resolve, reject) => {
      const id = this.nextId++;
      this.jobs.set(id, { id, resolve, reject });
      worker.postMessage({ id, file, dpi, rule });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const j of this.jobs.values()) j.reject(new Error('the sheet examiner is closed'));
    this.jobs.clear();
    await this.worker?.terminate();
    this.worker = null;
  }

  private thread(): Worker | null {
    if (this.worker) return this.worker;
    let worker: Worker;
    try {
      worker = new Worker(workerUrl());
    } catch (e) {
      this.log.warn('the archive examining thread cannot start: sheets are examined on the main thread', { detail: e instanceof Error ? e.message : String(e) });
      this.inProcess = true;
      return null;
    }
    worker.unref();
    let online = false;
    worker.once('online', () => (online = true));
    worker.on('message', (m: Reply) => {
      const job = this.jobs.get(m.id);
      if (!job) return;
      this.jobs.delete(m.id);
      if (m.result) job.resolve(m.result);
      else if (m.error?.code) job.reject(new StationError(m.error.code, m.error.details ?? {}));
      else job.reject(new Error(m.error?.message ?? 'examining the sheet failed'));
    });
    worker.on('error', (e) => {
      // The thread is gone: the sheets it had fail (their rows stay, to be tried again); the
      // next sheet starts a new one — or, if it never loaded, sheets are examined here.
      this.log.warn('the archive examining thread failed', { detail: e.message });
      if (this.worker === worker) this.worker = null;
      if (!online) this.inProcess = true;
      for (const j of this.jobs.values()) j.reject(e);
      this.jobs.clear();
    });
    this.worker = worker;
    return worker;
  }
}
