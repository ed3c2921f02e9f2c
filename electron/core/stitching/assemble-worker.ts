// The large-sheet assembly's thread (assemble.ts starts one per sheet): registration, the paper's
// place and the composition (assemble-parts.ts) off the station's main thread. A station error
// goes back as its code and details, so the officer reads the same message as on the main thread;
// where the work is goes back as it moves on ({ progress }), before the one answer.
import { parentPort } from 'node:worker_threads';
import { StationError, errorMessage } from '../errors';
import { type AssembleRequest, assembleParts } from './assemble-parts';

parentPort?.once('message', (req: AssembleRequest) => {
  assembleParts(req, (progress) => parentPort!.postMessage({ progress })).then(
    (result) => parentPort!.postMessage({ result }),
    (e: unknown) => parentPort!.postMessage({ error: e instanceof StationError ? { code: e.code, details: e.details } : { message: errorMessage(e) } }),
  );
});
