// A draft's pages replaced by one page made from an image file: the two sides of an ID card put on
// one A4 page (id-card.ts), a folded sheet's halves unfolded (stitching/unfold-draft.ts). The page
// is encoded and stored as a capture is; the old pages' files go once no row names them.
import type { ColorMode } from '../../contract';
import { uuidv7 } from '../ids';
import { encodePage } from '../imaging/page-encoder';
import type { BlobStore } from '../records/blob-store';
import type { DocumentRepository } from '../records/documents';
import { vietnamIso } from '../time';

export async function replaceWithOnePage(deps: { readonly documents: DocumentRepository; readonly blobs: BlobStore }, documentId: string, file: string, mode: ColorMode, dpi: number): Promise<void> {
  const encoded = await encodePage({ file }, mode, dpi, deps.blobs);
  const gone = deps.documents.replacePages(documentId, {
    id: uuidv7(),
    documentId,
    seq: 1,
    image: encoded.image,
    thumb: encoded.thumb,
    widthPx: encoded.widthPx,
    heightPx: encoded.heightPx,
    dpi,
    mode,
    createdAt: vietnamIso(),
  });
  for (const sha of gone) deps.blobs.removeFile(sha);
}
