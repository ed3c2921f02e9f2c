// Saving a draft: the final metadata, the PDF assembled from its pages, the document ready.
import { readFile } from 'node:fs/promises';
import { type DocumentDetail, type Metadata, MetadataInput, invalidInput } from '../../contract';
import { StationError } from '../errors';
import { assemblePdf } from '../pdf/assemble';
import type { BlobStore } from '../records/blob-store';
import type { DocumentRepository } from '../records/documents';
import { vietnamIso } from '../time';

export interface FinishDeps {
  readonly documents: DocumentRepository;
  readonly blobs: BlobStore;
  readonly producer: string;
  readonly isScanning: (documentId: string) => boolean;
}

/** The stored metadata as input again (nulls dropped, derived fields left out). */
function asInput(m: Metadata): MetadataInput {
  const { ownerIdType: _derived, ...rest } = m;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null)) as MetadataInput;
}

export async function finishDocument(deps: FinishDeps, idOrPrefix: string, changes: MetadataInput = {}): Promise<DocumentDetail> {
  const id = deps.documents.resolveId(idOrPrefix);
  const doc = deps.documents.get(id);
  if (!doc || doc.status !== 'draft') throw new StationError('document-not-draft', { id });
  if (deps.isScanning(id)) throw new StationError('scan-running', { id });
  if (doc.pages.length === 0) throw new StationError('document-empty', { id });

  // Check the metadata as a whole: a valid-until given now must still follow the issue date
  // given at the start of the scan.
  const merged = MetadataInput.safeParse({ ...asInput(doc.metadata), ...changes });
  if (!merged.success) throw new StationError('invalid-input', invalidInput(merged.error, ['metadata']).details ?? {});
  const m = merged.data;

  const pdf = await assemblePdf(doc.pages, (sha) => readFile(deps.blobs.pathOf(sha)), {
    title: m.title,
    subject: m.docTypeCode,
    keywords: [m.dossierCode, m.docNumber, m.ownerIdNumber].filter((k): k is string => Boolean(k)),
    producer: deps.producer,
    created: new Date(),
  });
  const stored = await deps.blobs.write(pdf);
  deps.documents.finish(id, changes, stored, vietnamIso());
  return deps.documents.get(id)!;
}
