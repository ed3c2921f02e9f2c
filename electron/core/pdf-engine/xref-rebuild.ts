// A cross-reference section rebuilt from the objects a file really holds, for a PDF whose own is
// lost (cut off with its `startxref`, or pointing nowhere). The system qpdf rebuilds such a file
// itself; the WebAssembly build of qpdf cannot (its recovery path never runs: it answers "can't
// find startxref"), so the portable engine does what qpdf's reconstruction does — find every
// "N G obj", the objects inside object streams, the trailer's /Root (or the catalog) — and appends
// a cross-reference stream saying so; qpdf then reads the copy like any sound file.
import { readFile, writeFile } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';

/** An object stream's contents are read only up to this (its index is at the start). */
const MAX_OBJSTM_BYTES = 64 << 20;

type Entry = { type: 1; offset: number; gen: number } | { type: 2; stream: number; index: number };

const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);

/** The objects in object stream `num` (its dictionary and data at `offset` in `text`). */
function objectStreamIndex(bytes: Buffer, text: string, offset: number): number[] {
  const head = text.slice(offset, offset + 4096);
  const at = /\bstream(\r\n|\n|\r)/.exec(head);
  if (!at || !/\/Type\s*\/ObjStm\b/.test(head.slice(0, at.index))) return [];
  const dict = head.slice(0, at.index);
  const n = Number(/\/N\s+(\d+)/.exec(dict)?.[1] ?? NaN);
  const first = Number(/\/First\s+(\d+)/.exec(dict)?.[1] ?? NaN);
  if (!Number.isFinite(n) || !Number.isFinite(first) || !/\/Filter\s*(?:\[\s*)?\/FlateDecode\s*\]?/.test(dict)) return [];
  const start = offset + at.index + at[0].length;
  const direct = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
  const end = direct ? start + Number(direct[1]) : text.indexOf('endstream', start);
  if (end <= start) return [];
  let data: Buffer;
  try {
    data = inflateSync(bytes.subarray(start, end), { maxOutputLength: MAX_OBJSTM_BYTES, finishFlush: 2 /* Z_SYNC_FLUSH: a cut stream gives what it has */ });
  } catch {
    return [];
  }
  const pairs = data.subarray(0, first).toString('latin1').trim().split(/\s+/).map(Number);
  const nums: number[] = [];
  for (let i = 0; i + 1 < pairs.length && nums.length < n; i += 2) if (Number.isInteger(pairs[i])) nums.push(pairs[i]!);
  return nums;
}

/** Writes to `out` the file with a new cross-reference stream after it; false when no object or
 * no catalog was found (nothing to rebuild from). */
export async function rebuildXref(file: string, out: string): Promise<boolean> {
  const bytes = await readFile(file);
  const text = bytes.toString('latin1');
  const entries = new Map<number, Entry>();
  const streams: number[] = [];
  for (const m of text.matchAll(/(\d{1,10})[\0\t\n\f\r ]+(\d{1,5})[\0\t\n\f\r ]+obj\b/g)) {
    if (m.index > 0 && !WHITE.has(bytes[m.index - 1]!)) continue;
    const num = Number(m[1]);
    if (num < 1 || num > 8_388_607) continue;
    entries.set(num, { type: 1, offset: m.index, gen: Number(m[2]) }); // the last definition wins
    streams.push(num);
  }
  if (entries.size === 0) return false;
  for (const num of streams) {
    const e = entries.get(num);
    if (e?.type !== 1) continue;
    objectStreamIndex(bytes, text, e.offset).forEach((inner, index) => {
      if (!entries.has(inner)) entries.set(inner, { type: 2, stream: num, index });
    });
  }
  const last = (re: RegExp) => [...text.matchAll(re)].at(-1);
  let root = Number(last(/\/Root\s+(\d+)\s+\d+\s+R/g)?.[1] ?? NaN);
  if (!entries.has(root)) {
    // No trailer left: the catalog itself, as qpdf looks for it (the last one defined).
    const isCatalog = (e: Entry) => e.type === 1 && /\/Type\s*\/Catalog\b/.test(text.slice(e.offset, e.offset + 2048).split('endobj')[0]!);
    root = [...entries].filter(([, e]) => isCatalog(e)).at(-1)?.[0] ?? NaN;
  }
  if (!entries.has(root)) return false;
  const rootEntry = entries.get(root)!;
  const rootRef = `${root} ${rootEntry.type === 1 ? rootEntry.gen : 0} R`;
  const info = last(/\/Info\s+(\d+)\s+(\d+)\s+R/g);
  const encrypt = last(/\/Encrypt\s+(\d+)\s+(\d+)\s+R/g);
  const id = last(/\/ID\s*\[\s*(<[0-9A-Fa-f\s]*>)\s*(<[0-9A-Fa-f\s]*>)\s*\]/g);

  const self = Math.max(...entries.keys()) + 1;
  const tail = bytes.length > 0 && bytes[bytes.length - 1] === 0x0a ? '' : '\n';
  const selfOffset = bytes.length + tail.length;
  entries.set(self, { type: 1, offset: selfOffset, gen: 0 });
  const size = self + 1;
  // /W [1 5 2]: type, offset or object stream (5 bytes: files up to 1 TB), generation or index.
  const rows = Buffer.alloc(size * 8);
  for (let n = 0; n < size; n++) {
    const e = entries.get(n);
    const at = n * 8;
    if (!e) {
      rows[at] = 0;
      rows.writeUInt16BE(n === 0 ? 65535 : 0, at + 6);
      continue;
    }
    rows[at] = e.type;
    rows.writeUIntBE(e.type === 1 ? e.offset : e.stream, at + 1, 5);
    rows.writeUInt16BE(e.type === 1 ? Math.min(e.gen, 65535) : e.index, at + 6);
  }
  const trailer = [`/Root ${rootRef}`, info && entries.has(Number(info[1])) ? `/Info ${info[1]} ${info[2]} R` : '', encrypt ? `/Encrypt ${encrypt[1]} ${encrypt[2]} R` : '', id ? `/ID [${id[1]} ${id[2]}]` : ''].filter(Boolean).join(' ');
  const head = `${tail}${self} 0 obj\n<< /Type /XRef /Size ${size} /W [1 5 2] ${trailer} /Length ${rows.length} >>\nstream\n`;
  const foot = `\nendstream\nendobj\nstartxref\n${selfOffset}\n%%EOF\n`;
  await writeFile(out, Buffer.concat([bytes, Buffer.from(head, 'latin1'), rows, Buffer.from(foot, 'latin1')]));
  return true;
}
