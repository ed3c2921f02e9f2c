// A page kept as the PDF gave it, without decoding and encoding it again: here a CCITT G4 image in
// its one-strip TIFF (import-pdf-ccitt.ts), stored as it is for the record writer to embed as it
// is. Only its thumbnail is drawn, for the screen. (A kept JPEG goes through page-encoder's
// keepJpeg path.)
import { createReadStream } from 'node:fs';
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
