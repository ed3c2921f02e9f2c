// `stitch.unfold`: a draft's two pages — the front and the back of a folded sheet scanned through
// a duplex feeder in a carrier sleeve — become one page at the sheet's true size (folded.ts), as
// the ID card's two sides become one A4 page (capture/id-card.ts). The pages as processed are
// used: the pipeline has cut them to the paper and may have turned an upside-down back already;
// the unfolding reads the rest from the ink across the fold.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DocumentDetail, TiledSheetName } from '../../contract';
import { StationError } from '../errors';
import { uuidv7 } from '../ids';
import { replaceWithOnePage } from '../capture/one-page';
import type { BlobStore } from '../records/blob-store';
import type { DocumentRepository } from '../records/documents';
import { type DuplexBackConvention, unfoldHalves } from './folded';
import { sheetSize } from './sheets';

export interface UnfoldDeps {
  readonly documents: DocumentRepository;
  readonly blobs: BlobStore;
  readonly tmpDir: string;
  /** Waits for the draft's pages still in the imaging pipeline. */
  readonly settled?: ((documentId: string) => Promise<void>) | undefined;
}

export async function unfoldDraft(deps: UnfoldDeps, idOrPrefix: string, sheet: TiledSheetName, convention?: DuplexBackConvention): Promise<DocumentDetail> {
  const { documents, blobs } = deps;
  const id = documents.resolveId(idOrPrefix, 'write');
  await deps.settled?.(id);
  const doc = documents.get(id);
  if (!doc || doc.status !== 'draft') throw new StationError('document-not-draft', { id });
  if (doc.pages.length !== 2) throw new StationError('folded-pages', { count: doc.pages.length });
  const [frontPage, backPage] = doc.pages as [(typeof doc.pages)[0], (typeof doc.pages)[0]];
  const mode = doc.pages.some((p) => p.mode === 'color') ? 'color' : doc.pages.some((p) => p.mode === 'gray') ? 'gray' : 'bw';
  await mkdir(deps.tmpDir, { recursive: true });
  const file = join(deps.tmpDir, `${uuidv7()}.png`);
  const [front, back] = [await blobs.materialise(frontPage.sha256), await blobs.materialise(backPage.sha256)];
  try {
    const page = await unfoldHalves(
      { index: 0, path: front.path, dpi: frontPage.dpi, widthPx: frontPage.widthPx, heightPx: frontPage.heightPx },
      { index: 1, path: back.path, dpi: backPage.dpi, widthPx: backPage.widthPx, heightPx: backPage.heightPx },
      { sheet: sheetSize({ name: sheet }), out: file, ...(convention ? { convention } : {}), tmpDir: deps.tmpDir },
    );
    await replaceWithOnePage({ documents, blobs }, id, file, mode, page.dpi);
  } finally {
    await Promise.all([front.done(), back.done(), rm(file, { force: true })]);
  }
  return documents.get(id)!;
}
