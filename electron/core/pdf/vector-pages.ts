// Pages of an imported PDF drawn into the record as they are: each becomes a form XObject (its
// content and resources copied, fonts and text with them) drawn on a fresh page of ours at 100%
// scale. Only what draws is copied — not the page's annotations, actions, article beads or
// structure references, which would pull the rest of the source along — and the objects the
// pages share (fonts, images) are copied once for all of them (one copier per source file).
import { PDFDocument, type PDFEmbeddedPage, PDFName, type PDFRef } from 'pdf-lib';
import { judgePage } from './vector-check';

export interface CarriedPage {
  /** The form XObject that draws the page, in the record. */
  readonly ref: PDFRef;
  /** The page's media box size, unrotated, in points. */
  readonly width: number;
  readonly height: number;
  /** The page's /Rotate, clockwise: 0, 90, 180 or 270. */
  readonly rotate: number;
}

const KEEP = new Set(['Type', 'Parent', 'Resources', 'Contents', 'MediaBox', 'CropBox', 'Rotate']);

/** Copies pages `pageNumbers` (1-based) of `pdf` into `record`, keyed by page number. */
export async function carryPages(record: PDFDocument, pdf: Uint8Array, pageNumbers: readonly number[]): Promise<Map<number, CarriedPage>> {
  const src = await PDFDocument.load(pdf, { updateMetadata: false });
  const wanted = [...new Set(pageNumbers)];
  const boxes = wanted.map((n) => {
    const page = src.getPage(n - 1);
    // The importer judged the same bytes; here the verdict also tidies what PDF/A wants tidied.
    const verdict = judgePage(src, n - 1, true);
    if (verdict.reason) throw new Error(`page ${n} of the imported PDF cannot be carried as vectors: ${verdict.reason}`);
    const rotate = (((page.getRotation().angle % 360) + 360) % 360) as number;
    const media = page.getMediaBox();
    const node = page.node;
    for (const key of node.keys()) if (!KEEP.has(key.decodeText())) node.delete(key);
    if (!node.Contents()) node.set(PDFName.of('Contents'), src.context.register(src.context.stream(new Uint8Array(0))));
    // pdf-lib's default box forgets a media box's origin: give it the box as it is.
    return { page, rotate, box: { left: media.x, bottom: media.y, right: media.x + media.width, top: media.y + media.height } };
  });
  const embedded: PDFEmbeddedPage[] = await record.embedPages(
    boxes.map((b) => b.page),
    boxes.map((b) => b.box),
  );
  return new Map(wanted.map((n, i) => [n, { ref: embedded[i]!.ref, width: embedded[i]!.width, height: embedded[i]!.height, rotate: boxes[i]!.rotate }]));
}

/** The matrix that draws a carried page upright in a box of `widthPt` × `heightPt` whose bottom is
 * at `offsetPt`: the page's rotation applied as a viewer (and pdftoppm) shows it, scaled to fill. */
export function carriedPageMatrix(p: CarriedPage, widthPt: number, heightPt: number, offsetPt: number): [number, number, number, number, number, number] {
  const turned = p.rotate === 90 || p.rotate === 270;
  const sx = widthPt / (turned ? p.height : p.width);
  const sy = heightPt / (turned ? p.width : p.height);
  switch (p.rotate) {
    case 90:
      return [0, -sy, sx, 0, 0, sy * p.width + offsetPt];
    case 180:
      return [-sx, 0, 0, -sy, sx * p.width, sy * p.height + offsetPt];
    case 270:
      return [0, sy, -sx, 0, sx * p.height, offsetPt];
    default:
      return [sx, 0, 0, sy, 0, offsetPt];
  }
}

