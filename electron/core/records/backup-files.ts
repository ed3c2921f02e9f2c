// What backup and restore share: the manifest (its shape, read with coded errors), copying a file
// while hashing the bytes as they are on disk, the free-space check, and finding the earlier
// backup whose unchanged files an incremental backup hard-links. The manifest records each
// file's own SHA-256 and size, never its name: once blobs are encrypted at rest a blob's name is
// the hash of its plaintext, not of the file.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, link, lstat, open, readFile, readdir, rename, stat, statfs } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { StationError, errorMessage } from '../errors';
import { syncDirectory } from './blob-store';

export const MANIFEST = 'manifest.json';
export const DATABASE_FILE = 'station.sqlite';
export const BACKUP_PREFIX = 'sohoa-backup-';
export const FORMAT = 'sohoa-station-backup';
export const FORMAT_VERSION = 1;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
// Relative, forward slashes, inside blobs/ (or the database itself): a manifest can never make a
// restore write outside the folder it restores into. station.key: a development station's key
// file, which backups made before issue 15 carried (they restore it); backups never carry it now.
const RelativePath = z
  .string()
  .max(1024)
  .regex(/^(station\.sqlite|station\.key|blobs(\/[A-Za-z0-9_.-]+)+)$/)
  .refine((p) => !p.split('/').some((s) => s === '.' || s === '..'), 'no . or .. segments');

export const FileEntry = z.object({ path: RelativePath, bytes: z.number().int().nonnegative(), sha256: Sha256 }).strict();
export type FileEntry = z.infer<typeof FileEntry>;

export const Manifest = z
  .object({
    format: z.literal(FORMAT),
    formatVersion: z.number().int().positive(),
    stationId: z.string().min(1).max(64),
    schemaVersion: z.number().int().nonnegative(),
    appVersion: z.string(),
    createdAt: z.string(),
    database: FileEntry,
    files: z.array(FileEntry),
    /** Blobs the database named whose file was already gone from the station when it was copied. */
    missing: z.array(Sha256),
  })
  .strict();
export type Manifest = z.infer<typeof Manifest>;

/** Reads and checks a backup's manifest: absent is an incomplete backup, unreadable a corrupt one. */
export async function readManifest(backupDir: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(join(backupDir, MANIFEST), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') throw new StationError('backup-incomplete', { path: backupDir });
    throw new StationError('backup-corrupt', { path: backupDir, detail: `${MANIFEST}: ${errorMessage(e)}`, detail_vi: `không đọc được ${MANIFEST} (${errorMessage(e)})` }, { cause: e });
  }
  let parsed: z.ZodSafeParseResult<Manifest>;
  try {
    parsed = Manifest.safeParse(JSON.parse(text));
  } catch (e) {
    throw new StationError('backup-corrupt', { path: backupDir, detail: `${MANIFEST} is not JSON`, detail_vi: `${MANIFEST} không phải JSON` }, { cause: e });
  }
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = `${MANIFEST}: ${issue.path.join('.') || '(root)'}`;
    throw new StationError('backup-corrupt', { path: backupDir, detail: `${where}: ${issue.message}`, detail_vi: `${where} không hợp lệ` });
  }
  const m = parsed.data;
  if (m.formatVersion > FORMAT_VERSION)
    throw new StationError('backup-corrupt', {
      path: backupDir,
      detail: `backup format ${m.formatVersion} is newer than this version reads (${FORMAT_VERSION}); update SoHoa Station`,
      detail_vi: `định dạng sao lưu ${m.formatVersion} mới hơn phiên bản này đọc được (${FORMAT_VERSION}); hãy cập nhật Trạm Số hóa`,
    });
  if (m.database.path !== DATABASE_FILE || new Set(m.files.map((f) => f.path)).size !== m.files.length || m.files.some((f) => f.path === DATABASE_FILE))
    throw new StationError('backup-corrupt', { path: backupDir, detail: `${MANIFEST} lists a file twice`, detail_vi: `${MANIFEST} liệt kê một tệp hai lần` });
  return m;
}

export interface Hashed {
  readonly bytes: number;
  readonly sha256: string;
}

/** Which side of a copy failed: reading the source (missing, unreadable) or writing the copy. */
export class CopyError extends Error {
  constructor(
    readonly side: 'read' | 'write',
    readonly error: unknown,
  ) {
    super(errorMessage(error), { cause: error });
  }
  get missing(): boolean {
    return this.side === 'read' && (this.error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

const CHUNK = 1 << 20;

async function* chunks(path: string): AsyncGenerator<Buffer> {
  try {
    // A symbolic link in a backup could make a restore copy any file of the computer in.
    if (!(await lstat(path)).isFile()) throw Object.assign(new Error(`${path} is not a regular file`), { code: 'EINVAL' });
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) yield chunk as Buffer;
  } catch (e) {
    throw new CopyError('read', e);
  }
}

/** Copies src to a new file dest (never over one, readable by this OS account only), hashing the
 * bytes as they pass; durable (fsync) before it returns. */
export async function copyHashed(src: string, dest: string): Promise<Hashed> {
  const hash = createHash('sha256');
  let bytes = 0;
  const source = chunks(src);
  const first = await source.next(); // a missing source fails before the copy is created
  const fh = await open(dest, 'wx', 0o600).catch((e: unknown) => {
    throw new CopyError('write', e);
  });
  try {
    for (let r = first; !r.done; r = await source.next()) {
      hash.update(r.value);
      bytes += r.value.byteLength;
      await fh.write(r.value).catch((e: unknown) => {
        throw new CopyError('write', e);
      });
    }
    await fh.sync().catch((e: unknown) => {
      throw new CopyError('write', e);
    });
  } finally {
    await source.return(undefined); // closes the source when a write failed half-way
    await fh.close();
  }
  return { bytes, sha256: hash.digest('hex') };
}

export async function hashFile(path: string): Promise<Hashed> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of chunks(path)) {
    hash.update(chunk);
    bytes += chunk.byteLength;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** Refuses to start work that cannot fit (a USB stick that is nearly full), before writing. */
export async function checkFreeSpace(dir: string, needed: number, onFail: (detail: { en: string; vi: string }) => StationError): Promise<void> {
  const fs = await statfs(dir).catch(() => null);
  if (!fs) return; // unknown: the copy itself will report a full disk
  const free = fs.bavail * fs.bsize;
  // 1% and 16 MB of margin: directories, the manifest, the file system's own bookkeeping.
  if (free < needed * 1.01 + 16 * 2 ** 20) {
    const mb = (n: number) => (n / 2 ** 20).toFixed(0);
    throw onFail({ en: `not enough free space: ${mb(needed)} MB needed, ${mb(free)} MB free`, vi: `không đủ dung lượng trống: cần ${mb(needed)} MB, còn ${mb(free)} MB` });
  }
}

/** Runs fn over the items, at most `concurrency` at a time (several files in flight hide each
 * file's fsync latency, which dominates on USB drives). After a failure no new item starts, and it
 * is thrown only once every item in flight has stopped, so the caller can clean up behind it. */
export async function eachLimited<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const item = items[next++]!;
      await fn(item).catch((error: unknown) => {
        failure ??= { error };
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  if (failure) throw failure.error;
}

// Incremental backups: the newest earlier backup of the station in the same folder.

export interface EarlierFile {
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** The files of the newest complete earlier backup of this station in dest, by relative path. */
export async function latestBackupFiles(dest: string, current: string, stationId: string): Promise<Map<string, EarlierFile>> {
  const names = (await readdir(dest).catch(() => [] as string[])).filter((n) => n.startsWith(BACKUP_PREFIX) && join(dest, n) !== current);
  let best: { dir: string; manifest: Manifest } | undefined;
  for (const name of names) {
    const manifest = await readManifest(join(dest, name)).catch(() => undefined); // interrupted or foreign: ignored
    if (manifest?.stationId === stationId && (!best || manifest.createdAt > best.manifest.createdAt)) best = { dir: join(dest, name), manifest };
  }
  const files = new Map<string, EarlierFile>();
  for (const f of best?.manifest.files ?? []) files.set(f.path, { file: join(best!.dir, ...f.path.split('/')), bytes: f.bytes, sha256: f.sha256 });
  return files;
}

/** Links the earlier backup's copy when the station's file still hashes to what that backup
 * recorded (a re-encrypted blob keeps its name but not its bytes). False: copy it instead. */
export async function linkUnchanged(src: string, prior: EarlierFile, target: string): Promise<boolean> {
  const now = await hashFile(src);
  if (now.sha256 !== prior.sha256 || now.bytes !== prior.bytes) return false;
  if ((await stat(prior.file).catch(() => null))?.size !== prior.bytes) return false;
  try {
    await link(prior.file, target);
  } catch {
    return false; // FAT and exFAT drives have no hard links
  }
  // The earlier backup's file too (one inode): an earlier version made them 0644.
  if (process.platform !== 'win32') await chmod(target, 0o600).catch(() => undefined);
  return true;
}

/** Temporary name, fsync, rename: the file is either absent or whole. */
export async function writeAtomically(path: string, text: string): Promise<void> {
  const tmp = `${path}.part`;
  const fh = await open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(text);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
  await syncDirectory(dirname(path));
}
