// Which files an import reads: the paths a person gave, a folder contributing its importable
// files by name. Nothing is opened before it is known to be an ordinary file: a FIFO would block
// the open (and the station with it), a device or socket is no document, a link may lead nowhere
// or in a circle, a folder may be named like a file, and a name may not be UTF-8 (the station
// could not name it back). A path given by itself that is any of these refuses the import with its
// own code; inside a folder it is skipped and named, and the folder's good files are still imported.
import { constants, type Stats } from 'node:fs';
import { lstat, open, readdir, readlink, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import type { WireError } from '../../contract';
import { StationError } from '../errors';

const IMPORTABLE = new Set(['.jpg', '.jpeg', '.png', '.tif', '.tiff', '.webp', '.pdf']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** An entry of a folder the import passed over, and why. */
export interface SkippedEntry {
  readonly file: string;
  readonly error: WireError;
}

export interface Walk {
  readonly files: string[];
  readonly skipped: SkippedEntry[];
}

const errno = (e: unknown) => (e as NodeJS.ErrnoException).code;

/** Why an existing entry that is not an ordinary file cannot be imported (null: it can). */
function notAFile(file: string, s: Stats): StationError | null {
  if (s.isFile()) return s.size === 0 ? new StationError('import-empty-file', { file }) : null;
  if (s.isFIFO()) return new StationError('import-fifo', { file });
  if (s.isSocket()) return new StationError('import-socket', { file });
  if (s.isCharacterDevice() || s.isBlockDevice()) return new StationError('import-device', { file });
  if (s.isDirectory()) return new StationError('import-folder-named-like-file', { file });
  return new StationError('import-unreadable', { file, detail: 'not an ordinary file', detail_vi: 'không phải tệp thông thường' });
}

/** What the entry is, following a link: its stats, or the coded reason it leads to no file. */
async function follow(file: string | Buffer, shown: string): Promise<Stats | StationError> {
  const own = await lstat(file).catch((e: unknown) => e as NodeJS.ErrnoException);
  if (own instanceof Error) {
    if (errno(own) === 'EACCES') return new StationError('import-no-permission', { file: shown });
    // A name that lost bytes on the way here (the terminal's argv is decoded as UTF-8) is not found.
    if (errno(own) === 'ENOENT' && shown.includes('\uFFFD')) return new StationError('import-name-undecodable', { file: shown });
    if (errno(own) === 'ELOOP') return new StationError('import-link-loop', { file: shown });
    return new StationError('import-unreadable', { file: shown, detail: 'no such file or folder', detail_vi: 'không có tệp hoặc thư mục này' });
  }
  if (!own.isSymbolicLink()) return own;
  const target = await stat(file).catch((e: unknown) => e as NodeJS.ErrnoException);
  if (!(target instanceof Error)) return target;
  if (errno(target) === 'ELOOP') return new StationError('import-link-loop', { file: shown });
  if (errno(target) === 'EACCES') return new StationError('import-no-permission', { file: shown });
  const to = await readlink(file, 'utf8').catch(() => '?');
  return new StationError('import-dangling-link', { file: shown, target: to });
}

/** A folder's entries with an importable name, sorted as a person numbers pages. */
async function folderEntries(dir: string): Promise<Walk> {
  const raw = await readdir(dir, { encoding: 'buffer' }).catch((e: unknown) => {
    throw errno(e) === 'EACCES' ? new StationError('import-no-permission', { file: dir }) : e;
  });
  const files: string[] = [];
  const skipped: SkippedEntry[] = [];
  const named: { name: string; path: string | Buffer; decodable: boolean }[] = [];
  for (const b of raw) {
    const decodable = (() => {
      try {
        utf8.decode(b);
        return true;
      } catch {
        return false;
      }
    })();
    const name = b.toString('utf8');
    if (!IMPORTABLE.has(extname(name).toLowerCase())) continue;
    named.push({ name, path: decodable ? join(dir, name) : Buffer.concat([Buffer.from(`${dir}/`), b]), decodable });
  }
  named.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  for (const n of named) {
    const shown = join(dir, n.name);
    if (!n.decodable) {
      skipped.push({ file: shown, error: new StationError('import-name-undecodable', { file: shown }).toWire() });
      continue;
    }
    const s = await follow(n.path, shown);
    const why = s instanceof StationError ? s : notAFile(shown, s);
    if (why) skipped.push({ file: shown, error: why.toWire() });
    else files.push(shown);
  }
  return { files, skipped };
}

/** Files to import, in the order given; a folder contributes its importable files by name. */
export async function walkImport(paths: readonly string[]): Promise<Walk> {
  const files: string[] = [];
  const skipped: SkippedEntry[] = [];
  for (const p of paths.map((x) => resolve(x))) {
    const s = await follow(p, p);
    if (s instanceof StationError) throw s;
    if (s.isDirectory()) {
      const inFolder = await folderEntries(p);
      files.push(...inFolder.files);
      skipped.push(...inFolder.skipped);
      continue;
    }
    const why = notAFile(p, s);
    if (why) throw why;
    files.push(p);
  }
  if (files.length === 0 && skipped.length === 1) throw new StationError(skipped[0]!.error.code, skipped[0]!.error.details ?? {});
  if (files.length === 0 && skipped.length > 1)
    throw new StationError('import-nothing-importable', { count: skipped.length, files: skipped.map((s) => `“${s.file}” (${s.error.code})`).join(', ') });
  if (files.length === 0)
    throw new StationError('invalid-input', { field: 'paths', detail: 'no images or PDFs were found', detail_vi: 'không tìm thấy ảnh hoặc tệp PDF nào' });
  return { files, skipped };
}

/** Whether the file starts like a PDF. Opened without blocking, and checked once open to be the
 * ordinary file the walk saw (it could have been swapped for a FIFO since). */
export async function isPdf(file: string): Promise<boolean> {
  const fh = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)).catch((e: unknown) => {
    // Gone or changed since the walk saw it, or not ours to read: said as such, never `internal`.
    if (errno(e) === 'EACCES' || errno(e) === 'EPERM') throw new StationError('import-no-permission', { file });
    throw new StationError('import-unreadable', { file, detail: errno(e) === 'ENOENT' ? 'no such file or folder' : String((e as Error).message), detail_vi: 'không mở được tệp' });
  });
  try {
    const s = await fh.stat();
    if (!s.isFile()) throw notAFile(file, s) ?? new StationError('import-unreadable', { file, detail: 'not an ordinary file', detail_vi: 'không phải tệp thông thường' });
    const head = Buffer.alloc(5);
    await fh.read(head, 0, 5, 0);
    return head.toString('latin1') === '%PDF-';
  } finally {
    await fh.close();
  }
}
