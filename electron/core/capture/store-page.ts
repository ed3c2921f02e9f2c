// A captured page becomes part of a document: its files are made durable in the blob store
// first, then its row is committed. Only after that is it reported to anyone.
import type { ColorMode, PageInfo } from '../../contract';
import { uuidv7 } from '../ids';
import { encodePage } from '../imaging/page-encoder';
import type { BlobStore } from '../records/blob-store';
import type { DocumentRepository } from '../records/documents';
import { vietnamIso } from '../time';

export interface CapturedPage {
  readonly file: string;
  readonly mode: ColorMode;
  readonly dpi: number;
}

export async function storePage(
  deps: { blobs: BlobStore; documents: DocumentRepository },
  documentId: string,
  seq: number,
  page: CapturedPage,
): Promise<PageInfo> {
  const encoded = await encodePage({ file: page.file }, page.mode, page.dpi, deps.blobs);
  return deps.documents.addPage({
    id: uuidv7(),
    documentId,
    seq,
    image: encoded.image,
    thumb: encoded.thumb,
    widthPx: encoded.widthPx,
    heightPx: encoded.heightPx,
    dpi: page.dpi,
    mode: page.mode,
    createdAt: vietnamIso(),
  });
}
