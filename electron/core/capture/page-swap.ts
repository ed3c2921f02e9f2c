// A page's image replaced in place by one derived again from its capture: processing finished in
// the background after the raw capture was stored, or a hand rotate/crop/undo (issue 4, item 10).
// The page keeps its id and seq; its image, thumbnail, size, mode and recorded steps change
// together in one transaction, and recognised text of the old image goes with it.
//
// Kill -9 safety follows page-edits.ts: the old files are noted as removal intents before the
// transaction and removed after it only if no row names them. The new files are written by the
// caller before (blob-store writes are durable first); a process killed before the commit leaves
// them without rows for the start-up sweep.
import type { Database, Statement } from 'better-sqlite3';
import type { ColorMode } from '../../contract';
import { StationError } from '../errors';
import type { PageSteps } from '../imaging/apply';
import { blobUnused } from '../records/blob-references';
import { pageOwnBlobs } from './page-edits';
import type { BlobStore, StoredBlob } from '../records/blob-store';

export interface PageImageSwap {
  readonly image: StoredBlob & { readonly mediaType: string };
  readonly thumb: StoredBlob & { readonly mediaType: string };
  readonly widthPx: number;
  readonly heightPx: number;
  readonly mode: ColorMode;
  readonly steps: PageSteps;
  /** The capture the image was derived from; undefined keeps the one recorded. */
  readonly originalSha256?: string | null | undefined;
}

export class PageSwap {
  private readonly insertBlob: Statement;

  constructor(
    private readonly db: Database,
    private readonly blobs: Pick<BlobStore, 'noteRemoval' | 'removeUnlisted'>,
  ) {
    this.insertBlob = db.prepare(
      'INSERT INTO blobs (sha256, bytes, media_type, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO UPDATE SET purged_at = NULL WHERE purged_at IS NOT NULL',
    );
  }

  /** Swaps the page's image. `expectSha256`, when given, must be the page's image now: a swap
   * computed from an image someone else has since replaced is refused (`page-changed`), so two
   * edits never silently overwrite each other. Only drafts (`page-edit-not-draft`). */
  swap(pageId: string, next: PageImageSwap, now: string, expectSha256?: string): void {
    const old = pageOwnBlobs(this.db, pageId);
    this.blobs.noteRemoval(old);
    this.db.transaction(() => {
      const row = this.db
        .prepare('SELECT p.document_id AS documentId, p.image_sha256 AS image, d.status FROM pages p JOIN documents d ON d.id = p.document_id WHERE p.id = ?')
        .get(pageId) as { documentId: string; image: string; status: string } | undefined;
      if (!row) throw new StationError('page-not-found', { id: pageId });
      if (row.status !== 'draft') throw new StationError('page-edit-not-draft', { id: row.documentId });
      if (expectSha256 !== undefined && row.image !== expectSha256) throw new StationError('page-changed', { id: pageId });
      this.insertBlob.run(next.image.sha256, next.image.bytes, next.image.mediaType, now);
      this.insertBlob.run(next.thumb.sha256, next.thumb.bytes, next.thumb.mediaType, now);
      this.db
        .prepare('UPDATE pages SET image_sha256 = ?, thumb_sha256 = ?, width_px = ?, height_px = ?, mode = ? WHERE id = ?')
        .run(next.image.sha256, next.thumb.sha256, next.widthPx, next.heightPx, next.mode, pageId);
      this.db.prepare('DELETE FROM page_text WHERE page_id = ?').run(pageId); // it described the old image
      const steps = JSON.stringify(next.steps);
      const had = this.db.prepare('SELECT original_sha256 FROM page_steps WHERE page_id = ?').get(pageId) as { original_sha256: string | null } | undefined;
      const original = next.originalSha256 === undefined ? (had?.original_sha256 ?? null) : next.originalSha256;
      if (had) this.db.prepare('UPDATE page_steps SET profile = ?, steps = ?, original_sha256 = ? WHERE page_id = ?').run(next.steps.profile, steps, original, pageId);
      else this.db.prepare('INSERT INTO page_steps (page_id, profile, steps, original_sha256, created_at) VALUES (?, ?, ?, ?, ?)').run(pageId, next.steps.profile, steps, original, now);
      this.db.prepare('UPDATE documents SET updated_at = ? WHERE id = ?').run(now, row.documentId);
      for (const sha of old) if (blobUnused(this.db, sha)) this.db.prepare('DELETE FROM blobs WHERE sha256 = ?').run(sha);
    })();
    const hasRow = this.db.prepare('SELECT 1 FROM blobs WHERE sha256 = ?');
    this.blobs.removeUnlisted(old, (sha) => hasRow.get(sha) !== undefined);
  }
}
