// The signatures a PDF holds: each signature field's dictionary, its byte range checked for
// sanity (it starts at 0, skips exactly the /Contents hex string, stays inside the file).
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, type PDFObject, PDFRef, PDFString } from 'pdf-lib';
import type { SignatureProblemCode } from '../../contract';
import type { PdfFile } from './pdf-reader';

export interface FoundSignature {
  readonly field: string;
  readonly dict: PDFDict;
  readonly dictRef: PDFRef | null;
  readonly byteRange: readonly number[] | null;
  /** The /Contents bytes (the CMS, zero-padded). */
  readonly contents: Uint8Array;
  readonly subFilter: string;
  /** The signing time claimed by the signer (/M), as the PDF writes it. */
  readonly claimedTime: string | null;
  readonly name: string | null;
  /** Problems with the byte range itself; empty when it is sound. */
  readonly rangeProblems: SignatureProblemCode[];
}

function text(obj: PDFObject | undefined): string | null {
  if (obj instanceof PDFHexString || obj instanceof PDFString) return obj.decodeText();
  return null;
}

/** "D:20261123101500+07'00'" → "2026-11-23T10:15:00+07:00" */
export function isoFromPdfDate(d: string | null): string | null {
  const m = d && /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:([+-])(\d{2})'?(\d{2})'?|Z)?/.exec(d);
  if (!m) return null;
  const offset = m[7] ? `${m[7]}${m[8]}:${m[9]}` : 'Z';
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${offset === '+00:00' ? 'Z' : offset}`;
}

export function findSignatures(file: PdfFile): FoundSignature[] {
  const acro = file.lookup(file.catalog.get(PDFName.of('AcroForm')), PDFDict);
  const out: FoundSignature[] = [];
  const walk = (fieldObj: PDFObject | undefined, prefix: string, depth: number) => {
    const field = file.lookup(fieldObj, PDFDict);
    if (!field || depth > 16) return;
    const name = [prefix, text(field.get(PDFName.of('T')))].filter(Boolean).join('.');
    const kids = file.lookup(field.get(PDFName.of('Kids')), PDFArray);
    if (kids) for (const k of kids.asArray()) walk(k, name, depth + 1);
    if (field.get(PDFName.of('FT')) !== PDFName.of('Sig')) return;
    const vRef = field.get(PDFName.of('V'));
    const v = file.lookup(vRef, PDFDict);
    if (!v) return;
    const range = file.lookup(v.get(PDFName.of('ByteRange')), PDFArray)?.asArray().map((n) => (file.lookup(n, PDFNumber) ?? PDFNumber.of(-1)).asNumber()) ?? null;
    const contentsObj = file.lookup(v.get(PDFName.of('Contents')));
    const contents = contentsObj instanceof PDFHexString ? contentsObj.asBytes() : contentsObj instanceof PDFString ? contentsObj.asBytes() : new Uint8Array();
    const problems: SignatureProblemCode[] = [];
    const bytes = file.bytes;
    if (!range || range.length !== 4) problems.push('byte-range-missing');
    else {
      const [a, b, c, d] = range as [number, number, number, number];
      if (a !== 0) problems.push('byte-range-not-at-start');
      if (!(b > a && c > b && d >= 0 && c + d <= bytes.length)) problems.push('byte-range-outside-file');
      else if (bytes[b] !== 0x3c || bytes[c - 1] !== 0x3e) problems.push('byte-range-not-exact');
    }
    out.push({
      field: name,
      dict: v,
      dictRef: vRef instanceof PDFRef ? vRef : null,
      byteRange: range,
      contents,
      subFilter: (v.get(PDFName.of('SubFilter')) as PDFName | undefined)?.decodeText() ?? '',
      claimedTime: isoFromPdfDate(text(v.get(PDFName.of('M')))),
      name: text(v.get(PDFName.of('Name'))),
      rangeProblems: problems,
    });
  };
  for (const f of file.lookup(acro?.get(PDFName.of('Fields')), PDFArray)?.asArray() ?? []) walk(f, '', 0);
  return out;
}
