// Reads a PDF the way a signer and a verifier need it, without copying the file: the bytes stay
// in one buffer, the cross-reference sections (tables or streams, every revision) give each
// object's place, and an object is parsed — by pdf-lib's object parser — only when asked for.
// (pdf-lib's own document loader copies every stream, which a 50 MB record cannot afford.)
import {
  PDFArray,
  PDFContext,
  PDFDict,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFObjectParser,
  PDFRawStream,
  PDFRef,
  decodePDFRawStream,
} from 'pdf-lib';
import { inflateSync } from 'node:zlib';
import { StationError } from '../errors';

export interface XrefEntry {
  /** 1: at a byte offset; 2: inside an object stream. */
  readonly type: 1 | 2;
  readonly offset: number;
  readonly stream: number;
  readonly index: number;
}

export interface Revision {
  /** Where this revision's cross-reference section starts. */
  readonly xrefOffset: number;
  /** Where each object this revision defines stands. */
  readonly entries: ReadonlyMap<number, XrefEntry>;
  /** The byte after this revision's %%EOF (the length of the file as this revision left it). */
  readonly end: number;
  readonly kind: 'table' | 'stream';
  readonly trailer: PDFDict;
  /** Objects this revision (re)defines. */
  readonly objects: ReadonlySet<number>;
}

const damaged = (detail: string) => new StationError('pdf-damaged', { detail });

/** Undoes PNG row prediction (Predictor ≥ 10), as cross-reference streams usually carry it. */
function unpredict(data: Uint8Array, columns: number, bpp: number): Uint8Array {
  const rowLength = columns + 1;
  const rows = Math.floor(data.length / rowLength);
  const out = new Uint8Array(rows * columns);
  for (let r = 0; r < rows; r++) {
    const filter = data[r * rowLength]!;
    for (let c = 0; c < columns; c++) {
      const raw = data[r * rowLength + 1 + c]!;
      const left = c >= bpp ? out[r * columns + c - bpp]! : 0;
      const up = r > 0 ? out[(r - 1) * columns + c]! : 0;
      const upLeft = r > 0 && c >= bpp ? out[(r - 1) * columns + c - bpp]! : 0;
      let v = raw;
      if (filter === 1) v = raw + left;
      else if (filter === 2) v = raw + up;
      else if (filter === 3) v = raw + ((left + up) >> 1);
      else if (filter === 4) {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        v = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
      }
      out[r * columns + c] = v & 0xff;
    }
  }
  return out;
}

/** A stream's decoded bytes: Flate (Node's zlib) with its predictor, or pdf-lib's other filters. */
export function decodeStream(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.get(PDFName.of('Filter'));
  const isFlate = filter === PDFName.of('FlateDecode') || (filter instanceof PDFArray && filter.size() === 1 && filter.get(0) === PDFName.of('FlateDecode'));
  if (!isFlate) return decodePDFRawStream(stream).decode();
  const data = inflateSync(stream.contents);
  const parms = stream.dict.get(PDFName.of('DecodeParms'));
  if (!(parms instanceof PDFDict)) return data;
  const predictor = (parms.get(PDFName.of('Predictor')) as PDFNumber | undefined)?.asNumber() ?? 1;
  if (predictor < 10) return data;
  const columns = (parms.get(PDFName.of('Columns')) as PDFNumber | undefined)?.asNumber() ?? 1;
  const colors = (parms.get(PDFName.of('Colors')) as PDFNumber | undefined)?.asNumber() ?? 1;
  const bits = (parms.get(PDFName.of('BitsPerComponent')) as PDFNumber | undefined)?.asNumber() ?? 8;
  return unpredict(data, Math.ceil((columns * colors * bits) / 8), Math.max(1, Math.ceil((colors * bits) / 8)));
}

const latin1 = (bytes: Uint8Array, from: number, to: number) => Buffer.from(bytes.buffer, bytes.byteOffset + from, Math.max(0, to - from)).toString('latin1');

/** The `startxref N %%EOF` trailers of the file, the last first (at most a few: an appended
 * extension rarely holds more than one false one), each with the byte after its %%EOF line. */
function startxrefs(bytes: Uint8Array): { offset: number; end: number }[] {
  const found: { offset: number; end: number }[] = [];
  // The last 4 MB first (a whole large file is not worth a string unless the end has nothing).
  for (const from of [Math.max(0, bytes.length - (4 << 20)), 0]) {
    const text = latin1(bytes, from, bytes.length);
    let at = text.length;
    while (found.length < 8 && at > 0 && (at = text.lastIndexOf('startxref', at - 1)) >= 0) {
      const m = /^startxref\s+(\d+)\s+%%EOF/.exec(text.slice(at, at + 64));
      if (!m) continue;
      let end = from + at + m[0].length;
      while (end < bytes.length && (bytes[end] === 0x0d || bytes[end] === 0x0a)) end++;
      found.push({ offset: Number(m[1]), end });
    }
    if (found.length || from === 0) break;
  }
  return found;
}

export class PdfFile {
  readonly context = PDFContext.create();
  /** Latest entry per object number, over every revision. */
  private readonly xref = new Map<number, XrefEntry>();
  private readonly cache = new Map<number, PDFObject>();
  private readonly objectStreams = new Map<number, Map<number, PDFObject>>();
  /** Oldest first. */
  readonly revisions: Revision[];

  /** Bytes after the last revision's %%EOF that belong to no revision (an unsigned extension:
   * junk a mail gateway or a careless tool appended). Readers ignore them; verifiers say so. */
  readonly tailBytes: number = 0;

  constructor(readonly bytes: Uint8Array) {
    // The last revision is the last `startxref N %%EOF` that leads to a readable cross-reference
    // section — normally at the very end; after it, whatever follows is an unsigned extension.
    let lastError: unknown = damaged('no startxref at the end of the file');
    for (const candidate of startxrefs(bytes)) {
      try {
        this.revisions = this.readChain(candidate.offset, candidate.end);
        this.tailBytes = bytes.length - candidate.end;
        return;
      } catch (e) {
        lastError = e;
        this.xref.clear();
        this.cache.clear();
        this.objectStreams.clear();
      }
    }
    throw lastError;
  }

  private readChain(first: number, lastEnd: number): Revision[] {
    const seen = new Set<number>();
    const chain: Revision[] = [];
    let offset: number | undefined = first;
    let end = lastEnd;
    while (offset !== undefined) {
      if (seen.has(offset) || offset >= this.bytes.length) throw damaged('a cross-reference section points outside the file or in a loop');
      seen.add(offset);
      const revision = this.readSection(offset, end);
      chain.push(revision);
      const prev = revision.trailer.get(PDFName.of('Prev'));
      offset = prev instanceof PDFNumber ? prev.asNumber() : undefined;
      end = offset === undefined ? 0 : this.eofAfter(offset);
    }
    return chain.reverse();
  }

  get trailer(): PDFDict {
    return this.revisions.at(-1)!.trailer;
  }

  /** Highest object number + 1 (the trailer's /Size). */
  get size(): number {
    const s = this.trailer.get(PDFName.of('Size'));
    return s instanceof PDFNumber ? s.asNumber() : Math.max(0, ...this.xref.keys()) + 1;
  }

  get lastXrefOffset(): number {
    return this.revisions.at(-1)!.xrefOffset;
  }

  /** The byte after the %%EOF that follows a cross-reference section. */
  private eofAfter(xrefOffset: number): number {
    const text = latin1(this.bytes, xrefOffset, this.bytes.length);
    const i = text.search(/%%EOF/);
    if (i < 0) return this.bytes.length;
    let end = xrefOffset + i + 5;
    while (end < this.bytes.length && (this.bytes[end] === 0x0d || this.bytes[end] === 0x0a)) end++;
    return end;
  }

  private readSection(offset: number, end: number): Revision {
    const head = latin1(this.bytes, offset, Math.min(this.bytes.length, offset + 32));
    const objects = new Set<number>();
    const entries = new Map<number, XrefEntry>();
    const note = (n: number, e: XrefEntry) => {
      objects.add(n);
      entries.set(n, e);
      if (!this.xref.has(n)) this.xref.set(n, e); // newer sections were read first
    };
    if (head.startsWith('xref')) {
      const text = latin1(this.bytes, offset, this.bytes.length);
      const trailerAt = text.indexOf('trailer');
      if (trailerAt < 0) throw damaged('a cross-reference table has no trailer');
      const rows = text.slice(4, trailerAt).trim().split(/\r\n|\r|\n/);
      let i = 0;
      while (i < rows.length) {
        const header = rows[i++]!.trim().split(/\s+/);
        if (header.length !== 2) throw damaged('bad cross-reference subsection');
        const [first, count] = header.map(Number) as [number, number];
        for (let k = 0; k < count; k++) {
          const row = rows[i++]?.trim().split(/\s+/);
          if (!row || row.length < 3) throw damaged('truncated cross-reference table');
          if (row[2] === 'n') note(first + k, { type: 1, offset: Number(row[0]), stream: 0, index: 0 });
          else objects.add(first + k);
        }
      }
      const trailer = PDFObjectParser.forBytes(this.bytes.subarray(offset + trailerAt + 7), this.context).parseObject();
      if (!(trailer instanceof PDFDict)) throw damaged('bad trailer');
      // A hybrid file also points at a cross-reference stream for the same revision.
      const hybrid = trailer.get(PDFName.of('XRefStm'));
      if (hybrid instanceof PDFNumber) {
        const more = this.readSection(hybrid.asNumber(), end);
        for (const [n, e] of more.entries) if (!entries.has(n)) note(n, e);
      }
      return { xrefOffset: offset, entries, end, kind: 'table', trailer, objects };
    }
    const stream = this.parseAt(offset);
    if (!(stream instanceof PDFRawStream) || stream.dict.get(PDFName.of('Type')) !== PDFName.of('XRef')) throw damaged('startxref does not point at a cross-reference section');
    const widths = (stream.dict.lookup(PDFName.of('W'), PDFArray).asArray() as PDFNumber[]).map((n) => n.asNumber());
    const sizeObj = stream.dict.get(PDFName.of('Size')) as PDFNumber;
    const index = (stream.dict.get(PDFName.of('Index')) as PDFArray | undefined)?.asArray().map((n) => (n as PDFNumber).asNumber()) ?? [0, sizeObj.asNumber()];
    const data = decodeStream(stream);
    const field = (at: number, width: number) => {
      let v = 0;
      for (let k = 0; k < width; k++) v = v * 256 + data[at + k]!;
      return v;
    };
    const [w0, w1, w2] = widths as [number, number, number];
    let pos = 0;
    for (let s = 0; s < index.length; s += 2) {
      for (let k = 0; k < index[s + 1]!; k++, pos += w0 + w1 + w2) {
        const type = w0 ? field(pos, w0) : 1;
        const a = field(pos + w0, w1);
        const b = field(pos + w0 + w1, w2);
        const n = index[s]! + k;
        if (type === 1) note(n, { type: 1, offset: a, stream: 0, index: 0 });
        else if (type === 2) note(n, { type: 2, offset: 0, stream: a, index: b });
        else objects.add(n);
      }
    }
    return { xrefOffset: offset, entries, end, kind: 'stream', trailer: stream.dict, objects };
  }

  /** Parses "N G obj … endobj" at a byte offset. */
  private parseAt(offset: number): PDFObject {
    const head = /^\s*(\d+)\s+(\d+)\s+obj/.exec(latin1(this.bytes, offset, Math.min(this.bytes.length, offset + 40)));
    if (!head) throw damaged(`no object at offset ${offset}`);
    return PDFObjectParser.forBytes(this.bytes.subarray(offset + head[0].length), this.context).parseObject();
  }

  /** An object stream's objects: a header of "number offset" pairs, then the objects. */
  private readObjectStream(number: number): Map<number, PDFObject> {
    const container = this.resolve(PDFRef.of(number));
    if (!(container instanceof PDFRawStream)) throw damaged(`object stream ${number} is missing`);
    const count = (container.dict.get(PDFName.of('N')) as PDFNumber | undefined)?.asNumber() ?? 0;
    const first = (container.dict.get(PDFName.of('First')) as PDFNumber | undefined)?.asNumber() ?? 0;
    const data = decodeStream(container);
    const header = latin1(data, 0, first).trim().split(/\s+/).map(Number);
    const objects = new Map<number, PDFObject>();
    for (let k = 0; k < count; k++) {
      const [n, at] = [header[2 * k]!, header[2 * k + 1]!];
      objects.set(n, PDFObjectParser.forBytes(data.subarray(first + at), this.context).parseObject());
    }
    return objects;
  }

  /** The byte offset of an object stored directly in the file. */
  offsetOf(ref: PDFRef): number | undefined {
    const e = this.xref.get(ref.objectNumber);
    return e?.type === 1 ? e.offset : undefined;
  }

  has(ref: PDFRef): boolean {
    return this.xref.has(ref.objectNumber);
  }

  resolve(ref: PDFRef): PDFObject | undefined {
    const n = ref.objectNumber;
    const cached = this.cache.get(n);
    if (cached) return cached;
    const e = this.xref.get(n);
    if (!e) return undefined;
    let obj: PDFObject | undefined;
    if (e.type === 1) obj = this.parseAt(e.offset);
    else {
      let objects = this.objectStreams.get(e.stream);
      if (!objects) {
        objects = this.readObjectStream(e.stream);
        this.objectStreams.set(e.stream, objects);
      }
      obj = objects.get(n);
    }
    if (obj) this.cache.set(n, obj);
    return obj;
  }

  /** An object as a given revision left it (index into revisions, oldest first). Parsed into a
   * context of its own, so that it never replaces the current version in the cache. */
  resolveAt(ref: PDFRef, revision: number): PDFObject | undefined {
    for (let r = revision; r >= 0; r--) {
      const e = this.revisions[r]!.entries.get(ref.objectNumber);
      if (!e) continue;
      if (e.type === 1) {
        const head = /^\s*(\d+)\s+(\d+)\s+obj/.exec(latin1(this.bytes, e.offset, Math.min(this.bytes.length, e.offset + 40)));
        if (!head) return undefined;
        return PDFObjectParser.forBytes(this.bytes.subarray(e.offset + head[0].length), PDFContext.create()).parseObject();
      }
      return this.readObjectStream(e.stream).get(ref.objectNumber);
    }
    return undefined;
  }

  /** Follows references until a direct object. */
  lookup<T extends PDFObject>(obj: PDFObject | undefined, type?: { prototype: T }): T | undefined {
    let current = obj;
    for (let depth = 0; current instanceof PDFRef && depth < 32; depth++) current = this.resolve(current);
    if (type && !(current instanceof (type as unknown as new () => T))) return undefined;
    return current as T | undefined;
  }

  get catalogRef(): PDFRef {
    const root = this.trailer.get(PDFName.of('Root'));
    if (!(root instanceof PDFRef)) throw damaged('the trailer names no catalog');
    return root;
  }

  get catalog(): PDFDict {
    const c = this.lookup(this.catalogRef, PDFDict);
    if (!c) throw damaged('the catalog is missing');
    return c;
  }

  get encrypted(): boolean {
    return this.trailer.has(PDFName.of('Encrypt'));
  }

  /** Page references in order, from the page tree. */
  pageRefs(): PDFRef[] {
    const out: PDFRef[] = [];
    const walk = (ref: PDFObject | undefined, depth: number) => {
      if (depth > 64) throw damaged('the page tree is too deep');
      const node = this.lookup(ref, PDFDict);
      if (!node) return;
      const kids = this.lookup(node.get(PDFName.of('Kids')), PDFArray);
      if (node.get(PDFName.of('Type')) === PDFName.of('Page') || !kids) {
        if (ref instanceof PDFRef) out.push(ref);
        return;
      }
      for (const kid of kids.asArray()) walk(kid, depth + 1);
    };
    walk(this.catalog.get(PDFName.of('Pages')), 0);
    return out;
  }
}

export function readPdf(bytes: Uint8Array): PdfFile {
  try {
    return new PdfFile(bytes);
  } catch (e) {
    if (e instanceof StationError) throw e;
    throw damaged(e instanceof Error ? e.message : String(e));
  }
}
