// The seal pass: after migration 7 (or on a database written before personal columns were
// sealed), seals the owner's id and name, the summary and the pages' text with the station's key,
// fills the owners and the blind index, and rebuilds the search index with hashed words. A
// migration cannot do it (it has no key), so the first open with the key does, in batches; it is
// idempotent (sealed values are left as they are), so a crash in the middle only means the next
// open goes on from where this one stopped.
import type { Database } from 'better-sqlite3';
import type { Logger } from '../log';
import type { DocumentRepository } from './documents';

const BATCH = 2000;

export function sealPending(db: Database, documents: DocumentRepository, log: Logger): void {
  if ((db.prepare("SELECT value FROM station WHERE key = 'records.sealed'").pluck().get() as string | undefined) === '1') return;
  const started = Date.now();
  const cipher = documents.cipher;
  const seal = (v: string | null) => (v === null ? null : cipher.seal(v));
  let documentsSealed = 0;
  for (;;) {
    const rows = db
      .prepare(
        `SELECT id, owner_id_number, owner_name, summary FROM documents
         WHERE (owner_id_number IS NOT NULL AND (owner_key IS NULL OR owner_id_number NOT LIKE 'enc1:%'))
            OR (owner_name IS NOT NULL AND owner_name NOT LIKE 'enc1:%') OR (summary IS NOT NULL AND summary NOT LIKE 'enc1:%') LIMIT ?`,
      )
      .all(BATCH) as { id: string; owner_id_number: string | null; owner_name: string | null; summary: string | null }[];
    if (rows.length === 0) break;
    const update = db.prepare('UPDATE documents SET owner_id_number = ?, owner_key = ?, owner_name = ?, summary = ? WHERE id = ?');
    db.transaction(() => {
      for (const r of rows) {
        const id = cipher.unseal(r.owner_id_number);
        update.run(seal(r.owner_id_number), id === null ? null : cipher.ownerKey(id), seal(r.owner_name), seal(r.summary), r.id);
      }
    })();
    documentsSealed += rows.length;
  }
  for (;;) {
    const rows = db.prepare("SELECT page_id, text FROM page_text WHERE text NOT LIKE 'enc1:%' LIMIT ?").all(BATCH) as { page_id: string; text: string }[];
    if (rows.length === 0) break;
    const update = db.prepare('UPDATE page_text SET text = ? WHERE page_id = ?');
    db.transaction(() => {
      for (const r of rows) update.run(cipher.seal(r.text), r.page_id);
    })();
  }
  let indexed = 0;
  for (;;) {
    const ids = db.prepare('SELECT id FROM documents WHERE id NOT IN (SELECT document_id FROM search_rows) LIMIT ?').pluck().all(BATCH) as string[];
    if (ids.length === 0) break;
    db.transaction(() => {
      for (const id of ids) {
        documents.reindex(id);
        documents.owners.rememberFromDocument(id, new Date().toISOString());
      }
    })();
    indexed += ids.length;
  }
  db.prepare("INSERT INTO station (key, value) VALUES ('records.sealed', '1') ON CONFLICT (key) DO UPDATE SET value = '1'").run();
  if (documentsSealed + indexed > 0) log.info('sealed personal columns and rebuilt the search index', { documentsSealed, indexed, ms: Date.now() - started });
}

