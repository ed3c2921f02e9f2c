// A consistent online backup of a station into a new folder <dest>/sohoa-backup-<station>-<time>:
// the database through SQLite's backup API (a snapshot, while the station keeps working), then
// exactly the blob files that snapshot names, then manifest.json last and atomically. A folder
// without a manifest is an interrupted backup and restore refuses it. When <dest> holds an earlier
// backup of the same station, files that are unchanged there are hard-linked, not copied again
// (blobs are immutable), so a daily backup to the same drive costs only what is new.
//
// The backup holds citizens' data and the accounts' password hashes: its folders are 0700 and its
// files 0600. It never holds the station key (not even a development key file): the blobs and the
// sealed columns in it open only with the key supplied at restore — the passphrase, or the key
// file carried separately.
import Database from 'better-sqlite3';
import { chmod, mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Logger } from '../log';
import type { StationPaths } from '../paths';
import { StationError, errorMessage } from '../errors';
import { vietnamIso } from '../time';
import { syncDirectory } from './blob-store';
import {
  BACKUP_PREFIX,
  CopyError,
  DATABASE_FILE,
  type EarlierFile,
  FORMAT,
  FORMAT_VERSION,
  FileEntry,
  MANIFEST,
  type Manifest,
  checkFreeSpace,
  copyHashed,
  eachLimited,
  hashFile,
  latestBackupFiles,
  linkUnchanged,
  writeAtomically,
} from './backup-files';

/** What a backup needs of an open station (Station satisfies it). */
export interface BackupDeps {
  readonly paths: StationPaths;
  readonly info: { readonly version: string; readonly stationId: string };
  readonly blobs: { pathOf(sha256: string): string };
  readonly audit?: { append(action: 'backup', documentId: null, details: Record<string, unknown>): void };
  readonly log?: Logger;
}

export interface BackupOptions {
  /** Hard-link files unchanged since the latest earlier backup in the same folder (default true). */
  readonly incremental?: boolean;
  readonly now?: Date;
}

export interface BackupResult {
  readonly path: string;
  readonly stationId: string;
  readonly schemaVersion: number;
  readonly createdAt: string;
  /** Files in the backup besides the database (the blobs), and all bytes. */
  readonly files: number;
  readonly bytes: number;
  readonly copiedBytes: number;
  readonly linkedFiles: number;
  readonly missingBlobs: string[];
  readonly database: { readonly bytes: number; readonly sha256: string };
  readonly durationMs: number;
}

const outputFailed = (path: string, en: string, vi: string) => new StationError('output-failed', { path, detail: en, detail_vi: vi });

export async function backupStation(deps: BackupDeps, destDir: string, opts: BackupOptions = {}): Promise<BackupResult> {
  const started = performance.now();
  const dest = resolve(destDir);
  const root = resolve(deps.paths.root);
  const info = await stat(dest).catch(() => null);
  if (!info?.isDirectory()) throw outputFailed(dest, 'the folder does not exist (is the drive plugged in?)', 'thư mục không tồn tại (ổ đĩa đã cắm chưa?)');
  if (dest === root || dest.startsWith(root + sep))
    throw outputFailed(dest, 'it is inside the data folder it would back up; choose another folder or drive', 'thư mục nằm trong chính thư mục dữ liệu cần sao lưu; chọn thư mục hoặc ổ đĩa khác');

  const now = opts.now ?? new Date();
  const createdAt = vietnamIso(now);
  const dir = await makeBackupFolder(dest, deps.info.stationId, createdAt);
  let result: BackupResult;
  const live = openLive(deps.paths.database);
  try {
    const dbCopy = join(dir, DATABASE_FILE);
    // Paths as the station lays its blobs out (whatever BlobStore does), relative, with slashes.
    const relOf = (sha: string) => relative(root, resolve(deps.blobs.pathOf(sha))).split(sep).join('/');
    const earlier = opts.incremental === false ? new Map<string, EarlierFile>() : await latestBackupFiles(dest, dir, deps.info.stationId);
    const run: CopyRun = { dir, dest, earlier, copied: new Map(), dirs: new Set([dir]), missing: [], copiedBytes: 0, linkedFiles: 0 };
    let snap: Snapshot;
    for (let attempt = 1; ; attempt++) {
      snap = await takeSnapshot(live, dbCopy, deps.paths.database);
      const todo = snap.blobs.map((b) => ({ ...b, src: deps.blobs.pathOf(b.sha256), rel: relOf(b.sha256) })).filter((b) => !run.copied.has(b.rel));
      if (attempt === 1)
        await checkFreeSpace(dest, todo.reduce((n, b) => n + (earlier.has(b.rel) ? 0 : b.bytes), 0), (d) => outputFailed(dest, d.en, d.vi));
      run.missing = [];
      await eachLimited(todo, 4, (blob) => copyBlob(run, blob));
      // A blob file goes only after its row is gone (a deleted document): if a file is missing
      // and the station no longer lists it, the document was deleted after the snapshot, so the
      // snapshot is taken again (what is already copied stays). Still listed: it is really gone
      // from the station, and the manifest says so.
      const listed = live.prepare('SELECT 1 FROM blobs WHERE sha256 = ?').pluck();
      if (run.missing.every((sha) => listed.get(sha))) break;
      if (attempt === 5) throw new StationError('store-io', { detail: 'documents kept being deleted while the backup ran; try again', detail_vi: 'tài liệu liên tục bị xóa trong lúc sao lưu; hãy thử lại' });
      deps.log?.info('backup: documents deleted meanwhile; taking the database again', { attempt });
    }
    live.close();
    // Copies that the final snapshot no longer names (deleted meanwhile) are not part of it.
    const named = new Set(snap.blobs.map((b) => relOf(b.sha256)));
    for (const rel of [...run.copied.keys()].filter((r) => !named.has(r))) {
      run.copied.delete(rel);
      await rm(join(dir, ...rel.split('/')), { force: true });
    }
    if (run.missing.length) deps.log?.warn('backup: blobs named by the database are missing from the station', { count: run.missing.length, first: run.missing.slice(0, 5) });
    const database = { path: DATABASE_FILE, ...(await hashFile(dbCopy)) };
    const files = [...run.copied.values()].sort((a, b) => (a.path < b.path ? -1 : 1));

    // Every name durable before the manifest says the backup is whole.
    // (EINVAL from the few file systems whose folders cannot be fsynced is not a failure.)
    for (const d of [...run.dirs].sort((x, y) => y.length - x.length)) await syncDirectory(d).catch(() => undefined);
    const { stationId, schemaVersion } = snap;
    const missingBlobs = run.missing.sort();
    const manifest: Manifest = { format: FORMAT, formatVersion: FORMAT_VERSION, stationId, schemaVersion, appVersion: deps.info.version, createdAt, database, files, missing: missingBlobs };
    await writeAtomically(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`).catch((e: unknown) => {
      throw copyFailure(new CopyError('write', e), MANIFEST, dest);
    });
    await syncDirectory(dest).catch(() => undefined);
    result = {
      path: dir,
      stationId,
      schemaVersion,
      createdAt,
      files: files.length,
      bytes: database.bytes + files.reduce((n, f) => n + f.bytes, 0),
      copiedBytes: run.copiedBytes + database.bytes,
      linkedFiles: run.linkedFiles,
      missingBlobs,
      database: { bytes: database.bytes, sha256: database.sha256 },
      durationMs: Math.round(performance.now() - started),
    };
  } catch (e) {
    if (live.open) live.close();
    // An unfinished backup is only clutter (it has no manifest, so nothing would ever use it).
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    throw e;
  }
  try {
    deps.audit?.append('backup', null, { path: result.path, files: result.files, bytes: result.bytes, database: result.database.sha256 });
  } catch (e) {
    // The backup is whole; a busy audit table must not make the person think it failed.
    deps.log?.warn('backup: could not record it in the audit log', { error: errorMessage(e) });
  }
  deps.log?.info('backup written', { path: result.path, files: result.files, bytes: result.bytes, linked: result.linkedFiles, ms: result.durationMs });
  return result;
}

interface CopyRun {
  readonly dir: string;
  readonly dest: string;
  readonly earlier: ReadonlyMap<string, EarlierFile>;
  /** What is in the backup folder so far, by relative path. */
  readonly copied: Map<string, FileEntry>;
  /** Folders made in the backup, to fsync before the manifest. */
  readonly dirs: Set<string>;
  missing: string[];
  copiedBytes: number;
  linkedFiles: number;
}

/** One blob into the backup: linked from the earlier backup if unchanged, else copied and hashed. */
async function copyBlob(run: CopyRun, blob: { sha256: string; src: string; rel: string }): Promise<void> {
  if (!FileEntry.shape.path.safeParse(blob.rel).success) throw new Error(`blob path ${blob.rel} is outside the data folder's blobs/`);
  const target = join(run.dir, ...blob.rel.split('/'));
  try {
    if (!run.dirs.has(dirname(target))) {
      await mkdir(dirname(target), { recursive: true, mode: 0o700 }).catch((e: unknown) => {
        throw new CopyError('write', e);
      });
      for (let d = dirname(target); d.startsWith(run.dir + sep); d = dirname(d)) run.dirs.add(d);
    }
    const prior = run.earlier.get(blob.rel);
    if (prior && (await linkUnchanged(blob.src, prior, target))) {
      run.copied.set(blob.rel, { path: blob.rel, bytes: prior.bytes, sha256: prior.sha256 });
      run.linkedFiles++;
      return;
    }
    const got = await copyHashed(blob.src, target);
    run.copied.set(blob.rel, { path: blob.rel, ...got });
    run.copiedBytes += got.bytes;
  } catch (e) {
    if (e instanceof CopyError && e.missing) return void run.missing.push(blob.sha256);
    throw copyFailure(e, blob.src, run.dest);
  }
}

/** sohoa-backup-<first 8 of the station id>-<YYYYMMDD-HHmmss, Vietnam time>, made with mkdir so
 * that two backups in the same second get two folders. */
async function makeBackupFolder(dest: string, stationId: string, createdAt: string): Promise<string> {
  const stamp = createdAt.slice(0, 19).replace(/-|:/g, '').replace('T', '-');
  const base = `${BACKUP_PREFIX}${stationId.slice(0, 8)}-${stamp}`;
  for (let n = 1; ; n++) {
    const dir = join(dest, n === 1 ? base : `${base}-${n}`);
    try {
      await mkdir(dir, { mode: 0o700 });
      return dir;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && n < 100) continue;
      throw outputFailed(dest, errorMessage(e), `không tạo được thư mục sao lưu (${errorMessage(e)})`);
    }
  }
}

/** Our own connection to the station's database: the backup reads through it, and asks it
 * whether a vanished blob is still listed. */
function openLive(path: string): Database.Database {
  try {
    const db = new Database(path, { fileMustExist: true });
    db.pragma('busy_timeout = 10000');
    return db;
  } catch (e) {
    throw new StationError('store-io', { detail: `backup of the database: ${errorMessage(e)}` }, { cause: e });
  }
}

interface Snapshot {
  readonly stationId: string;
  readonly schemaVersion: number;
  readonly blobs: { sha256: string; bytes: number }[];
}

/** SQLite's online backup API into `copy`, then what the copy names: station, schema, blobs.
 * All pages in one step: one read transaction, so the copy is one moment of the database; in WAL
 * mode it never blocks writers (small steps would restart whenever the station writes, and might
 * never finish while it scans). */
async function takeSnapshot(live: Database.Database, copy: string, original: string): Promise<Snapshot> {
  await rm(copy, { force: true });
  try {
    await live.backup(copy, { progress: () => 0x7fffffff });
    // SQLite creates it 0644; it holds the password hashes (the folder is 0700 meanwhile).
    if (process.platform !== 'win32') await chmod(copy, 0o600);
  } catch (e) {
    throw new StationError('store-io', { detail: `backup of the database: ${errorMessage(e)}` }, { cause: e });
  }
  const db = new Database(copy, { fileMustExist: true });
  try {
    // One self-contained file: a WAL-mode copy grows -wal and -shm files whenever it is opened.
    db.pragma('journal_mode = DELETE');
    // A damaged station is better found now than on the day it must be restored.
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new StationError('store-corrupt', { path: original, detail: `quick_check: ${String(check)}` });
    const stationId = (db.prepare("SELECT value FROM station WHERE key = 'id'").pluck().get() as string | undefined) ?? 'unknown';
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    // In name order, so that the blobs/ab/cd folders fill one after another.
    // Purged page images (retention) are gone on purpose: nothing to copy.
    const blobs = db.prepare('SELECT sha256, bytes FROM blobs WHERE purged_at IS NULL ORDER BY sha256').all() as { sha256: string; bytes: number }[];
    return { stationId, schemaVersion, blobs };
  } finally {
    db.close();
  }
}

function copyFailure(e: unknown, src: string, dest: string): StationError {
  if (e instanceof StationError) return e;
  if (e instanceof CopyError && e.side === 'write') return outputFailed(dest, errorMessage(e.error), `lỗi ghi (${errorMessage(e.error)})`);
  return new StationError('store-io', { detail: `${src}: ${errorMessage(e instanceof CopyError ? e.error : e)}` }, { cause: e });
}
