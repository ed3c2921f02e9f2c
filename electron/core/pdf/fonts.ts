// The record's font: Liberation Serif 2 (Times-compatible, with Vietnamese glyphs), subset and
// embedded as PDF/A requires, named with the subset tag ISO 32000-1 §9.6.4 asks for.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inflateSync, deflateSync } from 'node:zlib';
import { PDFArray, PDFDict, type PDFDocument, type PDFFont, PDFName, PDFNumber, PDFRawStream, PDFRef } from 'pdf-lib';
import { stripHinting } from './truetype';

const cache = new Map<string, Uint8Array>();
export async function embedRecordFont(doc: PDFDocument, assetsDir: string, weight: 'Regular' | 'Bold' = 'Regular'): Promise<PDFFont> {
  const path = join(assetsDir, 'fonts', `LiberationSerif-${weight}.ttf`);
  let bytes = cache.get(path);
  if (!bytes) {
    bytes = await readFile(path);
    cache.set(path, bytes);
  }
  // A parsed font must not be shared between documents: fontkit's glyph objects carry state that
  // pdf-lib's subsetting changes (a shared one lost glyphs in later documents). Parse per document.
  // Loaded on first use: fontkit inflates its tables when imported (≈ 0.5 s of CPU), which every
  // command that never draws text — `sohoa devices` — would otherwise pay at start.
  doc.registerFontkit((await import('@pdf-lib/fontkit')).default);
  return doc.embedFont(bytes, { subset: true });
}

/** The characters a font can draw; anything else would show .notdef, which PDF/A forbids. */
export function drawable(font: PDFFont): (text: string) => string {
  const supported = new Set(font.getCharacterSet());
  return (text) => [...text.normalize('NFC')].filter((c) => supported.has(c.codePointAt(0)!)).join('');
}

/** After doc.flush(): names every embedded subset font "ABCDEF+Name", the tag derived from
 * its glyph widths so that the same text gives the same file; `unhint`: strips its hinting too
 * (the record's one line of mark; reports and signature appearances keep theirs). */
export function tagSubsetFonts(doc: PDFDocument, opts: { unhint?: boolean } = {}): void {
  const lookup = (o: unknown) => (o instanceof PDFRef ? doc.context.lookup(o) : o);
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of('Subtype')) !== PDFName.of('Type0')) continue;
    const base = obj.get(PDFName.of('BaseFont'));
    const descendants = lookup(obj.get(PDFName.of('DescendantFonts')));
    const cid = descendants instanceof PDFArray ? lookup(descendants.get(0)) : undefined;
    // Only pdf-lib's subsets (a font carried with an imported page keeps its producer's name) ("Name-1234"): a font embedded whole (glyphless-font.ts) keeps its name.
    if (!(base instanceof PDFName) || !(cid instanceof PDFDict) || !/-\d+$/.test(base.decodeText())) continue;
    const hash = createHash('sha256').update(String(cid.get(PDFName.of('W')))).digest();
    const tag = [...hash.subarray(0, 6)].map((b) => String.fromCharCode(65 + (b % 26))).join('');
    const family = base.decodeText().replace(/^[A-Z]{6}\+/, '').replace(/-\d+$/, '');
    const name = PDFName.of(`${tag}+${family}`);
    obj.set(PDFName.of('BaseFont'), name);
    cid.set(PDFName.of('BaseFont'), name);
    // Widths in tenths of a unit, not pdf-lib's "722.16796875": the same widths (within 0.05 of a
    // thousandth of the size, PDF/A 6.2.11.5 wants them consistent with the font's), half the bytes.
    const widths = cid.get(PDFName.of('W'));
    if (widths instanceof PDFArray) roundNumbers(doc, widths);
    const descriptor = lookup(cid.get(PDFName.of('FontDescriptor')));
    if (descriptor instanceof PDFDict) {
      descriptor.set(PDFName.of('FontName'), name);
      for (const key of ['Ascent', 'Descent', 'CapHeight', 'XHeight']) {
        const v = descriptor.get(PDFName.of(key));
        if (v instanceof PDFNumber) descriptor.set(PDFName.of(key), PDFNumber.of(tenths(v.asNumber())));
      }
      const box = descriptor.get(PDFName.of('FontBBox'));
      if (box instanceof PDFArray) roundNumbers(doc, box);
      if (opts.unhint) unhint(doc, descriptor.get(PDFName.of('FontFile2')));
    }
  }
}

const tenths = (v: number) => Math.round(v * 10) / 10;

/** Every number in the array (and its nested arrays) to tenths. */
function roundNumbers(doc: PDFDocument, array: PDFArray): void {
  for (let i = 0; i < array.size(); i++) {
    const v = array.get(i);
    if (v instanceof PDFNumber) array.set(i, PDFNumber.of(tenths(v.asNumber())));
    else if (v instanceof PDFArray) roundNumbers(doc, v);
  }
}

/** The subset's font file without its hinting (truetype.ts: the same outlines, a third of the bytes). */
function unhint(doc: PDFDocument, ref: unknown): void {
  const file = ref instanceof PDFRef ? doc.context.lookup(ref) : undefined;
  if (!(ref instanceof PDFRef) || !(file instanceof PDFRawStream) || file.dict.get(PDFName.of('Filter')) !== PDFName.of('FlateDecode')) return;
  const font = stripHinting(inflateSync(file.contents));
  const body = deflateSync(font, { level: 9 });
  const dict = file.dict.clone(doc.context);
  dict.set(PDFName.of('Length1'), PDFNumber.of(font.length));
  dict.set(PDFName.of('Length'), PDFNumber.of(body.length));
  doc.context.assign(ref, PDFRawStream.of(dict, body));
}
