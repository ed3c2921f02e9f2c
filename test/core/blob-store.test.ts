import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../electron/core/log';
import { stationPaths } from '../../electron/core/paths';
import { BlobStore, INTENTS_FILE } from '../../electron/core/records/blob-store';
import { openDatabase } from '../../electron/core/records/database';
import { sweepDataFolder } from '../../electron/core/records/housekeeping';
import { tempDir } from '../helpers/paths';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('blobs');
});
afterEach(() => tmp.cleanup());

/** A pid that is certainly not running (beyond the kernel's pid_max default). */
const DEAD_PID = 4_194_303;

describe('content-addressed blob store', () => {
  it('stores content under its SHA-256, once', async () => {
    const store = new BlobStore(join(tmp.path, 'blobs'), join(tmp.path, 'tmp', String(process.pid)));
    const data = Buffer.from('Giấy chứng nhận quyền sử dụng đất');
    const a = await store.write(data);
    const b = await store.write(data);
    expect(a.sha256).toBe(createHash('sha256').update(data).digest('hex'));
    expect(b).toEqual(a);
    expect(readFileSync(store.pathOf(a.sha256))).toEqual(data);
    expect(await store.verify(a.sha256)).toBe(true);
    // Nothing temporary is left beside the intent list.
    expect(readdirSync(join(tmp.path, 'tmp', String(process.pid)))).toEqual([INTENTS_FILE]);
  });

  it('rethrows a failing source as it is and leaves no partial file', async () => {
    const store = new BlobStore(join(tmp.path, 'blobs'), join(tmp.path, 'tmp', String(process.pid)));
    async function* broken() {
      yield Buffer.from('first part');
      throw new Error('decoder gave up');
    }
    await expect(store.write(broken())).rejects.toThrow('decoder gave up');
    expect(readdirSync(join(tmp.path, 'tmp', String(process.pid)))).toEqual([]);
  });

  it('the start-up sweep removes what a dead process left: temp files and uncommitted blobs', async () => {
    const paths = stationPaths(join(tmp.path, 'data'));
    mkdirSync(paths.root, { recursive: true });
    const db = openDatabase(paths.database);
    const log = createLogger(join(paths.logs, 'station.log'));
    // A "dead process" wrote two blobs; only one of them got its row committed.
    const deadTmp = join(paths.tmp, String(DEAD_PID));
    const store = new BlobStore(paths.blobs, deadTmp);
    const committed = await store.write(Buffer.from('committed page'));
    const orphan = await store.write(Buffer.from('page whose row never committed'));
    db.prepare("INSERT INTO blobs (sha256, bytes, media_type, created_at) VALUES (?, ?, 'image/jpeg', 'now')").run(committed.sha256, committed.bytes);
    writeFileSync(join(deadTmp, 'half-written.part'), 'xx');
    mkdirSync(join(paths.spool, String(DEAD_PID)), { recursive: true });
    writeFileSync(join(paths.spool, String(DEAD_PID), 'job-0001.tiff.part'), 'yy');

    const report = sweepDataFolder(paths, db, (s) => store.pathOf(s), log);
    expect(report).toEqual({ deadProcesses: 1, tempFilesRemoved: 2, orphanBlobsRemoved: 1 });
    expect(existsSync(store.pathOf(committed.sha256))).toBe(true);
    expect(existsSync(store.pathOf(orphan.sha256))).toBe(false);
    expect(existsSync(deadTmp)).toBe(false);
    expect(existsSync(join(paths.spool, String(DEAD_PID)))).toBe(false);
    db.close();
  });

  it('keeps a dead process’s intent list while another process is alive', async () => {
    const paths = stationPaths(join(tmp.path, 'data'));
    mkdirSync(paths.run, { recursive: true });
    const db = openDatabase(paths.database);
    const log = createLogger(join(paths.logs, 'station.log'));
    const store = new BlobStore(paths.blobs, join(paths.tmp, String(DEAD_PID)));
    const orphan = await store.write(Buffer.from('maybe being committed by someone else'));
    writeFileSync(join(paths.run, String(process.ppid)), '{}'); // a live neighbour
    const report = sweepDataFolder(paths, db, (s) => store.pathOf(s), log);
    expect(report.orphanBlobsRemoved).toBe(0);
    expect(existsSync(store.pathOf(orphan.sha256))).toBe(true);
    db.close();
  });
});
