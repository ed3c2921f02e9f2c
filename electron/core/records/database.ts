// Opening the station's SQLite database: refuse files that are not ours, databases from a newer
// version and damaged files, without ever writing to them; then WAL, foreign keys, migrations.
import Database from 'better-sqlite3';
import { existsSync, openSync, readSync, closeSync } from 'node:fs';
import { StationError, errorMessage } from '../errors';
import { APPLICATION_ID, LATEST_SCHEMA, migrate } from './migrations';

const SQLITE_HEADER = 'SQLite format 3\0';

function looksLikeSqlite(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    return n === 0 || buf.toString('latin1') === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

export function openDatabase(path: string): Database.Database {
  if (existsSync(path) && !looksLikeSqlite(path)) throw new StationError('store-not-ours', { path });
  let db: Database.Database;
  try {
    db = new Database(path);
  } catch (e) {
    throw new StationError('store-io', { detail: errorMessage(e) }, { cause: e });
  }
  try {
    // Read-only checks first: nothing is written before we know the file is ours.
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    const objects = (db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n;
    if (appId !== APPLICATION_ID && (appId !== 0 || objects > 0)) throw new StationError('store-not-ours', { path });
    if (version > LATEST_SCHEMA) throw new StationError('store-newer', { path, found: version, supported: LATEST_SCHEMA });

    db.pragma('journal_mode = WAL');
    // FULL: a page reported as saved survives a power cut, not only a crash.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // The app and the CLI may share a data folder; wait for each other's short transactions.
    db.pragma('busy_timeout = 10000');
    migrate(db);
    return db;
  } catch (e) {
    db.close();
    if (e instanceof StationError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')
      throw new StationError('store-corrupt', { path, detail: errorMessage(e) }, { cause: e });
    throw new StationError('store-io', { detail: errorMessage(e) }, { cause: e });
  }
}
