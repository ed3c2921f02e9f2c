// Writing a file out of the station (an exported or signed PDF, a report): written beside the
// target, synced, checked, and renamed into place, so the target is either the whole file or
// untouched. It holds citizens' data: readable by this OS account only (0600), whatever the
// mode of a file it replaces.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { FileRef } from '../../contract';
import { StationError, errorMessage } from '../errors';
import { uuidv7 } from '../ids';

export interface OutputOptions {
  readonly overwrite: boolean;
  /** Refuse to put the file in place unless its content has this SHA-256 (end-to-end integrity). */
  readonly expectSha256?: string;
  /** The error to raise when the content does not match. */
  readonly mismatch?: () => StationError;
}

export async function writeOutputFile(path: string, chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, opts: OutputOptions): Promise<FileRef & { path: string }> {
  const target = resolve(path);
  if (!opts.overwrite && existsSync(target)) throw new StationError('output-exists', { path: target });
  const tmp = `${target}.${uuidv7()}.part`;
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    const out = await open(tmp, 'wx', 0o600);
    try {
      for await (const chunk of chunks) {
        hash.update(chunk);
        bytes += chunk.byteLength;
        await out.write(chunk);
      }
      await out.sync();
    } finally {
      await out.close();
    }
  } catch (e) {
    await rm(tmp, { force: true });
    if (e instanceof StationError) throw e;
    throw new StationError('output-failed', { path: target, detail: errorMessage(e) }, { cause: e });
  }
  const sha256 = hash.digest('hex');
  if (opts.expectSha256 && sha256 !== opts.expectSha256) {
    await rm(tmp, { force: true });
    throw opts.mismatch?.() ?? new StationError('output-failed', { path: target, detail: 'the written content does not match its SHA-256' });
  }
  try {
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new StationError('output-failed', { path: dirname(target), detail: errorMessage(e) }, { cause: e });
  }
  return { path: target, sha256, bytes };
}
