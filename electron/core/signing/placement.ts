// Where the visible signature goes on page 1 so that it never covers the document nor an earlier
// signature (domain.md: top right of page 1). The page as it is — earlier signature boxes
// included — is rendered small by the PDF engine (pdf-engine/engine.ts), turned as a person sees it (/Rotate), and
// the box is put in the first blank place, thinking in the page as seen (page-view.ts maps it back
// to the page's own space and turns the appearance upright):
//  1. below the earlier signatures in the named corner's area, right edges aligned (a stack; above
//     them for a bottom corner), as far down that area as blank space allows;
//  2. in the named corner's area (the top third, the outer 60% of the width), topmost first, then
//     toward the edge — above what is printed there or beside it;
//  3. when that area has no room and the document carries no signature yet, on a strip added to
//     the page at the named edge (its MediaBox grows; nothing printed moves). The strip is made tall
//     enough, with the blank margin under it, for a stack of STACKED boxes: later signatures cannot
//     grow the page (that would change what the earlier ones cover), so their room is kept now;
//  4. a signed document: the first blank place anywhere on the page, nearest the named corner;
//     with none, the signer is told there is no room (and may sign invisibly).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { StationError, errorMessage } from '../errors';
import { type InkMask, type PixelRect, findBlank, inkIn, inkMask } from '../pdf/free-space';
import { pdfEngine } from '../pdf-engine/engine';
import type { AppearancePosition } from './appearance';
import { type Box, growAtViewEdge, pageBoxToView, pageView, viewRectToPage } from './page-view';

export type { Box } from './page-view';

export interface BoxPlacement {
  /** The box on the page, in the page's own coordinates (PDF points); at /Rotate 90 or 270 its
   * width and height are the appearance's height and width. */
  readonly rect: Box;
  /** The page's new MediaBox when a strip was added for the box; null when the page keeps its size. */
  readonly mediaBox: Box | null;
}

export interface PlacementRequest {
  readonly pdf: Uint8Array;
  readonly mediaBox: Box;
  /** /Rotate of page 1 (inherited): the page as seen is turned by it. */
  readonly rotate: number;
  /** The appearance's size upright, as the reader sees it. */
  readonly size: { readonly width: number; readonly height: number };
  readonly position: AppearancePosition;
  /** Boxes of earlier widgets on page 1 (page coordinates): never covered. */
  readonly occupied: readonly Box[];
  /** Boxes of earlier signatures on page 1 (page coordinates): a new box stacks below them. */
  readonly signatures: readonly Box[];
  /** Whether a strip may be added (no signature yet). */
  readonly mayGrow: boolean;
}

const MM = 72 / 25.4;
const EDGE_PT = 10 * MM; // the box's distance from the paper's edge
const CLEARANCE_PT = 2 * MM; // blank space kept between the box and anything printed or signed
const STRIP_MARGIN_PT = 5 * MM; // from the strip's outer edge to the first box
/** Signatures a strip keeps room for, one below the other (a counter's copy is signed by the
 * officer, often by the agency, now and then by a third signer). */
export const STACKED = 3;
const DPI = 50;
const K = DPI / 72; // mask pixels per point

/** Page 1 as 8-bit grey pixels at DPI, with its widgets' appearances drawn (earlier signatures),
 * turned as a person sees it (poppler applies /Rotate). */
async function renderFirstPage(pdf: Uint8Array): Promise<{ data: Uint8Array; width: number; height: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'sohoa-place-'));
  try {
    const file = join(dir, 'in.pdf');
    await writeFile(file, pdf);
    // Rendered at twice the resolution and each 2 × 2 block taken at its darkest: a thin stroke
    // that one renderer's smoothing would leave light at DPI still counts as ink (never covered).
    const r = await pdfEngine().render(file, 1, DPI * 2, true, join(dir, 'page'), 'page 1');
    if (!('file' in r)) throw new Error(r.complaint.trim() || 'the page cannot be rendered');
    const fine = await sharp(await readFile(r.file)).greyscale().raw().toBuffer({ resolveWithObject: true });
    const [fw, fh] = [fine.info.width, fine.info.height];
    const [width, height] = [Math.ceil(fw / 2), Math.ceil(fh / 2)];
    const data = new Uint8Array(width * height);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        let v = 255;
        for (let dy = 0; dy < 2 && 2 * y + dy < fh; dy++) for (let dx = 0; dx < 2 && 2 * x + dx < fw; dx++) v = Math.min(v, fine.data[(2 * y + dy) * fw + 2 * x + dx]!);
        data[y * width + x] = v;
      }
    return { data, width, height };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function placeSignatureBox(req: PlacementRequest): Promise<BoxPlacement> {
  let page: Awaited<ReturnType<typeof renderFirstPage>>;
  try {
    page = await renderFirstPage(req.pdf);
  } catch (e) {
    throw new StationError('signing-failed', { detail: `page 1 could not be rendered to find room for the signature (${errorMessage(e)})` }, { cause: e });
  }
  return placeOnImage(req, page);
}

/** The placement on page 1's rendering (8-bit grey, turned as seen, at DPI). */
export function placeOnImage(req: PlacementRequest, page: { data: Uint8Array; width: number; height: number }): BoxPlacement {
  const view = pageView(req.mediaBox, req.rotate);
  const { width: w, height: h } = req.size;
  const right = req.position.endsWith('right');
  const top = req.position.startsWith('top');
  // Page boxes → mask pixels of the page as seen (origin top-left).
  const toPx = (b: Box): PixelRect => {
    const v = pageBoxToView(view, b);
    return { x: v.left * K, y: v.top * K, w: v.w * K, h: v.h * K };
  };
  const mask = inkMask(page.data, page.width, page.height, [...req.occupied, ...req.signatures].map(toPx));
  const clear = CLEARANCE_PT * K;
  const bw = Math.ceil((w + 2 * CLEARANCE_PT) * K);
  const bh = Math.ceil((h + 2 * CLEARANCE_PT) * K);
  const edge = Math.round((EDGE_PT - CLEARANCE_PT) * K);
  const maxX = page.width - edge - bw;
  const maxY = page.height - edge - bh;
  const third = Math.round(page.height / 3);
  const rowsNear = (limit: number) => (top ? { yFrom: edge, yTo: Math.min(maxY, limit) } : { yFrom: maxY, yTo: Math.max(edge, page.height - limit - bh) });
  const colsNear = (limit: number) => (right ? { xFrom: maxX, xTo: Math.max(edge, page.width - limit - bw) } : { xFrom: edge, xTo: Math.min(maxX, limit) });
  // A found rectangle (the box with its clearance, in mask pixels) → the box on the page; `left`
  // (view points) puts it exactly at a stack's edge, less than a pixel from where it was tested,
  // well within the clearance.
  const at = (found: PixelRect, left = found.x / K + CLEARANCE_PT): BoxPlacement => ({ rect: viewRectToPage(view, left, found.y / K + CLEARANCE_PT, w, h), mediaBox: null });

  // 1. Below the earlier signatures in the corner's area (above them for a bottom corner).
  const stacked = stackSpot(mask, req.signatures.map(toPx), { bw, bh, clear, edge, maxX, maxY, third, top, right });
  if (stacked) {
    const anchorLeft = stacked.anchor.x / K;
    const left = right ? anchorLeft + stacked.anchor.w / K - w : anchorLeft;
    return at(stacked.found, Math.abs(left - (stacked.found.x / K + CLEARANCE_PT)) < 1.5 / K ? left : undefined);
  }
  // 2. The named corner's area: the top (or bottom) third; the box's outer edge in the outer 60%.
  const inCorner = findBlank(mask, bw, bh, { ...rowsNear(third), ...colsNear(Math.round(page.width * 0.6)) });
  if (inCorner) return at(inCorner);
  // 3. A strip at the named edge, with room for a stack.
  if (req.mayGrow) {
    const column: PixelRect = { x: right ? maxX : edge, y: 0, w: bw, h: page.height };
    const blank = blankBand(mask, column, top) / K; // points of blank paper at that edge, seen from the strip
    const stack = STRIP_MARGIN_PT + STACKED * h + (STACKED - 1) * CLEARANCE_PT + CLEARANCE_PT + (2 * STACKED + 2) / K; // pixels lost to rounding
    const strip = Math.max(h + 2 * STRIP_MARGIN_PT, stack - blank);
    const mediaBox = growAtViewEdge(req.mediaBox, req.rotate, top ? 'top' : 'bottom', strip);
    const left = right ? view.width - EDGE_PT - w : EDGE_PT;
    const boxTop = top ? -strip + STRIP_MARGIN_PT : view.height + strip - STRIP_MARGIN_PT - h;
    return { rect: viewRectToPage(view, left, boxTop, w, h), mediaBox };
  }
  // 4. Anywhere blank on the page, still nearest the named corner.
  const anywhere = findBlank(mask, bw, bh, { ...rowsNear(page.height), ...colsNear(page.width) });
  if (anywhere) return at(anywhere);
  throw new StationError('signature-no-room');
}

interface Frame {
  readonly bw: number;
  readonly bh: number;
  readonly clear: number;
  readonly edge: number;
  readonly maxX: number;
  readonly maxY: number;
  readonly third: number;
  readonly top: boolean;
  readonly right: boolean;
}

/** The first blank place in the column of the earlier signature nearest the corner, below the
 * stack (above it for a bottom corner), within the corner's third; null when there is none or no
 * earlier signature stands in that area. The stack is ink in the mask, so the scan passes it. */
function stackSpot(mask: InkMask, signatures: readonly PixelRect[], f: Frame): { found: PixelRect; anchor: PixelRect } | null {
  const inArea = signatures.filter((s) => (f.top ? s.y < f.third : s.y + s.h > mask.height - f.third) && (f.right ? s.x + s.w > mask.width * 0.4 : s.x < mask.width * 0.6));
  if (inArea.length === 0) return null;
  // The one nearest the corner: topmost (bottommost), then outermost.
  const anchor = inArea.reduce((a, b) => {
    const dy = f.top ? b.y - a.y : a.y + a.h - (b.y + b.h);
    if (Math.abs(dy) > 1) return dy < 0 ? b : a;
    return (f.right ? b.x + b.w > a.x + a.w : b.x < a.x) ? b : a;
  });
  const x = Math.min(f.maxX, Math.max(f.edge, Math.round(f.right ? anchor.x + anchor.w + f.clear - f.bw : anchor.x - f.clear)));
  const area = f.top
    ? { yFrom: Math.ceil(anchor.y + anchor.h), yTo: Math.min(f.maxY, f.third) }
    : { yFrom: Math.floor(anchor.y) - f.bh, yTo: Math.max(f.edge, mask.height - f.third - f.bh) };
  const found = findBlank(mask, f.bw, f.bh, { ...area, xFrom: x, xTo: x });
  return found && { found, anchor };
}

/** Rows of blank paper in `column` from the top edge down (or the bottom edge up). */
function blankBand(mask: InkMask, column: PixelRect, fromTop: boolean): number {
  let rows = 0;
  while (rows < mask.height && inkIn(mask, { x: column.x, y: fromTop ? rows : mask.height - rows - 1, w: column.w, h: 1 }) === 0) rows++;
  return rows;
}
