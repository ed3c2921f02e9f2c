// Turns a captured page (the worker's TIFF, or an imported image) into what the store keeps:
// the page image — JPEG for colour and grey, lossless PNG for black-and-white — and a small
// thumbnail for the screen. sharp (libvips) reads the input in strips, so a large page is never
// held whole in JavaScript; the outputs stream straight into the blob store.
import sharp from 'sharp';
import { createReadStream } from 'node:fs';
import type { ColorMode } from '../../contract';
import { StationError, errorMessage } from '../errors';
import type { BlobStore, StoredBlob } from '../records/blob-store';

/** A decompression-bomb guard: A0 at 600 dpi is 557 Mpx; nothing real is larger. */
export const MAX_INPUT_PIXELS = 600_000_000;
export const THUMB_BOX = { width: 240, height: 340 };
const JPEG_QUALITY = 85;

export interface EncodedPage {
  readonly image: StoredBlob & { readonly mediaType: string };
  readonly thumb: StoredBlob & { readonly mediaType: string };
  readonly widthPx: number;
  readonly heightPx: number;
}

/** A file, and for multi-page formats (TIFF) which page of it. */
export interface ImageInput {
  readonly file: string;
  readonly page?: number | undefined;
}

export function openImage(input: ImageInput): sharp.Sharp {
  return sharp(input.file, { page: input.page ?? 0, limitInputPixels: MAX_INPUT_PIXELS, sequentialRead: true, failOn: 'error' });
}

/** Maps sharp's failures on a bad input to the station's coded errors. */
export function imageError(e: unknown, file: string): StationError {
  const message = errorMessage(e);
  if (/pixel limit/i.test(message))
    return new StationError('image-too-large', { file, pixels: '>' + MAX_INPUT_PIXELS, limit: MAX_INPUT_PIXELS }, { cause: e });
  return new StationError('import-unreadable', { file, detail: message }, { cause: e });
}

/** Keeps a JPEG as it is (an image extracted from an imported PDF): no second lossy encoding. */
async function keptJpeg(input: ImageInput, blobs: BlobStore): Promise<{ stored: StoredBlob; width: number; height: number }> {
  const meta = await openImage(input).metadata();
  return { stored: await blobs.write(createReadStream(input.file)), width: meta.width ?? 0, height: meta.height ?? 0 };
}

export async function encodePage(input: ImageInput, mode: ColorMode, dpi: number, blobs: BlobStore, opts: { keepJpeg?: boolean } = {}): Promise<EncodedPage> {
  // autoOrient applies an imported photo's EXIF orientation; scans carry none.
  const base = openImage(input).autoOrient();
  if (opts.keepJpeg) {
    try {
      const thumb = base.clone().resize({ ...THUMB_BOX, fit: 'inside', withoutEnlargement: true }).toColourspace(mode === 'color' ? 'srgb' : 'b-w').jpeg({ quality: 75 });
      const [kept, storedThumb] = await Promise.allSettled([keptJpeg(input, blobs), blobs.write(thumb)]);
      if (kept.status === 'rejected') throw kept.reason;
      if (storedThumb.status === 'rejected') throw storedThumb.reason;
      return { image: { ...kept.value.stored, mediaType: 'image/jpeg' }, thumb: { ...storedThumb.value, mediaType: 'image/jpeg' }, widthPx: kept.value.width, heightPx: kept.value.height };
    } catch (e) {
      throw e instanceof StationError ? e : imageError(e, input.file);
    }
  }
  const image = base.clone().withMetadata({ density: dpi });
  // Optimised Huffman tables hold the whole page's coefficients in memory: only for pages that
  // are not large (imaging/apply.ts, LARGE_PAGE_PIXELS).
  const dims = await openImage(input).metadata().catch(() => null);
  const jpeg = { quality: JPEG_QUALITY, optimiseCoding: (dims?.width ?? 0) * (dims?.height ?? 0) <= 30_000_000 };
  let mediaType: string;
  if (mode === 'color') {
    image.toColourspace('srgb').jpeg({ ...jpeg, chromaSubsampling: '4:2:0' });
    mediaType = 'image/jpeg';
  } else if (mode === 'gray') {
    image.toColourspace('b-w').jpeg(jpeg);
    mediaType = 'image/jpeg';
  } else {
    image.toColourspace('b-w').png({ compressionLevel: 6 });
    mediaType = 'image/png';
  }
  const thumb = base
    .clone()
    .resize({ ...THUMB_BOX, fit: 'inside', withoutEnlargement: true })
    .toColourspace(mode === 'color' ? 'srgb' : 'b-w')
    .jpeg({ quality: 75 });
  const size = new Promise<sharp.OutputInfo>((resolve) => image.once('info', resolve));
  try {
    // Let both outputs finish (or clean up) before reporting, so that a failure never leaves
    // the other write running behind the caller's back.
    const [stored, storedThumb] = await Promise.allSettled([blobs.write(image), blobs.write(thumb)]);
    if (stored.status === 'rejected') throw stored.reason;
    if (storedThumb.status === 'rejected') throw storedThumb.reason;
    const info = await size;
    return {
      image: { ...stored.value, mediaType },
      thumb: { ...storedThumb.value, mediaType: 'image/jpeg' },
      widthPx: info.width,
      heightPx: info.height,
    };
  } catch (e) {
    throw e instanceof StationError ? e : imageError(e, input.file);
  }
}
