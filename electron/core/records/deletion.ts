// Deleting a document from the station: who may (roles), what may not go (a record reused by a
// dossier), and nothing left behind — its rows in one transaction with the audit entry, then the
// files only it used (personal data must not linger in the blob folder).
import type { Database } from 'better-sqlite3';
import { type Caller, actorOf, seesEveryonesWork } from '../auth/caller';
import { StationError } from '../errors';
import { forbidden } from '../auth/forbidden';
import { documentCondition, withCondition } from '../auth/row-rules';
import type { AuditLog } from './audit';
import type { BlobStore } from './blob-store';
import { blobUnused } from './blob-references';

export interface DeletionDeps {
  readonly db: Database;
  readonly audit: AuditLog;
  readonly blobs: BlobStore;
  readonly removeFromSearch: (id: string) => void;
}

export function deleteDocument(deps: DeletionDeps, id: string, caller: Caller, reason: string): void {
  const { db } = deps;
  const doc = db.prepare('SELECT id, created_by, pdf_sha256 FROM documents WHERE id = ?').get(id) as { id: string; created_by: string | null; pdf_sha256: string | null } | undefined;
  if (!doc) throw new StationError('not-found', { id });
  const supervising = seesEveryonesWork(caller);
  // The row rule of deletion (auth/row-rules.ts), again here: the dispatcher checked it already.
  const may = documentCondition(caller, 'delete');
  if (db.prepare(`SELECT 1 FROM documents d ${withCondition(['d.id = @id'], may)}`).get({ ...may?.params, id }) === undefined) throw forbidden(caller.role, 'documents.delete');
  const synced = db.prepare("SELECT 1 FROM outbox WHERE document_id = ? AND state = 'synced'").get(id) !== undefined;
  if (synced && !supervising) throw new StationError('document-synced', { id });
  const dossiers = db.prepare('SELECT DISTINCT dossier_code FROM dossier_links WHERE document_id = ?').pluck().all(id) as string[];
  if (dossiers.length > 0) throw new StationError('document-in-use', { id, dossiers: dossiers.join(', ') });

  const shas = [
    ...new Set(
      db
        .prepare(
          `SELECT pdf_sha256 FROM documents WHERE id = @id UNION SELECT source_sha256 FROM documents WHERE id = @id
           UNION SELECT image_sha256 FROM pages WHERE document_id = @id UNION SELECT thumb_sha256 FROM pages WHERE document_id = @id
           UNION SELECT t.words_sha256 FROM page_text t JOIN pages p ON p.id = t.page_id WHERE p.document_id = @id
           UNION SELECT v.pdf_sha256 FROM page_vectors v JOIN pages p ON p.id = v.page_id WHERE p.document_id = @id
           UNION SELECT pdf_sha256 FROM signatures WHERE document_id = @id UNION SELECT sha256 FROM outbox WHERE document_id = @id`,
        )
        .pluck()
        .all({ id }) as (string | null)[],
    ),
  ].filter((s): s is string => s !== null);

  deps.blobs.noteRemoval(shas);
  const listed = db.prepare('SELECT 1 FROM blobs WHERE sha256 = ?').pluck();
  db.transaction(() => {
    db.prepare('DELETE FROM page_text WHERE page_id IN (SELECT id FROM pages WHERE document_id = ?)').run(id);
    db.prepare('DELETE FROM page_vectors WHERE page_id IN (SELECT id FROM pages WHERE document_id = ?)').run(id);
    db.prepare('DELETE FROM signatures WHERE document_id = ?').run(id);
    db.prepare('DELETE FROM outbox WHERE document_id = ?').run(id);
    db.prepare('DELETE FROM pages WHERE document_id = ?').run(id);
    db.prepare('DELETE FROM documents WHERE id = ?').run(id);
    deps.removeFromSearch(id);
    // Blobs are shared by content: only those no other row names go.
    for (const sha of shas) if (blobUnused(db, sha)) db.prepare('DELETE FROM blobs WHERE sha256 = ?').run(sha);
    deps.audit.append('delete', id, { reason, sha256: doc.pdf_sha256, synced }, actorOf(caller));
  })();
  deps.blobs.removeUnlisted(shas, (sha) => listed.get(sha) !== undefined);
}
