// Full-text search (SQLite FTS5) over what identifies a document — dossier code, document number,
// type, title and issuer, in the clear — and over personal data only as keyed hashes: the owner's
// name and id and the pages' recognised text as hashed words (column-cipher.ts), the name's words
// also as hashed prefixes for search as you type. Everything is folded the same way on the way in
// and out: lower case, no diacritics, đ → d, so that "nguyen van an" finds "Nguyễn Văn An".
// Codes and ids typed so far are looked up in B-tree indexes (the owner by its blind index).
import { type RowCondition, withCondition } from '../auth/row-rules';
import type { Database } from 'better-sqlite3';
import { OwnerIdNumber } from '../../contract';
import type { ColumnCipher } from './column-cipher';

/** Lower case, combining marks removed, đ/Đ → d (not a combining mark in Unicode). */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().normalize('NFC');
}

/** The words of a text, folded. */
export function wordsOf(text: string): string[] {
  return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
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
  owner_key: string | null;
  title: string | null;
  issuer: string | null;
}

/** What a person typed: each whitespace-separated term as its folded words (a code such as
 * 000.00.01.H12-250123-0001 is one term of several words). Only letters and digits survive, so
 * typed text never reaches FTS syntax. */
function termsOf(text: string): string[][] {
  return fold(text)
    .split(/\s+/)
    .map((term) => term.split(/[^\p{L}\p{N}]+/u).filter(Boolean))
    .filter((words) => words.length > 0);
}

const NAME_PREFIX_MAX = 12;
/** A one-letter prefix would match a large part of the vocabulary: prefixes start at two. */
const prefixes = (word: string) => Array.from({ length: Math.max(0, Math.min(word.length, NAME_PREFIX_MAX) - 1) }, (_, i) => word.slice(0, i + 2));
const plainPhrase = (words: string[]) => `"${words.join(' ')}"${(words.at(-1)?.length ?? 0) > 1 ? '*' : ''}`;

export class SearchIndex {
  constructor(
    private readonly db: Database,
    private readonly cipher: ColumnCipher,
  ) {}

  private hashed(words: string[]): string {
    return `"${words.map((w) => this.cipher.word(w)).join(' ')}"`;
  }

  /** The FTS5 query for the words typed in order (a name, a phrase of the text). */
  phraseQuery(text: string): string | null {
    const words = termsOf(text).flat();
    if (words.length < 2) return null;
    const last = words.at(-1)!;
    const alternatives = [`{codes title} : ${plainPhrase(words)}`, `{owner text} : ${this.hashed(words)}`];
    // The last word perhaps still being typed: the others as a phrase, the last as a name prefix.
    if (last.length > 1) alternatives.push(`({owner text} : ${this.hashed(words.slice(0, -1))} AND prefixes : ${this.cipher.prefix(last.slice(0, NAME_PREFIX_MAX))})`);
    return alternatives.join(' OR ');
  }

  /** The FTS5 query for every term anywhere. */
  anyOrderQuery(text: string): string | null {
    const terms = termsOf(text);
    if (terms.length === 0) return null;
    return terms
      .map((words) => {
        const last = words.at(-1)!;
        const options = [`{codes title} : ${plainPhrase(words)}`, `{owner text} : ${this.hashed(words)}`];
        if (words.length === 1 && last.length > 1) options.push(`prefixes : ${this.cipher.prefix(last.slice(0, NAME_PREFIX_MAX))}`);
        return `(${options.join(' OR ')})`;
      })
      .join(' AND ');
  }

  /** (Re)indexes one document from its row and its pages' text. */
  index(documentId: string): void {
    const doc = this.db
      .prepare('SELECT dossier_code, doc_number, doc_type_code, owner_id_number, owner_name, owner_key, title, issuer FROM documents WHERE id = ?')
      .get(documentId) as Indexed | undefined;
    this.remove(documentId);
    if (!doc) return;
    const text = this.pageTexts(documentId).join('\n');
    const name = wordsOf(this.cipher.unseal(doc.owner_name, { table: 'documents', column: 'owner_name', row: documentId }) ?? '');
    const id = this.cipher.unseal(doc.owner_id_number, { table: 'documents', column: 'owner_id_number', row: documentId });
    const owner = [...name, ...(id ? [id] : [])].map((w) => this.cipher.word(w)).join(' ');
    const row = this.db
      .prepare('INSERT INTO search (document_id, codes, owner, title, text, prefixes) VALUES (?, ?, ?, ?, ?, ?)')
      .run(
        documentId,
        fold([doc.dossier_code, doc.doc_number, doc.doc_type_code].filter(Boolean).join(' ')),
        owner,
        fold([doc.title, doc.issuer].filter(Boolean).join(' ')),
        wordsOf(text).map((w) => this.cipher.word(w)).join(' '),
        [...new Set(name.flatMap(prefixes))].map((p) => this.cipher.prefix(p)).join(' '),
      );
    this.db.prepare('INSERT OR REPLACE INTO search_rows (document_id, fts_rowid) VALUES (?, ?)').run(documentId, row.lastInsertRowid);
  }

  /** The document's pages' recognised text, opened, in page order. */
  private pageTexts(documentId: string): string[] {
    const rows = this.db.prepare('SELECT t.page_id, t.text FROM page_text t JOIN pages p ON p.id = t.page_id WHERE p.document_id = ? ORDER BY p.seq').all(documentId) as { page_id: string; text: string }[];
    return rows.map((r) => this.cipher.unseal(r.text, { table: 'page_text', column: 'text', row: r.page_id }));
  }

  remove(documentId: string): void {
    const rowid = this.db.prepare('SELECT fts_rowid FROM search_rows WHERE document_id = ?').pluck().get(documentId) as number | undefined;
    if (rowid === undefined) return;
    this.db.prepare('DELETE FROM search WHERE rowid = ?').run(rowid);
    this.db.prepare('DELETE FROM search_rows WHERE document_id = ?').run(documentId);
  }

  /** A code or id as typed so far from the B-tree indexes; else the words as typed, in order,
   * when some document has them so; else every word anywhere. Newest first: ranking every match
   * (bm25) costs a second on a common word at a million documents, and at the counter the recent
   * record is the one wanted. Snippets come from the decrypted text of the first hits. */
  /** `visible`: the caller's row rule over documents `d` (null: every document). */
  query(text: string, limit: number, visible: RowCondition | null = null): SearchHit[] {
    const code = text.trim();
    if (/^[\p{L}\p{N}][\p{L}\p{N}./-]*$/u.test(code) && /\d/.test(code)) {
      const ids = this.byCode(code, limit, visible);
      if (ids.length > 0) return ids.map((documentId) => ({ documentId, snippet: null }));
    }
    let ids: string[] = [];
    const phrase = this.phraseQuery(text);
    if (phrase) ids = this.run(phrase, limit, visible);
    if (ids.length === 0) {
      const any = this.anyOrderQuery(text);
      if (any) ids = this.run(any, limit, visible);
    }
    const wanted = new Set(termsOf(text).flat());
    return ids.map((documentId, i) => ({ documentId, snippet: i < 20 ? this.snippet(documentId, wanted) : null }));
  }

  private byCode(code: string, limit: number, visible: RowCondition | null): string[] {
    const ids = new Set<string>();
    const params = { ...visible?.params, limit };
    if (OwnerIdNumber.safeParse(code).success) {
      const owned = this.db.prepare(`SELECT d.id FROM documents d ${withCondition(['d.owner_key = @owner'], visible)} ORDER BY d.created_at DESC LIMIT @limit`);
      for (const id of owned.pluck().all({ ...params, owner: this.cipher.ownerKey(code) }) as string[]) ids.add(id);
    }
    for (const column of ['dossier_code', 'doc_number']) {
      const rows = this.db
        .prepare(`SELECT d.id FROM documents d ${withCondition([`d.${column} >= @p`, `d.${column} < @p || char(1114111)`], visible)} ORDER BY d.${column} DESC LIMIT @limit`)
        .pluck()
        .all({ ...params, p: code }) as string[];
      for (const id of rows) if (ids.size < limit) ids.add(id);
    }
    return [...ids];
  }

  private run(match: string, limit: number, visible: RowCondition | null): string[] {
    const among = visible ? ` AND document_id IN (SELECT d.id FROM documents d WHERE ${visible.sql})` : '';
    return this.db.prepare(`SELECT document_id FROM search WHERE search MATCH @match${among} ORDER BY rowid DESC LIMIT @limit`).pluck().all({ ...visible?.params, match, limit }) as string[];
  }

  /** A dozen words of the pages' text around the first word searched for, matches in brackets. */
  private snippet(documentId: string, wanted: Set<string>): string | null {
    if (wanted.size === 0) return null;
    const texts = this.pageTexts(documentId);
    if (texts.length === 0) return null;
    const words = fold(texts.join('\n')).split(/\s+/).filter(Boolean);
    const hit = (w: string) => wordsOf(w).some((x) => wanted.has(x));
    const first = words.findIndex(hit);
    if (first < 0) return null;
    const from = Math.max(0, first - 5);
    const window = words.slice(from, from + 12);
    // Adjacent matches share one bracket; punctuation after the last stays outside it.
    const parts = window.map((w, i) => ({ w, marked: hit(w), nextMarked: i + 1 < window.length && hit(window[i + 1]!) }));
    let out = '';
    let open = false;
    for (const { w, marked, nextMarked } of parts) {
      let text = w;
      if (marked && !open) text = `[${text}`;
      if (marked && !nextMarked) {
        const [, core, tail] = /^(.*?)([^\p{L}\p{N}]*)$/u.exec(text)!;
        text = `${core}]${tail}`;
      }
      out += (out ? ' ' : '') + text;
      open = marked && nextMarked;
    }
    return `${from > 0 ? '…' : ''}${out}${from + 12 < words.length ? '…' : ''}`;
  }
}
