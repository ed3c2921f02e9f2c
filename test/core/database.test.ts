// Opening a data folder: ours is migrated; foreign, newer and damaged files are refused and
// left byte for byte as they were.
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StationError } from '../../electron/core/errors';
import { openStation } from '../../electron/core/station';
import { openDatabase } from '../../electron/core/records/database';
import { APPLICATION_ID, LATEST_SCHEMA, MIGRATIONS, migrate } from '../../electron/core/records/migrations';
import { tempDir } from '../helpers/paths';
import { sha256OfFile } from '../helpers/files';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('db');
});
afterEach(() => tmp.cleanup());
const sha = sha256OfFile;

function refusal(path: string): StationError {
  try {
    openDatabase(path).close();
  } catch (e) {
    if (e instanceof StationError) return e;
    throw e;
  }
  throw new Error('the database was opened');
}

describe('the station database', () => {
  it('creates a new database with WAL, foreign keys and the latest schema', () => {
    const db = openDatabase(join(tmp.path, 'new.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('refuses a database from a newer version and leaves it unchanged', () => {
    const path = join(tmp.path, 'newer.sqlite');
    openDatabase(path).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST_SCHEMA + 1}`);
    raw.pragma('journal_mode = DELETE');
    raw.close();
    const before = sha(path);
    const e = refusal(path);
    expect(e.code).toBe('store-newer');
    expect(e.toWire().message.vi).toContain(`lược đồ ${LATEST_SCHEMA + 1}`);
    expect(sha(path)).toBe(before);
  });

  it('refuses another program’s SQLite database and leaves it unchanged', () => {
    const path = join(tmp.path, 'other.sqlite');
    const raw = new Database(path);
    raw.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)');
    raw.close();
    const before = sha(path);
    expect(refusal(path).code).toBe('store-not-ours');
    expect(sha(path)).toBe(before);
  });

  it('refuses a file that is not SQLite at all, and one whose pages are damaged', () => {
    const text = join(tmp.path, 'notes.sqlite');
    writeFileSync(text, 'these are not the bytes you are looking for');
    expect(refusal(text).code).toBe('store-not-ours');
    expect(readFileSync(text, 'utf8')).toBe('these are not the bytes you are looking for');

    const damaged = join(tmp.path, 'damaged.sqlite');
    openDatabase(damaged).close();
    const bytes = readFileSync(damaged);
    bytes.fill(0xa5, 100, 4096); // keep the header, destroy the schema page
    writeFileSync(damaged, bytes);
    const before = sha(damaged);
    expect(refusal(damaged).code).toBe('store-corrupt');
    expect(sha(damaged)).toBe(before);
  });

  it('runs each migration in a transaction: a failing one leaves the previous version intact', () => {
    const db = new Database(join(tmp.path, 'migrate.sqlite'));
    const failing = [
      ...MIGRATIONS,
      {
        version: LATEST_SCHEMA + 1,
        name: 'half done',
        up(d: Database.Database) {
          d.exec('CREATE TABLE half (x)');
          throw new Error('power cut');
        },
      },
    ];
    expect(() => migrate(db, failing)).toThrow('power cut');
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half'").pluck().get()).toBe(0);
    db.close();
  });
});

describe('upgrades', () => {
  it('upgrades a database from every earlier schema version, keeping its data', async () => {
    for (let from = 1; from < LATEST_SCHEMA; from++) {
      const dataDir = join(tmp.path, `v${from}`);
      mkdirSync(dataDir, { recursive: true });
      const path = join(dataDir, 'station.sqlite');
      const old = new Database(path);
      migrate(old, MIGRATIONS.slice(0, from));
      old
        .prepare("INSERT INTO documents (id, status, origin, title, owner_id_number, owner_name, created_at, updated_at) VALUES ('d1', 'draft', 'import', 'Sổ hộ khẩu', '001203004567', 'Nguyễn Văn An', 'now', 'now')")
        .run();
      old.close();
      const db = openDatabase(path);
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA);
      expect(db.prepare("SELECT title FROM documents WHERE id = 'd1'").pluck().get()).toBe('Sổ hộ khẩu');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
      // The first open with the station key seals the personal columns and fills the owners and
      // the search index from the old rows.
      const station = await openStation({ dataDir, env: { SOHOA_STATION_PASSPHRASE: 'nâng cấp' } });
      try {
        expect(station.documents.owners.get('001203004567')?.name).toBe('Nguyễn Văn An');
        expect(station.documents.searchText('nguyen van an', 5).map((h) => h.documentId)).toEqual(['d1']);
        expect(station.documents.summary('d1')?.metadata).toMatchObject({ ownerName: 'Nguyễn Văn An', ownerIdNumber: '001203004567' });
      } finally {
        await station.close();
      }
      const sealed = new Database(path, { readonly: true });
      expect(sealed.prepare("SELECT owner_name FROM documents WHERE id = 'd1'").pluck().get()).toMatch(/^enc2:/); // bound to its row (migration 11)
      sealed.close();
    }
  });
});
