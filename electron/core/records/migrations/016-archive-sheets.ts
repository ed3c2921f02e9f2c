// Migration 16: an archive stack's sheets stored first, processed behind (issue 17).
//
// Each sheet the feeder delivers (or an archive import reads) is committed AS CAPTURED the moment
// it arrives: its raw capture in the blob store (hashed, encrypted, fsynced), and a row here with
// its place in the feeder order (`seq`, from the batch's own counter, never reused). The imaging
// pool then classifies (separator or page), measures and encodes sheets in parallel, and the
// archive's placer (archive/sheet-line.ts) puts them into documents strictly by seq, one
// transaction per sheet: the page row, its steps, and this row's removal together (a separator
// only counts and closes the open document). A process killed at any moment leaves each sheet
// either here (done again by the next start) or placed, never both, never neither.
import type { Migration } from '../migrations';

export const archiveSheetsMigration: Migration = {
  version: 16,
  name: 'archive sheets stored as captured, waiting to be placed',
  up(db) {
    db.exec(`
      ALTER TABLE archive_batches ADD COLUMN sheets_captured INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE archive_sheets (
        batch_id     TEXT NOT NULL REFERENCES archive_batches (id) ON DELETE CASCADE,
        seq          INTEGER NOT NULL CHECK (seq > 0),
        raw_sha256   TEXT NOT NULL REFERENCES blobs (sha256),
        thumb_sha256 TEXT NOT NULL REFERENCES blobs (sha256),
        width_px     INTEGER NOT NULL CHECK (width_px > 0),
        height_px    INTEGER NOT NULL CHECK (height_px > 0),
        dpi          REAL NOT NULL CHECK (dpi > 0),
        mode         TEXT NOT NULL CHECK (mode IN ('color', 'gray', 'bw')),
        captured_at  TEXT NOT NULL,
        PRIMARY KEY (batch_id, seq)
      ) WITHOUT ROWID;
    `);
  },
};
