// The store's records in SQLite (WAL): tokens, document versions and who owns each document,
// idempotency keys, uploads in flight and whom they belong to, and each client's latest audit head.
// Files live beside it in documents/, named by their SHA-256; a row points at its file by that hash.
// Statements are prepared once; better-sqlite3 is synchronous, so a transaction here is never
// interleaved with another request's.
import Database from 'better-sqlite3';
import { join } from 'node:path';

export const DATABASE_FILE = 'store.sqlite';
const SCHEMA_VERSION = 2;

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
  audit_seq       INTEGER,              -- the station's audit head sent with this commit, if any
  audit_hash      TEXT,
  -- The guard against concurrent duplicate commits: a second insert of the same version fails.
  UNIQUE (document_id, version)
);
CREATE INDEX IF NOT EXISTS versions_owner ON versions (owner_id_type, owner_id_number);
CREATE INDEX IF NOT EXISTS versions_client ON versions (client_id);
CREATE TABLE IF NOT EXISTS idempotency_keys (
  client_id    TEXT NOT NULL,
  key          TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  receipt_id   TEXT NOT NULL,
  PRIMARY KEY (client_id, key)          -- keys are the client's own: two stations never collide
);
-- A document belongs to the client that first committed it; only that client adds versions.
CREATE TABLE IF NOT EXISTS document_owners (
  document_id TEXT PRIMARY KEY,
  client_id   TEXT NOT NULL
);
-- Every tus upload, written before tus creates it: whose it is, and the bytes it may grow to (what
-- counts against the client's quota until it is committed, terminated or expires).
CREATE TABLE IF NOT EXISTS uploads (
  upload_id  TEXT PRIMARY KEY,
  client_id  TEXT NOT NULL,
  length     INTEGER NOT NULL,
  created_at INTEGER NOT NULL           -- ms since the epoch
);
CREATE INDEX IF NOT EXISTS uploads_client ON uploads (client_id);
-- The highest-seq audit head each client has sent with an accepted commit (its tamper-evidence
-- anchor). Never lowered: a head with a lower or equal seq leaves this row as it is.
CREATE TABLE IF NOT EXISTS audit_heads (
  client_id   TEXT PRIMARY KEY,
  seq         INTEGER NOT NULL,
  hash        TEXT NOT NULL,
  received_at TEXT NOT NULL             -- ISO 8601 +07:00
);
`;

/** Schema 1 had neither owners, uploads nor audit heads: the columns are added, and each
 * document is given to the client of its first stored version. */
const FROM_SCHEMA_1_BEFORE = `
ALTER TABLE versions ADD COLUMN audit_seq INTEGER;
ALTER TABLE versions ADD COLUMN audit_hash TEXT;
`;
const FROM_SCHEMA_1_AFTER = `
INSERT OR IGNORE INTO document_owners (document_id, client_id) SELECT document_id, client_id FROM versions ORDER BY id;
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
  readonly audit_seq: number | null;
  readonly audit_hash: string | null;
}

export type NewVersion = Omit<VersionRow, 'id'>;

export interface AuditHead {
  readonly seq: number;
  readonly hash: string;
}

export interface KeptAuditHead extends AuditHead {
  readonly receivedAt: string;
}

export type CommitOutcome = { kind: 'inserted'; row: VersionRow } | { kind: 'exists'; row: VersionRow } | { kind: 'key-reused' } | { kind: 'owned-elsewhere' };

export interface KeyRow {
  readonly request_hash: string;
  readonly receipt_id: string;
}

/** A client's limits: the bytes it may hold (stored versions plus uploads in flight at their full
 * length) and how many uploads it may have in flight. */
export interface Quota {
  readonly bytes: number;
  readonly uploads: number;
}

export type Reservation = { kind: 'reserved' } | { kind: 'too-many-uploads'; inFlight: number } | { kind: 'over-quota'; used: number };

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
    this.db.transaction(() => {
      if (version === 1) this.db.exec(FROM_SCHEMA_1_BEFORE);
      this.db.exec(SCHEMA);
      if (version === 1) this.db.exec(FROM_SCHEMA_1_AFTER);
      this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
    })();
    const db = this.db;
    this.stmts = {
      insertToken: db.prepare<[string, string, number]>('INSERT INTO tokens (token_hash, client_id, expires_at) VALUES (?, ?, ?)'),
      findToken: db.prepare<[string, number], { client_id: string }>('SELECT client_id FROM tokens WHERE token_hash = ? AND expires_at > ?'),
      purgeTokens: db.prepare<[number]>('DELETE FROM tokens WHERE expires_at <= ?'),
      findVersion: db.prepare<[string, number], VersionRow>('SELECT * FROM versions WHERE document_id = ? AND version = ?'),
      latestVersion: db.prepare<[string], VersionRow>('SELECT * FROM versions WHERE document_id = ? ORDER BY version DESC LIMIT 1'),
      byReceipt: db.prepare<[string], VersionRow>('SELECT * FROM versions WHERE receipt_id = ?'),
      insertVersion: db.prepare<NewVersion>(
        `INSERT INTO versions (document_id, version, sha256, bytes, receipt_id, stored_at, client_id, owner_id_type, owner_id_number, manifest, audit_seq, audit_hash)
         VALUES (@document_id, @version, @sha256, @bytes, @receipt_id, @stored_at, @client_id, @owner_id_type, @owner_id_number, @manifest, @audit_seq, @audit_hash)`,
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
      documentOwner: db.prepare<[string], { client_id: string }>('SELECT client_id FROM document_owners WHERE document_id = ?'),
      insertOwner: db.prepare<[string, string]>('INSERT OR IGNORE INTO document_owners (document_id, client_id) VALUES (?, ?)'),
      storedBytes: db.prepare<[string], { total: number }>('SELECT COALESCE(SUM(bytes), 0) AS total FROM versions WHERE client_id = ?'),
      inFlight: db.prepare<[string], { count: number; total: number }>('SELECT COUNT(*) AS count, COALESCE(SUM(length), 0) AS total FROM uploads WHERE client_id = ?'),
      insertUpload: db.prepare<[string, string, number, number]>('INSERT INTO uploads (upload_id, client_id, length, created_at) VALUES (?, ?, ?, ?)'),
      uploadOwner: db.prepare<[string], { client_id: string }>('SELECT client_id FROM uploads WHERE upload_id = ?'),
      deleteUpload: db.prepare<[string]>('DELETE FROM uploads WHERE upload_id = ?'),
      clientUploads: db.prepare<[string], { upload_id: string }>('SELECT upload_id FROM uploads WHERE client_id = ?'),
      allUploads: db.prepare<[], { upload_id: string }>('SELECT upload_id FROM uploads'),
      keepAuditHead: db.prepare<[string, number, string, string]>(
        `INSERT INTO audit_heads (client_id, seq, hash, received_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (client_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, received_at = excluded.received_at
         WHERE excluded.seq > audit_heads.seq`,
      ),
      auditHead: db.prepare<[string], KeptAuditHead>('SELECT seq, hash, received_at AS receivedAt FROM audit_heads WHERE client_id = ?'),
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

  /** The client that first committed this document, if it is stored. */
  documentOwner(documentId: string): string | undefined {
    return this.stmts.documentOwner.get(documentId)?.client_id;
  }

  findKey(clientId: string, key: string): KeyRow | undefined {
    return this.stmts.findKey.get(clientId, key);
  }

  /** Binds an idempotency key to a request once it has a receipt; false if the key is already
   * bound (to this request or another: the caller compares). */
  bindKey(clientId: string, key: string, requestHash: string, receiptId: string): boolean {
    return this.stmts.insertKey.run(clientId, key, requestHash, receiptId).changes === 1;
  }

  /** Stores a version, binds its idempotency key, records who owns the document, releases the
   * upload it came from and keeps the audit head it carried, in one transaction that re-checks
   * the owner, the version and the key first: a concurrent duplicate that got here first wins, and
   * this request learns of it. The UNIQUE constraint stays the last word (even against a second
   * process on the same folder). */
  commitVersion(row: NewVersion, key: { clientId: string; key: string; requestHash: string }, uploadId: string): CommitOutcome {
    return this.db
      .transaction((): CommitOutcome => {
        const owner = this.documentOwner(row.document_id);
        if (owner !== undefined && owner !== row.client_id) return { kind: 'owned-elsewhere' };
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
        this.stmts.insertOwner.run(row.document_id, row.client_id);
        this.stmts.insertKey.run(key.clientId, key.key, key.requestHash, row.receipt_id);
        // The upload's bytes are now the version's: they count once, as stored bytes.
        this.stmts.deleteUpload.run(uploadId);
        if (row.audit_seq !== null && row.audit_hash !== null) this.stmts.keepAuditHead.run(row.client_id, row.audit_seq, row.audit_hash, row.stored_at);
        return { kind: 'inserted', row: this.findVersion(row.document_id, row.version)! };
      })
      .immediate();
  }

  ownerDocuments(idType: string, idNumber: string): VersionRow[] {
    return this.stmts.ownerDocuments.all(idType, idNumber);
  }

  /** Records an upload as the client's before it exists, if the client's quota allows it: the
   * check and the record are one transaction, so two requests at once cannot both squeeze in. */
  reserveUpload(clientId: string, uploadId: string, length: number, quota: Quota): Reservation {
    return this.db
      .transaction((): Reservation => {
        const inFlight = this.stmts.inFlight.get(clientId)!;
        if (inFlight.count >= quota.uploads) return { kind: 'too-many-uploads', inFlight: inFlight.count };
        const used = this.stmts.storedBytes.get(clientId)!.total + inFlight.total;
        if (used + length > quota.bytes) return { kind: 'over-quota', used };
        this.stmts.insertUpload.run(uploadId, clientId, length, Date.now());
        return { kind: 'reserved' };
      })
      .immediate();
  }

  uploadOwner(uploadId: string): string | undefined {
    return this.stmts.uploadOwner.get(uploadId)?.client_id;
  }

  /** The upload no longer counts against its client (terminated, expired, never created). */
  forgetUpload(uploadId: string): void {
    this.stmts.deleteUpload.run(uploadId);
  }

  /** The uploads recorded for one client, or for all. */
  uploadIds(clientId?: string): string[] {
    return (clientId === undefined ? this.stmts.allUploads.all() : this.stmts.clientUploads.all(clientId)).map((r) => r.upload_id);
  }

  /** Keeps a head the client sent with an accepted commit, unless one with a higher or equal seq is kept. */
  keepAuditHead(clientId: string, head: AuditHead, receivedAt: string): void {
    this.stmts.keepAuditHead.run(clientId, head.seq, head.hash, receivedAt);
  }

  /** The highest-seq head this client has sent. */
  auditHead(clientId: string): KeptAuditHead | undefined {
    return this.stmts.auditHead.get(clientId);
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
