// The archive batches' rows: batches, the documents split from their stacks, what the archivist
// typed (sealed under the station key: owner names and ids), and the QC decisions. Every change
// is committed before any caller reports it.
import type { Database, Statement } from 'better-sqlite3';
import type { ArchiveBatch, ArchiveCounts, ArchiveDocState, ArchiveDocument, IndexEntries, SeparatorKind } from '../../contract';
import type { ColumnCipher, SealedAt } from '../records/column-cipher';
import type { PageSteps } from '../imaging/apply';

interface BatchRow {
  id: string;
  name: string;
  separator: SeparatorKind;
  barcode_prefix: string | null;
  defaults: string;
  created_by: string | null;
  created_by_name: string;
  created_at: string;
  position: number | null;
  separators: number;
  scan_state: ArchiveBatch['scanState'];
  scan_pid: number | null;
  open_document: string | null;
}

interface DocRow {
  document_id: string;
  batch_id: string;
  seq: number;
  state: ArchiveDocState;
  page_count: number;
  entries: string | null;
  hints: string | null;
  indexed_by: string | null;
  indexed_name: string | null;
  reviewed_by: string | null;
  reviewed_name: string | null;
  review_reason: string | null;
  updated_at: string;
  first_page: string | null;
}

export interface NewBatch {
  readonly id: string;
  readonly name: string;
  readonly separator: SeparatorKind;
  readonly barcodePrefix: string | null;
  readonly defaults: IndexEntries;
  readonly createdBy: string | null;
  readonly createdByName: string;
  readonly createdAt: string;
}

export interface Person {
  readonly userId: string | null;
  readonly name: string;
}

const DOC_SELECT = `SELECT a.*, (SELECT p.id FROM pages p WHERE p.document_id = a.document_id ORDER BY p.seq LIMIT 1) AS first_page FROM archive_documents a`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class ArchiveRepository {
  private readonly countsOf: Statement;
  private readonly batchRow: Statement;
  private readonly docRow: Statement;

  constructor(
    private readonly db: Database,
    private readonly cipher: ColumnCipher,
  ) {
    // One pass over the batch's rows by the (batch_id, state) index: a 5,000-page batch is about
    // a thousand rows.
    this.countsOf = db.prepare(`
      SELECT count(*) AS documents, coalesce(sum(page_count), 0) AS pages,
             coalesce(sum(state = 'indexing'), 0) AS indexing, coalesce(sum(state = 'review'), 0) AS review,
             coalesce(sum(state = 'sent-back'), 0) AS sentBack, coalesce(sum(state = 'approved'), 0) AS approved,
             coalesce(sum(CASE WHEN state = 'approved' THEN page_count END), 0) AS approvedPages
      FROM archive_documents WHERE batch_id = ?`);
    this.batchRow = db.prepare('SELECT * FROM archive_batches WHERE id = ?');
    this.docRow = db.prepare(`${DOC_SELECT} WHERE a.document_id = ?`);
  }

  /** Batches a process left "scanning" and that no living process scans: interrupted. Their
   * documents' page counts are taken again from the pages actually stored. */
  recoverInterrupted(): string[] {
    const rows = this.db.prepare("SELECT id, scan_pid FROM archive_batches WHERE scan_state = 'scanning'").all() as { id: string; scan_pid: number | null }[];
    const stale = rows.filter((r) => r.scan_pid === null || r.scan_pid === process.pid || !alive(r.scan_pid)).map((r) => r.id);
    this.db.transaction(() => {
      for (const id of stale) {
        this.db.prepare("UPDATE archive_batches SET scan_state = 'interrupted', scan_pid = NULL WHERE id = ?").run(id);
        this.db
          .prepare('UPDATE archive_documents SET page_count = (SELECT count(*) FROM pages p WHERE p.document_id = archive_documents.document_id) WHERE batch_id = ?')
          .run(id);
      }
    })();
    return stale;
  }

  create(b: NewBatch): void {
    this.db
      .prepare(
        `INSERT INTO archive_batches (id, name, separator, barcode_prefix, defaults, created_by, created_by_name, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(b.id, b.name, b.separator, b.barcodePrefix, this.cipher.seal(JSON.stringify(b.defaults), { table: 'archive_batches', column: 'defaults', row: b.id }), b.createdBy, b.createdByName, b.createdAt);
  }

  counts(batchId: string): ArchiveCounts {
    const c = this.countsOf.get(batchId) as Omit<ArchiveCounts, 'separators'>;
    const separators = this.db.prepare('SELECT separators FROM archive_batches WHERE id = ?').pluck().get(batchId) as number;
    return { ...c, separators };
  }

  private row(batchId: string): BatchRow | undefined {
    return this.batchRow.get(batchId) as BatchRow | undefined;
  }

  get(batchId: string): ArchiveBatch | null {
    const r = this.row(batchId);
    return r ? this.toBatch(r) : null;
  }

  list(createdBy: string | undefined): ArchiveBatch[] {
    const rows = (
      createdBy === undefined
        ? this.db.prepare('SELECT * FROM archive_batches ORDER BY created_at DESC LIMIT 200').all()
        : this.db.prepare('SELECT * FROM archive_batches WHERE created_by = ? ORDER BY created_at DESC LIMIT 200').all(createdBy)
    ) as BatchRow[];
    return rows.map((r) => this.toBatch(r));
  }

  private toBatch(r: BatchRow): ArchiveBatch {
    return {
      id: r.id,
      name: r.name,
      separator: r.separator,
      barcodePrefix: r.barcode_prefix,
      defaults: this.entries(r.defaults, { table: 'archive_batches', column: 'defaults', row: r.id }) ?? {},
      createdBy: r.created_by,
      createdByName: r.created_by_name,
      createdAt: r.created_at,
      position: r.position,
      scanState: r.scan_state,
      counts: this.counts(r.id),
    };
  }

  private entries(sealed: string | null, at: SealedAt): IndexEntries | null {
    return sealed === null ? null : (JSON.parse(this.cipher.unseal(sealed, at)) as IndexEntries);
  }

  setScanState(batchId: string, state: ArchiveBatch['scanState']): void {
    this.db.prepare('UPDATE archive_batches SET scan_state = ?, scan_pid = ? WHERE id = ?').run(state, state === 'scanning' ? process.pid : null, batchId);
  }

  /** The document receiving the stack's pages now (null after a separator). */
  openDocument(batchId: string): string | null {
    // Only while it is still being filled: a document indexed or approved meanwhile is closed.
    const id = this.db
      .prepare(
        `SELECT b.open_document FROM archive_batches b JOIN archive_documents a ON a.document_id = b.open_document
         JOIN documents d ON d.id = a.document_id WHERE b.id = ? AND d.status = 'draft' AND a.state IN ('indexing', 'sent-back')`,
      )
      .pluck()
      .get(batchId) as string | undefined;
    return id ?? null;
  }

  /** A new document of the batch, its draft already made in the same transaction by the caller. */
  startDocument(batchId: string, documentId: string, now: string): void {
    const seq = (this.db.prepare('SELECT coalesce(max(seq), 0) + 1 FROM archive_documents WHERE batch_id = ?').pluck().get(batchId) as number) ?? 1;
    this.db
      .prepare("INSERT INTO archive_documents (document_id, batch_id, seq, state, page_count, updated_at) VALUES (?, ?, ?, 'indexing', 0, ?)")
      .run(documentId, batchId, seq, now);
    this.db.prepare('UPDATE archive_batches SET open_document = ? WHERE id = ?').run(documentId, batchId);
  }

  /** What was measured of a page as it was stored (its blank test), in the page's steps. */
  recordSteps(pageId: string, steps: PageSteps, now: string): void {
    this.db.prepare('INSERT INTO page_steps (page_id, profile, steps, original_sha256, created_at) VALUES (?, ?, ?, NULL, ?)').run(pageId, steps.profile, JSON.stringify(steps), now);
  }

  /** The 1-based positions of the document's pages found blank. */
  blankPages(documentId: string): number[] {
    return this.db
      .prepare("SELECT p.seq FROM pages p JOIN page_steps s ON s.page_id = p.id WHERE p.document_id = ? AND json_extract(s.steps, '$.blank') = 1 ORDER BY p.seq")
      .pluck()
      .all(documentId) as number[];
  }

  pageAdded(documentId: string): void {
    this.db.prepare('UPDATE archive_documents SET page_count = page_count + 1 WHERE document_id = ?').run(documentId);
  }

  /** A separator sheet: the open document ends; the next page starts another. */
  separatorSeen(batchId: string): void {
    this.db.prepare('UPDATE archive_batches SET separators = separators + 1, open_document = NULL WHERE id = ?').run(batchId);
  }

  documents(q: { batchId: string; state?: ArchiveDocState | undefined; limit: number; offset: number }): ArchiveDocument[] {
    const rows = (
      q.state
        ? this.db.prepare(`${DOC_SELECT} WHERE a.batch_id = ? AND a.state = ? ORDER BY a.seq LIMIT ? OFFSET ?`).all(q.batchId, q.state, q.limit, q.offset)
        : this.db.prepare(`${DOC_SELECT} WHERE a.batch_id = ? ORDER BY a.seq LIMIT ? OFFSET ?`).all(q.batchId, q.limit, q.offset)
    ) as DocRow[];
    return rows.map((r) => this.toDocument(r));
  }

  document(documentId: string): ArchiveDocument | null {
    const r = this.docRow.get(documentId) as DocRow | undefined;
    return r ? this.toDocument(r) : null;
  }

  /** Who typed the indexing last (the QC pass must be someone else). */
  indexedBy(documentId: string): string | null {
    return this.db.prepare('SELECT indexed_by FROM archive_documents WHERE document_id = ?').pluck().get(documentId) as string | null;
  }

  private toDocument(r: DocRow): ArchiveDocument {
    return {
      documentId: r.document_id,
      batchId: r.batch_id,
      seq: r.seq,
      state: r.state,
      pageCount: r.page_count,
      entries: this.entries(r.entries, { table: 'archive_documents', column: 'entries', row: r.document_id }) ?? {},
      hints: this.entries(r.hints, { table: 'archive_documents', column: 'hints', row: r.document_id }),
      indexedBy: r.indexed_name,
      reviewedBy: r.reviewed_name,
      reviewReason: r.review_reason,
      firstPageId: r.first_page,
      blankPages: this.blankPages(r.document_id),
      updatedAt: r.updated_at,
    };
  }

  /** What the archivist typed, as typed, and where in the batch they are. */
  saveEntries(documentId: string, entries: IndexEntries, now: string): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE archive_documents SET entries = ?, updated_at = ? WHERE document_id = ?').run(this.cipher.seal(JSON.stringify(entries), { table: 'archive_documents', column: 'entries', row: documentId }), now, documentId);
      this.db.prepare('UPDATE archive_batches SET position = (SELECT seq FROM archive_documents WHERE document_id = ?) WHERE id = (SELECT batch_id FROM archive_documents WHERE document_id = ?)').run(documentId, documentId);
    })();
  }

  setPosition(batchId: string, seq: number): void {
    this.db.prepare('UPDATE archive_batches SET position = ? WHERE id = ?').run(seq, batchId);
  }

  setHints(documentId: string, hints: IndexEntries): void {
    this.db.prepare('UPDATE archive_documents SET hints = ? WHERE document_id = ?').run(this.cipher.seal(JSON.stringify(hints), { table: 'archive_documents', column: 'hints', row: documentId }), documentId);
  }

  setState(documentId: string, state: ArchiveDocState, by: { indexed?: Person; reviewed?: Person; reason?: string | null }, now: string): void {
    const sets = ['state = @state', 'updated_at = @now'];
    if (by.indexed) sets.push('indexed_by = @indexedBy', 'indexed_name = @indexedName');
    if (by.reviewed) sets.push('reviewed_by = @reviewedBy', 'reviewed_name = @reviewedName', 'review_reason = @reason');
    this.db.prepare(`UPDATE archive_documents SET ${sets.join(', ')} WHERE document_id = @id`).run({
      id: documentId,
      state,
      now,
      indexedBy: by.indexed?.userId ?? null,
      indexedName: by.indexed?.name ?? null,
      reviewedBy: by.reviewed?.userId ?? null,
      reviewedName: by.reviewed?.name ?? null,
      reason: by.reason ?? null,
    });
  }

  inTransaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
