// The visible signature by the rules (domain.md): the agency's name, the signer and the signing
// time (ISO 8601, +07:00); Liberation Serif 10 pt, black, no seal image — the "SAO Y" style of an
// electronic copy. Drawn as the widget's appearance stream; where it stands on the page (top right
// of page 1 by default, never over content) is placement.ts's to decide.
import { type PDFDocument, type PDFRef, beginText, endText, setFillingGrayscaleColor, setFontAndSize, setTextMatrix, showText } from 'pdf-lib';
import { drawable, embedRecordFont } from '../pdf/fonts';
import { uprightMatrix } from './page-view';

export type AppearancePosition = 'top-right' | 'top-left' | 'bottom-right' | 'bottom-left';

export const SIGNATURE_FONT_SIZE = 10;
const PADDING_PT = 4;
const LINE_HEIGHT = 1.25;

export function appearanceLines(agency: string | null, signer: string, time: string): string[] {
  return [...(agency ? [agency] : []), `Ký bởi: ${signer}`, `Thời gian ký: ${time}`];
}

export interface Appearance {
  readonly width: number;
  readonly height: number;
  readonly stream: PDFRef;
}

/** Builds the appearance in `doc` (whose new objects belong to the update); returns its stream
 * and its size in points, upright. On a page shown turned by /Rotate the drawing is turned back
 * (its /Matrix), so that the reader sees it upright. */
export async function buildAppearance(doc: PDFDocument, assetsDir: string, lines: readonly string[], pageRotate = 0): Promise<Appearance> {
  const font = await embedRecordFont(doc, assetsDir);
  const can = drawable(font);
  const shown = lines.map(can);
  const size = SIGNATURE_FONT_SIZE;
  const width = Math.max(...shown.map((l) => font.widthOfTextAtSize(l, size))) + 2 * PADDING_PT;
  const height = shown.length * size * LINE_HEIGHT + 2 * PADDING_PT;
  const ops = [setFillingGrayscaleColor(0), beginText(), setFontAndSize('F1', size)];
  shown.forEach((line, i) => ops.push(setTextMatrix(1, 0, 0, 1, PADDING_PT, height - PADDING_PT - (i + 1) * size * LINE_HEIGHT + size * 0.25), showText(font.encodeText(line))));
  ops.push(endText());
  const stream = doc.context.register(doc.context.formXObject(ops, { BBox: [0, 0, width, height], Matrix: uprightMatrix(pageRotate), Resources: { Font: { F1: font.ref } } }));
  return { width, height, stream };
}
