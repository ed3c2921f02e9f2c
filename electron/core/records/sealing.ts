// The seal passes: what a migration cannot do (it has no key), the first open with the key does.
//
// Columns (after migration 7, and again after migration 11): seals every personal value that is
// not yet sealed as this version seals — in the clear (a database from before sealing) or sealed
// without its place (before migration 11) — bound to its table, column and row (column-cipher.ts);
// fills the owners' blind index and rebuilds the search index with hashed words. This is the only
// code that opens such older values. In batches, idempotent (a value already sealed with its place
// is left as it is), so a crash in the middle only means the next open goes on from there.
//
// Blobs (once per station): a station written before encryption existed holds page images and
// PDFs in the clear. Each is encrypted in place (blob-store.ts sealPlaintext, the only reader of a
// plaintext blob); after that pass, any file in the clear is refused as put there from outside.
import type { Database } from 'better-sqlite3';
import type { Logger } from '../log';
import type { BlobStore } from './blob-store';
import type { ColumnCipher } from './column-cipher';
import { type DocumentRepository, SEALED_COLUMNS } from './documents';

const BATCH = 2000;

const marked = (db: Database, key: string) => (db.prepare('SELECT value FROM station WHERE key = ?').pluck().get(key) as string | undefined) === '1';
const mark = (db: Database, key: string) => db.prepare("INSERT INTO station (key, value) VALUES (?, '1') ON CONFLICT (key) DO UPDATE SET value = '1'").run(key);

/** Every sealed column of the station, by table, with the column that is the row's id. */
const SEALED: readonly { table: string; id: string; columns: readonly string[] }[] = [
  { table: 'page_text', id: 'page_id', columns: ['text'] },
  { table: 'owners', id: 'owner_key', columns: ['id_number', 'name'] },
  { table: 'archive_batches', id: 'id', columns: ['defaults'] },
  { table: 'archive_documents', id: 'document_id', columns: ['entries', 'hints'] },
];

export function sealPending(db: Database, documents: DocumentRepository, log: Logger): void {
  if (marked(db, 'records.sealed')) return;
  const started = Date.now();
  const cipher = documents.cipher;
  const documentsSealed = sealDocuments(db, cipher);
  let values = 0;
  for (const t of SEALED) values += resealTable(db, cipher, t.table, t.id, t.columns);
  let indexed = 0;
  let after = '';
  const known = db.prepare('SELECT 1 FROM search_rows WHERE document_id = ?').pluck();
  for (;;) {
    const ids = db.prepare('SELECT id FROM documents WHERE id > ? ORDER BY id LIMIT ?').pluck().all(after, BATCH) as string[];
    if (ids.length === 0) break;
    after = ids.at(-1)!;
    const now = new Date().toISOString();
    db.transaction(() => {
      for (const id of ids) {
        if (known.get(id)) continue;
        documents.reindex(id);
        documents.owners.rememberFromDocument(id, now);
        indexed++;
      }
    })();
  }
  mark(db, 'records.sealed');
  if (documentsSealed + values + indexed > 0) log.info('sealed personal columns and rebuilt the search index', { documentsSealed, values, indexed, ms: Date.now() - started });
}

/** The documents' personal columns, and the owner's blind index beside the id. */
function sealDocuments(db: Database, cipher: ColumnCipher): number {
  let sealed = 0;
  let after = '';
  const update = db.prepare('UPDATE documents SET owner_id_number = ?, owner_key = ?, owner_name = ?, summary = ? WHERE id = ?');
  const select = db.prepare('SELECT id, owner_id_number, owner_name, summary, owner_key FROM documents WHERE id > ? ORDER BY id LIMIT ?');
  for (;;) {
    // Read and written under one write lock: another process (the app and a sohoa command may
    // open together) never has a newer value overwritten by this batch's older one.
    const rows = db.transaction(() => {
      const rows = select.all(after, BATCH) as { id: string; owner_id_number: string | null; owner_name: string | null; summary: string | null; owner_key: string | null }[];
      for (const r of rows) {
        const at = (column: string) => ({ table: 'documents', column, row: r.id });
        const older = SEALED_COLUMNS.map((c) => (r[c] === null ? null : cipher.openLegacy(r[c])));
        if (older.every((v) => v === null) && (r.owner_id_number === null || r.owner_key !== null)) continue;
        const [id = null, name = null, summary = null] = SEALED_COLUMNS.map((c, i) => older[i] ?? cipher.unseal(r[c], at(c)));
        update.run(cipher.seal(id, at('owner_id_number')), id === null ? null : cipher.ownerKey(id), cipher.seal(name, at('owner_name')), cipher.seal(summary, at('summary')), r.id);
        sealed++;
      }
      return rows;
    }).immediate();
    if (rows.length === 0) break;
    after = rows.at(-1)!.id;
  }
  return sealed;
}

/** One table's sealed columns: each older value sealed again with its place. */
function resealTable(db: Database, cipher: ColumnCipher, table: string, idColumn: string, columns: readonly string[]): number {
  let sealed = 0;
  let after = '';
  // Names from SEALED above only.
  const select = db.prepare(`SELECT ${idColumn} AS id, ${columns.join(', ')} FROM ${table} WHERE ${idColumn} > ? ORDER BY ${idColumn} LIMIT ?`);
  const update = new Map(columns.map((c) => [c, db.prepare(`UPDATE ${table} SET ${c} = ? WHERE ${idColumn} = ?`)]));
  for (;;) {
    const rows = db.transaction(() => {
      const rows = select.all(after, BATCH) as Record<string, string | null>[];
      for (const r of rows) {
        for (const column of columns) {
          const value = r[column];
          const older = value === null || value === undefined ? null : cipher.openLegacy(value);
          if (older === null) continue;
          update.get(column)!.run(cipher.seal(older, { table, column, row: r.id! }), r.id);
          sealed++;
        }
      }
      return rows;
    }).immediate();
    if (rows.length === 0) break;
    after = rows.at(-1)!.id!;
  }
  return sealed;
}

/** Encrypts the blobs a station wrote before encryption existed; once per station. */
export async function sealPlaintextBlobs(db: Database, blobs: BlobStore, log: Logger): Promise<void> {
  if (marked(db, 'blobs.sealed')) return;
  const started = Date.now();
  const counts = { sealed: 0, already: 0, missing: 0, damaged: 0 };
  let after = '';
  for (;;) {
    const shas = db.prepare('SELECT sha256 FROM blobs WHERE sha256 > ? AND purged_at IS NULL ORDER BY sha256 LIMIT ?').pluck().all(after, BATCH) as string[];
    if (shas.length === 0) break;
    after = shas.at(-1)!;
    for (const sha of shas) {
      const outcome = await blobs.sealPlaintext(sha);
      counts[outcome]++;
      // Left as it is: it no longer matches its name, and reads refuse it (`blob-not-sealed`).
      if (outcome === 'damaged') log.warn('a blob in the clear no longer matches its name; it was not encrypted', { sha256: sha });
    }
  }
  mark(db, 'blobs.sealed');
  if (counts.sealed + counts.damaged > 0) log.info('encrypted blobs written before encryption existed', { ...counts, ms: Date.now() - started });
}
