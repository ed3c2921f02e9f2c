// What was read from a page, beside the page itself: its text (from OCR or from the imported PDF's
// own text) with the blob of its word boxes, and, for a born-digital page carried into the record
// as drawn, which page of which stored PDF it is (migration 17); for a large sheet's page, the
// parts it was assembled from (migration 18). The base of DocumentRepository
// (documents.ts), which owns the pages these rows hang on.
import type { Database, Statement } from 'better-sqlite3';
import type { StoredBlob } from './blob-store';
import type { ColumnCipher } from './column-cipher';
import type { PageTextRow } from './document-rows';

/** One part of a large sheet as captured (its blob is already in the store). */
export interface KeptPart {
  readonly sha256: string;
  readonly mediaType: string;
  readonly widthPx: number;
  readonly heightPx: number;
  readonly dpi: number;
}

export class PageContentRepository {
  protected readonly insertBlob: Statement;

  constructor(
    protected readonly db: Database,
    /** Seals the personal columns (owner, summary, page text) and hashes what finds them. */
    readonly cipher: ColumnCipher,
  ) {
    this.insertBlob = db.prepare(
      // The same content stored again after retention purged it: its file is back, so is its row.
      'INSERT INTO blobs (sha256, bytes, media_type, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO UPDATE SET purged_at = NULL WHERE purged_at IS NOT NULL',
    );
  }

  /** A page's text and the blob of its word boxes. */
  addPageText(pageId: string, t: { origin: 'ocr' | 'pdf'; text: string; words: StoredBlob; confidence: number | null }, now: string): void {
    this.db.transaction(() => {
      this.insertBlob.run(t.words.sha256, t.words.bytes, 'application/gzip', now);
      this.db
        .prepare('INSERT OR REPLACE INTO page_text (page_id, origin, text, words_sha256, confidence, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(pageId, t.origin, this.cipher.seal(t.text, { table: 'page_text', column: 'text', row: pageId }), t.words.sha256, t.confidence, now);
    })();
  }

  /** Marks a page as carried into the record as vectors: page `pageNumber` of the stored PDF. */
  addPageVector(pageId: string, pdf: StoredBlob, pageNumber: number, now: string): void {
    this.db.transaction(() => {
      this.insertBlob.run(pdf.sha256, pdf.bytes, 'application/pdf', now);
      this.db.prepare('INSERT OR REPLACE INTO page_vectors (page_id, pdf_sha256, page_number, created_at) VALUES (?, ?, ?, ?)').run(pageId, pdf.sha256, pageNumber, now);
    })();
  }

  /** Keeps the parts a large sheet's page was assembled from, as captured, until its document is
   * signed (migration 18). Inside the caller's transaction: the page and its parts go in together. */
  keepPageParts(pageId: string, parts: readonly KeptPart[], now: string): void {
    const insert = this.db.prepare('INSERT INTO page_parts (page_id, part, sha256, media_type, width_px, height_px, dpi, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      parts.forEach((p, k) => insert.run(pageId, k + 1, p.sha256, p.mediaType, p.widthPx, p.heightPx, p.dpi, now));
    })();
  }

  /** The parts a page was assembled from, in order, while they are kept (none once signed). */
  pageParts(pageId: string): KeptPart[] {
    return this.db
      .prepare('SELECT sha256, media_type AS mediaType, width_px AS widthPx, height_px AS heightPx, dpi FROM page_parts WHERE page_id = ? ORDER BY part')
      .all(pageId) as KeptPart[];
  }

  /** The document's pages carried as vectors, by page id (migration 17). */
  pageVectors(documentId: string): Map<string, { sha256: string; pageNumber: number }> {
    const rows = this.db
      .prepare('SELECT v.page_id, v.pdf_sha256, v.page_number FROM page_vectors v JOIN pages p ON p.id = v.page_id WHERE p.document_id = ?')
      .all(documentId) as { page_id: string; pdf_sha256: string; page_number: number }[];
    return new Map(rows.map((r) => [r.page_id, { sha256: r.pdf_sha256, pageNumber: r.page_number }]));
  }

  pageTexts(documentId: string): Map<string, PageTextRow> {
    const rows = this.db
      .prepare('SELECT t.page_id, t.origin, t.text, t.words_sha256, t.confidence FROM page_text t JOIN pages p ON p.id = t.page_id WHERE p.document_id = ?')
      .all(documentId) as { page_id: string; origin: 'ocr' | 'pdf'; text: string; words_sha256: string; confidence: number | null }[];
    return new Map(rows.map((r) => [r.page_id, { origin: r.origin, text: this.cipher.unseal(r.text, { table: 'page_text', column: 'text', row: r.page_id }), wordsSha256: r.words_sha256, confidence: r.confidence }]));
  }
}
