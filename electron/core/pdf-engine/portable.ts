// The portable PDF engine: qpdf and PDFium compiled to WebAssembly, and pdf-lib, all inside the
// app — nothing to install on a counter's Windows PC. They run in one worker thread, one operation
// at a time, each under the same guarantees as a system tool (run-tool.ts): a deadline past which
// the thread is terminated (and the call answers tool-timeout once it is gone), a memory limit
// (each WebAssembly engine's own maximum, set in its binary; the thread's JavaScript heap capped
// too) answered with tool-memory-limit. A fresh thread takes the next call. The thread is let go
// when idle, so the memory a large page took is given back.
import { rm } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { StationError } from '../errors';
import { toolMemoryLimitBytes, toolTimeoutMs } from '../tools/run-tool';
import type { CcittImage, Encryption, ListedImage, PageBoxPt, PageWord, PdfEngine, RebuildResult, RenderResult } from './engine';
import { ENGINE_OF, type WorkerReply, type WorkerRequest } from './portable-protocol';
import type { QpdfRun } from './qpdf-wasm';

/** Deadlines per engine, as for the system tools they replace (run-tool.ts). */
const TIMEOUT_MS = { qpdf: 180_000, pdfium: 180_000, 'pdf-lib': 120_000 } as const;
/** Memory per engine: qpdf as the system qpdf; PDFium holds a band of the page and the file. */
const MEMORY_BYTES = { qpdf: 2 ** 30, pdfium: 2 ** 31, 'pdf-lib': 2 ** 30 } as const;
/** An idle thread is let go after this long (its WebAssembly memory never shrinks). */
const IDLE_MS = 5_000;

/** An engine could not do what was asked (the file's fault, mostly): said as the engine said it. */
class EngineFailure extends Error {}

type Op = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id' | 'limitBytes'> : never) : never;

function workerUrl(): URL {
  const self = import.meta.url;
  if (self.endsWith('.ts')) return new URL('./portable-worker-entry.mjs', self);
  return new URL('./pdf-engine-worker.js', self);
}

class EngineThread {
  private worker: Worker | null = null;
  private heapMb = 0;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private idle: NodeJS.Timeout | null = null;

  /** Runs `op` after the calls before it, for `original` (the file the person chose). */
  call<T>(op: Op, original: string, signal?: AbortSignal): Promise<T> {
    const next = this.queue.then(() => this.run<T>(op, original, signal));
    this.queue = next.catch(() => {});
    return next;
  }

  private thread(heapMb: number): Worker {
    if (this.worker && this.heapMb === heapMb) return this.worker;
    void this.worker?.terminate();
    this.worker = new Worker(workerUrl(), { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    this.worker.unref();
    this.heapMb = heapMb;
    return this.worker;
  }

  private async run<T>(op: Op, original: string, signal?: AbortSignal): Promise<T> {
    if (this.idle) clearTimeout(this.idle);
    const engine = ENGINE_OF[op.op];
    const limitBytes = toolMemoryLimitBytes(engine, MEMORY_BYTES[engine]);
    const timeoutMs = toolTimeoutMs(engine, TIMEOUT_MS[engine]);
    // pdf-lib's objects live on the thread's heap: it gets the limit, and room to start in.
    const heapMb = Math.max(256, Math.round(toolMemoryLimitBytes('pdf-lib', MEMORY_BYTES['pdf-lib']) / 2 ** 20));
    const worker = this.thread(heapMb);
    const id = this.nextId++;
    try {
      return await new Promise<T>((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          worker.off('message', onMessage);
          worker.off('error', onError);
          worker.off('exit', onExit);
          signal?.removeEventListener('abort', onAbort);
        };
        // Past the deadline (or cancelled) the thread is terminated; the call answers once it is gone.
        const kill = (why: StationError) => {
          done();
          if (this.worker === worker) this.worker = null;
          void worker.terminate().then(() => reject(why), () => reject(why));
        };
        const onMessage = (m: WorkerReply) => {
          if (m.id !== id) return;
          done();
          if ('result' in m) resolve(m.result as T);
          else if (m.error.memory) reject(new StationError('tool-memory-limit', { tool: engine, file: original, limitMb: Math.round(limitBytes / 2 ** 20) }));
          else reject(new EngineFailure(m.error.message));
        };
        const onError = (e: Error & { code?: string }) => {
          done();
          if (this.worker === worker) this.worker = null;
          if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') reject(new StationError('tool-memory-limit', { tool: engine, file: original, limitMb: heapMb }));
          else reject(e);
        };
        const onExit = () => {
          done();
          if (this.worker === worker) this.worker = null;
          reject(new Error(`the ${engine} engine stopped`));
        };
        const onAbort = () => kill(new StationError('cancelled'));
        const timer = setTimeout(() => kill(new StationError('tool-timeout', { tool: engine, file: original, seconds: Math.max(1, Math.round(timeoutMs / 1000)) })), timeoutMs);
        worker.on('message', onMessage);
        worker.once('error', onError);
        worker.once('exit', onExit);
        if (signal?.aborted) return onAbort();
        signal?.addEventListener('abort', onAbort, { once: true });
        worker.postMessage({ ...op, id, limitBytes } as WorkerRequest);
      });
    } finally {
      this.idle = setTimeout(() => this.close(), IDLE_MS);
      this.idle.unref();
    }
  }

  close(): void {
    void this.worker?.terminate();
    this.worker = null;
  }
}

const thread = new EngineThread();
const f = (file: string) => ({ file });

/** An operation on `original`: an engine's failure on it is the file's (import-unreadable), never
 * an internal error — exit 1 is not the answer to a bad file. */
async function read<T>(op: Op, original: string): Promise<T> {
  try {
    return await thread.call<T>(op, original);
  } catch (e) {
    if (e instanceof EngineFailure) throw new StationError('import-unreadable', { file: original, detail: e.message, detail_vi: 'tệp PDF hỏng, không đọc được' });
    throw e;
  }
}

async function qpdf(args: (string | { file: string })[], original: string): Promise<QpdfRun> {
  return read<QpdfRun>({ op: 'qpdf', args }, original);
}

export const portableEngine: PdfEngine = {
  name: 'portable',
  async encryption(file, original): Promise<Encryption> {
    // qpdf's own answers: --is-encrypted exits 0 when encrypted; --requires-password exits 0 when
    // a password is needed to open it, 3 when only permissions are set.
    // (This build answers a file it cannot open without a password with "invalid password" and
    // exit 2, where the system qpdf exits 0.)
    const encrypted = await qpdf(['--is-encrypted', f(file)], original);
    if (/invalid password/.test(encrypted.stderr)) return 'password';
    if (encrypted.code !== 0) return 'none';
    const needs = await qpdf(['--requires-password', f(file)], original);
    return needs.code === 0 || /invalid password/.test(needs.stderr) ? 'password' : 'permissions';
  },
  async decrypt(file, out, original) {
    return (await qpdf(['--decrypt', f(file), f(out)], original)).code !== 2;
  },
  async rebuild(file, out, original): Promise<RebuildResult> {
    const rebuild = (from: string) => qpdf(['--empty', '--object-streams=disable', '--pages', f(from), '--', f(out)], original);
    const r = await rebuild(file);
    if (r.code !== 2) return { ok: true, complaint: r.stderr };
    // qpdf in WebAssembly does not reconstruct a lost cross-reference table as the system qpdf
    // does (xref-rebuild.ts): a copy with one rebuilt from the objects found is given to it.
    const withXref = `${out}.xref.pdf`;
    if (!(await read<boolean>({ op: 'xref', file, out: withXref }, original))) return { ok: false, complaint: r.stderr };
    try {
      const again = await rebuild(withXref);
      return { ok: again.code !== 2, complaint: again.code !== 2 ? again.stderr : r.stderr };
    } finally {
      await rm(withXref, { force: true });
    }
  },
  async pageCount(file, original) {
    const r = await qpdf(['--show-npages', f(file)], original);
    return Number(r.stdout.trim());
  },
  async objectOffsets(file, original) {
    const r = await qpdf(['--show-xref', f(file)], original);
    return [...r.stdout.matchAll(/^\d+\/\d+: uncompressed; offset = (\d+)/gm)].map((m) => Number(m[1]));
  },
  pageBoxes: (file, _count, original) => read<PageBoxPt[]>({ op: 'boxes', file }, original),
  images: (file, original) => read<ListedImage[]>({ op: 'images', file }, original),
  jpeg: (file, _page, object, out, original) => read<boolean>({ op: 'jpeg', file, object, out }, original),
  async ccitt(file, page, object, _workDir, original) {
    const r = await read<(Omit<CcittImage, 'data'> & { data: Uint8Array }) | null>({ op: 'ccitt', file, page, object }, original);
    return r && { ...r, data: Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength) };
  },
  words: (file, page, original) => read<PageWord[]>({ op: 'words', file, page }, original),
  async render(file, page, dpi, grey, outBase, original): Promise<RenderResult> {
    const out = `${outBase}.tif`;
    try {
      await thread.call({ op: 'render', file, page, dpi, grey, out }, original);
      return { file: out };
    } catch (e) {
      if (e instanceof EngineFailure) return { complaint: e.message };
      throw e;
    }
  },
};

/** Lets the engine's thread go now (tests; the station's shutdown). */
export function closePortableEngine(): void {
  thread.close();
}
