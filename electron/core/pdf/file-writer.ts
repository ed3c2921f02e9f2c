// Serialises a pdf-lib document to bytes as a stream, with some streams' bodies read from files
// at the moment they are written. pdf-lib builds the structure (pages, content streams, fonts,
// metadata); the page images never enter its object graph, so a 500-page record is written in
// bounded memory. Classic cross-reference table, trailer with /Info and /ID (PDF/A needs both).
import { deflateSync } from 'node:zlib';
import { type PDFDict, type PDFDocument, PDFFlateStream, PDFName, PDFNumber, type PDFObject, PDFRawStream, type PDFRef } from 'pdf-lib';

export interface ExternalStream {
  readonly ref: PDFRef;
  /** The stream dictionary, including /Length. */
  readonly dict: PDFDict;
  /** The body in chunks (large files), or … */
  readonly body: () => AsyncIterable<Uint8Array>;
  /** … in one piece (small files): then it is read while the previous stream is written. */
  readonly load?: (() => Promise<Uint8Array>) | null;
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
      body = deflateSync(plain);
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
    offsets.set(s.ref.objectNumber, offset);
    yield emit(ascii(`${s.ref.objectNumber} 0 obj\n`));
    yield emit(bytesOf(s.dict));
    yield emit(ascii('\nstream\n'));
    if (loaded) yield emit(await loaded);
    else for await (const chunk of s.body()) yield emit(chunk);
    yield emit(ascii('\nendstream\nendobj\n'));
  }
  for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
    offsets.set(ref.objectNumber, offset);
    yield emit(ascii(`${ref.objectNumber} 0 obj\n`));
    yield emit(bytesOf(obj));
    yield emit(ascii('\nendobj\n'));
  }
  const size = doc.context.largestObjectNumber + 1;
  const xrefAt = offset;
  const lines = ['xref', `0 ${size}`, '0000000000 65535 f '];
  for (let n = 1; n < size; n++) {
    const at = offsets.get(n);
    lines.push(at === undefined ? '0000000000 65535 f ' : `${String(at).padStart(10, '0')} 00000 n `);
  }
  const root = doc.context.trailerInfo.Root as PDFRef;
  lines.push('trailer', `<< /Size ${size} /Root ${root.toString()} /Info ${trailer.info.toString()} /ID [<${trailer.id}> <${trailer.id}>] >>`, 'startxref', String(xrefAt), '%%EOF', '');
  yield emit(ascii(lines.join('\n')));
}
