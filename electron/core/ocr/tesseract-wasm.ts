// Vietnamese OCR inside the app: tesseract.js (tesseract 5 compiled to WebAssembly) in worker
// threads, with the Vietnamese model shipped in assets/tessdata — the very file Debian's
// tesseract reads. Nothing to install on a counter's Windows PC, and nothing fetched: the model is
// read from the assets folder and the WebAssembly core from tesseract.js-core beside the code
// (tesseract.js would otherwise download both from a CDN).
//
// One worker thread per run (at the lowest priority: tesseract-worker.mjs), up to one per core (OcrSlots decides how many run at once; this
// pool only never starts more). A worker keeps its loaded model between pages; it is ended after
// a while without work, since WebAssembly memory never shrinks: a worker that recognised a large
// band would otherwise keep that memory for the rest of the day. A run that is cancelled or past
// its deadline ends its worker (WebAssembly cannot be interrupted), as the native run's process
// is killed. The output is tesseract's own TSV, parsed as the native engine's is (parseTsv): the
// same words, boxes, lines, confidences and look-alike mapping.
import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker as NodeWorker } from 'node:worker_threads';
import sharp from 'sharp';
import { OEM, PSM, createWorker, type Worker as TessWorker } from 'tesseract.js';
import { StationError, errorMessage } from '../errors';
import { toolTimeoutMs } from '../tools/run-tool';
import type { OcrEngine, OcrOptions, OcrResult } from './engine';
import { TSV_HEADER, parseTsv } from './tesseract';

/** A worker with nothing to do for this long is ended (its WebAssembly memory returned). */
const IDLE_MS = 20_000;

export interface PortableEngineOptions {
  /** The assets folder: the model is in its tessdata/ (vie.traineddata). */
  readonly assetsDir: string;
  /** Worker threads at most (default: the cores). */
  readonly size?: number;
  readonly idleMs?: number;
}

/** Where tesseract.js finds its parts: every one a local path, none a URL. */
export interface PortablePaths {
  readonly langPath: string;
  readonly workerPath: string;
  readonly corePath: string;
}

/** In the installed app the code is in app.asar; the worker thread and the WebAssembly core are
 * unpacked beside it (electron-builder.yml asarUnpack), where a worker thread can load them. */
function unpacked(path: string): string {
  return path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

/** The worker thread's file: ours (it lowers its priority, then runs tesseract.js's worker
 * script), from the sources or built beside the main bundle (electron.vite.config.ts). */
function workerFile(): string {
  const self = import.meta.url;
  return fileURLToPath(new URL(self.endsWith('.ts') ? './tesseract-worker.mjs' : './tesseract-worker.js', self));
}

export function portablePaths(assetsDir: string): PortablePaths {
  const require = createRequire(import.meta.url);
  return {
    langPath: join(assetsDir, 'tessdata'),
    workerPath: workerFile(),
    // In Node tesseract.js loads the core with require('tesseract.js-core/…'); named here so that
    // no default (a CDN address) is ever in its options.
    corePath: unpacked(join(require.resolve('tesseract.js-core/package.json'), '..')),
  };
}

interface Idle {
  readonly worker: TessWorker;
  readonly timer: NodeJS.Timeout;
}

export class PortableOcrEngine implements OcrEngine {
  /** Measured in the A0 job: a worker's WebAssembly memory held 200–250 MB for a band of 10.5 Mpx
   * (colour, 300 dpi), where Debian's tesseract takes some 200 MB for 15.6 Mpx. At 22 the queue's
   * budget (18 Mpx) still runs two A4 pages at 300 dpi at once, but an A0's bands one at a time,
   * so that the whole A0 job with OCR stays within 1 GB. */
  readonly bytesPerPixel = 22;
  readonly paths: PortablePaths;
  private readonly size: number;
  private readonly idleMs: number;
  private readonly idle: Idle[] = [];
  private readonly busy = new Set<TessWorker>();
  private starting = 0;
  private readonly waiting: (() => void)[] = [];
  /** Fails the page a worker is on, should its thread die (an error outside tesseract.js's jobs). */
  private readonly crashed = new Map<TessWorker, (e: unknown) => void>();
  /** Aborted by close(): runs under way end with their workers, whoever started them. */
  private readonly closing = new AbortController();
  private closed = false;

  constructor(opts: PortableEngineOptions) {
    this.paths = portablePaths(opts.assetsDir);
    this.size = Math.max(1, opts.size ?? availableParallelism());
    this.idleMs = opts.idleMs ?? IDLE_MS;
  }

  /** Worker threads alive now (running or idle). */
  get workers(): number {
    return this.idle.length + this.busy.size + this.starting;
  }

  async recognise(imagePath: string, asked: OcrOptions): Promise<OcrResult> {
    const opts: OcrOptions = { ...asked, signal: asked.signal ? AbortSignal.any([asked.signal, this.closing.signal]) : this.closing.signal };
    const image = await imageBytes(imagePath);
    const worker = await this.acquire(opts.signal);
    let ended = false;
    const end = () => {
      ended = true;
      this.busy.delete(worker);
      void worker.terminate();
      this.wakeOne();
    };
    try {
      const crash = new Promise<never>((_, reject) => this.crashed.set(worker, reject));
      // The page's resolution, as the native run's --dpi (tesseract scales its text-size guesses by
      // it). Inside the guarded run: a close while it is being set ends the page too.
      // A worker ended meanwhile (deadline, cancel, close) is not asked for the page: tesseract.js
      // would post to a thread that is gone (a TypeError CI once saw escape as an unhandled
      // rejection under load). Whatever `read` ends with is the race's; the catch only marks it seen.
      const read = worker.setParameters({ user_defined_dpi: String(Math.round(opts.dpi)) }).then(() => {
        if (ended) throw new StationError('cancelled');
        return worker.recognize(image, {}, { text: false, tsv: true });
      });
      read.catch(() => undefined);
      const run = Promise.race([read, crash]);
      const tsv = await withDeadline(run, opts, end);
      return parseTsv(`${TSV_HEADER}\n${tsv.data.tsv ?? ''}`);
    } catch (e) {
      if (e instanceof StationError) throw e;
      if (!ended) end(); // a worker that failed mid-page is not trusted with the next one
      throw new StationError('ocr-failed', { detail: `tesseract.js: ${errorMessage(e)}` });
    } finally {
      this.crashed.delete(worker);
      if (!ended) this.release(worker);
    }
  }

  /** Ends every worker; runs under way fail. */
  async close(): Promise<void> {
    this.closed = true;
    this.closing.abort();
    for (const w of this.waiting.splice(0)) w();
    const all = [...this.idle.splice(0).map((i) => (clearTimeout(i.timer), i.worker)), ...this.busy];
    this.busy.clear();
    await Promise.all(all.map((w) => w.terminate()));
  }

  private async acquire(signal: AbortSignal | undefined): Promise<TessWorker> {
    for (;;) {
      if (this.closed || signal?.aborted) throw new StationError('cancelled');
      const idle = this.idle.pop();
      if (idle) {
        clearTimeout(idle.timer);
        this.busy.add(idle.worker);
        ref(idle.worker, true);
        return idle.worker;
      }
      if (this.workers < this.size) return this.start();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private async start(): Promise<TessWorker> {
    this.starting++;
    try {
      // A model that is not there is an incomplete installation, said at once (tesseract.js would
      // report it only to errorHandler and leave its worker waiting).
      await access(join(this.paths.langPath, 'vie.traineddata'), constants.R_OK);
      let failed!: (e: unknown) => void;
      const failure = new Promise<never>((_, reject) => (failed = reject));
      const created = createWorker('vie', OEM.LSTM_ONLY, {
        ...this.paths,
        gzip: false, // the model is Debian's plain file
        cacheMethod: 'none', // never write a copy of the model into the working folder
        legacyCore: false,
        legacyLang: false,
        // tesseract.js reports a failure to load the model or the core here only (without a
        // handler it throws in the main thread). The starting worker is then lost to us: an
        // unreadable model is an installation to repair, not something to retry page after page.
        errorHandler: (e: unknown) => failed(e),
      });
      const worker = await Promise.race([created, failure]);
      // A thread that dies (WebAssembly out of memory, say) fails its page and leaves the pool;
      // without a listener its error would be thrown in the station's main thread.
      threadOf(worker)?.on('error', (e: unknown) => {
        const fail = this.crashed.get(worker);
        if (fail) return fail(e);
        const at = this.idle.findIndex((i) => i.worker === worker);
        if (at >= 0) clearTimeout(this.idle.splice(at, 1)[0]!.timer);
      });
      await worker.setParameters({ tessedit_pageseg_mode: PSM.AUTO });
      if (this.closed) {
        await worker.terminate();
        throw new StationError('cancelled');
      }
      this.busy.add(worker);
      return worker;
    } catch (e) {
      if (e instanceof StationError) throw e;
      // The model or the core could not be loaded: the installation is incomplete.
      throw new StationError('ocr-unavailable', { detail: `the Vietnamese OCR model or engine could not be loaded (${errorMessage(e)})` });
    } finally {
      this.starting--;
    }
  }

  private release(worker: TessWorker): void {
    this.busy.delete(worker);
    if (this.closed) {
      void worker.terminate();
      return;
    }
    // Idle workers do not keep a command's process alive; running ones do (ref above).
    ref(worker, false);
    const timer = setTimeout(() => {
      const at = this.idle.findIndex((i) => i.worker === worker);
      if (at >= 0) this.idle.splice(at, 1);
      void worker.terminate();
    }, this.idleMs).unref();
    this.idle.push({ worker, timer });
    this.wakeOne();
  }

  private wakeOne(): void {
    this.waiting.shift()?.();
  }
}

/** The thread behind a tesseract.js worker (its `worker` field in Node). */
function threadOf(worker: TessWorker): NodeWorker | null | undefined {
  return (worker as unknown as { worker?: NodeWorker | null }).worker;
}

function ref(worker: TessWorker, on: boolean): void {
  const thread = threadOf(worker);
  if (on) thread?.ref();
  else thread?.unref();
}

/** The page as bytes tesseract's image reader (leptonica: PNG, JPEG, TIFF) takes; anything else
 * the station might store is handed over as PNG. */
async function imageBytes(imagePath: string): Promise<Buffer> {
  const bytes = await readFile(imagePath);
  const png = bytes[0] === 0x89 && bytes[1] === 0x50;
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  const tiff = (bytes[0] === 0x49 && bytes[1] === 0x49) || (bytes[0] === 0x4d && bytes[1] === 0x4d);
  return png || jpeg || tiff ? bytes : sharp(bytes).png({ compressionLevel: 1 }).toBuffer();
}

/** The run, unless cancelled or past its deadline first: then its worker is ended. Exported for
 * its test only. */
export function withDeadline<T>(run: Promise<T>, opts: OcrOptions, end: () => void): Promise<T> {
  // The native run's deadline (5 min a page; SOHOA_TOOL_TIMEOUT_MS for very slow machines).
  const timeoutMs = toolTimeoutMs('tesseract', opts.timeoutMs);
  return new Promise<T>((resolve, reject) => {
    const settle = () => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    };
    // A run stopped here never settles (its worker is gone) or fails later, when tesseract.js finds
    // its worker ended: the deadline goes with it, or its timer would keep a closing station's
    // process alive until it fired.
    const stop = (error: StationError) => {
      settle();
      end();
      reject(error);
    };
    const onAbort = () => stop(new StationError('cancelled'));
    // Attached before anything can stop the run: its later failure is then handled, not thrown as
    // an unhandled rejection (CI: a station closed while the worker was between start and page).
    run.then(resolve, reject).finally(settle);
    const timer = setTimeout(() => stop(new StationError('ocr-failed', { detail: `the recognition took longer than ${Math.max(1, Math.round(timeoutMs / 1000))} s` })), timeoutMs);
    // Closed (or cancelled) while the worker was being set up.
    if (opts.signal?.aborted) return stop(new StationError('cancelled'));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
