// Migration 9: what the imaging pipeline did to each page, and the capture it started from.
//
// A page's steps (profile, quarter turns, deskew angle, crop box, split, colour policy) are kept
// as JSON beside the page, so that an officer can see and undo them. The original capture stays
// in the blob store (original_sha256) until the document is signed: a trigger on `signatures`
// releases it, and every release — by signing, or by the page row going — is queued in
// `released_originals` for imaging/page-imaging.ts to remove the file once nothing else names it.
import type { Migration } from '../migrations';

export const pageStepsMigration: Migration = {
  version: 9,
  name: 'page imaging steps and the original capture kept until signing',
  up(db) {
    db.exec(`
      CREATE TABLE page_steps (
        page_id         TEXT PRIMARY KEY REFERENCES pages (id) ON DELETE CASCADE,
        profile         TEXT NOT NULL,
        steps           TEXT NOT NULL CHECK (json_valid(steps)),
        original_sha256 TEXT REFERENCES blobs (sha256),
        released_at     TEXT,
        created_at      TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX page_steps_by_original ON page_steps (original_sha256) WHERE original_sha256 IS NOT NULL;

      CREATE TABLE released_originals (
        sha256 TEXT PRIMARY KEY
      ) WITHOUT ROWID;

      CREATE TRIGGER page_steps_original_gone AFTER DELETE ON page_steps
        WHEN OLD.original_sha256 IS NOT NULL
      BEGIN
        INSERT OR IGNORE INTO released_originals (sha256) VALUES (OLD.original_sha256);
      END;

      CREATE TRIGGER page_steps_original_released AFTER UPDATE OF original_sha256 ON page_steps
        WHEN OLD.original_sha256 IS NOT NULL AND NEW.original_sha256 IS NOT OLD.original_sha256
      BEGIN
        INSERT OR IGNORE INTO released_originals (sha256) VALUES (OLD.original_sha256);
      END;

      -- Signing fixes the pages: the captures they were made from are no longer needed.
      CREATE TRIGGER signed_releases_originals AFTER INSERT ON signatures
      BEGIN
        UPDATE page_steps SET original_sha256 = NULL, released_at = NEW.created_at
         WHERE original_sha256 IS NOT NULL AND page_id IN (SELECT id FROM pages WHERE document_id = NEW.document_id);
      END;
    `);
  },
};
