// correctCameraPhoto (camera-page.ts) on a thread of its own (camera-worker.ts), so that the
// station's main thread stays free for the scanner, the store and the screen while a photo is
// corrected. One thread per process, started at the first photo and left to exit with the
// process (unref'd); where it cannot start (a bundle without its file) photos are corrected on
// this thread instead — slower for the rest of the station, never wrong.
import { Worker } from 'node:worker_threads';
import type { ErrorCode, ErrorDetails } from '../../contract';
import { StationError } from '../errors';
import { type CameraPhotoOptions, type CameraPhotoResult, correctCameraPhoto } from './camera-page';

type Reply = { id: number; result?: CameraPhotoResult; error?: { code?: ErrorCode; details?: ErrorDetails; message?: string } };

function workerUrl(): URL {
  const self = import.meta.url;
  return self.endsWith('.ts') ? new URL('./camera-worker-entry.mjs', self) : new URL('./camera-worker.js', self);
}

let worker: Worker | null = null;
let inProcess = false;
let nextId = 1;
const jobs = new Map<number, { resolve: (r: CameraPhotoResult) => void; reject: (e: Error) => void }>();

function thread(): Worker | null {
  if (worker || inProcess) return worker;
  try {
    worker = new Worker(workerUrl());
  } catch {
    inProcess = true;
    return null;
  }
  const w = worker;
  w.unref();
  w.on('message', (m: Reply) => {
    const job = jobs.get(m.id);
    if (!job) return;
    jobs.delete(m.id);
    if (m.result) job.resolve(m.result);
    else if (m.error?.code) job.reject(new StationError(m.error.code, m.error.details ?? {}));
    else job.reject(new Error(m.error?.message ?? 'correcting the camera photo failed'));
  });
  const fail = (e: Error) => {
    // the thread is gone: its photos fail; the next photo starts a new thread
    if (worker === w) worker = null;
    for (const j of jobs.values()) j.reject(e);
    jobs.clear();
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`the camera thread stopped (exit ${code})`)));
  return w;
}

/** correctCameraPhoto, off the calling thread (the one entry the import and the capture use). */
export function correctCameraPhotoOffThread(input: string, opts: CameraPhotoOptions): Promise<CameraPhotoResult> {
  const w = thread();
  if (!w) return correctCameraPhoto(input, opts);
  return new Promise<CameraPhotoResult>((resolve, reject) => {
    const id = nextId++;
    // while a photo is in work the thread keeps the process alive; idle, it does not
    w.ref();
    const done = () => {
      if (jobs.size === 0) w.unref();
    };
    jobs.set(id, {
      resolve: (r) => {
        resolve(r);
        done();
      },
      reject: (e) => {
        reject(e);
        done();
      },
    });
    w.postMessage({ id, input, opts });
  });
}
