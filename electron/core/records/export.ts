// Writing a document's PDF out of the store. The copy is checked against the SHA-256 the store
// holds for it (integrity end to end) before it is put in place.
import type { FileRef } from '../../contract';
import { StationError } from '../errors';
import type { BlobStore } from './blob-store';
import type { DocumentRepository } from './documents';
import { writeOutputFile } from './output-file';

export async function exportPdf(
  deps: { documents: DocumentRepository; blobs: BlobStore },
  idOrPrefix: string,
  path: string,
  overwrite: boolean,
): Promise<FileRef & { path: string }> {
  const id = deps.documents.resolveId(idOrPrefix);
  const pdf = deps.documents.summary(id)?.pdf;
  if (!pdf) throw new StationError('document-not-ready', { id });
  return writeOutputFile(path, deps.blobs.read(pdf.sha256), {
    overwrite,
    expectSha256: pdf.sha256,
    mismatch: () => new StationError('file-corrupt', { path: deps.blobs.pathOf(pdf.sha256), detail: 'the stored PDF no longer matches its SHA-256' }),
  });
}
