// The store's records in SQLite (WAL): tokens, document versions and idempotency keys. Files live
// beside it in documents/, named by their SHA-256; a row points at its file by that hash.
// Statements are prepared once; better-sqlite3 is synchronous, so a transaction here is never
// interleaved with another request's.
import Database from 'better-sqlite3';
import { join } from 'node:path';

export const DATABASE_FILE = 'store.sqlite';
const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS tokens (
  token_hash TEXT PRIMARY KEY,          -- SHA-256 of the token: a copied database holds no live token
  client_id  TEXT NOT NULL,
  expires_at INTEGER NOT NULL           -- ms since the epoch
);
CREATE TABLE IF NOT EXISTS versions (
  id              INTEGER PRIMARY KEY,
  document_id     TEXT NOT NULL,
  version         INTEGER NOT NULL,
  sha256          TEXT NOT NULL,
  bytes           INTEGER NOT NULL,
  receipt_id      TEXT NOT NULL UNIQUE,
  stored_at       TEXT NOT NULL,        -- ISO 8601 +07:00
  client_id       TEXT NOT NULL,
  owner_id_type   TEXT,
  owner_id_number TEXT,
  manifest        TEXT NOT NULL,        -- the validated manifest, JSON
  -- The guard against concurrent duplicate commits: a second insert of the same version fails.
  UNIQUE (document_id, version)
);
CREATE INDEX IF NOT EXISTS versions_owner ON versions (owner_id_type, owner_id_number);
CREATE TABLE IF NOT EXISTS idempotency_keys (
  client_id    TEXT NOT NULL,
  key          TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  receipt_id   TEXT NOT NULL,
  PRIMARY KEY (client_id, key)          -- keys are the client's own: two stations never collide
);
`;

export interface VersionRow {
  readonly id: number;
  readonly document_id: string;
  readonly version: number;
  readonly sha256: string;
  readonly bytes: number;
  readonly receipt_id: string;
  readonly stored_at: string;
  readonly client_id: string;
  readonly owner_id_type: string | null;
  readonly owner_id_number: string | null;
  readonly manifest: string;
}

export type NewVersion = Omit<VersionRow, 'id'>;

export type CommitOutcome = { kind: 'inserted'; row: VersionRow } | { kind: 'exists'; row: VersionRow } | { kind: 'key-reused' };

export interface KeyRow {
  readonly request_hash: string;
  readonly receipt_id: string;
}

/** What the test harness reads, straight from the file. */
export const LIST_VERSIONS_SQL = 'SELECT document_id AS documentId, version, sha256, bytes FROM versions ORDER BY id';

export class StoreDatabase {
  private readonly db: Database.Database;
  private readonly stmts;

  constructor(dataDir: string) {
    this.db = new Database(join(dataDir, DATABASE_FILE));
    this.db.pragma('journal_mode = WAL');
    // FULL: a receipt is a promise that the version survives a power cut.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new Error(`${DATABASE_FILE} has schema ${version}, newer than this store (${SCHEMA_VERSION}); refusing to touch it`);
    this.db.exec(SCHEMA);
    this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
    const db = this.db;
    this.stmts = {
      insertToken: db.prepare<[string, string, number]>('INSERT INTO tokens (token_hash, client_id, expires_at) VALUES (?, ?, ?)'),
      findToken: db.prepare<[string, number], { client_id: string }>('SELECT client_id FROM tokens WHERE token_hash = ? AND expires_at > ?'),
      purgeTokens: db.prepare<[number]>('DELETE FROM tokens WHERE expires_at <= ?'),
      findVersion: db.prepare<[string, number], VersionRow>('SELECT * FROM versions WHERE document_id = ? AND version = ?'),
      latestVersion: db.prepare<[string], VersionRow>('SELECT * FROM versions WHERE document_id = ? ORDER BY version DESC LIMIT 1'),
      byReceipt: db.prepare<[string], VersionRow>('SELECT * FROM versions WHERE receipt_id = ?'),
      insertVersion: db.prepare<NewVersion>(
        `INSERT INTO versions (document_id, version, sha256, bytes, receipt_id, stored_at, client_id, owner_id_type, owner_id_number, manifest)
         VALUES (@document_id, @version, @sha256, @bytes, @receipt_id, @stored_at, @client_id, @owner_id_type, @owner_id_number, @manifest)`,
      ),
      findKey: db.prepare<[string, string], KeyRow>('SELECT request_hash, receipt_id FROM idempotency_keys WHERE client_id = ? AND key = ?'),
      insertKey: db.prepare<[string, string, string, string]>('INSERT OR IGNORE INTO idempotency_keys (client_id, key, request_hash, receipt_id) VALUES (?, ?, ?, ?)'),
      // The latest version of each document whose latest manifest names this owner: a document
      // re-signed for another owner no longer belongs to the first.
      ownerDocuments: db.prepare<[string, string], VersionRow>(
        `SELECT v.* FROM versions v
         WHERE v.owner_id_type = ? AND v.owner_id_number = ?
           AND v.version = (SELECT MAX(version) FROM versions w WHERE w.document_id = v.document_id)
         ORDER BY v.stored_at DESC, v.id DESC`,
      ),
    };
  }

  insertToken(tokenHash: string, clientId: string, expiresAt: number): void {
    this.stmts.purgeTokens.run(Date.now());
    this.stmts.insertToken.run(tokenHash, clientId, expiresAt);
  }

  /** The client of an unexpired token. */
  tokenClient(tokenHash: string): string | undefined {
    return this.stmts.findToken.get(tokenHash, Date.now())?.client_id;
  }

  findVersion(documentId: string, version: number): VersionRow | undefined {
    return this.stmts.findVersion.get(documentId, version);
  }

  latestVersion(documentId: string): VersionRow | undefined {
    return this.stmts.latestVersion.get(documentId);
  }

  byReceipt(receiptId: string): VersionRow | undefined {
    return this.stmts.byReceipt.get(receiptId);
  }

  findKey(clientId: string, key: string): KeyRow | undefined {
    return this.stmts.findKey.get(clientId, key);
  }

  /** Binds an idempotency key to a request once it has a receipt; false if the key is already
   * bound (to this request or another: the caller compares). */
  bindKey(clientId: string, key: string, requestHash: string, receiptId: string): boolean {
    return this.stmts.insertKey.run(clientId, key, requestHash, receiptId).changes === 1;
  }

  /** Stores a version and binds its idempotency key, in one transaction that re-checks both
   * first: a concurrent duplicate that got here first wins, and this request learns of it. The
   * UNIQUE constraint stays the last word (even against a second process on the same folder). */
  commitVersion(row: NewVersion, key: { clientId: string; key: string; requestHash: string }): CommitOutcome {
    return this.db
      .transaction((): CommitOutcome => {
        const existing = this.findVersion(row.document_id, row.version);
        if (existing) return { kind: 'exists', row: existing };
        const bound = this.findKey(key.clientId, key.key);
        if (bound && bound.request_hash !== key.requestHash) return { kind: 'key-reused' };
        try {
          this.stmts.insertVersion.run(row);
        } catch (e) {
          const raced = isUniqueViolation(e) ? this.findVersion(row.document_id, row.version) : undefined;
          if (raced) return { kind: 'exists', row: raced };
          throw e;
        }
        this.stmts.insertKey.run(key.clientId, key.key, key.requestHash, row.receipt_id);
        return { kind: 'inserted', row: this.findVersion(row.document_id, row.version)! };
      })
      .immediate();
  }

  ownerDocuments(idType: string, idNumber: string): VersionRow[] {
    return this.stmts.ownerDocuments.all(idType, idNumber);
  }

  close(): void {
    this.db.close();
  }
}

/** SQLite's answer to a duplicate key. */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY');
}

/** SQLite could not get its lock in time: worth a retry, not a failure. */
export function isBusy(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' && e.code.startsWith('SQLITE_BUSY');
}
