// Migration 10: pages stored as captured, waiting for the imaging pipeline (issues 3 and 4).
//
// A scanned page is committed at once with its raw capture as its image (so it is on disk and in
// SQLite before anyone sees it, and the scanner never waits for processing); a row here says the
// profile still to apply. imaging/background-imaging.ts works through the rows in the order they
// were queued (rowid), and replaces the page's image in place (capture/page-swap.ts). The row
// leaves in the same transaction as the swap — by the trigger below, whatever replaced the image
// (the pipeline, or an officer's hand edit: then what was pending no longer applies) — and with
// the page when it is deleted. A process killed with rows here leaves them for the next start.
import type { Migration } from '../migrations';

export const pendingImagingMigration: Migration = {
  version: 10,
  name: 'pages waiting for the imaging pipeline',
  up(db) {
    db.exec(`
      CREATE TABLE pending_imaging (
        page_id     TEXT PRIMARY KEY REFERENCES pages (id) ON DELETE CASCADE,
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        profile     TEXT NOT NULL,
        raw_sha256  TEXT NOT NULL,
        queued_at   TEXT NOT NULL
      );
      CREATE INDEX pending_imaging_by_document ON pending_imaging (document_id);

      CREATE TRIGGER pending_imaging_image_replaced AFTER UPDATE OF image_sha256 ON pages
        WHEN NEW.image_sha256 IS NOT OLD.image_sha256
      BEGIN
        DELETE FROM pending_imaging WHERE page_id = NEW.id;
      END;
    `);
  },
};
