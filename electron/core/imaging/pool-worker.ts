// One imaging worker thread: sharp (libvips) with one thread of its own, processing pages on
// request (pool.ts). Errors go back as messages; the pool maps them to the station's codes.
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { isStationError } from '../errors';
import { type ProcessRequest, processPage } from './apply';

// The pool runs one worker per core: one libvips thread each keeps them from fighting over cores.
sharp.concurrency(1);
sharp.cache(false);

parentPort?.on('message', (m: { id: number; req: ProcessRequest }) => {
  processPage(m.req).then(
    (page) => {
      const transfer = page.parts.flatMap((p) => [...('buffer' in p.image ? [p.image.buffer] : []), p.thumb.buffer]) as ArrayBuffer[];
      parentPort!.postMessage({ id: m.id, page }, [...new Set(transfer)]);
    },
    // A coded error keeps its code across the thread (else the pool would wrap its message again).
    (e: unknown) => parentPort!.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e), ...(isStationError(e) ? { coded: { code: e.code, details: e.details } } : {}) }),
  );
});
