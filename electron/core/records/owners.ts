// Owners (chủ giấy tờ): every personal id or tax code the station has recorded a document for,
// with the name last given — both sealed, found by the id's blind index. Kept up to date in the
// transaction that saves the document.
import type { Database } from 'better-sqlite3';
import { type Owner, ownerIdType } from '../../contract';
import type { ColumnCipher } from './column-cipher';

export class OwnerRepository {
  constructor(
    private readonly db: Database,
    private readonly cipher: ColumnCipher,
  ) {}

  /** Records the owner of a document as it now stands (call inside the document's transaction). */
  rememberFromDocument(documentId: string, now: string): void {
    const row = this.db.prepare('SELECT owner_key AS key, owner_id_number AS id, owner_name AS name FROM documents WHERE id = ?').get(documentId) as
      | { key: string | null; id: string | null; name: string | null }
      | undefined;
    if (!row?.key || !row.id) return;
    this.db
      .prepare(
        `INSERT INTO owners (owner_key, id_type, id_number, name, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (owner_key) DO UPDATE SET name = coalesce(excluded.name, owners.name), updated_at = excluded.updated_at`,
      )
      .run(row.key, ownerIdType(this.cipher.unseal(row.id)), row.id, row.name, now);
  }

  get(idNumber: string): Owner | null {
    const row = this.db.prepare('SELECT id_type, id_number, name FROM owners WHERE owner_key = ?').get(this.cipher.ownerKey(idNumber)) as
      | { id_type: Owner['idType']; id_number: string; name: string | null }
      | undefined;
    return row ? { idNumber: this.cipher.unseal(row.id_number), idType: row.id_type, name: this.cipher.unseal(row.name) } : null;
  }
}
