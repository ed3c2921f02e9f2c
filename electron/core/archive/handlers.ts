// The archive methods' handlers, spread into the dispatcher's table (dispatch.ts).
import type { archiveMethods } from '../../contract';
import type { Handlers } from '../dispatch';
import type { Station } from '../station';

type ArchiveMethod = keyof typeof archiveMethods;

export function archiveHandlers(station: Station): { readonly [M in ArchiveMethod]: Handlers[M] } {
  const { archive } = station;
  return {
    'archive.create': async (input, { caller }) => archive.create(input, caller),
    // Batches are team work: every archivist sees every batch (the QC pass is someone else's).
    'archive.list': async () => archive.repository.list(undefined),
    'archive.get': async ({ batchId }) => archive.batch(batchId),
    'archive.documents': async (q) => archive.documents(q),
    'archive.scan': (req) => archive.scan(req),
    'archive.cancelScan': async ({ batchId }) => ({ cancelled: archive.cancelScan(batchId) }),
    'archive.import': ({ batchId, paths, dpi }) => archive.importFiles(batchId, paths, dpi),
    'archive.save': async ({ documentId, entries }) => archive.saveEntries(documentId, entries),
    'archive.position': async ({ batchId, seq }) => archive.setPosition(batchId, seq),
    'archive.submit': async ({ documentId, entries }, { caller }) => archive.submit(documentId, entries, caller),
    'archive.review': (input, { caller }) => archive.review(input, caller),
    'archive.prefill': ({ documentId }) => archive.prefill(documentId),
    'archive.pageChecks': ({ documentId }) => archive.pageChecks(documentId),
  };
}
