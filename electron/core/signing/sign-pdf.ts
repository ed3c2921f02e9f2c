// Signing a PDF: an incremental update adds the signature field (a widget on page 1, visible or
// not), the signature dictionary with a placeholder, and the field in the AcroForm; the byte range
// around the placeholder is hashed (one pass, the file held once in memory), the CMS signature built
// (the key signs once: in the token, or in this process for a PKCS#12 file), timestamped for B-T,
// and written into the placeholder. For B-LT a second update adds the validation data (DSS).
import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, type PDFObject, PDFRef } from 'pdf-lib';
import { StationError } from '../errors';
import { compressNatively, useNativeFlate } from '../pdf/file-writer';
import { tagSubsetFonts } from '../pdf/fonts';
import { pdfDate } from '../pdf/record';
import { vietnamIso } from '../time';
import { type AppearancePosition, appearanceLines, buildAppearance } from './appearance';
import { normaliseRotate } from './page-view';
import { type Box, placeSignatureBox } from './placement';
import { checkSigningCertificate, inspectCertificate } from './certificates';
import { type SignatureFormat, type SigningKey, buildCms } from './cms';
import { type Update, type UpdateObject, baseOf, buildUpdate, serialiseObject } from './incremental';
import { type PdfFile, readPdf } from './pdf-reader';
import { requestTimestamp } from './timestamp';
import { certificatesOfCms } from './cms-read';
import { type ValidationData, dssUpdate } from './validation-data';

export type SignatureLevel = 'B-B' | 'B-T' | 'B-LT';

export interface SignOptions {
  readonly key: SigningKey;
  readonly format: SignatureFormat;
  readonly level: SignatureLevel;
  readonly tsaUrl?: string | undefined;
  /** null: an invisible signature. */
  readonly appearance: { readonly agency: string | null; readonly position: AppearancePosition } | null;
  readonly reason?: string | undefined;
  readonly assetsDir: string;
  /** For B-LT: gathers certificates, OCSP responses and CRLs for the chains involved. */
  readonly validationData?: ((certificates: readonly Buffer[]) => Promise<ValidationData>) | undefined;
  readonly now?: Date;
}

export interface SignResult {
  /** Bytes to append to the original file, in order. */
  readonly appended: readonly Uint8Array[];
  readonly field: string;
  readonly signer: string;
  readonly serial: string;
  readonly issuer: string;
  readonly signedAt: string;
  readonly level: SignatureLevel;
  readonly subFilter: string;
}

const PLACEHOLDER_WIDTH = 10; // digits of each ByteRange number

/** A page attribute the page may inherit from its ancestors in the page tree. */
function inherited(file: PdfFile, page: PDFDict, key: string): PDFObject | undefined {
  let node: PDFDict | undefined = page;
  for (let depth = 0; node && depth < 32; depth++) {
    const value = node.get(PDFName.of(key));
    if (value !== undefined) return value;
    node = file.lookup(node.get(PDFName.of('Parent')), PDFDict);
  }
  return undefined;
}

function inheritedMediaBox(file: PdfFile, page: PDFDict): [number, number, number, number] {
  const box = file.lookup(inherited(file, page, 'MediaBox'), PDFArray);
  if (!box || box.size() !== 4) return [0, 0, 595.28, 841.89];
  const [a, b, c, d] = box.asArray().map((n) => (file.lookup(n, PDFNumber) ?? PDFNumber.of(0)).asNumber()) as [number, number, number, number];
  return [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
}

/** The boxes of the widgets already on the page (earlier signatures, form fields): never covered;
 * with `signaturesOnly`, those of signature fields (a new box stacks below them). */
function widgetRects(file: PdfFile, page: PDFDict, signaturesOnly = false): Box[] {
  const boxes: Box[] = [];
  for (const a of file.lookup(page.get(PDFName.of('Annots')), PDFArray)?.asArray() ?? []) {
    const annot = file.lookup(a, PDFDict);
    const r = file.lookup(annot?.get(PDFName.of('Rect')), PDFArray)?.asArray().map((n) => file.lookup(n, PDFNumber)?.asNumber() ?? 0);
    if (!r || r.length !== 4) continue;
    if (signaturesOnly && annot?.get(PDFName.of('FT')) !== PDFName.of('Sig')) continue;
    const [ax, ay, bx, by] = r as Box;
    if (Math.abs(bx - ax) > 1 && Math.abs(by - ay) > 1) boxes.push([Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)]);
  }
  return boxes;
}

/** Existing signature fields, to name the new one. */
function signatureFieldCount(file: PdfFile, fields: PDFArray | undefined): number {
  let count = 0;
  for (const f of fields?.asArray() ?? []) if (file.lookup(f, PDFDict)?.get(PDFName.of('FT')) === PDFName.of('Sig')) count++;
  return count;
}

/** The Contents size to reserve: the certificates, the signature, a timestamp, with room. */
function reservedBytes(key: SigningKey, level: SignatureLevel): number {
  const certs = [key.certificate, ...key.chain].reduce((n, c) => n + c.length, 0);
  return 4096 + certs + (level === 'B-B' ? 0 : 12_288);
}

export async function signPdf(bytes: Uint8Array, opts: SignOptions): Promise<SignResult> {
  const file = readPdf(bytes);
  if (file.encrypted) throw new StationError('pdf-encrypted');
  const signerCert = inspectCertificate(opts.key.certificate);
  const now = opts.now ?? new Date();
  checkSigningCertificate(signerCert, now);
  if (opts.level !== 'B-B' && !opts.tsaUrl) throw new StationError('tsa-failed', { url: '—', detail: 'no timestamp authority is configured' });

  const pageRef = file.pageRefs()[0];
  const page = file.lookup(pageRef, PDFDict);
  if (!pageRef || !page) throw new StationError('pdf-damaged', { detail: 'the document has no page' });

  // New objects are made in a scratch pdf-lib document numbered after the file's objects.
  const scratch = await PDFDocument.create({ updateMetadata: false });
  useNativeFlate(scratch);
  const firstNew = file.size;
  scratch.context.largestObjectNumber = firstNew - 1;
  const ctx = scratch.context;
  const sigRef = ctx.nextRef();
  const fieldRef = ctx.nextRef();
  const changed = new Map<number, PDFObject>();

  const catalog = file.catalog.clone(ctx);
  const acroRef = catalog.get(PDFName.of('AcroForm'));
  const acroForm = (file.lookup(acroRef, PDFDict) ?? ctx.obj({})).clone(ctx);
  const fieldsRef = acroForm.get(PDFName.of('Fields'));
  const fields = (file.lookup(fieldsRef, PDFArray) ?? ctx.obj([])).clone(ctx);
  const fieldName = `Signature${signatureFieldCount(file, fields) + 1}`;

  const signedAt = vietnamIso(now).replace(/\.\d+/, '');
  let rect = [0, 0, 0, 0];
  let ap: PDFRef | null = null;
  let grownMediaBox: Box | null = null;
  // The page may be shown turned (/Rotate, inheritable): the box is placed and drawn as seen.
  const rotate = normaliseRotate(file.lookup(inherited(file, page, 'Rotate'), PDFNumber)?.asNumber() ?? 0);
  if (opts.appearance) {
    const built = await buildAppearance(scratch, opts.assetsDir, appearanceLines(opts.appearance.agency ?? signerCert.organisation, signerCert.name, signedAt), rotate);
    // Where the box goes: blank space in the named corner's area, never over the document or an
    // earlier signature; a strip added to the page only while nothing is signed yet.
    const placed = await placeSignatureBox({
      pdf: bytes,
      mediaBox: inheritedMediaBox(file, page),
      rotate,
      size: { width: built.width, height: built.height },
      position: opts.appearance.position,
      occupied: widgetRects(file, page),
      signatures: widgetRects(file, page, true),
      mayGrow: signatureFieldCount(file, fields) === 0,
    });
    rect = placed.rect;
    grownMediaBox = placed.mediaBox;
    ap = built.stream;
  }
  // The signature field and its widget in one dictionary; print (4) and locked (128) flags.
  ctx.assign(
    fieldRef,
    ctx.obj({ Type: 'Annot', Subtype: 'Widget', FT: 'Sig', T: PDFHexString.fromText(fieldName), V: sigRef, F: 132, P: pageRef, Rect: rect, ...(ap ? { AP: { N: ap } } : {}), ...(ap && rotate ? { MK: { R: rotate } } : {}) }),
  );

  fields.push(fieldRef);
  if (fieldsRef instanceof PDFRef) changed.set(fieldsRef.objectNumber, fields);
  else acroForm.set(PDFName.of('Fields'), fields);
  acroForm.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  if (acroRef instanceof PDFRef) changed.set(acroRef.objectNumber, acroForm);
  else {
    catalog.set(PDFName.of('AcroForm'), ctx.register(acroForm));
    changed.set(file.catalogRef.objectNumber, catalog);
  }

  const annotsRef = page.get(PDFName.of('Annots'));
  const annots = (file.lookup(annotsRef, PDFArray) ?? ctx.obj([])).clone(ctx);
  annots.push(fieldRef);
  if (annotsRef instanceof PDFRef) changed.set(annotsRef.objectNumber, annots);
  if (!(annotsRef instanceof PDFRef) || grownMediaBox) {
    const newPage = page.clone(ctx);
    if (!(annotsRef instanceof PDFRef)) newPage.set(PDFName.of('Annots'), annots);
    if (grownMediaBox) {
      // The strip for the box: the page grows at one edge, nothing printed moves.
      newPage.set(PDFName.of('MediaBox'), ctx.obj(grownMediaBox));
      if (newPage.has(PDFName.of('CropBox'))) newPage.set(PDFName.of('CropBox'), ctx.obj(grownMediaBox));
    }
    changed.set(pageRef.objectNumber, newPage);
  }

  await scratch.flush();
  tagSubsetFonts(scratch);
  compressNatively(scratch);
  const objects: UpdateObject[] = [];
  for (const [ref, obj] of ctx.enumerateIndirectObjects()) if (ref.objectNumber > sigRef.objectNumber) objects.push({ number: ref.objectNumber, body: serialiseObject(obj) });
  for (const [n, obj] of changed) objects.push({ number: n, body: serialiseObject(obj) });

  // The signature dictionary, written by hand so that its placeholders can be found and filled.
  const subFilter = opts.format === 'pades' ? 'ETSI.CAdES.detached' : 'adbe.pkcs7.detached';
  const reserved = reservedBytes(opts.key, opts.level);
  const zeros = '0'.repeat(PLACEHOLDER_WIDTH);
  const sigDict = `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /${subFilter} /ByteRange [0 ${zeros} ${zeros} ${zeros}] /Contents <${'0'.repeat(reserved * 2)}> /M (${pdfDate(signedAt)}) /Name ${PDFHexString.fromText(signerCert.name).toString()}${opts.reason ? ` /Reason ${PDFHexString.fromText(opts.reason).toString()}` : ''} >>`;
  objects.push({ number: sigRef.objectNumber, body: Buffer.from(sigDict, 'latin1') });

  const update: Update = buildUpdate(baseOf(file), objects);
  const u = update.bytes;
  const sigAt = update.bodyOffset.get(sigRef.objectNumber)! - bytes.length;
  const contentsAt = sigAt + sigDict.indexOf('/Contents <') + '/Contents '.length; // '<'
  const contentsEnd = contentsAt + reserved * 2 + 2; // after '>'
  const total = bytes.length + u.length;
  const range = [0, bytes.length + contentsAt, bytes.length + contentsEnd, total - (bytes.length + contentsEnd)];
  const rangeText = range.map((n, i) => (i === 0 ? '0' : String(n).padEnd(PLACEHOLDER_WIDTH, ' '))).join(' ');
  const rangeAt = sigAt + sigDict.indexOf('/ByteRange [') + '/ByteRange ['.length;
  Buffer.from(u.buffer, u.byteOffset, u.length).write(rangeText, rangeAt, 'latin1');

  const digest = createHash(opts.key.hash).update(bytes).update(u.subarray(0, contentsAt)).update(u.subarray(contentsEnd)).digest();
  let cms: Buffer;
  try {
    cms = await buildCms(opts.key, digest, {
      format: opts.format,
      signingTime: now,
      timestamp: opts.level === 'B-B' ? undefined : (value) => requestTimestamp({ url: opts.tsaUrl! }, value),
    });
  } catch (e) {
    if (e instanceof StationError) throw e;
    throw new StationError('signing-failed', { detail: e instanceof Error ? e.message : String(e) }, { cause: e });
  }
  if (cms.length > reserved) throw new StationError('signing-failed', { detail: `the signature (${cms.length} B) is larger than the space reserved for it (${reserved} B)` });
  Buffer.from(u.buffer, u.byteOffset, u.length).write(cms.toString('hex').toUpperCase(), contentsAt + 1, 'latin1');

  const appended: Uint8Array[] = [u];
  if (opts.level === 'B-LT') {
    if (!opts.validationData) throw new StationError('signing-failed', { detail: 'no source of validation data for B-LT' });
    const data = await opts.validationData([opts.key.certificate, ...opts.key.chain, ...certificatesOfCms(cms)]);
    if (data.revoked.some((der) => der.equals(opts.key.certificate)))
      throw new StationError('certificate-revoked', { subject: signerCert.name, serial: signerCert.serial });
    // The catalog as the signature update left it (with the AcroForm when that update added one).
    const catalogNow = changed.get(file.catalogRef.objectNumber) instanceof PDFDict ? catalog : file.catalog;
    appended.push(dssUpdate(update.next, catalogNow, file.catalogRef, data).bytes);
  }
  return { appended, field: fieldName, signer: signerCert.name, serial: signerCert.serial, issuer: signerCert.issuer.replace(/\n/g, ', '), signedAt, level: opts.level, subFilter };
}
