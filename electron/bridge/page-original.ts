// The "before" of the page review: a page's kept original capture (/pages/<id>/original). A
// capture is often an uncompressed TIFF from the scan worker, which no browser shows and which is
// large: it goes out as a JPEG no larger than the screen needs, made by libvips from a plaintext
// copy (blobs are encrypted; TIFF cannot be decoded from a stream), removed once sent.
import { PassThrough, type Readable } from 'node:stream';
import sharp from 'sharp';
import type { Station } from '../core/station';
import { MAX_INPUT_PIXELS } from '../core/imaging/page-encoder';

/** The longest side of the preview: a 1920×1080 screen's review shows it at half the width. */
const PREVIEW_PX = 2400;
const SHOWN_AS_IS = new Set(['image/jpeg', 'image/png']);

export function pageOriginal(station: Station, pageId: string): { open: () => Readable; contentType: string } | null {
  const blob = station.pageHandEdits.beforeBlob(pageId);
  if (!blob) return null;
  if (SHOWN_AS_IS.has(blob.mediaType)) return { open: () => station.blobs.read(blob.sha256), contentType: blob.mediaType };
  return screenPreview(station, blob.sha256);
}

/** A stored image no browser shows or too large to send whole (a raw capture: an A0 is 420 MB),
 * as a JPEG no larger than a screen needs, made by libvips from a plaintext copy read in sequence:
 * never the whole image in memory. */
export function screenPreview(station: Station, sha256: string): { open: () => Readable; contentType: string } {
  return {
    contentType: 'image/jpeg',
    open: () => {
      const out = new PassThrough();
      void (async () => {
        const plain = await station.blobs.materialise(sha256);
        try {
          const jpeg = await sharp(plain.path, { limitInputPixels: MAX_INPUT_PIXELS, sequentialRead: true })
            .autoOrient()
            .resize({ width: PREVIEW_PX, height: PREVIEW_PX, fit: 'inside', withoutEnlargement: true })
            .flatten({ background: '#ffffff' })
            .toColourspace('srgb')
            .jpeg({ quality: 85 })
            .toBuffer();
          out.end(jpeg);
        } finally {
          await plain.done();
        }
      })().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
      return out;
    },
  };
}
