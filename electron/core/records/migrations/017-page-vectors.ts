// Migration 17: pages of a born-digital PDF carried into the record as vectors (issue 20).
//
// Such a page keeps a rendered image like any page (thumbnails, the viewer, OCR, the conversion
// mark's and the signature's free-space search all work on it), and a row here names the PDF it
// came from (the import's repaired copy, one blob per imported file) and its page number there:
// the record writer draws that page itself, with its fonts and text, instead of the image. An
// edit that replaces the page's image (a turn, a crop, a hand edit) makes the page its image
// again: the trigger drops the row in the same statement.
import type { Migration } from '../migrations';

export const pageVectorsMigration: Migration = {
  version: 17,
  name: 'pages carried as vectors from an imported PDF',
  up(db) {
    db.exec(`
      CREATE TABLE page_vectors (
        page_id     TEXT PRIMARY KEY REFERENCES pages (id) ON DELETE CASCADE,
        pdf_sha256  TEXT NOT NULL REFERENCES blobs (sha256),
        page_number INTEGER NOT NULL CHECK (page_number > 0),
        created_at  TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX page_vectors_by_pdf ON page_vectors (pdf_sha256);

      CREATE TRIGGER page_vectors_image_replaced AFTER UPDATE OF image_sha256 ON pages
        WHEN NEW.image_sha256 IS NOT OLD.image_sha256
      BEGIN
        DELETE FROM page_vectors WHERE page_id = NEW.id;
      END;
    `);
  },
};
