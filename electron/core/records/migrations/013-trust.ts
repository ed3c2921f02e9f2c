// Migration 13: who may reach what (issue 15).
//
// - dossiers.opened_by: the officer who received the dossier (the row rule of dossiers); a dossier
//   received before this version belongs to whoever saved its first document.
// - audit.user_id, audit.username: the immutable account behind a row (the display name in
//   `actor` can be changed by its owner), inside the row's hash from now on; audit.keyed: 1 for
//   rows chained with the station's audit key (an HMAC), 0 for the rows written before, which
//   keep their plain SHA-256 chain (the first keyed row seals them: it covers the last one's hash).
// - preferences: a person's own choices (which key they sign with), by account ('' before accounts).
import type { Migration } from '../migrations';

export const trustMigration: Migration = {
  version: 13,
  name: 'who may reach what: dossier owners, accounts in the audit chain, personal preferences',
  up(db) {
    db.exec(`
      ALTER TABLE dossiers ADD COLUMN opened_by TEXT;
      UPDATE dossiers SET opened_by = (
        SELECT d.created_by FROM documents d WHERE d.dossier_code = dossiers.code AND d.created_by IS NOT NULL ORDER BY d.created_at, d.id LIMIT 1);
      CREATE INDEX dossiers_by_opener ON dossiers (opened_by, received_at);

      ALTER TABLE audit ADD COLUMN user_id TEXT;
      ALTER TABLE audit ADD COLUMN username TEXT;
      ALTER TABLE audit ADD COLUMN keyed INTEGER NOT NULL DEFAULT 0 CHECK (keyed IN (0, 1));
      CREATE INDEX audit_by_user ON audit (user_id) WHERE user_id IS NOT NULL;

      CREATE TABLE preferences (
        user_id TEXT PRIMARY KEY,
        value   TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
