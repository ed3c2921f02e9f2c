// What changed after a signature, and whether those are changes a signed record may receive:
// further signatures (fields, widgets, their appearances and fonts), validation data (DSS), the
// AcroForm and page annotation lists growing by signature widgets. Anything else — page content,
// resources, metadata, other objects — makes the signature not cover the document as shown.
import { PDFArray, PDFDict, PDFName, type PDFObject, PDFRawStream, PDFRef } from 'pdf-lib';
import type { PdfFile } from './pdf-reader';

export interface LaterChanges {
  readonly verdict: 'none' | 'allowed' | 'disallowed';
  readonly disallowed: string[];
}

const name = (o: PDFObject | undefined) => (o instanceof PDFName ? o.decodeText() : undefined);

/** Keys of two dictionaries whose values differ (by their serialised form). */
function changedKeys(before: PDFDict, after: PDFDict): string[] {
  const keys = new Set([...before.keys(), ...after.keys()].map((k) => k.decodeText()));
  return [...keys].filter((k) => String(before.get(PDFName.of(k))) !== String(after.get(PDFName.of(k))));
}

function refsOf(arr: PDFObject | undefined): string[] {
  return arr instanceof PDFArray ? arr.asArray().map(String) : [];
}

/** An array that only grew (everything it had, it still has, in order). */
function onlyGrew(before: PDFObject | undefined, after: PDFObject | undefined): boolean {
  const a = refsOf(before);
  const b = refsOf(after);
  return a.length <= b.length && a.every((x, i) => b[i] === x);
}

function isSignatureWidget(file: PdfFile, obj: PDFObject | undefined): boolean {
  const d = file.lookup(obj, PDFDict);
  return !!d && name(d.get(PDFName.of('FT'))) === 'Sig';
}

/** New objects that signing and validation data bring. */
function allowedNew(obj: PDFObject): boolean {
  const dict = obj instanceof PDFRawStream ? obj.dict : obj instanceof PDFDict ? obj : undefined;
  if (!dict) return obj instanceof PDFArray;
  const type = name(dict.get(PDFName.of('Type')));
  const subtype = name(dict.get(PDFName.of('Subtype')));
  if (type === 'Sig' || type === 'XRef' || type === 'Font' || type === 'FontDescriptor' || type === 'ObjStm') return true;
  if (type === 'Annot' && subtype === 'Widget') return name(dict.get(PDFName.of('FT'))) === 'Sig';
  if (subtype === 'Form' || type === 'XObject') return subtype === 'Form';
  if (dict.has(PDFName.of('Certs')) || dict.has(PDFName.of('OCSPs')) || dict.has(PDFName.of('CRLs')) || dict.has(PDFName.of('VRI'))) return true; // DSS
  if (dict.has(PDFName.of('Fields'))) return true; // a new AcroForm
  // Untyped streams: font programs, ToUnicode maps, certificates, OCSP responses, CRLs. Harmless
  // unless something disallowed points at them — which is itself reported.
  return obj instanceof PDFRawStream && type === undefined;
}

/** Classifies what the revisions after `revision` (index, oldest first) changed. */
export function laterChanges(file: PdfFile, revision: number): LaterChanges {
  const disallowed: string[] = [];
  const later = file.revisions.slice(revision + 1);
  if (later.length === 0) return { verdict: 'none', disallowed };
  const existedBefore = (n: number) => file.revisions.slice(0, revision + 1).some((r) => r.entries.has(n));
  const numbers = new Set(later.flatMap((r) => [...r.objects]));
  for (const n of numbers) {
    const ref = PDFRef.of(n);
    const now = file.resolve(ref);
    if (!now) continue; // freed
    if (!existedBefore(n)) {
      if (!allowedNew(now)) disallowed.push(`object ${n} was added`);
      continue;
    }
    const before = file.resolveAt(ref, revision);
    if (before instanceof PDFArray && now instanceof PDFArray) {
      const added = refsOf(now).slice(refsOf(before).length);
      if (!onlyGrew(before, now) || !added.every((r) => isSignatureWidget(file, PDFRef.of(Number(r.split(' ')[0]))))) disallowed.push(`array ${n} was changed`);
      continue;
    }
    if (!(before instanceof PDFDict) || !(now instanceof PDFDict)) {
      disallowed.push(`object ${n} was replaced`);
      continue;
    }
    const type = name(now.get(PDFName.of('Type')));
    const keys = changedKeys(before, now);
    const allowedKeys = type === 'Catalog' ? ['AcroForm', 'DSS'] : type === 'Page' ? ['Annots'] : now.has(PDFName.of('Fields')) ? ['Fields', 'SigFlags', 'DA', 'DR'] : [];
    const bad = keys.filter((k) => !allowedKeys.includes(k));
    if (bad.length) disallowed.push(`${type ?? 'object'} ${n}: ${bad.join(', ')} changed`);
    for (const k of ['Annots', 'Fields'] as const) {
      if (!keys.includes(k)) continue;
      const b = file.lookup(before.get(PDFName.of(k)));
      const a = file.lookup(now.get(PDFName.of(k)));
      const added = refsOf(a).slice(refsOf(b).length);
      if (!onlyGrew(b, a) || !added.every((r) => isSignatureWidget(file, PDFRef.of(Number(r.split(' ')[0]))))) disallowed.push(`${type ?? 'object'} ${n}: ${k} changed other than by a signature`);
    }
  }
  return { verdict: disallowed.length ? 'disallowed' : 'allowed', disallowed };
}
