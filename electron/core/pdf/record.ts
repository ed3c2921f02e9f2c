// Writes a document's record: a PDF/A-2b file with one page per scanned page at 100% scale,
// an invisible text layer where the page's text is known, the conversion mark on page 1, an sRGB
// OutputIntent, XMP metadata consistent with the Info dictionary, and nothing PDF/A forbids (no
// encryption, JavaScript, external references or unembedded fonts). The result is a stream of
// bytes for the blob store; page images are read from their files as it is written.
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  PDFDict,
  PDFDocument,
  type PDFFont,
  type PDFPage,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFString,
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
} from 'pdf-lib';
import { MARK_FONT_SIZE_PT, type MarkPosition, type MarkPlacement, conversionMarkText, placeMark } from './conversion-mark';
import { type ExternalStream, serialise, useNativeFlate } from './file-writer';
import { drawable, embedRecordFont, tagSubsetFonts } from './fonts';
import { GLYPHLESS_RESOURCE, embedGlyphlessFont, glyphlessDrawable } from './glyphless-font';
import { imageStream, readRanges, wholeFile } from './image-streams';
import { type CarriedPage, carriedPageMatrix, carryPages } from './vector-pages';
import { type Word, round2, textLayerOperators } from './text-layer';
import { type RecordValues, buildXmp } from './xmp';

export interface RecordPage {
  readonly imagePath: string;
  readonly mediaType: string;
  readonly widthPx: number;
  readonly heightPx: number;
  readonly dpi: number;
  readonly words?: readonly Word[] | undefined;
  /** The page is drawn from page `pageNumber` of this PDF (vectors, fonts and text as they are),
   * not from its image; the image still places the conversion mark (vector-pages.ts). */
  readonly vector?: { readonly pdfPath: string; readonly pageNumber: number } | undefined;
}

export interface RecordSpec {
  readonly documentId: string;
  readonly pages: readonly RecordPage[];
  readonly title?: string | undefined;
  readonly subject?: string | undefined;
  readonly author?: string | undefined;
  readonly keywords?: readonly string[] | undefined;
  readonly producer: string;
  /** ISO 8601 with +07:00: when the paper was converted (the record's creation date). */
  readonly digitizedAt: string;
  readonly modifiedAt: string;
  readonly digitizedBy: string;
  /** Where the conversion mark goes on page 1; null: no mark (never for a record of paper). */
  readonly markPosition: MarkPosition | null;
  readonly record: RecordValues;
  readonly assetsDir: string;
}

/** "2026-11-23T10:15:00.000+07:00" → "D:20261123101500+07'00'" */
export function pdfDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?([+-])(\d{2}):(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not an ISO 8601 time with an offset: ${iso}`);
  return `D:${m[1]}${m[2]}${m[3]}${m[4]}${m[5]}${m[6]}${m[7]}${m[8]}'${m[9]}'`;
}

/** XMP dates without fractions of a second, as every reader accepts. */
const xmpDate = (iso: string) => iso.replace(/\.\d+(?=[+-]\d{2}:\d{2}$)/, '');

/** The sRGB profile, compressed once per process. */
const iccCache = new Map<string, Uint8Array>();

export async function writeRecord(spec: RecordSpec): Promise<AsyncGenerator<Uint8Array>> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  useNativeFlate(doc);
  // Liberation Serif for the visible mark; the glyphless font for the invisible text layer.
  let font: PDFFont | null = null;
  let canDraw: (t: string) => string = (t) => t;
  if (spec.markPosition !== null) {
    font = await embedRecordFont(doc, spec.assetsDir);
    canDraw = drawable(font);
  }
  const layerFont = spec.pages.some((p) => p.words?.length) ? embedGlyphlessFont(doc) : null;
  const external: ExternalStream[] = [];
  // Where page 1's mark goes needs a look at its image; start it now and build the other pages
  // meanwhile (page 1 is inserted at the front when it is known).
  const first = spec.pages[0];
  const markPlace: Promise<MarkPlacement | null> = first && spec.markPosition ? placeMark({ file: first.imagePath }, first, spec.markPosition) : Promise.resolve(null);
  markPlace.catch(() => undefined);

  // Pages carried as vectors: each source PDF loaded once, its pages copied together (shared
  // fonts and images copied once).
  const carried = new Map<string, Map<number, CarriedPage>>();
  const bySource = new Map<string, number[]>();
  for (const p of spec.pages) if (p.vector) bySource.set(p.vector.pdfPath, [...(bySource.get(p.vector.pdfPath) ?? []), p.vector.pageNumber]);
  for (const [path, numbers] of bySource) carried.set(path, await carryPages(doc, await readFile(path), numbers));

  const addPage = async (p: RecordPage, index: number, mark: MarkPlacement | null) => {
    const scale = 72 / p.dpi;
    const widthPt = p.widthPx * scale;
    const heightPt = p.heightPx * scale;
    const strip = mark?.stripPt ?? 0;
    // The page box in hundredths of a point (not 595.1999999999999).
    const size: [number, number] = [round2(widthPt), round2(heightPt + strip)];
    const page = index === 0 ? doc.insertPage(0, size) : doc.addPage(size);
    const vector = p.vector ? carried.get(p.vector.pdfPath)?.get(p.vector.pageNumber) : undefined;
    if (vector) {
      // Drawn over the same area its image would cover: the mark's place, found on the image, holds.
      const name = page.node.newXObject('Vec', vector.ref);
      page.pushOperators(pushGraphicsState(), concatTransformationMatrix(...carriedPageMatrix(vector, widthPt, heightPt, strip)), drawObject(name), popGraphicsState());
    } else await drawImage(p, index, page, widthPt, heightPt, strip);
    addText(p, page, mark, scale, widthPt, heightPt, strip);
  };
  const drawImage = async (p: RecordPage, index: number, page: PDFPage, widthPt: number, heightPt: number, strip: number) => {
    const image = await imageStream(p.imagePath, p.mediaType);
    if (image.width !== p.widthPx || image.height !== p.heightPx)
      throw new Error(`page ${index + 1}: the image is ${image.width}×${image.height} px, the record says ${p.widthPx}×${p.heightPx}`);
    const ref = doc.context.nextRef();
    // Short fixed resource names (pdf-lib's own carry a random suffix, repeated on every line of
    // the text layer, and make the same record come out different each time).
    const name = PDFName.of('Im0');
    page.node.setXObject(name, ref);
    page.pushOperators(pushGraphicsState(), concatTransformationMatrix(round2(widthPt), 0, 0, round2(heightPt), 0, round2(strip)), drawObject(name), popGraphicsState());
    external[index] = {
      ref,
      dict: doc.context.obj({
        Type: 'XObject',
        Subtype: 'Image',
        Width: image.width,
        Height: image.height,
        ColorSpace: image.colorSpace,
        BitsPerComponent: image.bitsPerComponent,
        Filter: image.filter,
        ...(image.decodeParms ? { DecodeParms: image.decodeParms } : {}),
        Length: image.length,
      }),
      body: () => readRanges(p.imagePath, image.ranges),
      load: wholeFile(p.imagePath, image),
    };
  };
  const addText = (p: RecordPage, page: PDFPage, mark: MarkPlacement | null, scale: number, widthPt: number, heightPt: number, strip: number) => {
    if (layerFont && p.words?.length) {
      page.node.setFontDictionary(GLYPHLESS_RESOURCE, layerFont.ref);
      page.pushOperators(...textLayerOperators(p.words, { scale, imageHeightPt: heightPt, imageOffsetPt: strip }, layerFont, GLYPHLESS_RESOURCE, glyphlessDrawable));
    }
    if (font && mark) {
      const text = canDraw(conversionMarkText(xmpDate(spec.digitizedAt), spec.digitizedBy));
      // Small, but never wider than the page: shrink the size to fit the margins.
      const size = Math.min(MARK_FONT_SIZE_PT, (MARK_FONT_SIZE_PT * (widthPt - 20)) / font.widthOfTextAtSize(text, MARK_FONT_SIZE_PT));
      page.drawText(text, { x: round2((widthPt - font.widthOfTextAtSize(text, size)) / 2), y: round2(mark.baselinePt), size: round2(size), font });
    }
  };
  for (const [index, p] of spec.pages.entries()) if (index > 0) await addPage(p, index, null);
  if (first) await addPage(first, 0, await markPlace);
  layerFont?.finish();

  const ctx = doc.context;
  const catalog = doc.catalog;
  const xmp = buildXmp({
    title: spec.title,
    description: spec.subject,
    creator: spec.author,
    keywords: spec.keywords?.join(', '),
    producer: spec.producer,
    createDate: xmpDate(spec.digitizedAt),
    modifyDate: xmpDate(spec.modifiedAt),
    documentId: spec.documentId,
    record: spec.record,
  });
  // The metadata stream stays uncompressed, so that any tool can find it.
  catalog.set(PDFName.of('Metadata'), ctx.register(ctx.stream(new TextEncoder().encode(xmp), { Type: 'Metadata', Subtype: 'XML' })));

  const iccPath = join(spec.assetsDir, 'icc', 'sRGB.icc');
  let icc = iccCache.get(iccPath);
  if (!icc) {
    icc = deflateSync(await readFile(iccPath));
    iccCache.set(iccPath, icc);
  }
  const profile = ctx.register(PDFRawStream.of(ctx.obj({ N: 3, Filter: 'FlateDecode', Length: icc.byteLength }), icc));
  const intent = ctx.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
    Info: PDFString.of('sRGB IEC61966-2.1'),
    DestOutputProfile: profile,
  });
  catalog.set(PDFName.of('OutputIntents'), ctx.obj([intent]));
  catalog.set(PDFName.of('Lang'), PDFString.of('vi-VN'));

  const info = PDFDict.withContext(ctx);
  // ASCII as a literal string, anything else as UTF-16 (twice the bytes, and hex-coded).
  const text = (v: string) => (/^[\x20-\x7e]*$/.test(v) && !/[()\\]/.test(v) ? PDFString.of(v) : PDFHexString.fromText(v));
  if (spec.title) info.set(PDFName.of('Title'), text(spec.title));
  if (spec.author) info.set(PDFName.of('Author'), text(spec.author));
  if (spec.subject) info.set(PDFName.of('Subject'), text(spec.subject));
  if (spec.keywords?.length) info.set(PDFName.of('Keywords'), text(spec.keywords.join(', ')));
  info.set(PDFName.of('Creator'), text(spec.producer));
  info.set(PDFName.of('Producer'), text(spec.producer));
  info.set(PDFName.of('CreationDate'), PDFString.of(pdfDate(xmpDate(spec.digitizedAt))));
  info.set(PDFName.of('ModDate'), PDFString.of(pdfDate(xmpDate(spec.modifiedAt))));
  const infoRef: PDFRef = ctx.register(info);

  await doc.flush();
  tagSubsetFonts(doc, { unhint: true });
  const id = createHash('sha256').update(`${spec.documentId}\n${spec.digitizedAt}`).digest('hex').slice(0, 32);
  // Vector pages have no image stream: their slots are empty.
  return serialise(doc, external.filter((e): e is ExternalStream => e !== undefined), { info: infoRef, id });
}
