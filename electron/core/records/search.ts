// Full-text search (SQLite FTS5) over what identifies a document — dossier code, document number,
// owner id, type — its owner's name, its title and issuer, and its pages' text. Everything is
// folded the same way on the way in and on the way out: lower case, no diacritics, đ → d, so that
// an officer typing "nguyen van an" on a keyboard without Telex finds "Nguyễn Văn An".
import type { Database } from 'better-sqlite3';

/** Lower case, combining marks removed, đ/Đ → d (not a combining mark in Unicode). */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().normalize('NFC');
}

export interface SearchHit {
  readonly documentId: string;
  readonly snippet: string | null;
}

interface Indexed {
  dossier_code: string | null;
  doc_number: string | null;
  doc_type_code: string | null;
  owner_id_number: string | null;
  owner_name: string | null;
  title: string | null;
  issuer: string | null;
}

function terms(text: string): string[][] {
  return fold(text)
    .split(/\s+/)
    .map((term) => term.split(/[^\p{L}\p{N}]+/u).filter(Boolean))
    .filter((tokens) => tokens.length > 0);
}

/** A token as typed so far: a prefix, unless it is a single character (a one-letter prefix would
 * expand over a large part of the vocabulary; there is no prefix index that short). */
const prefixed = (tokens: string[]) => `"${tokens.join(' ')}"${(tokens.at(-1)?.length ?? 0) > 1 ? '*' : ''}`;

/** The FTS5 query for what a person typed: every word must match, each as a prefix; codes like
 * 000.00.01.H12-250123-0001 become phrases of their parts. Typed text never reaches FTS syntax:
 * only letters and digits survive, inside quotes. */
export function ftsQuery(text: string): string | null {
  const words = terms(text);
  if (words.length === 0) return null;
  return words.map(prefixed).join(' AND ');
}

/** The same words as one phrase, in the order typed ("le thi hoa" as a name, not "Lệ … thi hành
 * … Hòa" scattered over a page); null when there is only one word, where the two are the same. */
export function ftsPhrase(text: string): string | null {
  const words = terms(text);
  if (words.length < 2) return null;
  return prefixed(words.flat());
}

export class SearchIndex {
  constructor(private readonly db: Database) {}

  /** (Re)indexes one document from its row and its pages' text. */
  index(documentId: string): void {
    const doc = this.db
      .prepare('SELECT dossier_code, doc_number, doc_type_code, owner_id_number, owner_name, title, issuer FROM documents WHERE id = ?')
      .get(documentId) as Indexed | undefined;
    this.remove(documentId);
    if (!doc) return;
    const text = (this.db.prepare('SELECT t.text FROM page_text t JOIN pages p ON p.id = t.page_id WHERE p.document_id = ? ORDER BY p.seq').pluck().all(documentId) as string[]).join('\n');
    const join = (...parts: (string | null)[]) => fold(parts.filter(Boolean).join(' '));
    const row = this.db
      .prepare('INSERT INTO search (document_id, codes, owner, title, text) VALUES (?, ?, ?, ?, ?)')
      .run(documentId, join(doc.dossier_code, doc.doc_number, doc.doc_type_code, doc.owner_id_number), join(doc.owner_name), join(doc.title, doc.issuer), fold(text));
    this.db.prepare('INSERT OR REPLACE INTO search_rows (document_id, fts_rowid) VALUES (?, ?)').run(documentId, row.lastInsertRowid);
  }

  remove(documentId: string): void {
    const rowid = this.db.prepare('SELECT fts_rowid FROM search_rows WHERE document_id = ?').pluck().get(documentId) as number | undefined;
    if (rowid === undefined) return;
    this.db.prepare('DELETE FROM search WHERE rowid = ?').run(rowid);
    this.db.prepare('DELETE FROM search_rows WHERE document_id = ?').run(documentId);
  }

  /** A code as typed so far (dossier code, personal id, document number) from the B-tree
   * indexes; else the words as typed, in order, when some document has them so; else every word
   * anywhere. Newest first: ranking every match (bm25) costs a second on a common word at a
   * million documents, and at the counter the recent record is the one wanted. */
  query(text: string, limit: number): SearchHit[] {
    const code = text.trim();
    if (/^[\p{L}\p{N}][\p{L}\p{N}./-]*$/u.test(code) && /\d/.test(code)) {
      const hits = this.byCode(code, limit);
      if (hits.length > 0) return hits;
    }
    const phrase = ftsPhrase(text);
    if (phrase) {
      const hits = this.run(phrase, limit);
      if (hits.length > 0) return hits;
    }
    const match = ftsQuery(text);
    return match ? this.run(match, limit) : [];
  }

  private byCode(code: string, limit: number): SearchHit[] {
    const ids = new Set<string>();
    for (const column of ['dossier_code', 'owner_id_number', 'doc_number']) {
      const rows = this.db
        .prepare(`SELECT id FROM documents WHERE ${column} >= @p AND ${column} < @p || char(1114111) ORDER BY ${column} DESC LIMIT @limit`)
        .pluck()
        .all({ p: code, limit }) as string[];
      for (const id of rows) if (ids.size < limit) ids.add(id);
    }
    return [...ids].map((documentId) => ({ documentId, snippet: null }));
  }

  private run(match: string, limit: number): SearchHit[] {
    return (
      this.db
        .prepare(`SELECT document_id, snippet(search, -1, '[', ']', '…', 12) AS snippet FROM search WHERE search MATCH ? ORDER BY rowid DESC LIMIT ?`)
        .all(match, limit) as { document_id: string; snippet: string | null }[]
    ).map((r) => ({ documentId: r.document_id, snippet: r.snippet }));
  }
}
