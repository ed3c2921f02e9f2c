// Migration 18: the parts of a large sheet kept as its page's originals until signing (issue 18).
//
// A sheet assembled from parts scanned on a small glass (stitching/assemble-draft.ts) is one page
// whose own original (page_steps.original_sha256) is the composed sheet. The parts themselves —
// what the scanner saw, each as captured — are the evidence behind that page, kept like any
// capture: one row per part here, released as migration 9 releases an original (queued in
// released_originals when its row goes or the document is signed, the file removed by
// imaging/page-imaging.ts once no row names it: blob-references.ts).
import type { Migration } from '../migrations';

export const pagePartsMigration: Migration = {
  version: 18,
  name: 'a large sheet’s parts kept as its page’s originals until signing',
  up(db) {
    db.exec(`
      CREATE TABLE page_parts (
        page_id    TEXT NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
        part       INTEGER NOT NULL CHECK (part > 0),
        sha256     TEXT NOT NULL REFERENCES blobs (sha256),
        media_type TEXT NOT NULL,
        width_px   INTEGER NOT NULL CHECK (width_px > 0),
        height_px  INTEGER NOT NULL CHECK (height_px > 0),
        dpi        REAL NOT NULL CHECK (dpi > 0),
        created_at TEXT NOT NULL,
        PRIMARY KEY (page_id, part)
      ) WITHOUT ROWID;
      CREATE INDEX page_parts_by_sha ON page_parts (sha256);

      CREATE TRIGGER page_parts_gone AFTER DELETE ON page_parts
      BEGIN
        INSERT OR IGNORE INTO released_originals (sha256) VALUES (OLD.sha256);
      END;

      -- Signing fixes the page: the parts it was assembled from are no longer needed.
      CREATE TRIGGER signed_releases_parts AFTER INSERT ON signatures
      BEGIN
        DELETE FROM page_parts WHERE page_id IN (SELECT id FROM pages WHERE document_id = NEW.document_id);
      END;
    `);
  },
};
