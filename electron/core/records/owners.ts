// Owners (chủ giấy tờ): every personal id or tax code the station has recorded a document for,
// with the name last given. Kept up to date in the transaction that saves the document.
import type { Database } from 'better-sqlite3';
import { type Owner, ownerIdType } from '../../contract';

export class OwnerRepository {
  constructor(private readonly db: Database) {}

  /** Records the owner of a document as it now stands (call inside the document's transaction). */
  rememberFromDocument(documentId: string, now: string): void {
    const row = this.db.prepare('SELECT owner_id_number AS id, owner_name AS name FROM documents WHERE id = ?').get(documentId) as { id: string | null; name: string | null } | undefined;
    if (!row?.id) return;
    this.db
      .prepare(
        `INSERT INTO owners (id_number, id_type, name, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (id_number) DO UPDATE SET name = coalesce(excluded.name, owners.name), updated_at = excluded.updated_at`,
      )
      .run(row.id, ownerIdType(row.id), row.name, now);
  }

  get(idNumber: string): Owner | null {
    const row = this.db.prepare('SELECT id_number, id_type, name FROM owners WHERE id_number = ?').get(idNumber) as
      | { id_number: string; id_type: Owner['idType']; name: string | null }
      | undefined;
    return row ? { idNumber: row.id_number, idType: row.id_type, name: row.name } : null;
  }
}
