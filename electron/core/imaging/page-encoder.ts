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
/** Up to this resolution (counter scans) a page in memory gets the small encoding below; above
 * it the feeder's pace comes first. */
export const SMALL_JPEG_UP_TO_DPI = 200;
/** The counter's page encoding, measured on an A4 200 dpi text page with scanner grain (npm run
 * bench imaging-throughput): libjpeg at quality 85 gave 326 KB at SSIM 0.966 against the capture,
 * quality 90 0.970 at 462 KB. mozjpeg (bundled with sharp's libvips) with trellis quantisation,
 * optimised progressive scans and Peterson's table (7), which keeps more of the fine detail than
 * the standard table at the same size, gives 338 KB at SSIM 0.970 — the only setting tried
 * (quality 84–95 × tables 0–8, with and without trellis and progressive scans) under 350 KB at
 * 0.97. The price is CPU: ≈ 360 ms instead of ≈ 60 ms per A4 200 dpi page. 4:2:0 chroma costs the
 * reader nothing on text (the chroma is < 3 % of the page's bytes). Progressive and optimised
 * coding hold the page's coefficients in memory: small pages only. */
const SMALL_JPEG: sharp.JpegOptions = { quality: JPEG_QUALITY, mozjpeg: true, quantisationTable: 7 };

/** The JPEG settings of a stored colour or grey page: `small` false for a large page streamed
 * into a file (no whole-page coefficient buffers then). Above 200 dpi a page in memory still gets
 * optimised Huffman tables — lossless, and measured on an A4 300 dpi scan-like page: 678 → 610 KB
 * (−10 %) for ≈ 24 ms more CPU (48 instead of 24 ms to encode, one thread): the record must not be
 * larger than ocrmypdf's of the same pages (issue 17), and an archive of thousands pays the size
 * for ever where the CPU is paid once. */
export function pageJpegOptions(dpi: number, small: boolean): sharp.JpegOptions {
  if (small && dpi <= SMALL_JPEG_UP_TO_DPI) return SMALL_JPEG;
  return { quality: JPEG_QUALITY, optimiseCoding: small };
}

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

/** `failOn` 'warning': a damaged file fails (strict-decode.ts) instead of yielding part of its pixels. */
export function openImage(input: ImageInput, failOn: 'error' | 'warning' = 'error'): sharp.Sharp {
  return sharp(input.file, { page: input.page ?? 0, limitInputPixels: MAX_INPUT_PIXELS, sequentialRead: true, failOn });
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
  return { stored: await blobs.write(createReadStream(input.file, { highWaterMark: 1 << 20 })), width: meta.width ?? 0, height: meta.height ?? 0 };
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
  const small = (dims?.width ?? 0) * (dims?.height ?? 0) <= 30_000_000;
  const jpeg = { ...pageJpegOptions(dpi, small), optimiseCoding: small };
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
