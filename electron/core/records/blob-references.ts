// Every column that names a blob: a blob is removed only when none of them does (blobs are shared
// by content between documents and versions).
import type { Database, Statement } from 'better-sqlite3';

const REFERENCES = [
  'SELECT 1 FROM documents WHERE pdf_sha256 = @sha OR source_sha256 = @sha',
  'SELECT 1 FROM pages WHERE image_sha256 = @sha OR thumb_sha256 = @sha',
  'SELECT 1 FROM page_text WHERE words_sha256 = @sha',
  'SELECT 1 FROM signatures WHERE pdf_sha256 = @sha',
  'SELECT 1 FROM outbox WHERE sha256 = @sha',
  // A page's original capture, kept until its document is signed (imaging/page-imaging.ts).
  'SELECT 1 FROM page_steps WHERE original_sha256 = @sha',
  // An archive sheet stored as captured, not yet placed (archive/sheet-line.ts).
  'SELECT 1 FROM archive_sheets WHERE raw_sha256 = @sha OR thumb_sha256 = @sha',
  // The PDF a page is carried from as vectors (migration 17).
  'SELECT 1 FROM page_vectors WHERE pdf_sha256 = @sha',
  // The parts a large sheet's page was assembled from, kept until signing (migration 18).
  'SELECT 1 FROM page_parts WHERE sha256 = @sha',
];

const prepared = new WeakMap<Database, Statement[]>();

export function blobUnused(db: Database, sha256: string): boolean {
  let statements = prepared.get(db);
  if (!statements) prepared.set(db, (statements = REFERENCES.map((q) => db.prepare(q))));
  return statements.every((s) => s.get({ sha: sha256 }) === undefined);
}
