// The mark that a record was converted from paper: when (ISO 8601, +07:00) and by whom, in
// Vietnamese, small, black, embedded font. Its place must never cover the document: it goes into
// the chosen margin of page 1 (bottom by default, or top) when that band of the scan is blank,
// else into the other margin, and when the paper is inked to its edges, onto a strip added below
// the image — the image itself stays at 100% scale.
import type { ImageInput } from '../imaging/page-encoder';
import { openImage } from '../imaging/page-encoder';

export type MarkPosition = 'bottom' | 'top';

export const MARK_FONT_SIZE_PT = 7;
/** Height of the band the mark needs, and its distance from the paper's edge, in mm. */
const BAND_MM = 5;
const EDGE_MM = 2;
/** A band is blank when at most this share of it is ink (scanner specks are allowed). */
const INK_TOLERANCE = 0.002;
const MM_PER_INCH = 25.4;
const PT_PER_MM = 72 / MM_PER_INCH;

export function conversionMarkText(at: string, by: string): string {
  return `Bản điện tử chuyển đổi từ bản giấy lúc ${at}, người chuyển đổi: ${by}`;
}

export interface MarkPlacement {
  /** Extra points added below the image (0 when the mark fits in a blank margin). */
  readonly stripPt: number;
  /** Baseline of the mark, in points from the page's bottom edge. */
  readonly baselinePt: number;
}

/** Share of dark pixels in each horizontal band of the image (px from the top). The image is
 * decoded small — a JPEG shrinks while it decodes — since a coarse look is enough to see ink. */
async function inkShares(image: ImageInput, page: { widthPx: number; heightPx: number }, bands: readonly { top: number; height: number }[]): Promise<number[]> {
  const width = Math.min(page.widthPx, 256);
  const { data, info } = await openImage(image).resize({ width, fit: 'fill', height: Math.round((page.heightPx * width) / page.widthPx) }).greyscale().raw().toBuffer({ resolveWithObject: true });
  const k = info.height / page.heightPx;
  return bands.map(({ top, height }) => {
    const from = Math.max(0, Math.floor(top * k));
    const to = Math.min(info.height, Math.max(from + 1, Math.ceil((top + height) * k)));
    let dark = 0;
    for (let i = from * info.width; i < to * info.width; i++) if (data[i * info.channels]! < 128) dark++;
    return dark / ((to - from) * info.width);
  });
}

export async function placeMark(image: ImageInput, page: { widthPx: number; heightPx: number; dpi: number }, preferred: MarkPosition): Promise<MarkPlacement> {
  const pxPerMm = page.dpi / MM_PER_INCH;
  const band = BAND_MM * pxPerMm;
  const edge = EDGE_MM * pxPerMm;
  const bands: Record<MarkPosition, number> = { bottom: page.heightPx - edge - band, top: edge };
  const order: MarkPosition[] = preferred === 'bottom' ? ['bottom', 'top'] : ['top', 'bottom'];
  const heightPt = (page.heightPx / page.dpi) * 72;
  const candidates = order.filter((where) => bands[where] >= 0 && band <= page.heightPx);
  const ink = await inkShares(image, page, candidates.map((where) => ({ top: bands[where], height: band })));
  const blank = candidates.find((_, i) => ink[i]! <= INK_TOLERANCE);
  if (blank) {
    const bandBottomPt = heightPt - ((bands[blank] + band) / page.dpi) * 72;
    return { stripPt: 0, baselinePt: bandBottomPt + (BAND_MM * PT_PER_MM - MARK_FONT_SIZE_PT) / 2 + 1 };
  }
  const strip = (BAND_MM + EDGE_MM) * PT_PER_MM;
  return { stripPt: strip, baselinePt: (strip - MARK_FONT_SIZE_PT) / 2 + 1 };
}

