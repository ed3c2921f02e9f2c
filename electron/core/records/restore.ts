// Restoring a backup into a data folder, with no station open on it. Everything happens in a
// sibling folder <data>.restoring-<pid>-<n>: every file is copied and checked against the
// manifest's size and SHA-256, the database must open and pass integrity_check; only then is the
// folder renamed into place (an existing station first renamed to <data>.before-restore-<time>,
// never deleted). A crash at any moment leaves the old station untouched, or the new one whole;
// the interrupted sibling is removed by the next restore. The restored folders are 0700 and files
// 0600, as the station keeps them. A backup holds no station key: the result says which ways the
// restored station opens with (its passphrase, or its key file carried separately).
import { stationActorName } from '../auth/station-actor';
import { SettingsStore } from './settings';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { StationError, errorMessage } from '../errors';
import { stationPaths } from '../paths';
import { vietnamCompact } from '../time';
import { noteAuditRow } from './audit';
import { BlobStore, syncDirectory } from './blob-store';
import { DATABASE_FILE, type FileEntry, type Manifest, CopyError, checkFreeSpace, copyHashed, eachLimited, readManifest } from './backup-files';
import { refuseFolderHoldingBackups } from './backup-folders';
import { openDatabase } from './database';
import { keyWays } from './station-key';
import { processAlive } from './housekeeping';
import { LATEST_SCHEMA } from './migrations';

export interface RestoreOptions {
  /** Replace a station already in the data folder (it is moved aside, never deleted). */
  readonly force?: boolean;
  /** Who restores, for the audit log (default: SOHOA_OPERATOR, else the OS account). */
  readonly actor?: string;
  readonly now?: Date;
}

export interface RestoreResult {
  readonly dataDir: string;
  readonly from: string;
  readonly stationId: string;
  readonly schemaVersion: number;
  readonly backupCreatedAt: string;
  readonly files: number;
  readonly bytes: number;
  /** Where the station that was in the data folder went (--force), or null. */
  readonly movedAside: string | null;
  readonly missingBlobs: string[];
  /** How the restored station's key must be supplied (none travels in the backup). */
  readonly opensWith: string[];
  readonly durationMs: number;
}

export async function restoreStation(backupDir: string, dataDir: string, opts: RestoreOptions = {}): Promise<RestoreResult> {
  const started = performance.now();
  const from = resolve(backupDir);
  const target = resolve(dataDir);
  if (!(await stat(from).catch(() => null))?.isDirectory())
    throw new StationError('invalid-input', { field: 'DIR', detail: `${from} is not a folder`, detail_vi: `${from} không phải là thư mục` });
  await refuseFolderHoldingBackups(from);
  const manifest = await readManifest(from);
  if (manifest.schemaVersion > LATEST_SCHEMA) throw new StationError('store-newer', { path: from, found: manifest.schemaVersion, supported: LATEST_SCHEMA });
  await targetState(target, Boolean(opts.force));
  await removeInterruptedRestores(target);

  await mkdir(dirname(target), { recursive: true });
  const temp = await makeTempSibling(target);
  let movedAside: string | null = null;
  let opensWith: string[];
  try {
    const all = [manifest.database, ...manifest.files];
    await checkFreeSpace(dirname(target), all.reduce((n, f) => n + f.bytes, 0), (d) => new StationError('store-io', { detail: d.en, detail_vi: d.vi }));
    const dirs = await copyVerified(from, temp, all);
    opensWith = await proveItOpens(temp, from, manifest, opts.actor ?? null);
    for (const d of [...dirs, join(temp, 'logs'), temp].sort((a, b) => b.length - a.length)) await syncDirectory(d).catch(() => undefined);

    // The switch: two renames. Checked again, since a station may have started meanwhile.
    const state = await targetState(target, Boolean(opts.force));
    if (state === 'occupied') {
      movedAside = await asideName(target, opts.now ?? new Date());
      await rename(target, movedAside).catch((e: unknown) => {
        throw inUseOr(e, target);
      });
    } else if (state === 'empty') await rmdir(target);
    try {
      await rename(temp, target);
    } catch (e) {
      if (movedAside) await rename(movedAside, target).catch(() => undefined);
      movedAside = null;
      throw inUseOr(e, target);
    }
    await syncDirectory(dirname(target)).catch(() => undefined);
  } catch (e) {
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    if (e instanceof StationError) throw e;
    throw new StationError('store-io', { detail: errorMessage(e) }, { cause: e });
  }
  return {
    dataDir: target,
    from,
    stationId: manifest.stationId,
    schemaVersion: manifest.schemaVersion,
    backupCreatedAt: manifest.createdAt,
    files: manifest.files.length,
    bytes: manifest.database.bytes + manifest.files.reduce((n, f) => n + f.bytes, 0),
    movedAside,
    missingBlobs: manifest.missing,
    opensWith,
    durationMs: Math.round(performance.now() - started),
  };
}

/** absent, an empty folder, or one that holds something (a station, or anything: never overwritten).
 * Refuses a folder that a live process has registered in its run/ (the app, a sohoa command). */
async function targetState(target: string, force: boolean): Promise<'absent' | 'empty' | 'occupied'> {
  const info = await stat(target).catch(() => null);
  if (!info) return 'absent';
  if (!info.isDirectory()) throw new StationError('invalid-input', { field: '--data-dir', detail: `${target} is a file`, detail_vi: `${target} là một tệp` });
  const runDir = stationPaths(target).run;
  const live = (await readdir(runDir).catch(() => [] as string[])).filter((n) => /^\d+$/.test(n) && processAlive(Number(n)));
  if (live.length) throw new StationError('restore-target-in-use', { path: target, pids: live.join(', ') });
  if ((await readdir(target)).length === 0) return 'empty';
  if (!force) throw new StationError('restore-target-exists', { path: target });
  return 'occupied';
}

const TEMP_MARK = '.restoring-';

async function makeTempSibling(target: string): Promise<string> {
  for (let n = 1; ; n++) {
    const temp = `${target}${TEMP_MARK}${process.pid}-${n}`;
    try {
      await mkdir(temp, { mode: 0o700 });
      return temp;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new StationError('store-io', { detail: errorMessage(e) }, { cause: e });
    }
  }
}

/** Siblings left by a restore whose process died (a crash, kill -9): partial copies of a backup
 * that still exists, so they are removed. A live process's restore is left alone. */
async function removeInterruptedRestores(target: string): Promise<void> {
  const prefix = `${basename(target)}${TEMP_MARK}`;
  for (const name of await readdir(dirname(target)).catch(() => [] as string[])) {
    const pid = name.startsWith(prefix) ? /^(\d+)-\d+$/.exec(name.slice(prefix.length))?.[1] : undefined;
    if (pid && !processAlive(Number(pid))) await rm(join(dirname(target), name), { recursive: true, force: true });
  }
}

async function asideName(target: string, now: Date): Promise<string> {
  const base = `${target}.before-restore-${vietnamCompact(now)}`;
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base}-${n}`;
    if (!existsSync(name)) return name;
  }
}

/** Copies every file of the manifest, hashing as it goes; names the files that are missing or
 * differ (all of them are checked, so one run says everything that is wrong). */
async function copyVerified(from: string, temp: string, files: readonly FileEntry[]): Promise<Set<string>> {
  const dirs = new Set<string>();
  const bad: { path: string; why: string }[] = [];
  await eachLimited(files, 4, async (f) => {
    const dest = join(temp, ...f.path.split('/'));
    if (!dirs.has(dirname(dest))) {
      await mkdir(dirname(dest), { recursive: true, mode: 0o700 });
      for (let d = dirname(dest); d.startsWith(temp + sep); d = dirname(d)) dirs.add(d);
    }
    try {
      const got = await copyHashed(join(from, ...f.path.split('/')), dest);
      if (got.bytes !== f.bytes) bad.push({ path: f.path, why: `${got.bytes} bytes, expected ${f.bytes}` });
      else if (got.sha256 !== f.sha256) bad.push({ path: f.path, why: 'SHA-256 differs' });
    } catch (e) {
      if (!(e instanceof CopyError) || e.side === 'write') throw e;
      bad.push({ path: f.path, why: e.missing ? 'missing' : errorMessage(e.error) });
    }
  });
  if (bad.length) {
    bad.sort((a, b) => (a.path < b.path ? -1 : 1));
    const list = bad.slice(0, 5).map((b) => `${b.path} (${b.why})`).join(', ') + (bad.length > 5 ? ', …' : '');
    throw new StationError('backup-corrupt', {
      path: from,
      detail: `${bad.length} file(s) differ from the manifest: ${list}`,
      detail_vi: `${bad.length} tệp không khớp manifest: ${list}`,
      files: bad.map((b) => b.path).join(', '),
    });
  }
  return dirs;
}

/** The restored database must open as this version opens any station (an older backup is
 * migrated here), pass integrity_check, be the manifest's station, and hold no blob that the
 * backup does not; the restore is then recorded in its audit log. */
async function proveItOpens(temp: string, from: string, manifest: Manifest, actor: string | null): Promise<string[]> {
  const corrupt = (en: string, vi: string) => new StationError('backup-corrupt', { path: from, detail: en, detail_vi: vi });
  let db;
  try {
    db = openDatabase(join(temp, DATABASE_FILE));
  } catch (e) {
    if (e instanceof StationError && (e.code === 'store-not-ours' || e.code === 'store-corrupt'))
      throw corrupt(`${DATABASE_FILE} does not open: ${e.message}`, `${DATABASE_FILE} không mở được (${e.code})`);
    throw e;
  }
  try {
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw corrupt(`integrity_check: ${String(check)}`, `kiểm tra toàn vẹn cơ sở dữ liệu thất bại (${String(check)})`);
    const id = db.prepare("SELECT value FROM station WHERE key = 'id'").pluck().get() as string | undefined;
    if (id !== manifest.stationId) throw corrupt(`the database is station ${id}, the manifest says ${manifest.stationId}`, `cơ sở dữ liệu là của trạm ${id}, manifest ghi ${manifest.stationId}`);
    const held = new Set(manifest.files.map((f) => f.path));
    const missing = new Set(manifest.missing);
    const layout = new BlobStore(join(temp, 'blobs'), join(temp, 'tmp'));
    const absent: string[] = [];
    // A backup from before retention existed has no purged_at column.
    const purgeKnown = db.prepare("SELECT 1 FROM pragma_table_info('blobs') WHERE name = 'purged_at'").get() !== undefined;
    for (const sha of db.prepare(`SELECT sha256 FROM blobs${purgeKnown ? ' WHERE purged_at IS NULL' : ''}`).pluck().iterate() as IterableIterator<string>) {
      const rel = relative(temp, layout.pathOf(sha)).split(sep).join('/');
      if (!held.has(rel) && !missing.has(sha)) absent.push(sha);
    }
    if (absent.length)
      throw corrupt(`the database names ${absent.length} file(s) the backup does not hold (first: ${absent[0]})`, `cơ sở dữ liệu cần ${absent.length} tệp không có trong bản sao lưu (đầu tiên: ${absent[0]})`);
    await mkdir(join(temp, 'logs'), { recursive: true, mode: 0o700 });
    // The chain's key is the station's, which a restore need not hold: the row waits for the next open.
    noteAuditRow(db, 'restore', { from, backupCreatedAt: manifest.createdAt, files: manifest.files.length }, { name: actor ?? stationActorName(new SettingsStore(db).get(), process.env), userId: null, username: null });
    return keyWays(db);
  } finally {
    db.close();
  }
}

function inUseOr(e: unknown, target: string): StationError {
  const code = (e as NodeJS.ErrnoException).code;
  // Windows refuses to rename a folder that another program holds open.
  if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') return new StationError('restore-target-in-use', { path: target, pids: '?' });
  return new StationError('store-io', { detail: errorMessage(e) }, { cause: e });
}
