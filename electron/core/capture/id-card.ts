// Both sides of an ID card (CCCD) on one A4 page, at true size, front above back: what counters
// are asked for every day. Works on a draft whose two pages are the card's sides as scanned (the
// id-card preset, or any scan of ID-1 size); the two pages become one, and the files only they
// used leave the store.
import sharp from 'sharp';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DocumentDetail, PageInfo } from '../../contract';
import { PAPER_PRESETS } from '../../contract';
import { StationError } from '../errors';
import { uuidv7 } from '../ids';
import { replaceWithOnePage } from './one-page';
import type { BlobStore } from '../records/blob-store';
import type { DocumentRepository } from '../records/documents';

const CARD = PAPER_PRESETS['id-card'];
const A4 = PAPER_PRESETS.a4;
/** Scans include a little margin around the card (or crop a little into it). */
const TOLERANCE_MM = 8;
const TOP_MM = 20;
const GAP_MM = 15;

const mm = (px: number, dpi: number) => (px / dpi) * 25.4;
const px = (millimetres: number, dpi: number) => Math.round((millimetres / 25.4) * dpi);

function looksLikeCard(p: PageInfo): boolean {
  const [long, short] = [mm(Math.max(p.widthPx, p.heightPx), p.dpi), mm(Math.min(p.widthPx, p.heightPx), p.dpi)];
  return Math.abs(long - CARD.width) <= TOLERANCE_MM && Math.abs(short - CARD.height) <= TOLERANCE_MM;
}

export interface IdCardDeps {
  readonly documents: DocumentRepository;
  readonly blobs: BlobStore;
  readonly tmpDir: string;
  /** Waits for the draft's pages still in the imaging pipeline (the sides as processed count). */
  readonly settled?: ((documentId: string) => Promise<void>) | undefined;
}

export async function composeIdCard(deps: IdCardDeps, idOrPrefix: string): Promise<DocumentDetail> {
  const { documents, blobs } = deps;
  const id = documents.resolveId(idOrPrefix);
  await deps.settled?.(id);
  const doc = documents.get(id);
  if (!doc || doc.status !== 'draft') throw new StationError('document-not-draft', { id });
  if (doc.pages.length !== 2) throw new StationError('id-card-pages', { count: doc.pages.length });
  const wrong = doc.pages.find((p) => !looksLikeCard(p));
  if (wrong) throw new StationError('id-card-size', { page: wrong.seq, width: mm(wrong.widthPx, wrong.dpi).toFixed(0), height: mm(wrong.heightPx, wrong.dpi).toFixed(0) });

  const dpi = Math.min(...doc.pages.map((p) => p.dpi));
  const mode = doc.pages.some((p) => p.mode === 'color') ? 'color' : doc.pages.some((p) => p.mode === 'gray') ? 'gray' : 'bw';
  // Each side landscape, at the common resolution: its true size on the A4 page. (A card is a few
  // hundred thousand pixels: held in memory here, unlike a whole large page.)
  const sides = await Promise.all(
    doc.pages.map(async (p) => {
      const plain = await blobs.materialise(p.sha256);
      try {
        const image = sharp(plain.path).autoOrient();
        const turned = p.heightPx > p.widthPx ? image.rotate(90) : image;
        const w = px(mm(Math.max(p.widthPx, p.heightPx), p.dpi), dpi);
        const h = px(mm(Math.min(p.widthPx, p.heightPx), p.dpi), dpi);
        return { buffer: await turned.resize(w, h, { fit: 'fill' }).removeAlpha().png().toBuffer(), w, h };
      } finally {
        await plain.done();
      }
    }),
  );
  const [front, back] = sides as [(typeof sides)[0], (typeof sides)[0]];
  const page = { width: px(A4.width, dpi), height: px(A4.height, dpi) };
  const top = px(TOP_MM, dpi);
  await mkdir(deps.tmpDir, { recursive: true });
  const file = join(deps.tmpDir, `${uuidv7()}.png`);
  try {
    await sharp({ create: { ...page, channels: 3, background: '#ffffff' } })
      .composite([
        { input: front.buffer, left: Math.round((page.width - front.w) / 2), top },
        { input: back.buffer, left: Math.round((page.width - back.w) / 2), top: top + front.h + px(GAP_MM, dpi) },
      ])
      .withMetadata({ density: dpi })
      .png()
      .toFile(file);
    await replaceWithOnePage({ documents, blobs }, id, file, mode, dpi);
  } finally {
    await rm(file, { force: true });
  }
  return documents.get(id)!;
}
