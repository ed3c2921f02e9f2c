// An incremental update: new and changed objects appended after the file's last %%EOF, with a
// cross-reference section of the same kind as the file's (table or stream) whose /Prev points to
// the previous one. The original bytes are never touched, so earlier signatures stay valid.
import { randomBytes } from 'node:crypto';
import { PDFArray, type PDFDict, PDFHexString, PDFName, type PDFObject, PDFRef } from 'pdf-lib';
import type { PdfFile } from './pdf-reader';

export interface UpdateObject {
  readonly number: number;
  /** The object's serialised body (what goes between "N 0 obj" and "endobj"). */
  readonly body: Uint8Array;
}

/** What an update needs to know of the file it follows. */
export interface UpdateBase {
  /** Bytes before the update. */
  readonly length: number;
  readonly endsWithNewline: boolean;
  /** The trailer's /Size. */
  readonly size: number;
  readonly prevXref: number;
  readonly kind: 'table' | 'stream';
  readonly trailer: PDFDict;
}

export function baseOf(file: PdfFile): UpdateBase {
  return {
    length: file.bytes.length,
    endsWithNewline: file.bytes[file.bytes.length - 1] === 0x0a,
    size: file.size,
    prevXref: file.lastXrefOffset,
    kind: file.revisions.at(-1)!.kind,
    trailer: file.trailer,
  };
}

export interface Update {
  readonly bytes: Uint8Array;
  /** Where each object's body starts, in the whole file (original + update). */
  readonly bodyOffset: ReadonlyMap<number, number>;
  /** The base the next update after this one follows. */
  readonly next: UpdateBase;
}

const ascii = (s: string) => Buffer.from(s, 'latin1');

export function serialiseObject(obj: PDFObject): Uint8Array {
  const buf = new Uint8Array(obj.sizeInBytes());
  obj.copyBytesInto(buf, 0);
  return buf;
}

/** The trailer entries every revision carries: the catalog, the Info dictionary and the file ID
 * (the first part unchanged, the second new for each revision, as ISO 32000 §14.4 asks). */
function carried(t: PDFDict): string {
  const parts: string[] = [];
  const root = t.get(PDFName.of('Root'));
  if (root instanceof PDFRef) parts.push(`/Root ${root.toString()}`);
  const info = t.get(PDFName.of('Info'));
  if (info instanceof PDFRef) parts.push(`/Info ${info.toString()}`);
  const id = t.get(PDFName.of('ID'));
  const first = id instanceof PDFArray ? id.get(0) : undefined;
  const keep = first instanceof PDFHexString ? first.asString() : randomBytes(16).toString('hex');
  parts.push(`/ID [<${keep}> <${randomBytes(16).toString('hex')}>]`);
  return parts.join(' ');
}

/** Runs of consecutive object numbers, for the cross-reference subsections. */
function runs(numbers: readonly number[]): [number, number[]][] {
  const out: [number, number[]][] = [];
  for (const n of [...numbers].sort((a, b) => a - b)) {
    const last = out.at(-1);
    if (last && last[0] + last[1].length === n) last[1].push(n);
    else out.push([n, [n]]);
  }
  return out;
}

export function buildUpdate(from: UpdateBase, objects: readonly UpdateObject[]): Update {
  const base = from.length;
  const chunks: Uint8Array[] = [];
  let length = 0;
  const push = (b: Uint8Array) => {
    chunks.push(b);
    length += b.byteLength;
  };
  // Start on a fresh line whatever the file ended with.
  if (!from.endsWithNewline) push(ascii('\n'));
  const objectOffset = new Map<number, number>();
  const bodyOffset = new Map<number, number>();
  for (const o of objects) {
    objectOffset.set(o.number, base + length);
    push(ascii(`${o.number} 0 obj\n`));
    bodyOffset.set(o.number, base + length);
    push(o.body);
    push(ascii('\nendobj\n'));
  }
  const maxNumber = Math.max(...objects.map((o) => o.number));
  const prev = from.prevXref;
  const xrefAt = base + length;
  let size: number;

  if (from.kind === 'table') {
    const lines = ['xref'];
    for (const [first, numbers] of runs(objects.map((o) => o.number))) {
      lines.push(`${first} ${numbers.length}`);
      for (const n of numbers) lines.push(`${String(objectOffset.get(n)).padStart(10, '0')} 00000 n `);
    }
    size = Math.max(from.size, maxNumber + 1);
    lines.push('trailer', `<< /Size ${size} ${carried(from.trailer)} /Prev ${prev} >>`, 'startxref', String(xrefAt), '%%EOF', '');
    push(ascii(lines.join('\n')));
  } else {
    // A cross-reference stream (W 1 4 2, uncompressed) that also lists itself.
    const self = Math.max(from.size, maxNumber + 1);
    size = self + 1;
    const all = [...objects.map((o) => o.number), self];
    objectOffset.set(self, xrefAt);
    const entries = Buffer.alloc(all.length * 7);
    const index: number[] = [];
    let row = 0;
    for (const [first, numbers] of runs(all)) {
      index.push(first, numbers.length);
      for (const n of numbers) {
        entries.writeUInt8(1, row * 7);
        entries.writeUInt32BE(objectOffset.get(n)!, row * 7 + 1);
        entries.writeUInt16BE(0, row * 7 + 5);
        row++;
      }
    }
    push(ascii(`${self} 0 obj\n<< /Type /XRef /Size ${self + 1} /W [1 4 2] /Index [${index.join(' ')}] ${carried(from.trailer)} /Prev ${prev} /Length ${entries.length} >>\nstream\n`));
    push(entries);
    push(ascii(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`));
  }
  const bytes = Buffer.concat(chunks, length);
  return { bytes, bodyOffset, next: { length: base + length, endsWithNewline: true, size, prevXref: xrefAt, kind: from.kind, trailer: from.trailer } };
}
