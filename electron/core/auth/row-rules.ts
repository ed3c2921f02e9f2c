// The row rules: which documents, pages and dossiers a caller may read, change or delete. The one
// definition, as SQL over the records' own columns, so that a lookup by id, a list and a search
// all answer the same way, and a prefix resolves only among what the caller may see
// (contract/policy.ts says which method needs which access).
import { AUDIENCE_ROLES, type Access } from '../../contract';
import { type Caller, seesEveryonesWork } from './caller';

/** A condition to AND into a query, with its parameters; null: no restriction. */
export interface RowCondition {
  readonly sql: string;
  readonly params: Readonly<Record<string, string | null>>;
}

const inArchiveTeam = (caller: Caller) => AUDIENCE_ROLES.archive.includes(caller.role);

/** Work made before the first account existed has no maker: the administrator's to finish. */
function ownWork(caller: Caller, column: string): string[] {
  if (caller.userId === null) return [`${column} IS NULL`];
  return caller.role === 'admin' ? [`${column} = @rowUser`, `${column} IS NULL`] : [`${column} = @rowUser`];
}

/**
 * Documents (alias `d`):
 * - read: one's own; everyone's for supervisors and administrators; archive documents for the
 *   archive team (batches are team work); a document reused into a dossier one received (the
 *   citizen is at one's counter with it).
 * - write: one's own; archive documents for the archive team (their state rules are the archive
 *   service's).
 * - delete: write, or a supervisor or administrator (whether a synced one may go is the deletion's).
 */
export function documentCondition(caller: Caller | null, access: Access, alias = 'd'): RowCondition | null {
  if (caller === null) return null;
  if (seesEveryonesWork(caller) && access !== 'write') return null;
  const params = { rowUser: caller.userId };
  if (access !== 'read' || caller.userId === null) {
    // Changing: one's own (the administrator also what was made before accounts existed).
    const parts = ownWork(caller, `${alias}.created_by`);
    if (inArchiveTeam(caller)) parts.push(`EXISTS (SELECT 1 FROM archive_documents ad WHERE ad.document_id = ${alias}.id)`);
    return { sql: `(${parts.join(' OR ')})`, params };
  }
  // Reading: the set of one's own work and what was reused into one's dossiers, built from the
  // indexes first (an officer's few hundred among a million archive records), never a scan of
  // every document testing each.
  const mine = `${alias}.id IN (SELECT mine.id FROM documents mine WHERE mine.created_by = @rowUser
      UNION SELECT rl.document_id FROM dossier_links rl JOIN dossiers rs ON rs.code = rl.dossier_code WHERE rs.opened_by = @rowUser AND rl.document_id IS NOT NULL)`;
  // The archive team reads the batches' documents too: most of what such a station holds, so the
  // newest-first scan meets them at once.
  const team = inArchiveTeam(caller) ? ` OR EXISTS (SELECT 1 FROM archive_documents ad WHERE ad.document_id = ${alias}.id)` : '';
  return { sql: `(${mine}${team})`, params };
}

/** Dossiers (alias `s`): read by the officer who received it, and by supervision; changed
 * (documents added, signed, reuse attached) only by the officer who received it. */
export function dossierCondition(caller: Caller | null, access: Access, alias = 's'): RowCondition | null {
  if (caller === null) return null;
  if (seesEveryonesWork(caller) && access === 'read') return null;
  return { sql: `(${ownWork(caller, `${alias}.opened_by`).join(' OR ')})`, params: { rowUser: caller.userId } };
}

/** `WHERE`-ready: the condition joined to others, or the others alone. */
export function withCondition(clauses: readonly string[], condition: RowCondition | null): string {
  const all = condition ? [...clauses, condition.sql] : [...clauses];
  return all.length ? `WHERE ${all.join(' AND ')}` : '';
}
