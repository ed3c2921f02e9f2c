// One OCR worker thread (tesseract-worker.mjs) seen from the station: started with the engine's
// files, then asked for one page at a time. A thread that dies — WebAssembly out of memory, or
// ended by the station (deadline, cancel, close: WebAssembly cannot be interrupted, only its
// thread ended) — fails the page it was on; it is never asked for another.
import { Worker } from 'node:worker_threads';

/** Where the thread finds its parts: every one a local file, none a URL. */
export interface OcrThreadFiles {
  /** The worker thread's own file. */
  readonly workerPath: string;
  /** tesseract-wasm's JavaScript (dist/lib.js). */
  readonly libPath: string;
  /** Its WebAssembly build (the SIMD one where the runtime has SIMD). */
  readonly wasmPath: string;
  /** The Vietnamese model (vie.traineddata). */
  readonly modelPath: string;
}

/** A page for recognition: its image file (the thread decodes it) and its resolution. */
export interface PageToRead {
  readonly path: string;
  readonly dpi: number;
}

export interface Rect {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** tesseract's words in reading order (flags: 1 starts a line, 2 ends one) and its lines' boxes. */
export interface RecognisedPage {
  readonly words: readonly { readonly text: string; readonly rect: Rect; readonly conf: number; readonly flags: number }[];
  readonly lines: readonly Rect[];
}

type Reply = { type: 'ready' } | { type: 'failed'; id?: number; message: string } | ({ type: 'page'; id: number } & RecognisedPage);

class OcrThreadError extends Error {}

export class OcrThread {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (page: RecognisedPage) => void; reject: (e: Error) => void }>();
  private gone: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: Reply) => {
      if (reply.type === 'ready' || reply.id === undefined) return;
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.type === 'page') waiting?.resolve({ words: reply.words, lines: reply.lines });
      else waiting?.reject(new OcrThreadError(reply.message));
    });
    // Without listeners a thread's error would be thrown in the station's main thread.
    worker.on('error', (e: unknown) => this.fail(e instanceof Error ? e : new Error(String(e))));
    worker.on('exit', (code) => this.fail(new OcrThreadError(`the OCR thread ended (exit ${code})`)));
  }

  /** Starts a thread and loads the engine and the model into it. */
  static async start(files: OcrThreadFiles): Promise<OcrThread> {
    const worker = new Worker(files.workerPath);
    const thread = new OcrThread(worker);
    try {
      await new Promise<void>((resolve, reject) => {
        // Listening only while the thread starts: afterwards the constructor's listeners answer.
        const settle = (error?: Error) => {
          worker.off('message', onMessage).off('error', onError).off('exit', onExit);
          if (error) reject(error);
          else resolve();
        };
        const onMessage = (reply: Reply) => {
          if (reply.type === 'ready') settle();
          else if (reply.type === 'failed' && reply.id === undefined) settle(new OcrThreadError(reply.message));
        };
        const onError = (e: Error) => settle(e);
        const onExit = (code: number) => settle(new OcrThreadError(`the OCR thread ended while starting (exit ${code})`));
        worker.on('message', onMessage).on('error', onError).on('exit', onExit);
        worker.postMessage({ type: 'init', libPath: files.libPath, wasmPath: files.wasmPath, modelPath: files.modelPath });
      });
    } catch (e) {
      await thread.terminate();
      throw e;
    }
    return thread;
  }

  get alive(): boolean {
    return this.gone === null;
  }

  recognise(page: PageToRead): Promise<RecognisedPage> {
    if (this.gone) return Promise.reject(this.gone);
    const id = this.nextId++;
    return new Promise<RecognisedPage>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type: 'page', id, path: page.path, dpi: Math.round(page.dpi) });
    });
  }

  /** A running thread keeps a command's process alive; an idle one does not. */
  ref(on: boolean): void {
    if (on) this.worker.ref();
    else this.worker.unref();
  }

  async terminate(): Promise<void> {
    this.fail(new OcrThreadError('the OCR thread was ended'));
    await this.worker.terminate();
  }

  private fail(error: Error): void {
    this.gone ??= error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
