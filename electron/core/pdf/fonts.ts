// The record's font: Liberation Serif 2 (Times-compatible, with Vietnamese glyphs), subset and
// embedded as PDF/A requires, named with the subset tag ISO 32000-1 §9.6.4 asks for.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFArray, PDFDict, type PDFDocument, type PDFFont, PDFName, PDFRef } from 'pdf-lib';

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
 * its glyph widths so that the same text gives the same file. */
export function tagSubsetFonts(doc: PDFDocument): void {
  const lookup = (o: unknown) => (o instanceof PDFRef ? doc.context.lookup(o) : o);
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of('Subtype')) !== PDFName.of('Type0')) continue;
    const base = obj.get(PDFName.of('BaseFont'));
    const descendants = lookup(obj.get(PDFName.of('DescendantFonts')));
    const cid = descendants instanceof PDFArray ? lookup(descendants.get(0)) : undefined;
    if (!(base instanceof PDFName) || !(cid instanceof PDFDict)) continue;
    const hash = createHash('sha256').update(String(cid.get(PDFName.of('W')))).digest();
    const tag = [...hash.subarray(0, 6)].map((b) => String.fromCharCode(65 + (b % 26))).join('');
    const family = base.decodeText().replace(/^[A-Z]{6}\+/, '').replace(/-\d+$/, '');
    const name = PDFName.of(`${tag}+${family}`);
    obj.set(PDFName.of('BaseFont'), name);
    cid.set(PDFName.of('BaseFont'), name);
    const descriptor = lookup(cid.get(PDFName.of('FontDescriptor')));
    if (descriptor instanceof PDFDict) descriptor.set(PDFName.of('FontName'), name);
  }
}
