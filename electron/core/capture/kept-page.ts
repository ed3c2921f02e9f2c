// A page kept as the PDF gave it, without decoding and encoding it again: here a CCITT G4 image in
// its one-strip TIFF (import-pdf-ccitt.ts), stored as it is for the record writer to embed as it
// is, and an imported JPEG file the profile left unchanged. Only thumbnails are drawn anew.
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { uuidv7 } from '../ids';
import type { ProcessedPage } from '../imaging/apply';
import type { ImportedPage } from './import-pdf';
import { StationError } from '../errors';
import { type EncodedPage, THUMB_BOX, type ImageInput, imageError, openImage } from '../imaging/page-encoder';
import type { BlobStore } from '../records/blob-store';

export async function keptG4Page(input: ImageInput, blobs: BlobStore): Promise<EncodedPage> {
  try {
    const meta = await openImage(input).metadata();
    const thumb = openImage(input).resize({ ...THUMB_BOX, fit: 'inside', withoutEnlargement: true }).toColourspace('b-w').jpeg({ quality: 75 });
    const [image, small] = await Promise.all([blobs.write(createReadStream(input.file)), blobs.write(thumb)]);
    return { image: { ...image, mediaType: 'image/tiff' }, thumb: { ...small, mediaType: 'image/jpeg' }, widthPx: meta.width ?? 0, heightPx: meta.height ?? 0 };
  } catch (e) {
    throw e instanceof StationError ? e : imageError(e, input.file);
  }
}

/** An imported JPEG file the imaging profile did not change (no turn, no crop, the same colour
 * type): its page is the file's own bytes, not a second lossy encoding of them. The pipeline's
 * encoding is dropped; the original is copied into the work folder, from which staging moves it
 * into the blob store like any large page. */
export async function withOriginalJpeg(source: ImportedPage, page: ProcessedPage, workDir: string): Promise<ProcessedPage> {
  const [only] = page.parts;
  if (!source.keepJpeg || page.parts.length !== 1 || !only || only.changed || only.mode !== source.mode || only.mediaType !== 'image/jpeg') return page;
  if ('file' in only.image) await rm(only.image.file, { force: true });
  await mkdir(workDir, { recursive: true });
  const copy = join(workDir, `${uuidv7()}-kept.jpg`);
  await copyFile(source.input.file, copy);
  return { ...page, parts: [{ ...only, image: { file: copy } }] };
}
