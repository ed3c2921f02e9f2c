// Serialises a pdf-lib document to bytes as a stream, with some streams' bodies read from files
// at the moment they are written. pdf-lib builds the structure (pages, content streams, fonts,
// metadata); the page images never enter its object graph, so a 500-page record is written in
// bounded memory. Object streams and a cross-reference stream, with /Info and /ID (PDF/A needs both).
import { deflateSync } from 'node:zlib';
import { PDFArray, type PDFDict, type PDFDocument, PDFFlateStream, PDFName, PDFNumber, type PDFObject, PDFRawStream, type PDFRef } from 'pdf-lib';
import type { LoadedBody } from './jpeg-flate';

export interface ExternalStream {
  readonly ref: PDFRef;
  /** The stream dictionary, including /Length. */
  readonly dict: PDFDict;
  /** The body in chunks (large files), or … */
  readonly body: () => AsyncIterable<Uint8Array>;
  /** … in one piece (small files): then it is read (and perhaps compressed, jpeg-flate.ts) while
   * the previous stream is written. */
  readonly load?: (() => Promise<LoadedBody>) | null;
}

const encoder = new TextEncoder();
const ascii = (s: string) => encoder.encode(s);

function bytesOf(obj: PDFObject): Uint8Array {
  const buf = new Uint8Array(obj.sizeInBytes());
  obj.copyBytesInto(buf, 0);
  return buf;
}

/** Gathers small pieces (object headers, dictionaries) into large chunks: one consumer call per
 * 256 KB rather than one per token. Pieces of 64 KB and more (image bodies) pass through uncopied. */
async function* coalesce(pieces: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const SIZE = 256 * 1024;
  const PASS = 64 * 1024;
  let buffer = new Uint8Array(SIZE);
  let used = 0;
  for await (const piece of pieces) {
    if ((used + piece.byteLength > SIZE || piece.byteLength >= PASS) && used > 0) {
      yield buffer.subarray(0, used);
      buffer = new Uint8Array(SIZE);
      used = 0;
    }
    if (piece.byteLength >= PASS) yield piece;
    else {
      buffer.set(piece, used);
      used += piece.byteLength;
    }
  }
  if (used > 0) yield buffer.subarray(0, used);
}

/** Objects per object stream (as qpdf writes them): a reader that wants one object inflates
 * at most this many. */
const PER_OBJECT_STREAM = 100;

/** Streams shorter than this stay uncompressed: a page that only draws its image says so in
 * some 60 bytes, and compressing it would cost more than it saves. */
const COMPRESS_FROM = 512;

/**
 * Replaces pdf-lib's lazily compressed streams (content streams: pako, pure JavaScript, with large
 * buffers set up for every stream) by raw streams compressed with Node's native zlib, or left
 * plain when they are tiny.
 */
export function compressNatively(doc: PDFDocument): void {
  for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFFlateStream)) continue;
    const plain = obj.getUnencodedContents();
    const dict = obj.dict.clone(doc.context);
    dict.delete(PDFName.of('Filter'));
    dict.delete(PDFName.of('DecodeParms'));
    let body = plain;
    if (plain.byteLength >= COMPRESS_FROM) {
      body = deflateSync(plain, { level: 9 });
      dict.set(PDFName.of('Filter'), PDFName.of('FlateDecode'));
    }
    dict.set(PDFName.of('Length'), PDFNumber.of(body.byteLength));
    doc.context.assign(ref, PDFRawStream.of(dict, body));
  }
}

/** Makes pdf-lib compress the streams it creates itself (embedded font files) with Node's zlib
 * rather than pako: several times faster. */
export function useNativeFlate(doc: PDFDocument): void {
  doc.context.flateStream = (contents, dict = {}) => {
    const body = deflateSync(typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents);
    return PDFRawStream.of(doc.context.obj({ ...dict, Filter: 'FlateDecode', Length: body.byteLength }), body);
  };
}

/** The dictionary of a stream whose body was Flate-compressed on top of its own filter. */
function withFlate(doc: PDFDocument, dict: PDFDict, length: number): PDFDict {
  const out = dict.clone(doc.context);
  const own = dict.get(PDFName.of('Filter'));
  const filters = PDFArray.withContext(doc.context);
  filters.push(PDFName.of('FlateDecode'));
  if (own instanceof PDFArray) for (const f of own.asArray()) filters.push(f);
  else if (own) filters.push(own);
  out.set(PDFName.of('Filter'), filters);
  const parms = dict.get(PDFName.of('DecodeParms'));
  if (parms) {
    // One entry per filter: none for the Flate layer, the image's own after it.
    const all = PDFArray.withContext(doc.context);
    all.push(doc.context.obj(null));
    if (parms instanceof PDFArray) for (const p of parms.asArray()) all.push(p);
    else all.push(parms);
    out.set(PDFName.of('DecodeParms'), all);
  }
  out.set(PDFName.of('Length'), PDFNumber.of(length));
  return out;
}

export function serialise(doc: PDFDocument, external: readonly ExternalStream[], trailer: { info: PDFRef; id: string }): AsyncGenerator<Uint8Array> {
  compressNatively(doc);
  return coalesce(pieces(doc, external, trailer));
}

async function* pieces(doc: PDFDocument, external: readonly ExternalStream[], trailer: { info: PDFRef; id: string }): AsyncGenerator<Uint8Array> {
  const offsets = new Map<number, number>();
  let offset = 0;
  const emit = (b: Uint8Array) => {
    offset += b.byteLength;
    return b;
  };
  // The binary comment marks the file as binary (PDF/A 6.1.2: four bytes above 127).
  yield emit(new Uint8Array([...ascii('%PDF-1.7\n%'), 0xe2, 0xe3, 0xcf, 0xd3, 0x0a]));
  // One file read ahead: the next image loads while this one is written.
  const prefetch = (i: number) => external[i]?.load?.() ?? null;
  let next = prefetch(0);
  for (const [i, s] of external.entries()) {
    const loaded = next;
    next = prefetch(i + 1);
    const body = loaded ? await loaded : null;
    offsets.set(s.ref.objectNumber, offset);
    yield emit(ascii(`${s.ref.objectNumber} 0 obj\n`));
    yield emit(bytesOf(body?.deflated ? withFlate(doc, s.dict, body.bytes.byteLength) : s.dict));
    yield emit(ascii('\nstream\n'));
    if (body) yield emit(body.bytes);
    else for await (const chunk of s.body()) yield emit(chunk);
    yield emit(ascii('\nendstream\nendobj\n'));
  }
  // Streams as they are; every other object (page, font and image dictionaries, the catalog,
  // Info) compressed in object streams, and the cross-reference section a compressed stream too:
  // ISO 32000-1 §7.5.7–7.5.8, PDF 1.5, which PDF/A-2 allows. A record's dictionaries and its
  // cross-reference table were ≈ 6 KB of plain text for six pages; this makes them ≈ 3 KB.
  const packed = new Map<number, { stream: number; index: number }>();
  const loose: [PDFRef, PDFObject][] = [];
  for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
    if (obj instanceof PDFRawStream || obj instanceof PDFFlateStream || ref.generationNumber !== 0) {
      offsets.set(ref.objectNumber, offset);
      yield emit(ascii(`${ref.objectNumber} 0 obj\n`));
      yield emit(bytesOf(obj));
      yield emit(ascii('\nendobj\n'));
    } else loose.push([ref, obj]);
  }
  let number = doc.context.largestObjectNumber;
  for (let from = 0; from < loose.length; from += PER_OBJECT_STREAM) {
    const group = loose.slice(from, from + PER_OBJECT_STREAM);
    const stream = ++number;
    const bodies = group.map(([, obj]) => bytesOf(obj));
    const header: string[] = [];
    let at = 0;
    group.forEach(([ref], index) => {
      header.push(`${ref.objectNumber} ${at}`);
      packed.set(ref.objectNumber, { stream, index });
      at += bodies[index]!.byteLength + 1;
    });
    const head = ascii(`${header.join(' ')}\n`);
    const data = deflateSync(Buffer.concat([head, ...bodies.flatMap((b) => [b, ascii('\n')])]), { level: 9 });
    offsets.set(stream, offset);
    yield emit(ascii(`${stream} 0 obj\n<< /Type /ObjStm /N ${group.length} /First ${head.byteLength} /Filter /FlateDecode /Length ${data.byteLength} >>\nstream\n`));
    yield emit(data);
    yield emit(ascii('\nendstream\nendobj\n'));
  }
  // The cross-reference stream lists itself too.
  const self = number + 1;
  const size = self + 1;
  const xrefAt = offset;
  offsets.set(self, xrefAt);
  const width = Math.max(1, Math.ceil(Math.log2(xrefAt + 1) / 8));
  const rows = Buffer.alloc(size * (1 + width + 2));
  for (let n = 0; n < size; n++) {
    const row = n * (1 + width + 2);
    const inStream = packed.get(n);
    const at = offsets.get(n);
    if (inStream) {
      rows.writeUInt8(2, row);
      rows.writeUIntBE(inStream.stream, row + 1, width);
      rows.writeUInt16BE(inStream.index, row + 1 + width);
    } else if (at !== undefined) {
      rows.writeUInt8(1, row);
      rows.writeUIntBE(at, row + 1, width);
    } else rows.writeUInt16BE(n === 0 ? 0xffff : 0, row + 1 + width); // free
  }
  const xref = deflateSync(rows, { level: 9 });
  const root = doc.context.trailerInfo.Root as PDFRef;
  yield emit(ascii(`${self} 0 obj\n<< /Type /XRef /Size ${size} /W [1 ${width} 2] /Root ${root.toString()} /Info ${trailer.info.toString()} /ID [<${trailer.id}> <${trailer.id}>] /Filter /FlateDecode /Length ${xref.byteLength} >>\nstream\n`));
  yield emit(xref);
  yield emit(ascii(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`));
}
