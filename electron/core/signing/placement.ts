// Where the visible signature goes on page 1 so that it never covers the document nor an earlier
// signature (domain.md: top right of page 1). The page as it is — earlier signature boxes
// included — is rendered small by poppler's pdftoppm and the box is put in the first blank place:
// in the named corner's area (the top third, the outer 60% of the width), topmost first, then
// toward the edge — above what is printed there, beside it, or below earlier signatures. When
// that area has no room and the document carries no signature yet, a strip is added to the page
// (its MediaBox grows at the named edge; nothing printed moves) and the box goes there. A signed
// document cannot grow (that would change what earlier signatures cover): its box goes to the
// first blank place anywhere on the page, still nearest the named corner; with none, the signer
// is told there is no room (and may sign invisibly).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { StationError, errorMessage } from '../errors';
import { type PixelRect, findBlank, inkMask } from '../pdf/free-space';
import { runTool } from '../tools/run-tool';
import type { AppearancePosition } from './appearance';

export type Box = [number, number, number, number];

export interface BoxPlacement {
  /** The box on the page, in the page's own coordinates (PDF points). */
  readonly rect: Box;
  /** The page's new MediaBox when a strip was added for the box; null when the page keeps its size. */
  readonly mediaBox: Box | null;
}

export interface PlacementRequest {
  readonly pdf: Uint8Array;
  readonly mediaBox: Box;
  /** /Rotate of page 1: the image is analysed only on an upright page. */
  readonly rotate: number;
  readonly size: { readonly width: number; readonly height: number };
  readonly position: AppearancePosition;
  /** Boxes of earlier signature widgets on page 1 (page coordinates): never covered. */
  readonly occupied: readonly Box[];
  /** Whether a strip may be added (no signature yet). */
  readonly mayGrow: boolean;
}

const MM = 72 / 25.4;
const EDGE_PT = 10 * MM; // the box's distance from the paper's edge
const CLEARANCE_PT = 2 * MM; // blank space kept between the box and anything printed
const DPI = 50;
const K = DPI / 72; // mask pixels per point

/** Page 1 as 8-bit grey pixels at DPI, with its widgets' appearances drawn (earlier signatures). */
async function renderFirstPage(pdf: Uint8Array): Promise<{ data: Uint8Array; width: number; height: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'sohoa-place-'));
  try {
    const file = join(dir, 'in.pdf');
    await writeFile(file, pdf);
    const r = await runTool('pdftoppm', ['-r', String(DPI), '-gray', '-f', '1', '-l', '1', '-singlefile', '-png', file, join(dir, 'page')], { file: 'page 1', timeoutMs: 60_000 });
    if (r.code !== 0) throw new Error(r.stderr.trim() || `pdftoppm exited ${r.code}`);
    const { data, info } = await sharp(await readFile(join(dir, 'page.png'))).greyscale().raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function placeSignatureBox(req: PlacementRequest): Promise<BoxPlacement> {
  const [x0, y0, x1, y1] = req.mediaBox;
  const { width: w, height: h } = req.size;
  const right = req.position.endsWith('right');
  const top = req.position.startsWith('top');
  const corner = (): Box => {
    const x = right ? x1 - EDGE_PT - w : x0 + EDGE_PT;
    const y = top ? y1 - EDGE_PT - h : y0 + EDGE_PT;
    return [x, y, x + w, y + h];
  };
  if (req.rotate % 360 !== 0) return { rect: corner(), mediaBox: null };

  let page: Awaited<ReturnType<typeof renderFirstPage>>;
  try {
    page = await renderFirstPage(req.pdf);
  } catch (e) {
    throw new StationError('signing-failed', { detail: `page 1 could not be rendered to find room for the signature (${errorMessage(e)})` }, { cause: e });
  }
  // Page points → mask pixels (origin top-left), and back.
  const toPx = (b: Box): PixelRect => ({ x: (b[0] - x0) * K, y: (y1 - b[3]) * K, w: (b[2] - b[0]) * K, h: (b[3] - b[1]) * K });
  const mask = inkMask(page.data, page.width, page.height, req.occupied.map(toPx));
  const bw = Math.ceil((w + 2 * CLEARANCE_PT) * K);
  const bh = Math.ceil((h + 2 * CLEARANCE_PT) * K);
  const edge = Math.round((EDGE_PT - CLEARANCE_PT) * K);
  const maxX = page.width - edge - bw;
  const maxY = page.height - edge - bh;
  const rowsNear = (limit: number) => (top ? { yFrom: edge, yTo: Math.min(maxY, limit) } : { yFrom: maxY, yTo: Math.max(edge, page.height - limit - bh) });
  const colsNear = (limit: number) => (right ? { xFrom: maxX, xTo: Math.max(edge, page.width - limit - bw) } : { xFrom: edge, xTo: Math.min(maxX, limit) });
  const at = (found: PixelRect): BoxPlacement => {
    const left = x0 + found.x / K + CLEARANCE_PT;
    const topY = y1 - found.y / K - CLEARANCE_PT;
    return { rect: [left, topY - h, left + w, topY], mediaBox: null };
  };
  // The named corner's area: the top (or bottom) third; the box's outer edge in the outer 60%.
  const inCorner = findBlank(mask, bw, bh, { ...rowsNear(Math.round(page.height / 3)), ...colsNear(Math.round(page.width * 0.6)) });
  if (inCorner) return at(inCorner);
  if (req.mayGrow) {
    // A strip at the named edge, as tall as the box with a margin on both sides of it.
    const strip = h + 2 * (5 * MM);
    const grown: Box = top ? [x0, y0, x1, y1 + strip] : [x0, y0 - strip, x1, y1];
    const x = right ? x1 - EDGE_PT - w : x0 + EDGE_PT;
    const y = top ? y1 + 5 * MM : y0 - strip + 5 * MM;
    return { rect: [x, y, x + w, y + h], mediaBox: grown };
  }
  // Anywhere blank on the page, still nearest the named corner.
  const anywhere = findBlank(mask, bw, bh, { ...rowsNear(page.height), ...colsNear(page.width) });
  if (anywhere) return at(anywhere);
  throw new StationError('signature-no-room');
}
