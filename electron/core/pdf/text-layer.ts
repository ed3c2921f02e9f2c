// The invisible text layer of a "two-layer" record: each recognised word drawn in text rendering
// mode 3 (invisible) over its place on the page image, stretched to the word's width, so that
// search, selection and copy work in any viewer with the right diacritics.
import { type PDFHexString, type PDFName, type PDFOperator, TextRenderingMode, beginText, concatTransformationMatrix, endText, moveText, popGraphicsState, pushGraphicsState, setCharacterSqueeze, setFontAndSize, setTextRenderingMode, showText } from 'pdf-lib';

/** A word in pixels of the page image, origin top-left. */
export interface Word {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** Words on the same line share it: a space is kept between them for copy and paste. */
  readonly line?: number | undefined;
  /** The line's top and height (px): words of a line get one size and one baseline from it, so
   * that viewers read them as one line whatever each glyph's own box (a hyphen is tiny). */
  readonly lineY?: number | undefined;
  readonly lineH?: number | undefined;
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

/** Groups words into lines (in order of appearance); words without a line stand alone. */
function lines(words: readonly Word[]): Word[][] {
  const groups: Word[][] = [];
  for (const w of words) {
    const last = groups.at(-1);
    if (last && w.line !== undefined && last[0]!.line === w.line) last.push(w);
    else groups.push([w]);
  }
  return groups;
}

/** What the layer needs of its font (glyphless-font.ts): a character code string, and widths. */
export interface LayerFont {
  encode(text: string): PDFHexString;
  width(text: string, size: number): number;
}

/** Hundredths of a point: where the page's own drawing (the image) is placed. */
export const round2 = (v: number): number => Math.round(v * 100) / 100;
/** Tenths: of an image pixel (OCR boxes are whole pixels), of a per cent of stretch. */
const round1 = (v: number): number => Math.round(v * 10) / 10;

/** A stretch (Tz, per cent) as coarse as still puts the end of a glyph run `natural` pixels
 * wide (unstretched) within half a pixel of where it should end: fewer distinct numbers, a
 * smaller compressed stream, and the same boxes to a fraction of what OCR measures. */
function coarsest(percent: number, natural: number): number {
  const clamped = Math.min(1000, Math.max(1, percent));
  for (const step of [10, 5, 1]) {
    const p = Math.max(step, Math.round(clamped / step) * step);
    if ((Math.abs(p - clamped) * natural) / 100 <= 0.5) return p;
  }
  return round1(clamped);
}

/**
 * One text run per line, so that every viewer reads a line as a line: each word is stretched to
 * its box (Tz), and a real space glyph, stretched to fill exactly the gap to the next word, keeps
 * the words apart for copy and paste. The words of a line share its size and baseline.
 * Compact, as the text layer is a good part of a record's bytes beside its images (it was twice
 * ocrmypdf's, with "759.4559999999999 Tm" on every word): the layer is drawn in image pixels (one
 * cm per page), so that positions are the OCR's whole pixels, each word placed by Td relative to
 * the previous one (differences of rounded absolute positions: no rounding error adds up along a
 * page), stretches as coarse as keep each word's and space's end within half a pixel, and a Tz
 * only where the stretch changes.
 */
export function textLayerOperators(words: readonly Word[], at: PagePlacement, font: LayerFont, fontName: PDFName, drawable: (t: string) => string): PDFOperator[] {
  const ops: PDFOperator[] = [];
  // Where the last Td put the start of the line, in pixels from the image's bottom-left corner
  // (BT starts at the identity, in the units the cm below sets up).
  let lineX = 0;
  let lineY = 0;
  const moveTo = (x: number, y: number) => {
    const [rx, ry] = [round1(x), round1(y)];
    ops.push(moveText(round1(rx - lineX), round1(ry - lineY)));
    [lineX, lineY] = [rx, ry];
  };
  let squeeze = NaN;
  const stretch = (percent: number) => {
    if (percent !== squeeze) ops.push(setCharacterSqueeze(percent));
    squeeze = percent;
  };
  const imageHeightPx = at.imageHeightPt / at.scale;
  let fontSize = NaN;
  for (const line of lines(words)) {
    const visible = line.map((w) => ({ ...w, text: drawable(w.text).trim() })).filter((w) => w.text && w.w > 0 && w.h > 0);
    if (visible.length === 0) continue;
    const first = visible[0]!;
    const top = first.lineY ?? Math.min(...visible.map((w) => w.y));
    const height = first.lineH ?? Math.max(...visible.map((w) => w.y + w.h)) - top;
    // At least 1 pt; whole pixels, as OCR measures the line (the stretches below are computed
    // for this size, so the words' widths stay exact).
    const size = Math.round(Math.max(1 / at.scale, height * 0.8));
    // The baseline sits a little above the line's bottom, where descenders end.
    const baseline = Math.round(imageHeightPx - (top + height) + 0.2 * height);
    const spaceWidth = font.width(' ', size);
    // Tf only where the size changes: lines of a paragraph share it.
    if (size !== fontSize) ops.push(setFontAndSize(fontName, size));
    fontSize = size;
    visible.forEach((w, i) => {
      const natural = font.width(w.text, size);
      if (natural <= 0) return;
      moveTo(w.x, baseline);
      stretch(coarsest((100 * w.w) / natural, natural));
      ops.push(showText(font.encode(w.text)));
      const next = visible[i + 1];
      if (next && spaceWidth > 0) {
        const gap = next.x - (w.x + w.w);
        stretch(coarsest((100 * Math.max(gap, 0.1 / at.scale)) / spaceWidth, spaceWidth));
        ops.push(showText(font.encode(' ')));
      }
    });
  }
  if (ops.length === 0) return [];
  // q/Q: the rendering mode is graphics state and would make later text (the mark) invisible too;
  // cm: from image pixels to points, the image's bottom at its offset on the page.
  return [
    pushGraphicsState(),
    concatTransformationMatrix(at.scale, 0, 0, at.scale, 0, round2(at.imageOffsetPt)),
    beginText(),
    setTextRenderingMode(TextRenderingMode.Invisible),
    ...ops,
    endText(),
    popGraphicsState(),
  ];
}
