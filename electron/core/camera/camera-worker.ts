// The camera pages' thread: correctCameraPhoto (camera-page.ts) — about a second of OpenCV and
// pixel work a photo, which held the station's main thread — run here, one photo after another.
// OpenCV's WebAssembly (≈ 100 MB) is loaded once, on this thread. Errors go back with their
// station codes (camera-thread.ts rebuilds them).
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { StationError, errorMessage } from '../errors';
import { type CameraPhotoOptions, correctCameraPhoto } from './camera-page';

sharp.concurrency(1);
sharp.cache(false);

parentPort?.on('message', (m: { id: number; input: string; opts: CameraPhotoOptions }) => {
  correctCameraPhoto(m.input, m.opts).then(
    (result) => parentPort!.postMessage({ id: m.id, result }),
    (e: unknown) => parentPort!.postMessage({ id: m.id, error: e instanceof StationError ? { code: e.code, details: e.details } : { message: errorMessage(e) } }),
  );
});
