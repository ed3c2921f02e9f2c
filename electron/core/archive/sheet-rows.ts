// The rows of an archive stack's sheets stored as captured (migration 16) and the one
// transaction that places a processed sheet: a separator counts and closes the open document; a
// page joins it (or starts the next) with its steps. The sheet's row leaves in that same
// transaction, and its raw capture's files go once nothing names them (after the commit; the
// blob store's removal intents cover a process killed in between).
import type { Database } from 'better-sqlite3';
import type { ArchiveBatch, ColorMode } from '../../contract';
import { uuidv7 } from '../ids';
import type { PageSteps } from '../imaging/apply';
import type { StagedPage } from '../imaging/page-imaging';
import { blobUnused } from '../records/blob-references';
import type { BlobStore } from '../records/blob-store';
import type { DocumentRepository } from '../records/documents';
import type { RawCapture } from '../capture/raw-capture';
import { vietnamIso } from '../time';
import type { ArchiveRepository } from './batches';
import type { BlankMeasure } from './separators';

export interface SheetRow {
  readonly batchId: string;
  /** The sheet's place in the batch's feeder order (never reused). */
  readonly seq: number;
  readonly rawSha256: string;
  readonly thumbSha256: string;
  readonly dpi: number;
  readonly mode: ColorMode;
}

/** What a processed sheet turned out to be. */
export type ProcessedSheet =
  | { readonly separator: true }
  | { readonly separator: false; readonly measured: BlankMeasure; readonly part: StagedPage['parts'][number] };

export type SheetOutcome = 'separator' | 'page' | 'new-document';

/** An archive page is stored as scanned: its steps say so, with what the blank test measured. */
const AS_SCANNED: Omit<PageSteps, 'capturedMode' | 'storedMode' | 'blank' | 'inkFraction' | 'exifOrientation'> = { profile: 'none', quarterTurns: 0, deskewDegrees: 0, crop: null, part: 'whole', hasColour: null };

const COLUMNS = 'batch_id AS batchId, seq, raw_sha256 AS rawSha256, thumb_sha256 AS thumbSha256, dpi, mode';

export class SheetRows {
  constructor(
    private readonly db: Database,
    private readonly documents: DocumentRepository,
    private readonly archive: ArchiveRepository,
    private readonly blobs: BlobStore,
  ) {}

  /** Commits a sheet as captured, next in the batch's feeder order. */
  commit(batchId: string, raw: RawCapture, capture: { dpi: number; mode: ColorMode }): SheetRow {
    const now = vietnamIso();
    const blob = this.db.prepare(
      'INSERT INTO blobs (sha256, bytes, media_type, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO UPDATE SET purged_at = NULL WHERE purged_at IS NOT NULL',
    );
    return this.db.transaction(() => {
      blob.run(raw.image.sha256, raw.image.bytes, raw.image.mediaType, now);
      blob.run(raw.thumb.sha256, raw.thumb.bytes, raw.thumb.mediaType, now);
      const seq = this.db.prepare('UPDATE archive_batches SET sheets_captured = sheets_captured + 1 WHERE id = ? RETURNING sheets_captured').pluck().get(batchId) as number;
      this.db
        .prepare('INSERT INTO archive_sheets (batch_id, seq, raw_sha256, thumb_sha256, width_px, height_px, dpi, mode, captured_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(batchId, seq, raw.image.sha256, raw.thumb.sha256, raw.widthPx, raw.heightPx, capture.dpi, capture.mode, now);
      return { batchId, seq, rawSha256: raw.image.sha256, thumbSha256: raw.thumb.sha256, dpi: capture.dpi, mode: capture.mode };
    })();
  }

  /** The batch's sheets not yet placed, in feeder order. */
  pending(batchId: string): SheetRow[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM archive_sheets WHERE batch_id = ? ORDER BY seq`).all(batchId) as SheetRow[];
  }

  /** Batches with sheets left by a process that stopped (or still under way here). */
  batchesWithSheets(): string[] {
    return this.db.prepare('SELECT DISTINCT batch_id FROM archive_sheets').pluck().all() as string[];
  }

  count(batchId: string): number {
    return this.db.prepare('SELECT count(*) FROM archive_sheets WHERE batch_id = ?').pluck().get(batchId) as number;
  }

  /** Places a processed sheet in ONE transaction; null if its row is gone already (nothing done).
   * `released`: the raw capture's files no row names any more, for the caller to remove. */
  place(batch: ArchiveBatch, row: SheetRow, sheet: ProcessedSheet): { outcome: SheetOutcome; documentId: string | null; released: string[] } | null {
    const { db, documents, archive, blobs } = this;
    const raw = [row.rawSha256, row.thumbSha256];
    blobs.noteRemoval(raw);
    let released: string[] = [];
    const placed = db.transaction(() => {
      const gone = db.prepare('DELETE FROM archive_sheets WHERE batch_id = ? AND seq = ?').run(row.batchId, row.seq).changes === 0;
      if (gone) return null;
      released = raw.filter((sha) => blobUnused(db, sha) && db.prepare('DELETE FROM blobs WHERE sha256 = ?').run(sha).changes > 0);
      if (sheet.separator) {
        archive.separatorSeen(batch.id);
        return { outcome: 'separator' as const, documentId: null };
      }
      const now = vietnamIso();
      let id = archive.openDocument(batch.id);
      let started = false;
      if (!id) {
        id = uuidv7();
        documents.createDraft(id, `archive:${batch.id}`, { kind: 'result' }, now);
        archive.startDocument(batch.id, id, now);
        started = true;
      }
      const { part } = sheet;
      const pageId = uuidv7();
      documents.addPage({ id: pageId, documentId: id, seq: documents.lastSeq(id) + 1, image: part.image, thumb: part.thumb, widthPx: part.widthPx, heightPx: part.heightPx, dpi: row.dpi, mode: part.mode, createdAt: now });
      archive.pageAdded(id);
      archive.recordSteps(pageId, { ...AS_SCANNED, exifOrientation: part.steps.exifOrientation, capturedMode: row.mode, storedMode: part.mode, ...sheet.measured }, now);
      return { outcome: started ? ('new-document' as const) : ('page' as const), documentId: id };
    })();
    if (!placed) this.discard(sheet);
    return placed && { ...placed, released };
  }

  /** Drops the batch's sheets from `seq` on (one that cannot be read, and those fed after it: they
   * would land in the wrong document); returns the raw files no row names any more. */
  dropFrom(batchId: string, seq: number): string[] {
    const { db } = this;
    const rows = db.prepare(`SELECT ${COLUMNS} FROM archive_sheets WHERE batch_id = ? AND seq >= ?`).all(batchId, seq) as SheetRow[];
    const shas = [...new Set(rows.flatMap((r) => [r.rawSha256, r.thumbSha256]))];
    this.blobs.noteRemoval(shas);
    return db.transaction(() => {
      db.prepare('DELETE FROM archive_sheets WHERE batch_id = ? AND seq >= ?').run(batchId, seq);
      return shas.filter((sha) => blobUnused(db, sha) && db.prepare('DELETE FROM blobs WHERE sha256 = ?').run(sha).changes > 0);
    })();
  }

  /** Removes the files of blobs whose rows are gone (those a placement released). */
  removeReleased(shas: readonly string[]): void {
    const hasRow = this.db.prepare('SELECT 1 FROM blobs WHERE sha256 = ?');
    this.blobs.removeUnlisted(shas, (sha) => hasRow.get(sha) !== undefined);
  }

  /** Removes the files a processed sheet wrote that no row names (never placed). */
  discard(sheet: ProcessedSheet): void {
    if (sheet.separator) return;
    const hasRow = this.db.prepare('SELECT 1 FROM blobs WHERE sha256 = ?');
    this.blobs.removeUnlisted([sheet.part.image.sha256, sheet.part.thumb.sha256], (sha) => hasRow.get(sha) !== undefined);
  }

}
