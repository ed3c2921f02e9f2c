// Serialises a pdf-lib document to bytes as a stream, with some streams' bodies read from files
// at the moment they are written. pdf-lib builds the structure (pages, content streams, fonts,
// metadata); the page images never enter its object graph, so a 500-page record is written in
// bounded memory. Classic cross-reference table, trailer with /Info and /ID (PDF/A needs both).
import { type PDFDict, type PDFDocument, type PDFObject, type PDFRef } from 'pdf-lib';

export interface ExternalStream {
  readonly ref: PDFRef;
  /** The stream dictionary, including /Length. */
  readonly dict: PDFDict;
  readonly body: () => AsyncIterable<Uint8Array>;
}

const encoder = new TextEncoder();
const ascii = (s: string) => encoder.encode(s);

function bytesOf(obj: PDFObject): Uint8Array {
  const buf = new Uint8Array(obj.sizeInBytes());
  obj.copyBytesInto(buf, 0);
  return buf;
}

export async function* serialise(doc: PDFDocument, external: readonly ExternalStream[], trailer: { info: PDFRef; id: string }): AsyncGenerator<Uint8Array> {
  const offsets = new Map<number, number>();
  let offset = 0;
  const emit = (b: Uint8Array) => {
    offset += b.byteLength;
    return b;
  };
  // The binary comment marks the file as binary (PDF/A 6.1.2: four bytes above 127).
  yield emit(new Uint8Array([...ascii('%PDF-1.7\n%'), 0xe2, 0xe3, 0xcf, 0xd3, 0x0a]));
  for (const s of external) {
    offsets.set(s.ref.objectNumber, offset);
    yield emit(ascii(`${s.ref.objectNumber} 0 obj\n`));
    yield emit(bytesOf(s.dict));
    yield emit(ascii('\nstream\n'));
    for await (const chunk of s.body()) yield emit(chunk);
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
