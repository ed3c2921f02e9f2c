// One decoding of a page for both of its readers: the analysis (a reduced copy) and the encoder
// (turn, crop, JPEG). Read from the file, a page was decoded twice, and each decoding applied an
// embedded ICC profile again (lcms: ≈ 60 ms of CPU for A4 at 300 dpi, even sRGB to sRGB) or
// inflated a compressed file again. Decoded here once into memory (26 MB for A4 at 300 dpi), both
// read the same pixels — the same bytes come out. Measured on an A4 300 dpi page, CPU per
// processed page: with an sRGB profile embedded 428 → 379 ms; a scan worker's TIFF (uncompressed,
// no profile: native/common/tiff_writer.c) costs ≈ 20 ms to decode, and there it is even. Large
// pages, and inputs that are not plain 8-bit grey or RGB (16-bit, CMYK, alpha), keep reading the
// file: a large page is never held whole in memory, and the odd ones keep sharp's own conversions.
// For an imported file this decoding is also its damage check (strict: libvips' fail-on-warning),
// instead of a decoding of its own while the stack is read (≈ one more decode of every page).
import sharp from 'sharp';
import type { RawImage } from './analysis/raster';
import { type ImageInput, imageError, openImage } from './page-encoder';
import { damagedImage } from './strict-decode';

/** Above this many pixels (A3 at 300 dpi is 17 Mpx, 52 MB in RGB) the page is read from its file. */
export const DECODE_ONCE_MAX_PIXELS = 20_000_000;

export interface DecodedPage {
  /** What the analysis reads: the decoded pixels, or the file. */
  readonly analysisInput: string | RawImage;
  /** The page was decoded whole here (at the fail-on-warning level when asked to be strict). */
  readonly whole: boolean;
  /** A new pipeline on the page's pixels (the encoder's). */
  open(): sharp.Sharp;
}

/** `meta` of the input as it is read; `shared` false (no analysis reads it): the file is read once
 * anyway. `strict`: a warning of the decoder fails the page as import-damaged-image. */
export async function decodeOnce(input: ImageInput, meta: sharp.Metadata, shared: boolean, strict = false): Promise<DecodedPage> {
  const plain =
    shared &&
    (meta.width ?? 0) * (meta.height ?? 0) <= DECODE_ONCE_MAX_PIXELS &&
    meta.depth === 'uchar' &&
    !meta.hasAlpha &&
    (meta.channels === 3 || meta.channels === 1) &&
    (meta.space === 'srgb' || meta.space === 'b-w') &&
    !input.page &&
    (meta.orientation ?? 1) <= 1;
  if (!plain) return { analysisInput: input.file, whole: false, open: () => openImage(input) };
  // sharp applies an embedded ICC profile while decoding, as it does reading the file; grey stays one band
  const { data, info } = await openImage(input, strict ? 'warning' : 'error')
    .toColourspace(meta.space === 'b-w' ? 'b-w' : 'srgb')
    .raw()
    .toBuffer({ resolveWithObject: true })
    .catch((e: unknown) => Promise.reject(strict ? damagedImage(e, input.file) : imageError(e, input.file))); // a truncated file: the same coded error the analysis gave
  const raw: RawImage = { data, width: info.width, height: info.height, channels: info.channels as 1 | 3 };
  return { analysisInput: raw, whole: true, open: () => sharp(data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } }) };
}
