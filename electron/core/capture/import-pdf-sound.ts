// A PDF from outside, made fit to read before any page is: not encrypted (or only against
// printing and copying, which PDF/A forbids anyway, so decrypted), its page tree rebuilt from the
// pages that are really there (a /Count of 1000000 over one page, a tree that lists itself), and
// its compressed streams counted as they inflate, stopped at a ceiling derived from the page count
// (a 1 MB file whose content inflates to 1 GiB is a bomb, not a document). qpdf's own --check is
// not used: it holds a whole inflated stream in memory (3 GB for that bomb).
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { createInflate } from 'node:zlib';
import { StationError } from '../errors';
import { uuidv7 } from '../ids';
import { pdfEngine } from '../pdf-engine/engine';

/** What pages may inflate to, each: a colour A3 page at 600 dpi is 209 MB of pixels. */
export const INFLATE_BYTES_PER_PAGE = 256 << 20;
/** Besides the pages: fonts, ICC profiles, metadata. */
const INFLATE_BYTES_BASE = 64 << 20;

export const inflateCeiling = (pages: number) => INFLATE_BYTES_BASE + pages * INFLATE_BYTES_PER_PAGE;

/** A tool's last line of complaint, without the tool's name and without file paths (the message
 * that carries it names the file already; a work copy's path means nothing to anyone). */
export const toolDetail = (text: string) =>
  (text.split('\n').filter(Boolean).slice(-1)[0]?.trim() ?? '')
    .replace(/^(?:qpdf|pdfinfo|pdfimages|pdftoppm|pdftotext):\s*/, '')
    .replace(/'\/[^']*'\s*/g, '')
    .replace(/\/(?:[^\s'/]+\/)+[^\s':]+(?:\s*\((?:object|offset|file position)[^)]*\))?:?\s*/g, '')
    .trim();
const lastLine = toolDetail;

/** Runs a system tool on a PDF (the native engine's way; kept here for callers of old). */
export { pdfTool } from '../pdf-engine/native';

/** Why qpdf could not rebuild the file, in the person's words where the cause is known. */
function damage(stderr: string): { detail: string; detail_vi: string } {
  if (/loop detected in \/Pages|loop in pages/i.test(stderr)) return { detail: 'its page tree lists itself', detail_vi: 'cây trang của tệp tự trỏ về chính nó' };
  return { detail: `damaged beyond repair: ${lastLine(stderr)}`, detail_vi: 'tệp PDF hỏng, không sửa được' };
}

/** Counts what the file's Flate streams inflate to, stopping past `ceiling`. The copy qpdf wrote
 * has no object streams and a direct /Length on every stream: each object is found by its offset
 * (the engine's object offsets), its dictionary read from there, its data streamed through zlib — memory
 * stays small whatever the file's size. */
export async function inflatedBytes(file: string, original: string, ceiling: number): Promise<number> {
  const offsets = await pdfEngine().objectOffsets(file, original);
  const fh = await open(file, 'r');
  let total = 0;
  try {
    const head = Buffer.alloc(HEAD_BYTES);
    for (const offset of offsets) {
      const { bytesRead } = await fh.read(head, 0, HEAD_BYTES, offset);
      const text = head.subarray(0, bytesRead).toString('latin1');
      const at = /\bstream\r?\n/.exec(text);
      if (!at) continue;
      const dict = text.slice(0, at.index);
      if (!/\/Filter\s*(?:\[\s*)?\/(?:FlateDecode|Fl)\b/.test(dict)) continue;
      const length = Number(/\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict)?.[1] ?? NaN);
      if (!Number.isFinite(length) || length <= 0) continue;
      const start = offset + at.index + at[0].length;
      total += await inflateCounted(createReadStream(file, { start, end: start + length - 1 }), ceiling - total);
      if (total > ceiling) return total;
    }
  } finally {
    await fh.close();
  }
  return total;
}

/** A stream object's dictionary fits in this (qpdf writes it on one line before "stream"). */
const HEAD_BYTES = 16 << 10;

/** Inflates `raw`, counting, and stops once more than `budget` bytes came out. A damaged stream
 * counts what inflated before the damage (the renderer stops there too). */
function inflateCounted(raw: NodeJS.ReadableStream & { destroy(): void }, budget: number): Promise<number> {
  return new Promise((resolve) => {
    let n = 0;
    let done = false;
    const z = createInflate();
    const end = () => {
      if (done) return;
      done = true;
      raw.destroy();
      z.destroy();
      resolve(n);
    };
    z.on('data', (d: Buffer) => {
      n += d.length;
      if (n > budget) end();
    });
    z.on('error', end);
    z.on('end', end);
    raw.on('error', end);
    raw.pipe(z);
  });
}

/** A readable, unencrypted copy of the PDF with its real pages only, checked against inflation. */
export async function soundCopy(file: string, workDir: string): Promise<{ file: string; pages: number }> {
  const engine = pdfEngine();
  const encryption = await engine.encryption(file, file);
  if (encryption === 'password') throw new StationError('import-encrypted', { file });
  let current = file;
  if (encryption === 'permissions') {
    // Encrypted without a password to open it (permissions only): PDF/A allows no encryption.
    const plain = join(workDir, `${uuidv7()}-decrypted.pdf`);
    if (!(await engine.decrypt(current, plain, file))) throw new StationError('import-encrypted', { file });
    current = plain;
  }
  // The pages qpdf finds by walking the tree (repairing a damaged cross-reference table on the
  // way), in a new tree whose /Count is theirs; every object outside an object stream. qpdf's
  // default decode level re-encodes LZW, ASCII85, ASCIIHex and RunLength streams as Flate while it
  // copies them (Flate ones it copies as they are), so counting Flate below counts those too.
  const rebuilt = join(workDir, `${uuidv7()}-pages.pdf`);
  const r = await engine.rebuild(current, rebuilt, file);
  if (!r.ok) throw new StationError('import-unreadable', { file, ...damage(r.complaint) });
  const pages = await engine.pageCount(rebuilt, file);
  if (!Number.isInteger(pages) || pages < 1) throw new StationError('import-unreadable', { file, detail: 'the PDF has no pages', detail_vi: 'tệp PDF không có trang nào' });
  const ceiling = inflateCeiling(pages);
  if ((await inflatedBytes(rebuilt, file, ceiling)) > ceiling) throw new StationError('import-inflates-too-much', { file, pages, limitMb: Math.round(ceiling / 2 ** 20) });
  return { file: rebuilt, pages };
}

