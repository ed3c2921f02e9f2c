// Hand changes to a draft's page order: move one page, delete one page (issue 4, item 10).
//
// Only drafts: a ready or signed record is never edited (code `page-edit-not-draft`). The seqs of a
// document stay 1..n with no gaps after every change.
//
// Kill -9 safety of a delete: the page's blobs are noted in the blob store's removal intents
// BEFORE the transaction that drops the row, and their files are removed only AFTER it commits
// and only if no row names them any more (blob-references.ts). A process killed before the commit
// leaves the page as it was (the intent names blobs that still have rows: the start-up sweep keeps
// them); killed after it, the files without rows are removed by the next start-up sweep. The
// page's ORIGINAL capture is left to imaging/page-imaging.ts: the page_steps trigger queues it in
// released_originals when the row goes.
import type { Database } from 'better-sqlite3';
import { StationError } from '../errors';
import type { AuditLog } from '../records/audit';
import { blobUnused } from '../records/blob-references';
import type { BlobStore } from '../records/blob-store';

interface PageRow {
  readonly id: string;
  readonly documentId: string;
  readonly seq: number;
  readonly status: string;
}

export interface PageOrder {
  readonly documentId: string;
  /** The document's page ids in their new order (seq = index + 1). */
  readonly pageIds: readonly string[];
}

export class PageEdits {
  constructor(
    private readonly db: Database,
    private readonly blobs: Pick<BlobStore, 'noteRemoval' | 'removeUnlisted'>,
    private readonly audit: Pick<AuditLog, 'append'> | null,
  ) {}

  /** Puts a page at `toSeq` (1-based; beyond the end means last), the others keeping their order. */
  move(pageId: string, toSeq: number, now: string): PageOrder {
    return this.db.transaction(() => {
      const page = this.draftPage(pageId);
      const ids = this.orderedIds(page.documentId).filter((id) => id !== pageId);
      const at = Math.min(Math.max(1, Math.trunc(toSeq)), ids.length + 1) - 1;
      ids.splice(at, 0, pageId);
      this.renumber(page.documentId, ids, now);
      this.audit?.append('update', page.documentId, { page: pageId, change: 'move', fromSeq: page.seq, toSeq: at + 1 });
      return { documentId: page.documentId, pageIds: ids };
    })();
  }

  /** Puts pages just added at the end of a draft (a rescan) before the page now at `toSeq`, in the
   * order given. Runs inside the caller's transaction (the one that committed the pages), so a
   * killed process leaves them either not there or in place. Returns the seq of the first. */
  placeAt(documentId: string, pageIds: readonly string[], toSeq: number, now: string): number {
    return this.db.transaction(() => {
      const moving = new Set(pageIds);
      const rest = this.orderedIds(documentId).filter((id) => !moving.has(id));
      const at = Math.min(Math.max(1, Math.trunc(toSeq)), rest.length + 1) - 1;
      rest.splice(at, 0, ...pageIds);
      this.renumber(documentId, rest, now);
      return at + 1;
    })();
  }

  /** Removes a page from a draft; the pages after it move up one. */
  delete(pageId: string, now: string): PageOrder {
    const candidates = pageOwnBlobs(this.db, pageId);
    this.blobs.noteRemoval(candidates); // before the commit: see the header
    const order = this.db.transaction(() => {
      const page = this.draftPage(pageId);
      this.db.prepare('DELETE FROM pages WHERE id = ?').run(pageId); // page_text, page_steps cascade
      const ids = this.orderedIds(page.documentId);
      this.renumber(page.documentId, ids, now);
      for (const sha of candidates) if (blobUnused(this.db, sha)) this.db.prepare('DELETE FROM blobs WHERE sha256 = ?').run(sha);
      this.audit?.append('update', page.documentId, { page: pageId, change: 'delete', seq: page.seq });
      return { documentId: page.documentId, pageIds: ids };
    })();
    const hasRow = this.db.prepare('SELECT 1 FROM blobs WHERE sha256 = ?');
    this.blobs.removeUnlisted(candidates, (sha) => hasRow.get(sha) !== undefined);
    return order;
  }

  /** Puts several pages of one draft, in their present order, before the page now at `toSeq`
   * (1-based; a page that moves itself does not count; beyond the end: last). One transaction. */
  moveMany(pageIds: readonly string[], toSeq: number, now: string): PageOrder {
    return this.db.transaction(() => {
      const documentId = this.oneDraft(pageIds);
      const all = this.orderedIds(documentId);
      const moving = new Set(pageIds);
      // the first page at or after toSeq that stays: the pages go before it
      const anchor = all.slice(Math.max(0, Math.trunc(toSeq) - 1)).find((id) => !moving.has(id)) ?? null;
      const rest = all.filter((id) => !moving.has(id));
      const at = anchor === null ? rest.length : rest.indexOf(anchor);
      const ids = [...rest.slice(0, at), ...all.filter((id) => moving.has(id)), ...rest.slice(at)];
      this.renumber(documentId, ids, now);
      this.audit?.append('update', documentId, { pages: pageIds.length, change: 'move', toSeq: at + 1 });
      return { documentId, pageIds: ids };
    })();
  }

  /** Removes several pages of one draft in one transaction: all of them, or (on any refusal) none. */
  deleteMany(pageIds: readonly string[], now: string): PageOrder {
    const candidates = [...new Set(pageIds.flatMap((id) => pageOwnBlobs(this.db, id)))];
    this.blobs.noteRemoval(candidates); // before the commit: see the header
    const order = this.db.transaction(() => {
      const documentId = this.oneDraft(pageIds);
      const seqs = pageIds.map((id) => this.draftPage(id).seq);
      const drop = this.db.prepare('DELETE FROM pages WHERE id = ?');
      for (const id of pageIds) drop.run(id); // page_text, page_steps cascade
      const ids = this.orderedIds(documentId);
      this.renumber(documentId, ids, now);
      for (const sha of candidates) if (blobUnused(this.db, sha)) this.db.prepare('DELETE FROM blobs WHERE sha256 = ?').run(sha);
      this.audit?.append('update', documentId, { pages: pageIds.length, change: 'delete', seqs: seqs.sort((x, y) => x - y) });
      return { documentId, pageIds: ids };
    })();
    const hasRow = this.db.prepare('SELECT 1 FROM blobs WHERE sha256 = ?');
    this.blobs.removeUnlisted(candidates, (sha) => hasRow.get(sha) !== undefined);
    return order;
  }

  /** The one draft all these pages belong to (each must exist; pages of two documents are refused). */
  private oneDraft(pageIds: readonly string[]): string {
    const documents = new Set(pageIds.map((id) => this.draftPage(id).documentId));
    if (documents.size !== 1) throw new StationError('invalid-input', { field: 'pageIds', detail: 'pages of one document' });
    return [...documents][0]!;
  }

  private draftPage(pageId: string): PageRow {
    const row = this.db
      .prepare('SELECT p.id, p.document_id AS documentId, p.seq, d.status FROM pages p JOIN documents d ON d.id = p.document_id WHERE p.id = ?')
      .get(pageId) as PageRow | undefined;
    if (!row) throw new StationError('page-not-found', { id: pageId });
    if (row.status !== 'draft') throw new StationError('page-edit-not-draft', { id: row.documentId });
    return row;
  }

  private orderedIds(documentId: string): string[] {
    return this.db.prepare('SELECT id FROM pages WHERE document_id = ? ORDER BY seq').pluck().all(documentId) as string[];
  }

  /** Seqs 1..n in the given order; out of the way first, as (document_id, seq) is unique at every step. */
  private renumber(documentId: string, ids: readonly string[], now: string): void {
    this.db.prepare('UPDATE pages SET seq = seq + 1000000 WHERE document_id = ?').run(documentId);
    const set = this.db.prepare('UPDATE pages SET seq = ? WHERE id = ?');
    ids.forEach((id, i) => set.run(i + 1, id));
    this.db.prepare('UPDATE documents SET updated_at = ? WHERE id = ?').run(now, documentId);
  }

}

/** The blobs this page's row may name: its image, thumbnail and recognised words, and the PDF it
 * is carried from as vectors (which its document's other pages may share: callers check). */
export function pageOwnBlobs(db: Database, pageId: string): string[] {
  return db
    .prepare(
      `SELECT image_sha256 FROM pages WHERE id = @id UNION SELECT thumb_sha256 FROM pages WHERE id = @id
       UNION SELECT words_sha256 FROM page_text WHERE page_id = @id UNION SELECT pdf_sha256 FROM page_vectors WHERE page_id = @id`,
    )
    .pluck()
    .all({ id: pageId }) as string[];
}
