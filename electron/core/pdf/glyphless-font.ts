// The font of the invisible text layer: a "glyphless" TrueType font, as tesseract and ocrmypdf
// use for theirs. Text in rendering mode 3 is never drawn, so its glyph outlines are bytes for
// nothing: the record's Liberation Serif subset cost ≈ 15 KB per record where this font, its
// CIDToGIDMap and ToUnicode cost ≈ 1 KB. Every character is CID = its Unicode code point
// (Identity-H, two bytes), every CID maps to glyph 1 (never .notdef, PDF/A-2 6.2.11.8), 500 units
// wide in the font program and in /DW alike (6.2.11.5); ToUnicode maps each character used back
// to itself, so search, selection and copy give the same text as before. The visible conversion
// mark keeps Liberation Serif (fonts.ts).
import { deflateSync } from 'node:zlib';
import { type PDFDocument, PDFHexString, PDFName, PDFRawStream, type PDFRef, PDFString } from 'pdf-lib';
import { sfnt } from './truetype';

/** The text layer sets each line at 0.8 of its OCR height with the baseline 0.2 above its
 * bottom (text-layer.ts): an ascent of 1000 and a descent of 250 thousandths make a viewer's
 * selection box the OCR's line box. */
const DESCENT = -250;

/** Advance of every glyph, in thousandths of the font size (units per em = 1000). */
export const GLYPHLESS_WIDTH = 500;

const words = (...values: number[]) => {
  const b = Buffer.alloc(values.length * 2);
  values.forEach((v, i) => b.writeInt16BE(v, i * 2));
  return b;
};
const u32 = (v: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(v >>> 0);
  return b;
};

/** Two glyphs: .notdef (empty) and glyph 1, a 500 × 1000 box every character is shown with. */
export function glyphlessFontProgram(): Buffer {
  const W = GLYPHLESS_WIDTH;
  const head = Buffer.concat([u32(0x00010000), u32(0x00010000), u32(0), u32(0x5f0f3cf5), words(0x000b, 1000), Buffer.alloc(16), words(0, 0, W, 1000, 0, 8, 2, 0, 0)]);
  const hhea = Buffer.concat([u32(0x00010000), words(1000, DESCENT, 0, W, 0, 0, W, 1, 0, 0, 0, 0, 0, 0, 0, 2)]);
  const maxp = Buffer.concat([u32(0x00010000), words(2, 4, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0)]);
  const hmtx = words(W, 0, W, 0);
  // Glyph 1: one clockwise contour of four on-curve points, coordinates as 16-bit deltas.
  const box = Buffer.concat([words(1, 0, 0, W, 1000, 3, 0), Buffer.from([1, 1, 1, 1]), words(0, 0, W, 0), words(0, 1000, 0, -1000)]);
  const glyf = Buffer.concat([box, Buffer.alloc(box.length % 4 ? 4 - (box.length % 4) : 0)]);
  const loca = words(0, 0, glyf.length / 2);
  const post = Buffer.concat([u32(0x00030000), u32(0), words(-100, 50), u32(0), Buffer.alloc(16)]);
  return sfnt({ head, hhea, maxp, hmtx, loca, glyf, post });
}

let program: { bytes: Buffer; packed: Buffer } | null = null;
let cidToGid: Buffer | null = null;

export interface GlyphlessFont {
  readonly ref: PDFRef;
  /** Two bytes per character (its code point), noting it for ToUnicode. */
  encode(text: string): PDFHexString;
  /** Width in points at `size`. */
  width(text: string, size: number): number;
  /** Writes the ToUnicode map of the characters encoded so far: call once, after the last page. */
  finish(): void;
}

/** Characters the text layer can carry: the Basic Multilingual Plane, no controls or surrogates. */
export const glyphlessDrawable = (text: string): string => [...text.normalize('NFC')].filter((c) => /^[^\p{Cc}\p{Cs}]$/u.test(c) && c.codePointAt(0)! <= 0xffff).join('');

export function embedGlyphlessFont(doc: PDFDocument): GlyphlessFont {
  const ctx = doc.context;
  if (!program) {
    const bytes = glyphlessFontProgram();
    program = { bytes, packed: deflateSync(bytes, { level: 9 }) };
  }
  // Every CID to glyph 1 except CID 0; ≈ 300 bytes compressed.
  if (!cidToGid) cidToGid = deflateSync(Buffer.alloc(0x10000 * 2, Buffer.from([0, 1])).fill(0, 0, 2), { level: 9 });
  const fontFile = ctx.register(PDFRawStream.of(ctx.obj({ Length1: program.bytes.length, Filter: 'FlateDecode', Length: program.packed.length }), program.packed));
  const descriptor = ctx.register(
    ctx.obj({ Type: 'FontDescriptor', FontName: 'GlyphLessFont', Flags: 4, FontBBox: [0, 0, GLYPHLESS_WIDTH, 1000], ItalicAngle: 0, Ascent: 1000, Descent: DESCENT, CapHeight: 1000, StemV: 80, FontFile2: fontFile }),
  );
  const map = ctx.register(PDFRawStream.of(ctx.obj({ Filter: 'FlateDecode', Length: cidToGid.length }), cidToGid));
  const cidFont = ctx.register(
    ctx.obj({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: 'GlyphLessFont',
      CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      DW: GLYPHLESS_WIDTH,
      CIDToGIDMap: map,
    }),
  );
  const toUnicode = ctx.nextRef();
  const ref = ctx.register(ctx.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: 'GlyphLessFont', Encoding: 'Identity-H', DescendantFonts: [cidFont], ToUnicode: toUnicode }));
  const used = new Set<number>();
  const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
  return {
    ref,
    encode(text) {
      let hex = '';
      for (const c of text) {
        const code = c.codePointAt(0)!;
        used.add(code);
        hex += hex4(code);
      }
      return PDFHexString.of(hex);
    },
    width: (text, size) => (text.length * GLYPHLESS_WIDTH * size) / 1000,
    finish() {
      // Runs of consecutive characters (within one high byte, ISO 32000-1 §9.10.3) as bfrange,
      // the others as bfchar, at most 100 entries a block.
      const codes = [...used].sort((a, b) => a - b);
      const runs: [number, number][] = [];
      for (const c of codes) {
        const last = runs.at(-1);
        if (last && c === last[1] + 1 && c >> 8 === last[0] >> 8) last[1] = c;
        else runs.push([c, c]);
      }
      const blocks: string[] = [];
      const block = (kind: 'bfchar' | 'bfrange', lines: string[]) => {
        for (let i = 0; i < lines.length; i += 100) blocks.push(`${lines.slice(i, i + 100).length} begin${kind}\n${lines.slice(i, i + 100).join('\n')}\nend${kind}`);
      };
      block('bfchar', runs.filter(([a, b]) => a === b).map(([a]) => `<${hex4(a)}><${hex4(a)}>`));
      block('bfrange', runs.filter(([a, b]) => a !== b).map(([a, b]) => `<${hex4(a)}><${hex4(b)}><${hex4(a)}>`));
      const cmap = [
        '/CIDInit /ProcSet findresource begin',
        '12 dict begin',
        'begincmap',
        '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
        '/CMapName /Adobe-Identity-UCS def',
        '/CMapType 2 def',
        '1 begincodespacerange',
        '<0000><FFFF>',
        'endcodespacerange',
        ...blocks,
        'endcmap',
        'CMapName currentdict /CMap defineresource pop',
        'end',
        'end',
      ].join('\n');
      const body = deflateSync(Buffer.from(cmap, 'latin1'), { level: 9 });
      ctx.assign(toUnicode, PDFRawStream.of(ctx.obj({ Filter: 'FlateDecode', Length: body.length }), body));
    },
  };
}

/** The name of the text layer's font in each page's resources. */
export const GLYPHLESS_RESOURCE = PDFName.of('T0');
