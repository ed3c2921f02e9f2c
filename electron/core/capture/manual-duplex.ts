// Manual duplex on a simplex feeder: the fronts of a stack, then the stack turned over and fed
// again — its backs arrive last page first. Interleaving puts each back after its front:
// f1 f2 … fn bn … b1  →  f1 b1 f2 b2 … fn bn.
import type { DocumentDetail } from '../../contract';
import { StationError } from '../errors';
import type { DocumentRepository } from '../records/documents';
import { vietnamIso } from '../time';

/** The order of the interleaved pages, given the pages as scanned (fronts, then reversed backs). */
export function interleavedOrder<T>(scanned: readonly T[]): T[] {
  const n = scanned.length / 2;
  const fronts = scanned.slice(0, n);
  const backs = scanned.slice(n).reverse();
  return fronts.flatMap((f, i) => [f, backs[i]!]);
}

export function interleaveBacks(documents: DocumentRepository, idOrPrefix: string): DocumentDetail {
  const id = documents.resolveId(idOrPrefix);
  const doc = documents.get(id);
  if (!doc || doc.status !== 'draft') throw new StationError('document-not-draft', { id });
  if (doc.pages.length < 2 || doc.pages.length % 2 !== 0) throw new StationError('duplex-odd-pages', { count: doc.pages.length });
  documents.reorderPages(id, interleavedOrder(doc.pages.map((p) => p.id)), vietnamIso());
  return documents.get(id)!;
}
