// Backup and restore: a consistent copy taken while the station works, and a restore that checks
// every file against the manifest and never leaves a half-restored station that looks whole.
// The sohoa commands, and kill -9 in the middle of a restore: test/cli/backup-command.test.ts.
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA } from '../../electron/core/records/migrations';
import { backupStation } from '../../electron/core/records/backup';
import { restoreStation } from '../../electron/core/records/restore';
import { StationError } from '../../electron/core/errors';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation } from '../helpers/station';
import { sha256OfFile } from '../helpers/files';

let t: TestStation;
let tmp: ReturnType<typeof tempDir>;
let png: string;
let folders = 0;

const sha = sha256OfFile;
const folder = (name: string) => {
  const dir = join(tmp.path, `${name}-${++folders}`);
  mkdirSync(dir);
  return dir;
};
const backup = async (dir = folder('usb')) => t.call('station.backup', { dir });
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: { path: string; bytes: number; sha256: string }[]; [k: string]: unknown };
async function refusal(p: Promise<unknown>): Promise<StationError> {
  const e: unknown = await p.then(() => 'it succeeded', (x: unknown) => x);
  if (!(e instanceof StationError)) throw new Error(`expected a StationError: ${String(e)}`);
  return e;
}
/** Every document as the station holds it: metadata, pages and their hashes, PDF, signatures. */
const documentsOf = (s: TestStation) =>
  s.station.documents
    .list({ limit: 1000, offset: 0 })
    .map((d) => s.station.documents.get(d.id))
    .sort((a, b) => (a!.id < b!.id ? -1 : 1));
/** Every folder under `dir` (and itself) 0700, every file 0600 (of those `copied`). */
function expectPrivate(dir: string, copied: (name: string) => boolean = () => true): void {
  expect(statSync(dir).mode & 0o777, dir).toBe(0o700);
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(e.parentPath, e.name);
    if (e.isDirectory()) expect(statSync(path).mode & 0o777, path).toBe(0o700);
    else if (copied(path)) expect(statSync(path).mode & 0o777, path).toBe(0o600);
  }
}
const leftovers = (target: string) => readdirSync(dirname(target)).filter((n) => n.startsWith(`${basename(target)}.`));

beforeAll(async () => {
  tmp = tempDir('backup');
  t = await openTestStation({ env: { ...process.env, SOHOA_OPERATOR: 'Phạm Thu Trang' } });
  png = join(tmp.path, 'trang.png');
  const text = '<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="300"><text x="100" y="200" font-size="120">Sao lưu</text></svg>';
  await sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#f4f0e6' } })
    .composite([{ input: Buffer.from(text), top: 200, left: 0 }])
    .png()
    .toFile(png);
  await t.call('documents.import', { paths: [png, png], ocr: 'skip', metadata: { title: 'Giấy khai sinh', ownerIdNumber: '001203004567', ownerName: 'Lê Thị Hoa' } });
  await t.call('documents.import', { paths: [png], ocr: 'skip', metadata: { title: 'Sổ hộ khẩu' } });
});

afterAll(async () => {
  await t?.close();
  tmp?.cleanup();
});

describe('backup', () => {
  it('copies a consistent snapshot while the station imports, and restores the same documents, pages and files', async () => {
    const before = documentsOf(t).map((d) => d!.id);
    const [b] = await Promise.all([backup(), t.call('documents.import', { paths: [png], ocr: 'skip', metadata: { title: 'Nhập trong lúc sao lưu' } })]);
    expect(basename(b.path)).toMatch(/^sohoa-backup-[0-9a-f]{8}-\d{8}-\d{6}$/);
    // Nothing of tmp/, spool/, run/, logs/, and never the station key.
    expect(readdirSync(b.path).sort()).toEqual(['blobs', 'manifest.json', 'station.sqlite']);
    // Citizens' data and password hashes: for this OS account only.
    expectPrivate(b.path);
    const m = manifestOf(b.path);
    expect(m).toMatchObject({ format: 'sohoa-station-backup', formatVersion: 1, stationId: t.station.info.stationId, schemaVersion: LATEST_SCHEMA, missing: [] });
    expect(m.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+07:00$/);
    // Each file's recorded hash is of its bytes on disk (not taken from its name).
    for (const f of [m.database as { path: string; sha256: string }, ...m.files]) expect(sha(join(b.path, f.path)), f.path).toBe(f.sha256);
    expect(b.files).toBe(m.files.length);

    const target = join(folder('restored'), 'data');
    const r = await restoreStation(b.path, target);
    expect(r).toMatchObject({ dataDir: target, stationId: t.station.info.stationId, movedAside: null, files: b.files });
    expect(r.opensWith).toEqual(['passphrase (SOHOA_STATION_PASSPHRASE)']); // the key is supplied, not restored
    expect(leftovers(target)).toEqual([]);
    expectPrivate(target, (path) => !path.includes(join(target, 'logs'))); // what it copied; logs/ is the audit's
    const s = await openTestStation({ dataDir: target });
    try {
      const restored = documentsOf(s);
      const ids = restored.map((d) => d!.id);
      expect(ids).toEqual(expect.arrayContaining(before)); // everything saved before the backup began
      expect(ids.length).toBeLessThanOrEqual(before.length + 1); // the import running meanwhile: whole or absent
      const original = new Map(documentsOf(t).map((d) => [d!.id, d]));
      for (const d of restored) expect(d).toEqual(original.get(d!.id));
      // Every blob the restored database lists is there and matches its name.
      const db = new Database(join(target, 'station.sqlite'), { readonly: true });
      const blobs = db.prepare('SELECT sha256 FROM blobs').pluck().all() as string[];
      db.close();
      expect(blobs.length).toBe(m.files.filter((f) => f.path.startsWith('blobs/')).length);
      for (const h of blobs) expect(await s.station.blobs.verify(h), h).toBe(true);
      expect(await s.call('audit.verify', {})).toMatchObject({ ok: true, problems: [] });
      expect((await s.call('audit.list', { limit: 1 }))[0]).toMatchObject({ action: 'restore', actor: expect.any(String) });
    } finally {
      await s.close();
    }
    expect((await t.call('audit.list', { limit: 5 })).map((a) => a.action)).toContain('backup');
  });

  it('hard-links the files an earlier backup in the same folder already holds, unless asked for a full copy', async () => {
    const dest = folder('daily');
    const first = await backup(dest);
    const second = await backup(dest);
    expect(second.path).not.toBe(first.path);
    expect(second.linkedFiles).toBe(second.files);
    const f = manifestOf(second.path).files[0]!.path;
    expect(statSync(join(second.path, f)).ino).toBe(statSync(join(first.path, f)).ino);
    expectPrivate(second.path);
    const full = await t.call('station.backup', { dir: dest, incremental: false });
    expect(full.linkedFiles).toBe(0);
    expect(full.copiedBytes).toBe(full.bytes);
  });

  it('takes the database again when a document is deleted between the snapshot and the copy of its files', async () => {
    const own = join(tmp.path, 'rieng.png'); // blobs of its own, so that deleting it removes files
    await sharp({ create: { width: 800, height: 1100, channels: 3, background: '#d8e8f8' } }).png().toFile(own);
    const victim = (await t.call('documents.import', { paths: [own], ocr: 'skip', metadata: { title: 'Sẽ bị xóa' } })).id;
    let deleted = false;
    const { paths, info, audit, log } = t.station;
    // pathOf is first called right after the snapshot: the deletion lands before any copy.
    const pathOf = (h: string) => {
      if (!deleted) t.station.deleteDocument(victim, { userId: null, name: 'Quản trị', role: 'admin' }, 'thử sao lưu');
      deleted = true;
      return t.station.blobs.pathOf(h);
    };
    const deps = { paths, info, audit, log, blobs: { pathOf } };
    const b = await backupStation(deps, folder('retake'));
    expect(deleted).toBe(true);
    expect(b.missingBlobs).toEqual([]);
    const target = join(folder('retaken'), 'data');
    await restoreStation(b.path, target);
    const s = await openTestStation({ dataDir: target });
    try {
      expect(documentsOf(s).map((d) => d!.id)).toEqual(documentsOf(t).map((d) => d!.id)); // without the deleted one
    } finally {
      await s.close();
    }
    expect(readFileSync(join(t.dataDir, 'logs', 'station.log'), 'utf8')).toMatch(/taking the database again/);
  });

  it('records a file already lost from the station as missing, and restores the rest', async () => {
    const lost = (await t.call('documents.import', { paths: [png], ocr: 'skip', metadata: { title: 'Mất thumbnail' } })).pages[0]!;
    const db = new Database(join(t.dataDir, 'station.sqlite'), { readonly: true });
    const thumb = db.prepare('SELECT thumb_sha256 FROM pages WHERE id = ?').pluck().get(lost.id) as string;
    db.close();
    const file = t.station.blobs.pathOf(thumb);
    const kept = readFileSync(file);
    rmSync(file);
    try {
      const b = await backup();
      expect(b.missingBlobs).toEqual([thumb]);
      const r = await restoreStation(b.path, join(folder('lost'), 'data'));
      expect(r.missingBlobs).toEqual([thumb]);
    } finally {
      writeFileSync(file, kept);
    }
  });

  it('refuses a destination that is missing or inside the data folder, and leaves nothing behind', async () => {
    const missing = await t.call('station.backup', { dir: join(tmp.path, 'no-such-drive') }).catch((e: { wire: { code: string } }) => e.wire);
    expect(missing).toMatchObject({ code: 'output-failed' });
    const inside = await t.call('station.backup', { dir: join(t.dataDir, 'logs') }).catch((e: { wire: { code: string } }) => e.wire);
    expect(inside).toMatchObject({ code: 'output-failed' });
    expect(readdirSync(join(t.dataDir, 'logs')).filter((n) => n.startsWith('sohoa-backup-'))).toEqual([]);
  });
});

describe('restore refuses, and changes nothing', () => {
  let good: string;
  let other: string;
  let otherDb: string;
  beforeAll(async () => {
    good = (await backup()).path;
    // Another station already in a data folder.
    other = join(folder('other'), 'data');
    const o = await openTestStation({ dataDir: other });
    await o.call('documents.import', { paths: [png], ocr: 'skip', metadata: { title: 'Của trạm khác' } });
    await o.close();
    otherDb = sha(join(other, 'station.sqlite'));
  });
  const untouched = () => {
    expect(sha(join(other, 'station.sqlite'))).toBe(otherDb);
    expect(leftovers(other)).toEqual([]);
  };
  // A real copy (not links): tampering with it must not reach the good backup.
  const copyOf = (dir: string) => {
    const copy = folder('copy');
    cpSync(dir, copy, { recursive: true });
    return copy;
  };

  it('a file changed in the backup: named, and the target stays as it was', async () => {
    const bad = copyOf(good);
    const victim = manifestOf(bad).files[1]!.path;
    const bytes = readFileSync(join(bad, victim));
    const mid = bytes.length >> 1;
    bytes.writeUInt8(bytes.readUInt8(mid) ^ 0xff, mid);
    writeFileSync(join(bad, victim), bytes);
    const e = await refusal(restoreStation(bad, other, { force: true }));
    expect(e.code).toBe('backup-corrupt');
    expect(e.details.files).toBe(victim);
    expect(e.toWire().message.vi).toContain(victim);
    expect(e.toWire().message.en).toMatch(/SHA-256 differs/);
    untouched();
    const fresh = join(folder('fresh'), 'data');
    expect((await refusal(restoreStation(bad, fresh))).code).toBe('backup-corrupt');
    expect(existsSync(fresh)).toBe(false);
    expect(leftovers(fresh)).toEqual([]);
  });

  it('a file missing, the manifest missing, unreadable, or pointing outside, a newer schema', async () => {
    const gone = copyOf(good);
    rmSync(join(gone, manifestOf(gone).files[0]!.path));
    expect((await refusal(restoreStation(gone, other, { force: true }))).details.detail).toMatch(/missing/);
    const noManifest = copyOf(good);
    rmSync(join(noManifest, 'manifest.json'));
    expect((await refusal(restoreStation(noManifest, other, { force: true }))).code).toBe('backup-incomplete');
    const garbled = copyOf(good);
    writeFileSync(join(garbled, 'manifest.json'), '{"format": "sohoa-sta');
    expect((await refusal(restoreStation(garbled, other, { force: true }))).code).toBe('backup-corrupt');
    const escaping = copyOf(good);
    const m = manifestOf(escaping);
    m.files[0]!.path = 'blobs/../../../etc/passwd';
    writeFileSync(join(escaping, 'manifest.json'), JSON.stringify(m));
    expect((await refusal(restoreStation(escaping, other, { force: true }))).code).toBe('backup-corrupt');
    const newer = copyOf(good);
    writeFileSync(join(newer, 'manifest.json'), JSON.stringify({ ...manifestOf(newer), schemaVersion: LATEST_SCHEMA + 1 }));
    expect((await refusal(restoreStation(newer, other, { force: true }))).code).toBe('store-newer');
    untouched();
  });

  it('a station in the target: refused without --force; with it, moved aside whole, never deleted', async () => {
    expect((await refusal(restoreStation(good, other))).code).toBe('restore-target-exists');
    untouched();
    const r = await restoreStation(good, other, { force: true });
    expect(r.movedAside).toMatch(/data\.before-restore-\d{14}$/);
    expect(sha(join(r.movedAside!, 'station.sqlite'))).toBe(otherDb);
    const s = await openTestStation({ dataDir: other });
    try {
      expect(s.station.info.stationId).toBe(t.station.info.stationId);
      expect(documentsOf(s).map((d) => d!.metadata.title)).not.toContain('Của trạm khác');
      // A running station's folder is never replaced under it, even with --force.
      const e = await refusal(restoreStation(good, other, { force: true }));
      expect(e.code).toBe('restore-target-in-use');
      expect(e.details.pids).toContain(String(process.pid));
    } finally {
      await s.close();
    }
  });
});
