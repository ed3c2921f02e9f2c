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
    // Opened from the document's row and sealed again for the owner's: a sealed value is bound to its place.
    const idNumber = this.cipher.unseal(row.id, { table: 'documents', column: 'owner_id_number', row: documentId });
    const name = this.cipher.unseal(row.name, { table: 'documents', column: 'owner_name', row: documentId });
    const key = row.key;
    const at = (column: string) => ({ table: 'owners', column, row: key });
    this.db
      .prepare(
        `INSERT INTO owners (owner_key, id_type, id_number, name, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (owner_key) DO UPDATE SET name = coalesce(excluded.name, owners.name), updated_at = excluded.updated_at`,
      )
      .run(key, ownerIdType(idNumber), this.cipher.seal(idNumber, at('id_number')), this.cipher.seal(name, at('name')), now);
  }

  get(idNumber: string): Owner | null {
    const key = this.cipher.ownerKey(idNumber);
    const row = this.db.prepare('SELECT id_type, id_number, name FROM owners WHERE owner_key = ?').get(key) as
      | { id_type: Owner['idType']; id_number: string; name: string | null }
      | undefined;
    if (!row) return null;
    const at = (column: string) => ({ table: 'owners', column, row: key });
    return { idNumber: this.cipher.unseal(row.id_number, at('id_number')), idType: row.id_type, name: this.cipher.unseal(row.name, at('name')) };
  }
}
