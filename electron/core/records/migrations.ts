// Numbered schema migrations. Each runs in its own transaction together with the version bump,
// so a crash leaves the database at one version or the next, never between. Never edit a
// migration that has shipped: add the next one.
import type { Database } from 'better-sqlite3';
import { pageStepsMigration } from './migrations/009-page-steps';
import { pendingImagingMigration } from './migrations/010-pending-imaging';
import { sealedValuesBoundMigration } from './migrations/011-sealed-values-bound-to-their-row';
import { receiptAuditHeadMigration } from './migrations/012-receipt-audit-head';
import { trustMigration } from './migrations/013-trust';
import { demonstrationRecordsMigration } from './migrations/014-demonstration-records';
import { dossierProcedureSnapshotMigration } from './migrations/015-dossier-procedure-snapshot';
import { archiveSheetsMigration } from './migrations/016-archive-sheets';
import { pageVectorsMigration } from './migrations/017-page-vectors';
import { pagePartsMigration } from './migrations/018-page-parts';

export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}

/** Marks the file as ours (PRAGMA application_id): 'SHOA'. */
export const APPLICATION_ID = 0x53484f41;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'documents, pages and content-addressed blobs',
    up(db) {
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.exec(`
        CREATE TABLE station (
          key   TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE blobs (
          sha256     TEXT PRIMARY KEY CHECK (length(sha256) = 64),
          bytes      INTEGER NOT NULL CHECK (bytes >= 0),
          media_type TEXT NOT NULL,
          created_at TEXT NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE documents (
          id              TEXT PRIMARY KEY,
          status          TEXT NOT NULL CHECK (status IN ('draft', 'ready')),
          origin          TEXT NOT NULL,
          dossier_code    TEXT,
          kind            TEXT CHECK (kind IN ('component', 'result')),
          title           TEXT,
          doc_type_code   TEXT,
          doc_number      TEXT,
          issue_date      TEXT,
          issuer          TEXT,
          valid_until     TEXT,
          owner_id_type   TEXT CHECK (owner_id_type IN ('citizen', 'organisation')),
          owner_id_number TEXT,
          owner_name      TEXT,
          pdf_sha256      TEXT REFERENCES blobs (sha256),
          created_at      TEXT NOT NULL,
          updated_at      TEXT NOT NULL,
          CHECK (status = 'draft' OR pdf_sha256 IS NOT NULL)
        );
        CREATE INDEX documents_by_owner ON documents (owner_id_number) WHERE owner_id_number IS NOT NULL;
        CREATE INDEX documents_by_dossier ON documents (dossier_code) WHERE dossier_code IS NOT NULL;
        CREATE INDEX documents_by_created ON documents (created_at);

        CREATE TABLE pages (
          id           TEXT PRIMARY KEY,
          document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
          seq          INTEGER NOT NULL CHECK (seq > 0),
          image_sha256 TEXT NOT NULL REFERENCES blobs (sha256),
          thumb_sha256 TEXT NOT NULL REFERENCES blobs (sha256),
          width_px     INTEGER NOT NULL CHECK (width_px > 0),
          height_px    INTEGER NOT NULL CHECK (height_px > 0),
          dpi          REAL NOT NULL CHECK (dpi > 0),
          mode         TEXT NOT NULL CHECK (mode IN ('color', 'gray', 'bw')),
          created_at   TEXT NOT NULL,
          UNIQUE (document_id, seq)
        );
      `);
    },
  },
  {
    version: 2,
    name: 'digitization fields, OCR state, original bytes of imports, page text',
    up(db) {
      db.exec(`
        ALTER TABLE documents ADD COLUMN digitized_at TEXT;
        ALTER TABLE documents ADD COLUMN digitized_by TEXT;
        -- none: no OCR recorded (drafts, v1 records); pending: queued; done / failed / skipped.
        ALTER TABLE documents ADD COLUMN ocr_status TEXT NOT NULL DEFAULT 'none'
          CHECK (ocr_status IN ('none', 'pending', 'done', 'failed', 'skipped'));
        -- An imported PDF's original bytes, kept unchanged beside the record made from it.
        ALTER TABLE documents ADD COLUMN source_sha256 TEXT REFERENCES blobs (sha256);
        CREATE INDEX documents_ocr_pending ON documents (ocr_status) WHERE ocr_status = 'pending';

        -- Each page's text: from OCR, or from an imported PDF's own text. The word boxes (for
        -- rebuilding the invisible text layer) are a gzipped JSON blob, so the database stays small.
        CREATE TABLE page_text (
          page_id      TEXT PRIMARY KEY REFERENCES pages (id) ON DELETE CASCADE,
          origin       TEXT NOT NULL CHECK (origin IN ('ocr', 'pdf')),
          text         TEXT NOT NULL,
          words_sha256 TEXT NOT NULL REFERENCES blobs (sha256),
          confidence   REAL,
          created_at   TEXT NOT NULL
        );
      `);
    },
  },
  {
    version: 3,
    name: 'signatures on records',
    up(db) {
      db.exec(`
        -- Each signature added to a document's record, in order; pdf_sha256 is the record as that
        -- signature left it (the document's pdf_sha256 moves on with each signature).
        CREATE TABLE signatures (
          id           INTEGER PRIMARY KEY,
          document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
          seq          INTEGER NOT NULL CHECK (seq > 0),
          field        TEXT NOT NULL,
          signer       TEXT NOT NULL,
          serial       TEXT NOT NULL,
          issuer       TEXT NOT NULL,
          signed_at    TEXT NOT NULL,
          level        TEXT NOT NULL,
          sub_filter   TEXT NOT NULL,
          pdf_sha256   TEXT NOT NULL REFERENCES blobs (sha256),
          created_at   TEXT NOT NULL,
          UNIQUE (document_id, seq)
        );
      `);
    },
  },
  {
    version: 4,
    name: 'sync outbox, dossiers for the rates, reuse mark',
    up(db) {
      db.exec(`
        -- One row per signed version of a document to send to the provincial store. A row leaves
        -- the station's care only as 'synced', with the store's receipt. lease_*: which process
        -- works on it (a dead owner's lease is taken over at once).
        CREATE TABLE outbox (
          id             INTEGER PRIMARY KEY,
          document_id    TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
          version        INTEGER NOT NULL CHECK (version > 0),
          sha256         TEXT NOT NULL REFERENCES blobs (sha256),
          bytes          INTEGER NOT NULL CHECK (bytes > 0),
          state          TEXT NOT NULL DEFAULT 'pending'
            CHECK (state IN ('pending', 'uploading', 'committing', 'synced', 'failed', 'superseded')),
          upload_url     TEXT,
          attempts       INTEGER NOT NULL DEFAULT 0,
          error_code     TEXT,
          error_details  TEXT,
          next_attempt_at TEXT,
          lease_owner    INTEGER,
          lease_until    TEXT,
          receipt_id     TEXT,
          stored_at      TEXT,
          created_at     TEXT NOT NULL,
          updated_at     TEXT NOT NULL,
          synced_at      TEXT,
          UNIQUE (document_id, version)
        );
        CREATE INDEX outbox_open ON outbox (state, next_attempt_at) WHERE state NOT IN ('synced', 'superseded');
        CREATE INDEX outbox_synced ON outbox (synced_at) WHERE state = 'synced';

        -- A dossier (hồ sơ) as received: the rates of index 766 count dossiers by reception date,
        -- unit and level. issues_result: whether its procedure issues a result (NULL: not known).
        CREATE TABLE dossiers (
          code           TEXT PRIMARY KEY,
          procedure_code TEXT,
          unit_code      TEXT,
          level          TEXT CHECK (level IN ('tinh', 'huyen', 'xa')),
          received_at    TEXT NOT NULL,
          channel        TEXT NOT NULL DEFAULT 'counter' CHECK (channel IN ('counter', 'online', 'post')),
          issues_result  INTEGER CHECK (issues_result IN (0, 1)),
          created_at     TEXT NOT NULL
        );
        CREATE INDEX dossiers_received ON dossiers (received_at);
        -- The list's order (newest first, id to break ties) straight from an index: the first
        -- page of 10,000 queued documents must not sort them all.
        CREATE INDEX documents_by_created_id ON documents (created_at, id);

        -- A component taken from an earlier digitization instead of a new scan (local document id,
        -- or the provincial store's); the reuse rate counts it.
        ALTER TABLE documents ADD COLUMN reused_from TEXT;
      `);
    },
  },
  {
    version: 5,
    name: 'audit chain, full-text search',
    up(db) {
      db.exec(`
        -- Append-only: rows are chained by hash (records/audit.ts); the triggers stop the station's
        -- own code from ever changing one, the chain shows anyone else who does.
        CREATE TABLE audit (
          seq          INTEGER PRIMARY KEY,
          at           TEXT NOT NULL,
          actor        TEXT NOT NULL,
          action       TEXT NOT NULL,
          document_id  TEXT,
          details      TEXT NOT NULL DEFAULT '{}',
          prev_hash    TEXT NOT NULL,
          hash         TEXT NOT NULL
        );
        CREATE INDEX audit_by_document ON audit (document_id) WHERE document_id IS NOT NULL;
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

        -- Full-text search over what identifies a document and its text, folded (lower case,
        -- without diacritics, đ → d) by the station so that "nguyen van an" finds "Nguyễn Văn An".
        CREATE VIRTUAL TABLE search USING fts5(
          document_id UNINDEXED, codes, owner, title, text,
          tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
        );
      `);
    },
  },
  {
    version: 6,
    name: 'the record model: owners, full metadata, archival fields, reuse links, accounts',
    up(db) {
      db.exec(`
        ALTER TABLE documents ADD COLUMN procedure_code TEXT;
        ALTER TABLE documents ADD COLUMN component_code TEXT;
        ALTER TABLE documents ADD COLUMN summary TEXT;
        ALTER TABLE documents ADD COLUMN validity_scope TEXT;
        ALTER TABLE documents ADD COLUMN fonds TEXT;
        ALTER TABLE documents ADD COLUMN box TEXT;
        ALTER TABLE documents ADD COLUMN file_number TEXT;
        ALTER TABLE documents ADD COLUMN retention TEXT;
        ALTER TABLE documents ADD COLUMN physical_condition TEXT;
        -- The account that made it (NULL: made before accounts existed, or by the station itself):
        -- officers and archivists see their own work, supervisors everyone's.
        ALTER TABLE documents ADD COLUMN created_by TEXT;
        CREATE INDEX documents_by_creator ON documents (created_by, created_at) WHERE created_by IS NOT NULL;
        -- The owner's documents newest first straight from an index (the reuse lookup at the
        -- counter; an owner may have a thousand documents), and lookups by number as typed.
        DROP INDEX documents_by_owner;
        CREATE INDEX documents_by_owner_created ON documents (owner_id_number, created_at, id) WHERE owner_id_number IS NOT NULL;
        CREATE INDEX documents_by_number ON documents (doc_number) WHERE doc_number IS NOT NULL;
        -- Which row of the search index holds a document: FTS5 cannot index its document_id
        -- column, and deleting by it scans the whole index (a second per save at a million).
        CREATE TABLE search_rows (document_id TEXT PRIMARY KEY, fts_rowid INTEGER NOT NULL UNIQUE) WITHOUT ROWID;
        INSERT INTO search_rows (document_id, fts_rowid) SELECT document_id, max(rowid) FROM search GROUP BY document_id;
        -- Page images purged after the provincial store's receipt (records/retention.ts): the
        -- row stays (hash, size, who and when), the file goes.
        ALTER TABLE pages ADD COLUMN purged_at TEXT;
        ALTER TABLE blobs ADD COLUMN purged_at TEXT;

        -- Owners (chủ giấy tờ): a citizen by personal id, an organisation by tax code, with the
        -- name last given for them. The reuse lookup starts here.
        CREATE TABLE owners (
          id_number  TEXT PRIMARY KEY,
          id_type    TEXT NOT NULL CHECK (id_type IN ('citizen', 'organisation')),
          name       TEXT,
          updated_at TEXT NOT NULL
        ) WITHOUT ROWID;
        INSERT OR REPLACE INTO owners (id_number, id_type, name, updated_at)
          SELECT owner_id_number, CASE WHEN length(owner_id_number) = 12 THEN 'citizen' ELSE 'organisation' END, owner_name, updated_at
          FROM documents WHERE owner_id_number IS NOT NULL ORDER BY updated_at;

        -- What a dossier was given for each component without a new scan: a link to a document
        -- digitized before (here, or in the provincial store), never a copy of its bytes. The
        -- flags are the national portal's (DuocSoHoa, DuocTaiSuDung, DuocLayTuKhoDMQG,
        -- MaKetQuaThayThe).
        CREATE TABLE dossier_links (
          id                  INTEGER PRIMARY KEY,
          dossier_code        TEXT NOT NULL REFERENCES dossiers (code),
          component_code      TEXT,
          document_id         TEXT REFERENCES documents (id),
          remote_document_id  TEXT,
          remote_version      INTEGER,
          remote_sha256       TEXT,
          title               TEXT,
          digitized           INTEGER NOT NULL DEFAULT 1 CHECK (digitized IN (0, 1)),
          reused              INTEGER NOT NULL DEFAULT 1 CHECK (reused IN (0, 1)),
          from_national_store INTEGER NOT NULL DEFAULT 0 CHECK (from_national_store IN (0, 1)),
          replaces_result     TEXT,
          attached_at         TEXT NOT NULL,
          attached_by         TEXT NOT NULL,
          CHECK ((document_id IS NULL) <> (remote_document_id IS NULL))
        );
        CREATE UNIQUE INDEX dossier_links_local ON dossier_links (dossier_code, document_id) WHERE document_id IS NOT NULL;
        CREATE UNIQUE INDEX dossier_links_remote ON dossier_links (dossier_code, remote_document_id) WHERE remote_document_id IS NOT NULL;

        -- Local accounts. password: scrypt (records/passwords.ts), with its parameters.
        CREATE TABLE users (
          id              TEXT PRIMARY KEY,
          username        TEXT NOT NULL UNIQUE COLLATE NOCASE,
          display_name    TEXT NOT NULL,
          role            TEXT NOT NULL CHECK (role IN ('officer', 'archivist', 'supervisor', 'admin')),
          password        TEXT NOT NULL,
          disabled        INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
          failed_logins   INTEGER NOT NULL DEFAULT 0,
          locked_until    TEXT,
          created_at      TEXT NOT NULL,
          updated_at      TEXT NOT NULL
        );
      `);
    },
  },
  {
    version: 7,
    name: 'personal data sealed: owner blind index, hashed full-text words',
    up(db) {
      // The values are sealed, and the search index rebuilt with hashed words, by the seal pass at
      // the next open (records/sealing.ts): a migration has no key.
      db.exec(`
        ALTER TABLE documents ADD COLUMN owner_key TEXT;
        DROP INDEX documents_by_owner_created;
        CREATE INDEX documents_by_owner_key ON documents (owner_key, created_at, id) WHERE owner_key IS NOT NULL;
        DROP TABLE owners;
        CREATE TABLE owners (
          owner_key  TEXT PRIMARY KEY,
          id_type    TEXT NOT NULL CHECK (id_type IN ('citizen', 'organisation')),
          id_number  TEXT NOT NULL,
          name       TEXT,
          updated_at TEXT NOT NULL
        ) WITHOUT ROWID;
        DROP TABLE search;
        DELETE FROM search_rows;
        CREATE VIRTUAL TABLE search USING fts5(
          document_id UNINDEXED, codes, owner, title, text, prefixes,
          tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
        );
        INSERT INTO station (key, value) VALUES ('records.sealed', '0') ON CONFLICT (key) DO UPDATE SET value = '0';
      `);
    },
  },
  {
    version: 8,
    name: 'archive batches: documents split from a stack, their indexing as typed, the QC pass',
    up(db) {
      // entries and hints hold what the archivist typed and what OCR found (owner names and ids):
      // sealed under the station key by the archive repository, like the documents' columns.
      db.exec(`
        CREATE TABLE archive_batches (
          id              TEXT PRIMARY KEY,
          name            TEXT NOT NULL,
          separator       TEXT NOT NULL CHECK (separator IN ('patch-t', 'barcode', 'blank')),
          barcode_prefix  TEXT,
          defaults        TEXT NOT NULL DEFAULT '{}',
          created_by      TEXT,
          created_by_name TEXT NOT NULL,
          created_at      TEXT NOT NULL,
          position        INTEGER,
          separators      INTEGER NOT NULL DEFAULT 0,
          scan_state      TEXT NOT NULL DEFAULT 'idle' CHECK (scan_state IN ('idle', 'scanning', 'interrupted')),
          scan_pid        INTEGER,
          open_document   TEXT
        );
        CREATE TABLE archive_documents (
          document_id   TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
          batch_id      TEXT NOT NULL REFERENCES archive_batches (id),
          seq           INTEGER NOT NULL,
          state         TEXT NOT NULL CHECK (state IN ('indexing', 'review', 'sent-back', 'approved')),
          page_count    INTEGER NOT NULL DEFAULT 0,
          entries       TEXT,
          hints         TEXT,
          indexed_by    TEXT,
          indexed_name  TEXT,
          reviewed_by   TEXT,
          reviewed_name TEXT,
          review_reason TEXT,
          updated_at    TEXT NOT NULL,
          UNIQUE (batch_id, seq)
        );
        CREATE INDEX archive_documents_by_state ON archive_documents (batch_id, state);
      `);
    },
  },
  pageStepsMigration,
  pendingImagingMigration,
  sealedValuesBoundMigration,
  receiptAuditHeadMigration,
  trustMigration,
  demonstrationRecordsMigration,
  dossierProcedureSnapshotMigration,
  archiveSheetsMigration,
  pageVectorsMigration,
  pagePartsMigration,
];

export const LATEST_SCHEMA = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Applies every migration newer than the database, each in its own transaction. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  let version = db.pragma('user_version', { simple: true }) as number;
  for (const m of migrations) {
    if (m.version <= version) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
    version = m.version;
  }
  return version;
}
