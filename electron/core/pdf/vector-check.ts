// Whether a page of an imported PDF can be carried into our PDF/A-2b record as it is drawn (its
// vectors, fonts and text), and what must be tidied on the way. Conservative: a page is carried
// only when everything it draws is known to conform under our sRGB output intent; anything else
// is rasterised by the importer, which says which page and why (the reason codes below).
//
// What is checked, over every object the page's resources reach (forms, patterns, Type 3 glyphs,
// soft masks), and every content stream among them (read with a small tokenizer):
// - fonts: every font program embedded (a standard-14 font named but not embedded cannot be
//   carried), a CID font's CMap Identity or embedded;
// - colour: no DeviceCMYK (as a name, an inline image's /CMYK, or the k/K operators) — it needs a
//   CMYK output intent, and ours is sRGB; ICC-based spaces, RGB and grey are fine;
// - no PostScript (XObjects or the PS operator), transfer functions or halftone overrides in
//   graphics states, LZW or Crypt filters, reference XObjects, optional content;
// - annotations: links are dropped (counted, and said); any other printed annotation (a form
//   field, a stamp, a note, an attachment, multimedia) makes the page rasterised, where the
//   renderer draws its appearance.
// Decoding is budgeted: a page whose content inflates beyond the budget is "too complex".
import { inflateSync } from 'node:zlib';
import type { RasterisedReason } from '../../contract';
import { PDFArray, PDFBool, PDFDict, type PDFDocument, PDFName, PDFNumber, type PDFObject, PDFRawStream, PDFRef, PDFStream, decodePDFRawStream } from 'pdf-lib';

/** The reasons are the contract's: the importer reports them (RasterisedPage). */
export type VectorReason = RasterisedReason;

export interface VectorVerdict {
  /** null: the page can be carried. */
  readonly reason: VectorReason | null;
  /** Link annotations the carried page leaves behind (they print nothing). */
  readonly linksDropped: number;
}

/** At most this many bytes of content decoded per page, and objects visited. */
const DECODE_BUDGET = 64 * 1024 * 1024;
const OBJECT_BUDGET = 100_000;

const BLEND_MODES = new Set(['Normal', 'Compatible', 'Multiply', 'Screen', 'Overlay', 'Darken', 'Lighten', 'ColorDodge', 'ColorBurn', 'HardLight', 'SoftLight', 'Difference', 'Exclusion', 'Hue', 'Saturation', 'Color', 'Luminosity']);
const SIMPLE_FONTS = new Set(['Type1', 'MMType1', 'TrueType']);
/** Annotations that print nothing of their own. */
const SILENT_ANNOTATIONS = new Set(['Link', 'Popup']);

class Refusal extends Error {
  constructor(readonly reason: VectorReason) {
    super(reason);
  }
}

const name = (o: PDFObject | undefined): string | undefined => (o instanceof PDFName ? o.decodeText() : undefined);

/** The operators of a content stream, and the names used inside inline images. */
export function scanContent(bytes: Uint8Array): { operators: Set<string>; inlineNames: Set<string>; names: Set<string> } {
  const operators = new Set<string>();
  const inlineNames = new Set<string>();
  const names = new Set<string>();
  const n = bytes.length;
  const isSpace = (c: number) => c === 0 || c === 9 || c === 10 || c === 12 || c === 13 || c === 32;
  const isDelim = (c: number) => c === 40 || c === 41 || c === 60 || c === 62 || c === 91 || c === 93 || c === 123 || c === 125 || c === 47 || c === 37;
  let inInline = false;
  let i = 0;
  while (i < n) {
    const c = bytes[i]!;
    if (isSpace(c)) i++;
    else if (c === 37) while (i < n && bytes[i] !== 10 && bytes[i] !== 13) i++; // % comment
    else if (c === 40) {
      // (string): nested parentheses, backslash escapes
      let depth = 0;
      for (; i < n; i++) {
        const d = bytes[i]!;
        if (d === 92) i++;
        else if (d === 40) depth++;
        else if (d === 41 && --depth === 0) break;
      }
      i++;
    } else if (c === 60 && bytes[i + 1] === 60) i += 2;
    else if (c === 60) {
      while (i < n && bytes[i] !== 62) i++;
      i++;
    } else if (c === 62 || c === 91 || c === 93 || c === 123 || c === 125 || c === 41) i++;
    else if (c === 47) {
      let j = i + 1;
      while (j < n && !isSpace(bytes[j]!) && !isDelim(bytes[j]!)) j++;
      const nm = Buffer.from(bytes.subarray(i + 1, j)).toString('latin1');
      (inInline ? inlineNames : names).add(nm);
      i = j;
    } else {
      let j = i;
      while (j < n && !isSpace(bytes[j]!) && !isDelim(bytes[j]!)) j++;
      if (j === i) j++;
      const word = Buffer.from(bytes.subarray(i, j)).toString('latin1');
      i = j;
      if (/^[+\-.\d]/.test(word) || word === 'true' || word === 'false' || word === 'null') continue;
      operators.add(word);
      if (word === 'BI') inInline = true;
      else if (word === 'ID') {
        // Binary image data up to whitespace, EI and a whitespace or delimiter (or the end).
        i++;
        while (i < n && !(isSpace(bytes[i - 1]!) && bytes[i] === 69 && bytes[i + 1] === 73 && (i + 2 >= n || isSpace(bytes[i + 2]!) || isDelim(bytes[i + 2]!)))) i++;
        i += 2;
        inInline = false;
      }
    }
  }
  return { operators, inlineNames, names };
}

class Walker {
  private readonly seen = new Set<PDFObject>();
  private decoded = 0;
  private objects = 0;

  constructor(
    private readonly doc: PDFDocument,
    private readonly fix: boolean,
  ) {}

  private resolve(o: PDFObject | undefined): PDFObject | undefined {
    return o instanceof PDFRef ? this.doc.context.lookup(o) : o;
  }

  private decode(stream: PDFStream): Uint8Array {
    const left = DECODE_BUDGET - this.decoded;
    let out: Uint8Array;
    const filter = stream.dict.get(PDFName.of('Filter'));
    if (stream instanceof PDFRawStream && name(filter) === 'FlateDecode' && !stream.dict.has(PDFName.of('DecodeParms'))) {
      try {
        out = inflateSync(stream.contents, { maxOutputLength: Math.max(1, left) });
      } catch (e) {
        if (e instanceof RangeError || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new Refusal('too-complex');
        throw new Refusal('unreadable-structure');
      }
    } else if (stream instanceof PDFRawStream) {
      try {
        out = decodePDFRawStream(stream).decode();
      } catch {
        throw new Refusal('unreadable-structure');
      }
    } else out = stream.getContents();
    this.decoded += out.byteLength;
    if (this.decoded > DECODE_BUDGET) throw new Refusal('too-complex');
    return out;
  }

  content(stream: PDFObject | undefined): void {
    const s = this.resolve(stream);
    if (s instanceof PDFArray) {
      for (let k = 0; k < s.size(); k++) this.content(s.get(k));
      return;
    }
    if (!(s instanceof PDFStream)) return;
    const { operators, inlineNames, names } = scanContent(this.decode(s));
    if (operators.has('PS')) throw new Refusal('postscript');
    if (operators.has('k') || operators.has('K') || names.has('DeviceCMYK') || inlineNames.has('CMYK') || inlineNames.has('DeviceCMYK')) throw new Refusal('cmyk-colour');
    if (inlineNames.has('LZW') || inlineNames.has('LZWDecode') || inlineNames.has('Crypt')) throw new Refusal('forbidden-filter');
  }

  /** Every object reachable from `o`: each dictionary and stream judged by what it is. */
  walk(o: PDFObject | undefined, key?: string): void {
    const obj = this.resolve(o);
    if (!obj || this.seen.has(obj)) return;
    if (obj instanceof PDFName) {
      if (obj.decodeText() === 'DeviceCMYK' && key !== 'Alternate') throw new Refusal('cmyk-colour');
      return;
    }
    if (!(obj instanceof PDFArray) && !(obj instanceof PDFDict) && !(obj instanceof PDFStream)) return;
    this.seen.add(obj);
    if (++this.objects > OBJECT_BUDGET) throw new Refusal('too-complex');
    if (obj instanceof PDFArray) {
      for (let k = 0; k < obj.size(); k++) this.walk(obj.get(k), key);
      return;
    }
    const dict = obj instanceof PDFStream ? obj.dict : obj;
    this.judge(dict, obj instanceof PDFStream ? obj : null);
    for (const [k, v] of dict.entries()) {
      const keyName = k.decodeText();
      // Never back up into the page tree, nor through a font program's or profile's own keys.
      if (keyName === 'Parent' || keyName === 'P') continue;
      // An ICC profile's alternate space is only its fallback: /ICCBased with N 4 is fine.
      this.walk(v, dict.has(PDFName.of('N')) && keyName === 'Alternate' ? 'Alternate' : keyName);
    }
  }

  private judge(dict: PDFDict, stream: PDFStream | null): void {
    const get = (k: string) => this.resolve(dict.get(PDFName.of(k)));
    const type = name(get('Type'));
    const subtype = name(get('Subtype'));
    if (stream) {
      const filter = get('Filter');
      const filters = filter instanceof PDFArray ? filter.asArray().map((f) => name(this.resolve(f))) : [name(filter)];
      if (filters.some((f) => f === 'LZWDecode' || f === 'Crypt')) throw new Refusal('forbidden-filter');
    }
    if (subtype === 'PS' || name(get('Subtype2')) === 'PS' || (subtype === 'Form' && dict.has(PDFName.of('PS')))) throw new Refusal('postscript');
    if (subtype === 'Form' && dict.has(PDFName.of('Ref'))) throw new Refusal('external-reference');
    if (type === 'OCG' || type === 'OCMD' || (dict.has(PDFName.of('OC')) && (subtype === 'Form' || subtype === 'Image'))) throw new Refusal('optional-content');
    if (type === 'ExtGState' || dict.has(PDFName.of('TR')) || dict.has(PDFName.of('HTP'))) {
      const tr2 = get('TR2');
      if (dict.has(PDFName.of('TR')) || (tr2 && name(tr2) !== 'Default') || dict.has(PDFName.of('HTP')) || dict.has(PDFName.of('HTO'))) throw new Refusal('transfer-function');
      const bm = get('BM');
      const modes = bm instanceof PDFArray ? bm.asArray().map((m) => name(this.resolve(m))) : bm ? [name(bm)] : [];
      if (modes.some((m) => !m || !BLEND_MODES.has(m))) throw new Refusal('transfer-function');
    }
    if (stream && (subtype === 'Form' || get('PatternType') instanceof PDFNumber)) {
      const pt = get('PatternType');
      if (subtype === 'Form' || (pt instanceof PDFNumber && pt.asNumber() === 1)) this.content(stream);
    }
    if (subtype === 'Image') {
      // PDF/A forbids interpolation and alternate images; dropping them changes nothing drawn.
      if (this.fix) {
        if (get('Interpolate') === PDFBool.True) dict.delete(PDFName.of('Interpolate'));
        dict.delete(PDFName.of('OPI'));
        dict.delete(PDFName.of('Alternates'));
      }
    }
    if (subtype === 'Form' && this.fix) dict.delete(PDFName.of('OPI'));
    if (type === 'Font' || (subtype && (SIMPLE_FONTS.has(subtype) || subtype === 'Type0' || subtype === 'Type3') && dict.has(PDFName.of('BaseFont')))) this.font(dict, subtype);
  }

  private font(dict: PDFDict, subtype: string | undefined): void {
    const get = (d: PDFDict, k: string) => this.resolve(d.get(PDFName.of(k)));
    const embedded = (d: PDFDict) => {
      const fd = get(d, 'FontDescriptor');
      return fd instanceof PDFDict && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => get(fd, k) instanceof PDFStream);
    };
    if (subtype === 'Type3') {
      const procs = get(dict, 'CharProcs');
      if (procs instanceof PDFDict) for (const [, p] of procs.entries()) this.content(p);
      return;
    }
    if (subtype && SIMPLE_FONTS.has(subtype)) {
      if (!embedded(dict)) throw new Refusal('font-not-embedded');
      return;
    }
    if (subtype === 'Type0') {
      const encoding = get(dict, 'Encoding');
      if (!(encoding instanceof PDFStream) && !['Identity-H', 'Identity-V'].includes(name(encoding) ?? '')) throw new Refusal('font-not-embedded');
      const descendants = get(dict, 'DescendantFonts');
      const cid = descendants instanceof PDFArray ? this.resolve(descendants.get(0)) : undefined;
      if (!(cid instanceof PDFDict) || !embedded(cid)) throw new Refusal('font-not-embedded');
      // PDF/A-2 wants the CID-to-glyph map said; Identity is what its absence means.
      if (this.fix && name(get(cid, 'Subtype')) === 'CIDFontType2' && !cid.has(PDFName.of('CIDToGIDMap'))) cid.set(PDFName.of('CIDToGIDMap'), PDFName.of('Identity'));
      return;
    }
    if (subtype === 'CIDFontType0' || subtype === 'CIDFontType2') {
      if (!embedded(dict)) throw new Refusal('font-not-embedded');
      return;
    }
    throw new Refusal('font-not-embedded');
  }
}

/** Judges page `index` (0-based) of `doc`. With `fix`, it also tidies what PDF/A wants said
 * differently (image interpolation, OPI, a CID font's map): the record writer's call. */
export function judgePage(doc: PDFDocument, index: number, fix = false): VectorVerdict {
  let linksDropped = 0;
  try {
    const node = doc.getPage(index).node;
    const annots = node.Annots();
    if (annots) {
      for (let k = 0; k < annots.size(); k++) {
        const a = doc.context.lookup(annots.get(k));
        if (!(a instanceof PDFDict)) continue;
        const subtype = name(a.get(PDFName.of('Subtype')));
        const flags = a.get(PDFName.of('F'));
        const f = flags instanceof PDFNumber ? flags.asNumber() : 0;
        const printed = (f & 4) !== 0 && (f & 2) === 0;
        if (subtype === 'Link') linksDropped++;
        else if (printed && !SILENT_ANNOTATIONS.has(subtype ?? '')) throw new Refusal('annotations');
      }
    }
    // pdf-lib embeds a page only if its /Contents is a stream or an array of streams (a fuzzed
    // img2pdf file had something else there, and the record writer failed as an internal error).
    const contents = doc.context.lookup(node.get(PDFName.of('Contents')));
    if (contents !== undefined && !(contents instanceof PDFStream) && !(contents instanceof PDFArray && contents.asArray().every((c) => doc.context.lookup(c) instanceof PDFStream))) throw new Refusal('unreadable-structure');
    const walker = new Walker(doc, fix);
    walker.content(node.Contents());
    walker.walk(node.Resources());
    return { reason: null, linksDropped };
  } catch (e) {
    if (e instanceof Refusal) return { reason: e.reason, linksDropped };
    return { reason: 'unreadable-structure', linksDropped };
  }
}
