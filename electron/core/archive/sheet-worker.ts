// The archive's examining thread: the separator test and the blank measure of each sheet
// (separators.ts), whose analysis is JavaScript on a reduced copy — ≈ 150–200 ms a sheet that
// held the station's main thread (92 % busy through a stack) while the imaging pool's threads
// waited for work. Errors go back with their station codes (sheet-examiner.ts rebuilds them).
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import type { SeparatorRule } from './separators';
import { examineSheet } from './separators';
import { StationError, errorMessage } from '../errors';

// One libvips thread: the pool's workers have the others.
sharp.concurrency(1);
sharp.cache(false);

parentPort?.on('message', (m: { id: number; file: string; dpi: number; rule: SeparatorRule }) => {
  examineSheet(m.file, m.dpi, m.rule).then(
    (result) => parentPort!.postMessage({ id: m.id, result }),
    (e: unknown) => parentPort!.postMessage({ id: m.id, error: e instanceof StationError ? { code: e.code, details: e.details } : { message: errorMessage(e) } }),
  );
});
