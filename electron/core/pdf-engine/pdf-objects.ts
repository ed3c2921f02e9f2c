// What pdf-lib reads straight from the file's objects, inside the engine's worker thread: each
// page's boxes, and the image XObjects a page uses with their dictionaries and their stream bytes
// as stored — a JPEG's or a CCITT G4 image's coded bytes, byte for byte, never decoded and coded
// again.
//
// The document is parsed once and kept for the per-page calls that follow, but not its streams'
// data: a scan's images are nearly all of the file (229 MB for 1000 pages), so a large stream is
// remembered as where its bytes are in the file and read from there when asked for.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import type { PageBoxPt } from './engine';
import { PDFArray, PDFDict, PDFDocument, PDFInvalidObject, PDFName, PDFNumber, PDFParser, PDFRawStream, PDFRef, PDFStream, type PDFObject, type PDFPage } from 'pdf-lib';

/** Streams up to this size keep their bytes in memory (content streams, ICC profiles, …). */
const KEPT_STREAM_BYTES = 64 << 10;

let open: { key: string; file: string; doc: PDFDocument; onDisk: WeakMap<PDFRawStream, { offset: number; length: number }> } | null = null;

/** pdf-lib's byte stream: its slices are copies, which would hold every stream's bytes a second
 * time while the file's are still there. */
type Slicing = { slice(start: number, end: number): Uint8Array; bytes: Uint8Array };
const byteStream = Object.getPrototypeOf((PDFParser.forBytesWithOptions(new Uint8Array(0)) as unknown as { bytes: object }).bytes) as Slicing;

async function document(file: string): Promise<{ doc: PDFDocument; onDisk: WeakMap<PDFRawStream, { offset: number; length: number }> }> {
  const { size, mtimeMs } = statSync(file);
  const key = `${file}\0${size}\0${mtimeMs}`;
  if (open?.key === key) return open;
  open = null;
  const bytes = readFileSync(file);
  // While it parses, a stream's bytes are a view of the file's (no copy); then the large ones are
  // let go with the file's buffer, remembered by their place in it.
  const copying = byteStream.slice;
  byteStream.slice = function (this: Slicing, start: number, end: number) {
    return this.bytes.subarray(start, end);
  };
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  } finally {
    byteStream.slice = copying;
  }
  const onDisk = new WeakMap<PDFRawStream, { offset: number; length: number }>();
  for (const [, o] of doc.context.enumerateIndirectObjects()) {
    // (An object that could not be parsed keeps its bytes too: a copy of them.)
    if (o instanceof PDFInvalidObject) {
      const raw = o as unknown as { data: Uint8Array };
      if (raw.data.buffer === bytes.buffer) raw.data = new Uint8Array(raw.data);
    }
    if (!(o instanceof PDFRawStream) || o.contents.buffer !== bytes.buffer) continue;
    const c = o.contents;
    const writable = o as unknown as { contents: Uint8Array };
    // (new Uint8Array(view) copies; a Buffer's own slice() would be another view of the file.)
    if (c.length <= KEPT_STREAM_BYTES) writable.contents = new Uint8Array(c);
    else {
      onDisk.set(o, { offset: c.byteOffset - bytes.byteOffset, length: c.length });
      writable.contents = new Uint8Array(0);
    }
  }
  open = { key, file, doc, onDisk };
  return open;
}

/** A stream's bytes as stored: from memory, or read from the file where it was let go. */
function streamBytes(stream: PDFRawStream): Uint8Array {
  const at = open?.onDisk.get(stream);
  if (!open || !at) return stream.contents;
  const out = Buffer.allocUnsafe(at.length);
  const fd = openSync(open.file, 'r');
  try {
    let done = 0;
    while (done < at.length) {
      const n = readSync(fd, out, done, at.length - done, at.offset + done);
      if (n <= 0) throw new Error('the file was cut short while it was being read');
      done += n;
    }
  } finally {
    closeSync(fd);
  }
  return out;
}


export async function pageBoxes(file: string): Promise<PageBoxPt[]> {
  const { doc } = await document(file);
  return doc.getPages().map((p) => {
    const media = p.getMediaBox();
    const crop = p.getCropBox();
    const x0 = Math.max(media.x, crop.x);
    const y0 = Math.max(media.y, crop.y);
    const x1 = Math.min(media.x + media.width, crop.x + crop.width);
    const y1 = Math.min(media.y + media.height, crop.y + crop.height);
    const clipped = x1 > x0 && y1 > y0;
    return {
      width: Math.abs(clipped ? x1 - x0 : media.width),
      height: Math.abs(clipped ? y1 - y0 : media.height),
      mediaWidth: Math.abs(media.width),
      mediaHeight: Math.abs(media.height),
    };
  });
}

export interface ImageObject {
  readonly object: number;
  readonly width: number;
  readonly height: number;
  /** As pdfimages names it: gray, rgb, cmyk, icc, index, lab, sep, devn, or '-'. */
  readonly color: string;
  readonly components: number;
  readonly bpc: number;
  /** The stream's filters, outermost last (the order they are undone). */
  readonly filters: string[];
  readonly imageMask: boolean;
  /** /Decode starts with 1: the image is drawn inverted. */
  readonly inverted: boolean;
  /** The last filter's /DecodeParms, as plain values. */
  readonly parms: Readonly<Record<string, number | boolean>>;
}

const num = (o: PDFObject | undefined) => (o instanceof PDFNumber ? o.asNumber() : undefined);

function colourOf(doc: PDFDocument, cs: PDFObject | undefined): { color: string; components: number } {
  const o = cs instanceof PDFRef ? doc.context.lookup(cs) : cs;
  const name = o instanceof PDFName ? o.decodeText() : o instanceof PDFArray ? (o.lookup(0) as PDFName | undefined)?.decodeText?.() : undefined;
  switch (name) {
    case 'DeviceGray':
    case 'CalGray':
      return { color: 'gray', components: 1 };
    case 'DeviceRGB':
    case 'CalRGB':
      return { color: 'rgb', components: 3 };
    case 'DeviceCMYK':
      return { color: 'cmyk', components: 4 };
    case 'Lab':
      return { color: 'lab', components: 3 };
    case 'Indexed':
      return { color: 'index', components: 1 };
    case 'ICCBased': {
      const icc = o instanceof PDFArray ? o.lookup(1) : undefined;
      return { color: 'icc', components: icc instanceof PDFStream ? (num(icc.dict.get(PDFName.of('N'))) ?? 0) : 0 };
    }
    case 'Separation':
      return { color: 'sep', components: 1 };
    case 'DeviceN':
      return { color: 'devn', components: o instanceof PDFArray ? ((o.lookup(1) as PDFArray | undefined)?.size?.() ?? 0) : 0 };
    default:
      return { color: '-', components: 0 };
  }
}

function plain(dict: PDFDict | undefined): Record<string, number | boolean> {
  const out: Record<string, number | boolean> = {};
  for (const [k, v] of dict?.entries() ?? []) {
    const s = v.toString();
    if (v instanceof PDFNumber) out[k.decodeText()] = v.asNumber();
    else if (s === 'true' || s === 'false') out[k.decodeText()] = s === 'true';
  }
  return out;
}

/** The image XObjects page `n` (1-based) uses, directly or inside its form XObjects. */
export async function pageImages(file: string, n: number): Promise<ImageObject[]> {
  const { doc } = await document(file);
  const page: PDFPage | undefined = doc.getPages()[n - 1];
  if (!page) return [];
  const found = new Map<number, ImageObject>();
  const seen = new Set<PDFObject>();
  const visit = (resources: PDFObject | undefined, depth: number) => {
    const res = resources instanceof PDFRef ? doc.context.lookup(resources) : resources;
    if (!(res instanceof PDFDict) || seen.has(res) || depth > 8) return;
    seen.add(res);
    const xobjects = res.lookup(PDFName.of('XObject'));
    if (!(xobjects instanceof PDFDict)) return;
    for (const [, ref] of xobjects.entries()) {
      if (!(ref instanceof PDFRef)) continue;
      const stream = doc.context.lookup(ref);
      if (!(stream instanceof PDFStream)) continue;
      const d = stream.dict;
      const subtype = (d.get(PDFName.of('Subtype')) as PDFName | undefined)?.decodeText?.();
      if (subtype === 'Form') visit(d.get(PDFName.of('Resources')), depth + 1);
      if (subtype !== 'Image' || found.has(ref.objectNumber)) continue;
      const filter = d.lookup(PDFName.of('Filter'));
      const filters = filter instanceof PDFName ? [filter.decodeText()] : filter instanceof PDFArray ? filter.asArray().map((f) => (f instanceof PDFName ? f.decodeText() : '')) : [];
      const parmsObj = d.lookup(PDFName.of('DecodeParms'));
      const parms = parmsObj instanceof PDFArray ? parmsObj.lookup(parmsObj.size() - 1) : parmsObj;
      const decode = d.lookup(PDFName.of('Decode'));
      const imageMask = d.lookup(PDFName.of('ImageMask'))?.toString() === 'true';
      found.set(ref.objectNumber, {
        object: ref.objectNumber,
        width: num(d.lookup(PDFName.of('Width'))) ?? 0,
        height: num(d.lookup(PDFName.of('Height'))) ?? 0,
        ...(imageMask ? { color: 'gray', components: 1 } : colourOf(doc, d.get(PDFName.of('ColorSpace')))),
        bpc: imageMask ? 1 : (num(d.lookup(PDFName.of('BitsPerComponent'))) ?? 0),
        filters,
        imageMask,
        inverted: decode instanceof PDFArray && num(decode.lookup(0)) === 1,
        parms: plain(parms instanceof PDFDict ? parms : undefined),
      });
    }
  };
  visit(page.node.Resources(), 0);
  return [...found.values()];
}

/** The largest image stream the engine hands out (a 600 dpi A0 JPEG is far smaller). */
const MAX_STREAM_BYTES = 512 << 20;

/** Image object `object`'s coded bytes: as stored when `keep` is its only filter; undone of a
 * Flate filter in front of it (as pdfimages does) when that is all there is; else null. */
export async function codedBytes(file: string, object: number, keep: string): Promise<Uint8Array | null> {
  const { doc } = await document(file);
  const stream = doc.context.lookup(PDFRef.of(object));
  if (!(stream instanceof PDFRawStream)) return null;
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  const filters = filter instanceof PDFName ? [filter.decodeText()] : filter instanceof PDFArray ? filter.asArray().map((f) => (f instanceof PDFName ? f.decodeText() : '')) : [];
  if (filters.length === 1 && filters[0] === keep) return streamBytes(stream);
  if (filters.length === 2 && ['FlateDecode', 'Fl'].includes(filters[0]!) && filters[1] === keep) {
    try {
      return inflateSync(streamBytes(stream), { maxOutputLength: MAX_STREAM_BYTES });
    } catch {
      return null;
    }
  }
  return null;
}
