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

/**
 * One text run per line, so that every viewer reads a line as a line: each word is stretched to
 * its box (Tz), and a real space glyph, stretched to fill exactly the gap to the next word, keeps
 * the words apart for copy and paste. The words of a line share its size and baseline.
 */
export function textLayerOperators(words: readonly Word[], at: PagePlacement, font: PDFFont, fontName: PDFName, drawable: (t: string) => string): PDFOperator[] {
  const ops: PDFOperator[] = [];
  const space = font.encodeText(' ');
  for (const line of lines(words)) {
    const visible = line.map((w) => ({ ...w, text: drawable(w.text).trim() })).filter((w) => w.text && w.w > 0 && w.h > 0);
    if (visible.length === 0) continue;
    const first = visible[0]!;
    const top = first.lineY ?? Math.min(...visible.map((w) => w.y));
    const height = first.lineH ?? Math.max(...visible.map((w) => w.y + w.h)) - top;
    const size = Math.max(1, height * at.scale * 0.8);
    // The baseline sits a little above the line's bottom, where descenders end.
    const baseline = at.imageOffsetPt + at.imageHeightPt - (top + height) * at.scale + 0.2 * height * at.scale;
    const spaceWidth = font.widthOfTextAtSize(' ', size);
    ops.push(setFontAndSize(fontName, size));
    visible.forEach((w, i) => {
      const natural = font.widthOfTextAtSize(w.text, size);
      if (natural <= 0) return;
      ops.push(setTextMatrix(1, 0, 0, 1, w.x * at.scale, baseline), setCharacterSqueeze(clampSqueeze((100 * w.w * at.scale) / natural)), showText(font.encodeText(w.text)));
      const next = visible[i + 1];
      if (next && spaceWidth > 0) {
        const gap = (next.x - (w.x + w.w)) * at.scale;
        ops.push(setCharacterSqueeze(clampSqueeze((100 * Math.max(gap, 0.1)) / spaceWidth)), showText(space));
      }
    });
  }
  if (ops.length === 0) return [];
  // q/Q: the rendering mode is graphics state and would make later text (the mark) invisible too.
  return [pushGraphicsState(), beginText(), setTextRenderingMode(TextRenderingMode.Invisible), ...ops, endText(), popGraphicsState()];
}

function clampSqueeze(percent: number): number {
  return Math.min(1000, Math.max(1, percent));
}
