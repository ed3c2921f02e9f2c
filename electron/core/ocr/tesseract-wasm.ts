// Vietnamese OCR inside the app: tesseract 5.3 compiled to WebAssembly (npm `tesseract-wasm`,
// BSD-2-Clause, whose build runs tesseract's SSE dot products as WebAssembly SIMD) in worker
// threads, with the Vietnamese model shipped in assets/tessdata — the very file Debian's tesseract
// reads. Nothing to install on a counter's Windows PC, and nothing fetched: the model is read from
// the assets folder and the WebAssembly build from the package beside the code.
//
// Why this build and not tesseract.js (which the station used first): on the same pages, model and
// cores, tesseract.js took 1.36 s of CPU a warm A4 page where this one takes 1.07 s, and tesseract.js
// decodes the page inside WebAssembly, where here the worker thread decodes it natively (sharp)
// (issue 22: the portable path within 1.5× of Debian's tesseract).
//
// One worker thread per run (at the lowest priority: tesseract-worker.mjs), up to one per core
// (OcrSlots decides how many run at once; this pool only never starts more). A worker keeps its
// loaded model between pages; it is ended after a while without work, since WebAssembly memory
// never shrinks: a worker that recognised a large band would otherwise keep that memory for the
// rest of the day. A run that is cancelled or past its deadline ends its worker (WebAssembly cannot
// be interrupted), as the native run's process is killed. The words come back with the same boxes,
// lines, confidences and look-alike mapping as the native engine's TSV gives (parseTsv).
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Word } from '../pdf/text-layer';
import { StationError, errorMessage } from '../errors';
import { toolTimeoutMs } from '../tools/run-tool';
import type { OcrEngine, OcrOptions, OcrResult } from './engine';
import { OcrThread, type OcrThreadFiles, type RecognisedPage } from './ocr-thread';
import { vietnameseWord } from './vietnamese-lookalikes';

/** A worker with nothing to do for this long is ended (its WebAssembly memory returned). */
const IDLE_MS = 20_000;
/** tesseract-wasm's flag on a word that starts a text line. */
const START_OF_LINE = 1;

export interface PortableEngineOptions {
  /** The assets folder: the model is in its tessdata/ (vie.traineddata). */
  readonly assetsDir: string;
  /** Worker threads at most (default: the cores). */
  readonly size?: number;
  readonly idleMs?: number;
}

/** In the installed app the code is in app.asar; the worker thread and the engine are unpacked
 * beside it (electron-builder.yml asarUnpack), where a worker thread can load them. */
function unpacked(path: string): string {
  return path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

/** The worker thread's file: ours, from the sources or built beside the main bundle
 * (electron.vite.config.ts). */
function workerFile(): string {
  const self = import.meta.url;
  return fileURLToPath(new URL(self.endsWith('.ts') ? './tesseract-worker.mjs' : './tesseract-worker.js', self));
}

/** Where the engine's parts are: every one a local file, none a URL. */
export function portablePaths(assetsDir: string): OcrThreadFiles {
  const require = createRequire(import.meta.url);
  // The package exports its lib.js only (node_modules/tesseract-wasm/dist/lib.js): the .wasm is
  // found by its path in node_modules, named whole so that the installer's test finds it too.
  const lib = require.resolve('tesseract-wasm');
  const nodeModules = join(dirname(lib), '..', '..');
  return {
    workerPath: workerFile(),
    libPath: unpacked(lib),
    // The SIMD build: Electron and Node ≥ 16 have WebAssembly SIMD everywhere the station runs
    // (tesseract-wasm's fallback build is for browsers without it, and is not shipped).
    wasmPath: unpacked(join(nodeModules, 'tesseract-wasm/dist/tesseract-core.wasm')),
    modelPath: join(assetsDir, 'tessdata', 'vie.traineddata'),
  };
}

interface Idle {
  readonly thread: OcrThread;
  readonly timer: NodeJS.Timeout;
}

export class PortableOcrEngine implements OcrEngine {
  /** Measured (a fresh process, one thread, its peak memory over the run): 225 MB for an A4 page
   * at 300 dpi (8.7 Mpx), 253 MB for an A0 band (11.9 Mpx) — the decoded pixels, tesseract-wasm's
   * copy of them and tesseract's own images. At 22 the queue's budget (18 Mpx) still runs two A4
   * pages at 300 dpi at once, but an A0's bands one at a time, so that the whole A0 job with OCR
   * stays within 1 GB (957 MB in `npm run bench ocr-engines`). */
  readonly bytesPerPixel = 22;
  readonly paths: OcrThreadFiles;
  private readonly size: number;
  private readonly idleMs: number;
  private readonly idle: Idle[] = [];
  private readonly busy = new Set<OcrThread>();
  private starting = 0;
  private readonly waiting: (() => void)[] = [];
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
    const thread = await this.acquire(opts.signal);
    let ended = false;
    const end = () => {
      ended = true;
      this.busy.delete(thread);
      void thread.terminate();
      this.wakeOne();
    };
    try {
      // Asked inside the guarded run: a deadline, cancel or close ends the thread, which fails the
      // page at once (ocr-thread.ts); that failure is the race's, and only marked seen here.
      const read = thread.recognise({ path: imagePath, dpi: opts.dpi });
      read.catch(() => undefined);
      return toResult(await withDeadline(read, opts, end));
    } catch (e) {
      if (e instanceof StationError) throw e;
      if (!ended) end(); // a worker that failed mid-page is not trusted with the next one
      throw new StationError('ocr-failed', { detail: `tesseract (WebAssembly): ${errorMessage(e)}` });
    } finally {
      if (!ended) this.release(thread);
    }
  }

  /** Ends every worker; runs under way fail. */
  async close(): Promise<void> {
    this.closed = true;
    this.closing.abort();
    for (const w of this.waiting.splice(0)) w();
    const all = [...this.idle.splice(0).map((i) => (clearTimeout(i.timer), i.thread)), ...this.busy];
    this.busy.clear();
    await Promise.all(all.map((t) => t.terminate()));
  }

  private async acquire(signal: AbortSignal | undefined): Promise<OcrThread> {
    for (;;) {
      if (this.closed || signal?.aborted) throw new StationError('cancelled');
      const idle = this.idle.pop();
      if (idle) {
        clearTimeout(idle.timer);
        if (!idle.thread.alive) continue; // died while idle
        this.busy.add(idle.thread);
        idle.thread.ref(true);
        return idle.thread;
      }
      if (this.workers < this.size) return this.start();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private async start(): Promise<OcrThread> {
    this.starting++;
    try {
      // A model that is not there is an incomplete installation, said at once.
      await access(this.paths.modelPath, constants.R_OK);
      const thread = await OcrThread.start(this.paths);
      if (this.closed) {
        await thread.terminate();
        throw new StationError('cancelled');
      }
      this.busy.add(thread);
      return thread;
    } catch (e) {
      if (e instanceof StationError) throw e;
      // The model or the engine could not be loaded: the installation is incomplete, a thing to
      // repair, not something to retry page after page.
      throw new StationError('ocr-unavailable', { detail: `the Vietnamese OCR model or engine could not be loaded (${errorMessage(e)})` });
    } finally {
      this.starting--;
    }
  }

  private release(thread: OcrThread): void {
    this.busy.delete(thread);
    if (this.closed || !thread.alive) {
      void thread.terminate();
      this.wakeOne();
      return;
    }
    // Idle workers do not keep a command's process alive; running ones do (ref above).
    thread.ref(false);
    const timer = setTimeout(() => {
      const at = this.idle.findIndex((i) => i.thread === thread);
      if (at >= 0) this.idle.splice(at, 1);
      void thread.terminate();
    }, this.idleMs).unref();
    this.idle.push({ thread, timer });
    this.wakeOne();
  }

  private wakeOne(): void {
    this.waiting.shift()?.();
  }
}

/** tesseract's words as the station's: text mapped back from tesseract's look-alikes, boxes in
 * pixels, each with its line's number and box, confidence 0–100 (as the native engine's TSV). */
function toResult(page: RecognisedPage): OcrResult {
  const words: Word[] = [];
  const lines: string[][] = [];
  let confSum = 0;
  let line = -1;
  for (const w of page.words) {
    if (line < 0 || w.flags & START_OF_LINE) line++;
    const text = w.text.trim();
    if (!text) continue;
    const box = page.lines[line];
    const word = vietnameseWord(text); // NFC, tesseract's look-alikes (Ð for Đ, …) mapped back
    const conf = Math.max(0, Math.min(100, w.conf * 100));
    words.push({ text: word, x: w.rect.left, y: w.rect.top, w: w.rect.right - w.rect.left, h: w.rect.bottom - w.rect.top, line, lineY: box?.top, lineH: box ? box.bottom - box.top : undefined, conf });
    confSum += conf;
    (lines[line] ??= []).push(word);
  }
  return { text: lines.filter(Boolean).map((l) => l.join(' ')).join('\n'), words, confidence: words.length ? confSum / words.length : 0 };
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
    // A run stopped here fails later, when its ended thread fails the page: the deadline goes with
    // it, or its timer would keep a closing station's process alive until it fired.
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
