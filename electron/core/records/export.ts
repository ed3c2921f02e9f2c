// Writing a document's PDF out of the store. The copy is checked against the SHA-256 the store
// holds for it (integrity end to end), written beside the target and renamed into place, so the
// target is either the whole verified file or untouched.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { FileRef } from '../../contract';
import { StationError, errorMessage } from '../errors';
import { uuidv7 } from '../ids';
import type { BlobStore } from './blob-store';
import type { DocumentRepository } from './documents';

export async function exportPdf(
  deps: { documents: DocumentRepository; blobs: BlobStore },
  idOrPrefix: string,
  path: string,
  overwrite: boolean,
): Promise<FileRef & { path: string }> {
  const id = deps.documents.resolveId(idOrPrefix);
  const pdf = deps.documents.summary(id)?.pdf;
  if (!pdf) throw new StationError('document-not-ready', { id });
  const target = resolve(path);
  if (!overwrite && existsSync(target)) throw new StationError('output-exists', { path: target });

  const tmp = `${target}.${uuidv7()}.part`;
  const hash = createHash('sha256');
  try {
    const out = await open(tmp, 'wx');
    try {
      for await (const chunk of deps.blobs.read(pdf.sha256)) {
        hash.update(chunk as Buffer);
        await out.write(chunk as Buffer);
      }
      await out.sync();
    } finally {
      await out.close();
    }
  } catch (e) {
    await rm(tmp, { force: true });
    throw new StationError('output-failed', { path: target, detail: errorMessage(e) }, { cause: e });
  }
  if (hash.digest('hex') !== pdf.sha256) {
    await rm(tmp, { force: true });
    throw new StationError('store-corrupt', { path: deps.blobs.pathOf(pdf.sha256), detail: 'the stored PDF no longer matches its SHA-256' });
  }
  try {
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new StationError('output-failed', { path: dirname(target), detail: errorMessage(e) }, { cause: e });
  }
  return { path: target, sha256: pdf.sha256, bytes: pdf.bytes };
}
