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
  // Walk by rowid: each batch starts where the last one ended (never rescans what is sealed).
  let after = 0;
  for (;;) {
    const rows = db
      .prepare('SELECT rowid, id, owner_id_number, owner_name, summary, owner_key FROM documents WHERE rowid > ? ORDER BY rowid LIMIT ?')
      .all(after, BATCH) as { rowid: number; id: string; owner_id_number: string | null; owner_name: string | null; summary: string | null; owner_key: string | null }[];
    if (rows.length === 0) break;
    after = rows.at(-1)!.rowid;
    const open = (v: string | null) => v !== null && !v.startsWith('enc1:');
    const todo = rows.filter((r) => open(r.owner_id_number) || open(r.owner_name) || open(r.summary) || (r.owner_id_number !== null && r.owner_key === null));
    if (todo.length === 0) continue;
    const update = db.prepare('UPDATE documents SET owner_id_number = ?, owner_key = ?, owner_name = ?, summary = ? WHERE id = ?');
    db.transaction(() => {
      for (const r of todo) {
        const id = cipher.unseal(r.owner_id_number);
        update.run(seal(r.owner_id_number), id === null ? null : cipher.ownerKey(id), seal(r.owner_name), seal(r.summary), r.id);
      }
    })();
    documentsSealed += todo.length;
  }
  after = 0;
  for (;;) {
    const rows = db.prepare('SELECT rowid, page_id, text FROM page_text WHERE rowid > ? ORDER BY rowid LIMIT ?').all(after, BATCH) as { rowid: number; page_id: string; text: string }[];
    if (rows.length === 0) break;
    after = rows.at(-1)!.rowid;
    const update = db.prepare('UPDATE page_text SET text = ? WHERE page_id = ?');
    db.transaction(() => {
      for (const r of rows) if (!r.text.startsWith('enc1:')) update.run(cipher.seal(r.text), r.page_id);
    })();
  }
  let indexed = 0;
  after = 0;
  const known = db.prepare('SELECT 1 FROM search_rows WHERE document_id = ?').pluck();
  for (;;) {
    const rows = db.prepare('SELECT rowid, id FROM documents WHERE rowid > ? ORDER BY rowid LIMIT ?').all(after, BATCH) as { rowid: number; id: string }[];
    if (rows.length === 0) break;
    after = rows.at(-1)!.rowid;
    const now = new Date().toISOString();
    db.transaction(() => {
      for (const { id } of rows) {
        if (known.get(id)) continue;
        documents.reindex(id);
        documents.owners.rememberFromDocument(id, now);
        indexed++;
      }
    })();
  }
  db.prepare("INSERT INTO station (key, value) VALUES ('records.sealed', '1') ON CONFLICT (key) DO UPDATE SET value = '1'").run();
  if (documentsSealed + indexed > 0) log.info('sealed personal columns and rebuilt the search index', { documentsSealed, indexed, ms: Date.now() - started });
}

