// Assembling a large sheet (issue 18) on a thread of its own: one worker thread per sheet
// (assemble-worker.ts), ended when the page is made, when it fails, or when the caller cancels.
// Registration is OpenCV WebAssembly — seconds for A2, minutes for A0 at 300 dpi — and would hold
// the station's main thread (the scanner, the store, the screen) the whole time. A new thread per
// sheet also gives OpenCV's WebAssembly memory back to the system when the sheet is done.
//
// The thread's station errors come back with their code and details (the officer reads the same
// message, in either language); anything else becomes `stitch-failed`. A cancelled assembly
// (`signal`) ends the thread at once and leaves no page file.
import { rm } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { ErrorCode, ErrorDetails } from '../../contract';
import { StationError } from '../errors';
import type { AssembleRequest, AssembledSheet } from './assemble-parts';
import type { AssemblyProgress } from './types';

export type { AssembleRequest, AssembledSheet } from './assemble-parts';

type Reply = { progress?: AssemblyProgress; result?: AssembledSheet; error?: { code?: ErrorCode; details?: ErrorDetails; message?: string } };

/** The thread's file: the TypeScript sources' entry under tsx, the bundle's file beside main. */
function workerUrl(): URL {
  const self = import.meta.url;
  return self.endsWith('.ts') ? new URL('./assemble-worker-entry.mjs', self) : new URL('./stitch-worker.js', self);
}

export interface AssembleSheetOptions {
  readonly signal?: AbortSignal | undefined;
  /** Told where the thread's work is, as it moves on (never after the answer). */
  readonly onProgress?: ((p: AssemblyProgress) => void) | undefined;
}

export async function assembleSheet(req: AssembleRequest, opts: AssembleSheetOptions = {}): Promise<AssembledSheet> {
  const { signal } = opts;
  if (signal?.aborted) throw new StationError('stitch-cancelled');
  const worker = new Worker(workerUrl());
  let settled = false;
  try {
    return await new Promise<AssembledSheet>((resolve, reject) => {
      const finish = (f: () => void) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        f();
      };
      const onAbort = () => finish(() => reject(new StationError('stitch-cancelled')));
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.on('message', (m: Reply) => {
        if (m.progress) {
          if (!settled) opts.onProgress?.(m.progress);
          return;
        }
        finish(() => {
          if (m.result) resolve(m.result);
          else if (m.error?.code) reject(new StationError(m.error.code, m.error.details ?? {}));
          else reject(new StationError('stitch-failed', { detail: m.error?.message ?? 'no answer' }));
        });
      });
      worker.once('error', (e) => finish(() => reject(new StationError('stitch-failed', { detail: e.message }, { cause: e }))));
      worker.once('exit', (code) => finish(() => reject(new StationError('stitch-failed', { detail: `the assembly's thread ended (${code})` }))));
      worker.postMessage(req);
    });
  } catch (e) {
    // A page half written (cancelled, or the thread gone) is no page.
    await rm(req.out, { force: true });
    throw e;
  } finally {
    await worker.terminate();
  }
}
