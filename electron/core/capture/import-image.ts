// An image file's pages for import, checked before anything is kept, from what its header says:
// the page size comes from the pixels and the resolution the file states (72 dpi too: that is
// what it says), a default only where none is stated; a page below PDF/A's minimum is refused.
// The pixels are not decoded here: a damaged file (one bad byte in a PNG's IDAT, a JPEG cut
// short) is refused by the decode that processes the page anyway — the imaging pool's, strict
// (imaging/strict-decode.ts) — or, where no pool processes it, by `decodesCleanly` before the
// import writes anything (import-files.ts). Decoded here too, every page was decoded twice.
import { stat } from 'node:fs/promises';
import type { ColorMode } from '../../contract';
import { StationError, errorMessage, isStationError } from '../errors';
import { decoderDetail } from '../imaging/strict-decode';
import { type ImageInput, MAX_INPUT_PIXELS, imageError, openImage } from '../imaging/page-encoder';
import { type ImportedPage, MAX_PDF_PAGES } from './import-pdf';

/** PDF/A-2 (ISO 19005-2, after ISO 32000-1 annex C) allows no page side under 3 units (1/72 in). */
export const MIN_PAGE_UNITS = 3;
/** Below this a stated resolution is not one (some writers put 1 or the aspect ratio there). */
const MIN_STATED_DPI = 10;

const mm = (units: number) => Math.round((units / 72) * 25.4 * 100) / 100;

/** Refuses a page smaller than PDF/A's minimum, with its size in millimetres and in units. */
export function checkPageSize(file: string, page: number, widthPt: number, heightPt: number): void {
  if (widthPt >= MIN_PAGE_UNITS && heightPt >= MIN_PAGE_UNITS) return;
  const r = (n: number) => Math.round(n * 100) / 100;
  throw new StationError('import-page-too-small', { file, page, width: mm(widthPt), height: mm(heightPt), widthPt: r(widthPt), heightPt: r(heightPt) });
}

/** A file at least this share of its decoded size holds its pixels as they are (an uncompressed
 * TIFF, as a scanner's software dumps it): 26 MB for A4 at 300 dpi in colour. */
const UNCOMPRESSED_SHARE = 0.9;

/** Whether the file itself is worth keeping as its page's original (for "back to the capture"
 * until signing, imaging/page-imaging.ts), beside the stored page. Yes for one compressed image
 * — a JPEG, PNG, WebP, a compressed TIFF: the person's own bytes, at a cost in proportion to the
 * page. No for a page of a multi-page file: the file is not that page's capture (the re-derivation
 * reads a kept original's first page, so every page "went back" to page 1). No for a file that
 * holds its pixels uncompressed: storing it (SHA-256, AES-GCM, writing and syncing 26 MB) cost
 * ≈ 110–150 ms of CPU a page, a third more than processing the page — an import of such pages
 * could not keep the feeder's pace (issue 17) — and would hold 20 times the page's size in the
 * store until signing. Such a page is edited from its stored image, as a page kept unchanged is. */
export function keepsOriginal(fileBytes: number, meta: { width?: number | undefined; height?: number | undefined; channels?: number | undefined; bitsPerSample?: number | undefined; pages?: number | undefined }): boolean {
  if ((meta.pages ?? 1) > 1) return false;
  const decoded = (meta.width ?? 0) * (meta.height ?? 0) * (meta.channels ?? 3) * Math.max(1, (meta.bitsPerSample ?? 8) / 8);
  return fileBytes < decoded * UNCOMPRESSED_SHARE;
}

/** The pages of an image file (one, or each page of a multi-page TIFF). */
export async function imagePages(file: string, fallbackDpi: number): Promise<ImportedPage[]> {
  const meta = await openImage({ file })
    .metadata()
    .catch((e: unknown) => {
      if (isStationError(e) || /pixel limit/i.test(errorMessage(e))) throw isStationError(e) ? e : imageError(e, file);
      throw new StationError('import-unreadable', { file, detail: decoderDetail(e, file) }, { cause: e });
    });
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (pixels > MAX_INPUT_PIXELS) throw new StationError('image-too-large', { file, pixels, limit: MAX_INPUT_PIXELS });
  if (!meta.width || !meta.height) throw new StationError('import-unreadable', { file, detail: 'the image has no size', detail_vi: 'ảnh không có kích thước' });
  const mode: ColorMode = (meta.channels ?? 3) >= 3 ? 'color' : meta.bitsPerSample === 1 ? 'bw' : 'gray';
  // sharp reports libvips' default (1 pixel/mm = 25.4 dpi) when the file states nothing.
  const stated = meta.density && meta.density >= MIN_STATED_DPI && Math.abs(meta.density - 25.4) > 0.01 ? Math.round(meta.density) : undefined;
  const dpi = stated ?? fallbackDpi;
  const count = meta.pages ?? 1;
  if (count > MAX_PDF_PAGES) throw new StationError('import-too-large', { file, detail: `${count} pages, at most ${MAX_PDF_PAGES}`, detail_vi: `${count} trang, tối đa ${MAX_PDF_PAGES}` });
  const mediaType = `image/${meta.format === 'jpeg' ? 'jpeg' : (meta.format ?? 'octet-stream')}`;
  // A JPEG the record can embed as it is (DCTDecode): grey or sRGB, upright (no EXIF turn).
  const keepJpeg = meta.format === 'jpeg' && (meta.orientation ?? 1) === 1 && ((meta.space === 'srgb' && meta.channels === 3) || (meta.space === 'b-w' && meta.channels === 1));
  const keep = keepsOriginal((await stat(file)).size, meta);
  const pages: ImportedPage[] = [];
  for (let page = 0; page < count; page++) {
    // Each page of a TIFF has its own size; the first page's metadata speaks for the file's others
    // only where they agree, so ask per page.
    const own = page === 0 ? meta : await openImage({ file, page }).metadata();
    const [w, h] = [own.width ?? meta.width, own.height ?? meta.height];
    checkPageSize(file, page + 1, (w / dpi) * 72, (h / dpi) * 72);
    const input: ImageInput = { file, page };
    const mm = (px: number) => Math.round((px / dpi) * 254) / 10;
    pages.push({ input, mode, dpi, keepJpeg, mediaType, keepsOriginal: keep, sizeMm: { width: mm(w), height: mm(h) } });
  }
  return pages;
}
