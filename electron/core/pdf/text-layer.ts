// The invisible text layer of a "two-layer" record: each recognised word drawn in text rendering
// mode 3 (invisible) over its place on the page image, stretched to the word's width, so that
// search, selection and copy work in any viewer with the right diacritics.
import { type PDFFont, type PDFName, type PDFOperator, TextRenderingMode, beginText, endText, popGraphicsState, pushGraphicsState, setCharacterSqueeze, setFontAndSize, setTextMatrix, setTextRenderingMode, showText } from 'pdf-lib';

/** A word in pixels of the page image, origin top-left. */
export interface Word {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** Words on the same line share it: a space is kept between them for copy and paste. */
  readonly line?: number | undefined;
  readonly conf?: number | undefined;
}

export interface PagePlacement {
  /** Points per image pixel (72 / dpi). */
  readonly scale: number;
  /** Height of the image on the page, in points. */
  readonly imageHeightPt: number;
  /** Where the image's bottom edge sits on the page, in points. */
  readonly imageOffsetPt: number;
}

export function textLayerOperators(words: readonly Word[], at: PagePlacement, font: PDFFont, fontName: PDFName, drawable: (t: string) => string): PDFOperator[] {
  const ops: PDFOperator[] = [];
  const visible = words.map((w, i) => {
    const nextOnLine = words[i + 1]?.line !== undefined && words[i + 1]?.line === w.line;
    return { ...w, text: drawable(w.text) + (nextOnLine ? ' ' : '') };
  });
  for (const w of visible) {
    if (!w.text.trim() || w.w <= 0 || w.h <= 0) continue;
    const size = Math.max(1, w.h * at.scale * 0.9);
    const natural = font.widthOfTextAtSize(w.text, size);
    if (natural <= 0) continue;
    const squeeze = Math.min(1000, Math.max(10, (100 * w.w * at.scale) / natural));
    const x = w.x * at.scale;
    // The baseline sits a little above the box's bottom, where descenders end.
    const y = at.imageOffsetPt + at.imageHeightPt - (w.y + w.h) * at.scale + 0.2 * w.h * at.scale;
    ops.push(setFontAndSize(fontName, size), setCharacterSqueeze(squeeze), setTextMatrix(1, 0, 0, 1, x, y), showText(font.encodeText(w.text)));
  }
  if (ops.length === 0) return [];
  // q/Q: the rendering mode is graphics state and would make later text (the mark) invisible too.
  return [pushGraphicsState(), beginText(), setTextRenderingMode(TextRenderingMode.Invisible), ...ops, endText(), popGraphicsState()];
}
