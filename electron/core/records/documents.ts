// Documents and their pages in SQLite. Every change is one transaction; a page row is written
// only after its files are durable in the blob store.
import type { Database, Statement } from 'better-sqlite3';
import type { DocumentDetail, DocumentSummary, MetadataInput, OcrStatus, PageInfo, SignatureInfo } from '../../contract';
import { StationError } from '../errors';
import type { StoredBlob } from './blob-store';
import { PageContentRepository } from './page-content';
import type { AuditLog } from './audit';
import { enqueueVersion } from './outbox';
import { OwnerRepository } from './owners';
import type { ColumnCipher } from './column-cipher';
import { blobUnused } from './blob-references';
import { SearchIndex, type SearchHit } from './search';
import { currentCaller } from '../auth/caller';
import { forbidden } from '../auth/forbidden';
import { type RowCondition, documentCondition, withCondition } from '../auth/row-rules';
import type { Access } from '../../contract';
import {
  type Digitization,
  type DocumentQuery,
  type DocumentRow,
  type NewPage,
  type PageRow,
  type PageTextRow,
  SUMMARY_SELECT,
  metadataColumns,
  toPage,
  toSummary,
} from './document-rows';

export type { Digitization, DocumentQuery, NewPage, PageTextRow, RowCondition };

/** Personal data in the documents table (column-cipher.ts): sealed at rest. */
export const SEALED_COLUMNS = ['owner_id_number', 'owner_name', 'summary'] as const;

export class DocumentRepository extends PageContentRepository {
  private readonly insertPageRow: Statement;
  private readonly touch: Statement;
  private readonly selectOne: Statement;
  private readonly selectPages: Statement;
  private readonly maxSeq: Statement;

  private readonly search: SearchIndex;
  readonly owners: OwnerRepository;

  constructor(
    db: Database,
    /** Every create, sign and delete is audited in the transaction that makes it. */
    private readonly audit: AuditLog | null,
    /** Seals the personal columns (owner, summary, page text) and hashes what finds them. */
    cipher: ColumnCipher,
  ) {
    super(db, cipher);
    this.search = new SearchIndex(db, cipher);
    this.owners = new OwnerRepository(db, cipher);
    this.insertPageRow = db.prepare(`
      INSERT INTO pages (id, document_id, seq, image_sha256, thumb_sha256, width_px, height_px, dpi, mode, created_at)
      VALUES (@id, @documentId, @seq, @image, @thumb, @widthPx, @heightPx, @dpi, @mode, @createdAt)`);
    this.touch = db.prepare('UPDATE documents SET updated_at = ? WHERE id = ?');
    this.selectOne = db.prepare(`${SUMMARY_SELECT} WHERE d.id = ?`);
    this.selectPages = db.prepare(`
      SELECT p.*, b.media_type, b.bytes, json_extract(s.steps, '$.blank') AS blank
        FROM pages p JOIN blobs b ON b.sha256 = p.image_sha256 LEFT JOIN page_steps s ON s.page_id = p.id
      WHERE p.document_id = ? ORDER BY p.seq`);
    this.maxSeq = db.prepare('SELECT coalesce(max(seq), 0) FROM pages WHERE document_id = ?').pluck();
  }

  /** Whether the station is in demonstration mode now (auth/setup.ts): a document created then is
   * marked as practice for good, and never synced (migration 14). */
  demonstrationMode: () => boolean = () => false;

  createDraft(id: string, origin: string, metadata: MetadataInput, now: string): void {
    const demonstration = this.demonstrationMode() ? 1 : 0;
    const cols = { id, status: 'draft', origin, created_at: now, updated_at: now, created_by: currentCaller()?.userId ?? null, demonstration, ...this.protect(id, metadataColumns(metadata)) };
    const names = Object.keys(cols);
    this.db.transaction(() => {
      this.db.prepare(`INSERT INTO documents (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`).run(cols);
      this.search.index(id);
      this.owners.rememberFromDocument(id, now);
    })();
  }

  /** Changes a draft's metadata (fields not given stay as they are). */
  updateDraftMetadata(id: string, metadata: MetadataInput, now: string): void {
    this.db.transaction(() => {
      this.updateDraft(id, { ...this.protect(id, metadataColumns(metadata)), updated_at: now });
      this.search.index(id);
      this.owners.rememberFromDocument(id, now);
    })();
  }

  /** Removes a draft that has no pages; returns whether it did. */
  deleteEmptyDraft(id: string): boolean {
    return this.db.transaction(() => {
      const gone = this.db.prepare("DELETE FROM documents WHERE id = ? AND status = 'draft' AND NOT EXISTS (SELECT 1 FROM pages WHERE document_id = ?)").run(id, id).changes === 1;
      if (gone) this.search.remove(id);
      return gone;
    })();
  }

  /** Removes a draft with its pages (an import whose record could not be written, or that a
   * killed process left half-made). Returns the blobs whose rows went with it: the caller removes
   * their files. A document that is no longer a draft is left alone. */
  discardDraft(id: string, reason = 'draft discarded'): string[] {
    return this.db.transaction(() => {
      const shas = this.db
        .prepare(
          `SELECT image_sha256 FROM pages WHERE document_id = @id UNION SELECT thumb_sha256 FROM pages WHERE document_id = @id
           UNION SELECT t.words_sha256 FROM page_text t JOIN pages p ON p.id = t.page_id WHERE p.document_id = @id
           UNION SELECT v.pdf_sha256 FROM page_vectors v JOIN pages p ON p.id = v.page_id WHERE p.document_id = @id
           UNION SELECT source_sha256 FROM documents WHERE id = @id AND source_sha256 IS NOT NULL`,
        )
        .pluck()
        .all({ id }) as string[];
      if (this.db.prepare("DELETE FROM documents WHERE id = ? AND status = 'draft'").run(id).changes === 0) return [];
      this.search.remove(id);
      this.audit?.append('delete', id, { reason });
      return shas.filter((sha) => {
        if (!blobUnused(this.db, sha)) return false;
        this.db.prepare('DELETE FROM blobs WHERE sha256 = ?').run(sha);
        return true;
      });
    })();
  }

  /** Runs fn in one transaction (nested calls become savepoints). */
  inTransaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** Records a page whose files are already durable. One transaction: blobs, page, timestamp. */
  addPage(page: NewPage): PageInfo {
    this.db.transaction(() => {
      this.insertBlob.run(page.image.sha256, page.image.bytes, page.image.mediaType, page.createdAt);
      this.insertBlob.run(page.thumb.sha256, page.thumb.bytes, page.thumb.mediaType, page.createdAt);
      this.insertPageRow.run({ ...page, image: page.image.sha256, thumb: page.thumb.sha256 });
      this.touch.run(page.createdAt, page.documentId);
    })();
    return {
      id: page.id,
      documentId: page.documentId,
      seq: page.seq,
      widthPx: page.widthPx,
      heightPx: page.heightPx,
      dpi: page.dpi,
      mode: page.mode,
      mediaType: page.image.mediaType,
      sha256: page.image.sha256,
      bytes: page.image.bytes,
      purgedAt: null,
      createdAt: page.createdAt,
    };
  }

  /** Replaces a draft's pages with one (both sides of an ID card composed on A4). Returns the
   * blobs whose rows went with the old pages: the caller removes their files. */
  replacePages(documentId: string, page: NewPage): string[] {
    return this.replacePagesBy(documentId, () => this.addPage(page)).gone;
  }

  /** The same, the new page added by `add` inside the transaction (a capture committed with its
   * steps and its place in the imaging queue: stitching/assemble-draft.ts). */
  replacePagesBy<T>(documentId: string, add: () => T): { added: T; gone: string[] } {
    return this.db.transaction(() => {
      const old = this.db
        .prepare('SELECT image_sha256 FROM pages WHERE document_id = @id UNION SELECT thumb_sha256 FROM pages WHERE document_id = @id UNION SELECT t.words_sha256 FROM page_text t JOIN pages p ON p.id = t.page_id WHERE p.document_id = @id')
        .pluck()
        .all({ id: documentId }) as string[];
      if (this.db.prepare("SELECT 1 FROM documents WHERE id = ? AND status = 'draft'").get(documentId) === undefined) throw new StationError('document-not-draft', { id: documentId });
      this.db.prepare('DELETE FROM pages WHERE document_id = ?').run(documentId);
      const added = add();
      this.search.index(documentId);
      const gone = old.filter((sha) => {
        if (!blobUnused(this.db, sha)) return false;
        this.db.prepare('DELETE FROM blobs WHERE sha256 = ?').run(sha);
        return true;
      });
      return { added, gone };
    })();
  }

  /** Puts a draft's pages in the given order (every page once). */
  reorderPages(documentId: string, pageIds: readonly string[], now: string): void {
    this.db.transaction(() => {
      const current = this.db.prepare('SELECT id FROM pages WHERE document_id = ?').pluck().all(documentId) as string[];
      if (current.length !== pageIds.length || !pageIds.every((id) => current.includes(id)) || new Set(pageIds).size !== pageIds.length)
        throw new StationError('invalid-input', { field: 'pages', detail: 'every page of the document, once each' });
      if (this.db.prepare("SELECT 1 FROM documents WHERE id = ? AND status = 'draft'").get(documentId) === undefined) throw new StationError('document-not-draft', { id: documentId });
      // Out of the way first: (document_id, seq) is unique at every step.
      this.db.prepare('UPDATE pages SET seq = seq + 1000000 WHERE document_id = ?').run(documentId);
      const set = this.db.prepare('UPDATE pages SET seq = ? WHERE id = ?');
      pageIds.forEach((id, i) => set.run(i + 1, id));
      this.touch.run(now, documentId);
    })();
  }

  lastSeq(documentId: string): number {
    return this.maxSeq.get(documentId) as number;
  }

  /** Makes a draft ready: its metadata, its record PDF and who converted it, in one transaction. */
  finish(id: string, metadata: MetadataInput, pdf: StoredBlob, digitization: Digitization, now: string): void {
    this.db.transaction(() => {
      this.insertBlob.run(pdf.sha256, pdf.bytes, 'application/pdf', now);
      this.updateDraft(id, {
        ...this.protect(id, metadataColumns(metadata)),
        pdf_sha256: pdf.sha256,
        status: 'ready',
        digitized_at: digitization.digitizedAt,
        digitized_by: digitization.digitizedBy,
        ocr_status: digitization.ocr,
        updated_at: now,
      });
      // A dossier is received, for the rates, when its first document is saved (unless the
      // counter opened it earlier with its reception details).
      const dossier = this.db.prepare('SELECT dossier_code FROM documents WHERE id = ?').pluck().get(id) as string | null;
      if (dossier)
        this.db
          .prepare('INSERT OR IGNORE INTO dossiers (code, unit_code, level, received_at, created_at, opened_by) VALUES (?, ?, ?, ?, ?, (SELECT created_by FROM documents WHERE id = ?))')
          .run(dossier, digitization.unitCode ?? null, digitization.level ?? null, digitization.digitizedAt, now, id);
      this.search.index(id);
      this.owners.rememberFromDocument(id, now);
      this.audit?.append('create', id, { sha256: pdf.sha256, digitizedBy: digitization.digitizedBy });
    })();
  }

  /** Replaces a ready document's record (after OCR added its text layer), only if the record is
   * still the one the work started from. Returns whether it did. */
  replaceRecord(id: string, expected: string, pdf: StoredBlob, ocr: OcrStatus, now: string): boolean {
    return this.db.transaction(() => {
      this.insertBlob.run(pdf.sha256, pdf.bytes, 'application/pdf', now);
      const replaced =
        this.db
          .prepare("UPDATE documents SET pdf_sha256 = ?, ocr_status = ?, updated_at = ? WHERE id = ? AND status = 'ready' AND pdf_sha256 = ?")
          .run(pdf.sha256, ocr, now, id, expected).changes === 1;
      if (replaced) this.search.index(id); // its text is in now
      return replaced;
    })();
  }

  setOcrStatus(id: string, ocr: OcrStatus, now: string): void {
    this.db.prepare('UPDATE documents SET ocr_status = ?, updated_at = ? WHERE id = ?').run(ocr, now, id);
  }

  /** Documents whose text recognition was queued and has not finished. */
  pendingOcr(): string[] {
    return this.db.prepare("SELECT id FROM documents WHERE ocr_status = 'pending' ORDER BY created_at").pluck().all() as string[];
  }

  /** Keeps an imported file's original bytes with the document. */
  setSource(id: string, source: StoredBlob, mediaType: string, now: string): void {
    this.db.transaction(() => {
      this.insertBlob.run(source.sha256, source.bytes, mediaType, now);
      this.db.prepare('UPDATE documents SET source_sha256 = ? WHERE id = ?').run(source.sha256, id);
    })();
  }

  /** The personal columns as stored: sealed, with the owner's blind index beside the id. */
  private protect(id: string, cols: Partial<Record<string, string | null>>): Record<string, string | null> {
    const out: Record<string, string | null> = {};
    for (const [k, v] of Object.entries(cols)) if (v !== undefined) out[k] = v;
    for (const column of SEALED_COLUMNS) if (typeof out[column] === 'string') out[column] = this.cipher.seal(out[column], { table: 'documents', column, row: id });
    if (typeof cols.owner_id_number === 'string') out.owner_key = this.cipher.ownerKey(cols.owner_id_number);
    return out;
  }

  private reveal(row: DocumentRow): DocumentRow {
    const at = (column: (typeof SEALED_COLUMNS)[number]) => ({ table: 'documents', column, row: row.id });
    return { ...row, owner_id_number: this.cipher.unseal(row.owner_id_number, at('owner_id_number')), owner_name: this.cipher.unseal(row.owner_name, at('owner_name')), summary: this.cipher.unseal(row.summary, at('summary')) };
  }

  /** Sets columns of a document that must still be a draft. Column names come from this file only. */
  private updateDraft(id: string, cols: Record<string, string | number | null>): void {
    const sets = Object.keys(cols).map((c) => `${c} = @${c}`);
    const changed = this.db
      .prepare(`UPDATE documents SET ${sets.join(', ')} WHERE id = @id AND status = 'draft'`)
      .run({ ...cols, id }).changes;
    if (changed !== 1) throw new StationError('document-not-draft', { id });
  }

  /** The full id for an id or a unique prefix of at least 8 characters, among the documents the
   * current caller may read (a prefix never tells apart what they may not see); then, for write
   * or delete, whether they may: a document they can see but not change is forbidden. */
  resolveId(idOrPrefix: string, access: Access = 'read'): string {
    const visible = documentCondition(currentCaller(), 'read');
    const exact = this.db.prepare(`SELECT d.id FROM documents d ${withCondition(['d.id = @id'], visible)}`).pluck().get({ ...visible?.params, id: idOrPrefix }) as string | undefined;
    let id = exact;
    if (id === undefined && idOrPrefix.length >= 8 && /^[0-9a-f-]+$/i.test(idOrPrefix)) {
      const prefix = idOrPrefix.toLowerCase();
      const ids = this.db
        .prepare(`SELECT d.id FROM documents d ${withCondition(['d.id >= @prefix', "d.id < @prefix || char(1114111)"], visible)} LIMIT 2`)
        .pluck()
        .all({ ...visible?.params, prefix }) as string[];
      if (ids.length > 1) throw new StationError('ambiguous-id', { id: idOrPrefix });
      id = ids[0];
    }
    if (id === undefined) throw new StationError('not-found', { id: idOrPrefix });
    if (access !== 'read' && !this.permits(id, access)) {
      throw forbidden(currentCaller()?.role ?? 'admin', `${access} ${id}`);
    }
    return id;
  }

  /** Whether a document with this id exists, whoever may see it (events about a deleted one). */
  exists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM documents WHERE id = ?').get(id) !== undefined;
  }

  /** Whether the current caller may use the document so (it exists and the row rule allows). */
  permits(id: string, access: Access): boolean {
    const condition = documentCondition(currentCaller(), access);
    return this.db.prepare(`SELECT 1 FROM documents d ${withCondition(['d.id = @id'], condition)}`).get({ ...condition?.params, id }) !== undefined;
  }

  /** Where a document stands in an archive batch's check; null for a document of no batch. */
  archiveState(id: string): 'indexing' | 'review' | 'sent-back' | 'approved' | null {
    return (this.db.prepare('SELECT state FROM archive_documents WHERE document_id = ?').pluck().get(id) as 'indexing' | 'review' | 'sent-back' | 'approved' | undefined) ?? null;
  }

  /** The document a page belongs to, whoever may see it (for the row rules of page methods). */
  pageDocument(pageId: string): string | null {
    return (this.db.prepare('SELECT document_id FROM pages WHERE id = ?').pluck().get(pageId) as string | undefined) ?? null;
  }

  /** A summary of a document the current caller may read; null when there is none to them. */
  summary(id: string): DocumentSummary | null {
    const visible = documentCondition(currentCaller(), 'read');
    const row = (visible ? this.db.prepare(`${SUMMARY_SELECT} ${withCondition(['d.id = @id'], visible)}`).get({ ...visible.params, id }) : this.selectOne.get(id)) as DocumentRow | undefined;
    return row ? toSummary(this.reveal(row)) : null;
  }

  get(id: string): DocumentDetail | null {
    const summary = this.summary(id);
    if (!summary) return null;
    return { ...summary, pages: this.pages(id), signatures: this.signatures(id) };
  }

  signatures(documentId: string): SignatureInfo[] {
    return this.db
      .prepare('SELECT seq, field, signer, serial, issuer, signed_at AS signedAt, level, sub_filter AS subFilter FROM signatures WHERE document_id = ? ORDER BY seq')
      .all(documentId) as SignatureInfo[];
  }

  /** Marks a document as taken from an earlier digitization (a local id, or "remote:<id>"). */
  markReused(id: string, from: string): void {
    this.db.prepare('UPDATE documents SET reused_from = ? WHERE id = ?').run(from, id);
  }

  /** Rebuilds a document's search entry (the seal pass). */
  reindex(id: string): void {
    this.search.index(id);
  }

  /** Drops a document from the search index (its row is being deleted in the same transaction). */
  unindex(id: string): void {
    this.search.remove(id);
  }

  /** Documents matching what a person typed, best first. */
  searchText(text: string, limit: number): SearchHit[] {
    return this.search.query(text, limit, documentCondition(currentCaller(), 'read'));
  }

  /** The signature that left the record with this hash (its seq), if one did. */
  signatureSeqOf(documentId: string, pdfSha256: string): number | null {
    return (this.db.prepare('SELECT max(seq) FROM signatures WHERE document_id = ? AND pdf_sha256 = ?').pluck().get(documentId, pdfSha256) as number | null) ?? null;
  }

  /** Records a signature: the signed record replaces the document's record, only if the record is
   * still the one that was signed (nobody changed it meanwhile), and is queued for the provincial
   * store. Returns whether it did. */
  addSignature(id: string, expected: string, pdf: StoredBlob, sig: Omit<SignatureInfo, 'seq'>, now: string): boolean {
    return this.db.transaction(() => {
      this.insertBlob.run(pdf.sha256, pdf.bytes, 'application/pdf', now);
      const moved = this.db
        .prepare("UPDATE documents SET pdf_sha256 = ?, updated_at = ? WHERE id = ? AND status = 'ready' AND pdf_sha256 = ?")
        .run(pdf.sha256, now, id, expected).changes;
      if (moved !== 1) return false;
      const seq = this.db.prepare('SELECT coalesce(max(seq), 0) + 1 FROM signatures WHERE document_id = ?').pluck().get(id) as number;
      this.db
        .prepare(
          'INSERT INTO signatures (document_id, seq, field, signer, serial, issuer, signed_at, level, sub_filter, pdf_sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(id, seq, sig.field, sig.signer, sig.serial, sig.issuer, sig.signedAt, sig.level, sig.subFilter, pdf.sha256, now);
      // A signed record is what the provincial store wants: queued in the same transaction.
      const version = enqueueVersion(this.db, id, pdf.sha256, pdf.bytes, now);
      this.audit?.append('sign', id, { signer: sig.signer, serial: sig.serial, level: sig.level, sha256: pdf.sha256, version });
      return true;
    })();
  }

  pages(documentId: string): PageInfo[] {
    return (this.selectPages.all(documentId) as PageRow[]).map(toPage);
  }

  list(q: DocumentQuery): DocumentSummary[] {
    const where: string[] = [];
    const params: Record<string, string | number> = { limit: q.limit, offset: q.offset };
    if (q.ownerIdNumber) {
      where.push('d.owner_key = @owner');
      params.owner = this.cipher.ownerKey(q.ownerIdNumber);
    }
    if (q.dossierCode) {
      where.push('d.dossier_code = @dossier');
      params.dossier = q.dossierCode;
    }
    if (q.status) {
      where.push('d.status = @status');
      params.status = q.status;
    }
    const visible = documentCondition(currentCaller(), 'read');
    const sql = `${SUMMARY_SELECT} ${withCondition(where, visible)}
      ORDER BY d.created_at DESC, d.id DESC LIMIT @limit OFFSET @offset`;
    return (this.db.prepare(sql).all({ ...visible?.params, ...params }) as DocumentRow[]).map((r) => toSummary(this.reveal(r)));
  }

  /** The stored file behind a page's image or thumbnail. */
  pageBlob(pageId: string, which: 'image' | 'thumb'): { sha256: string; mediaType: string; bytes: number } | null {
    // A purged image (retention) is shown by its thumbnail.
    const column = which === 'image' ? "CASE WHEN p.purged_at IS NULL THEN p.image_sha256 ELSE p.thumb_sha256 END" : 'p.thumb_sha256';
    const visible = documentCondition(currentCaller(), 'read');
    const row = this.db
      .prepare(`SELECT b.sha256, b.media_type, b.bytes FROM pages p JOIN blobs b ON b.sha256 = ${column} JOIN documents d ON d.id = p.document_id ${withCondition(['p.id = @pageId'], visible)}`)
      .get({ ...visible?.params, pageId }) as { sha256: string; media_type: string; bytes: number } | undefined;
    return row ? { sha256: row.sha256, mediaType: row.media_type, bytes: row.bytes } : null;
  }
}
