// The sync outbox in SQLite: one row per signed version of a document, moved through
// pending → uploading → committing → synced (or failed, with the reason and the next attempt).
// Rows are leased to one process at a time; a lease whose process is dead is taken over at once.
import type { Database } from 'better-sqlite3';
import type { OutboxState, WireError } from '../../contract';
import type { AuditLog } from './audit';
import { processAlive } from './housekeeping';

export interface OutboxRow {
  id: number;
  document_id: string;
  version: number;
  sha256: string;
  bytes: number;
  state: OutboxState;
  upload_url: string | null;
  attempts: number;
  error_code: string | null;
  error_details: string | null;
  next_attempt_at: string | null;
  lease_owner: number | null;
  lease_until: string | null;
  receipt_id: string | null;
  stored_at: string | null;
  receipt_audit_seq: number | null;
  receipt_audit_hash: string | null;
  created_at: string;
  updated_at: string;
  synced_at: string | null;
}

export interface Receipt {
  readonly receiptId: string;
  readonly storedAt: string;
  /** The station's audit head as the store keeps it on this receipt (null or absent: none). */
  readonly auditHead?: { readonly seq: number; readonly hash: string } | null;
}

const OPEN = "('pending', 'uploading', 'committing', 'failed')";

/** Adds the newest signed version of a document; earlier versions not yet under way are
 * superseded (the store needs the final record, not every step to it). Call inside the
 * transaction that records the signature, so that a signed record is never left unqueued. */
export function enqueueVersion(db: Database, documentId: string, sha256: string, bytes: number, now: string): number | null {
  // A demonstration record (migration 14) is practice: it never leaves the station.
  if (db.prepare('SELECT demonstration FROM documents WHERE id = ?').pluck().get(documentId) === 1) return null;
  const version = (db.prepare('SELECT coalesce(max(version), 0) + 1 FROM outbox WHERE document_id = ?').pluck().get(documentId) as number);
  db.prepare("UPDATE outbox SET state = 'superseded', updated_at = ? WHERE document_id = ? AND state IN ('pending', 'failed')").run(now, documentId);
  db.prepare('INSERT INTO outbox (document_id, version, sha256, bytes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(documentId, version, sha256, bytes, now, now);
  return version;
}

export class OutboxRepository {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog | null = null,
  ) {}

  /** Leases the next row that is due, preferring work already under way. A row leased by a live
   * process — this one's other workers included — is left alone until its lease runs out. */
  claimNext(owner: number, now: string, leaseUntil: string): OutboxRow | null {
    return this.db.transaction(() => {
      const candidates = this.db
        .prepare(
          `SELECT * FROM outbox WHERE state IN ${OPEN}
             AND document_id NOT IN (SELECT id FROM documents WHERE demonstration = 1)
             AND ((state <> 'failed' AND (next_attempt_at IS NULL OR next_attempt_at <= @now))
               OR (state = 'failed' AND next_attempt_at IS NOT NULL AND next_attempt_at <= @now))
             AND (lease_owner IS NULL OR lease_until < @now OR lease_owner IN (SELECT value FROM json_each(@dead)))
           ORDER BY CASE state WHEN 'committing' THEN 0 WHEN 'uploading' THEN 1 ELSE 2 END, id LIMIT 1`,
        )
        .get({ now, dead: JSON.stringify(this.deadOwners(owner)) }) as OutboxRow | undefined;
      if (!candidates) return null;
      this.db.prepare('UPDATE outbox SET lease_owner = ?, lease_until = ? WHERE id = ?').run(owner, leaseUntil, candidates.id);
      return { ...candidates, lease_owner: owner, lease_until: leaseUntil };
    })();
  }

  /** Owners of current leases whose process is gone (killed mid-upload, say). */
  private deadOwners(self: number): number[] {
    const owners = this.db.prepare('SELECT DISTINCT lease_owner FROM outbox WHERE lease_owner IS NOT NULL AND lease_owner <> ?').pluck().all(self) as number[];
    return owners.filter((pid) => !processAlive(pid));
  }

  renewLease(id: number, owner: number, until: string): void {
    this.db.prepare('UPDATE outbox SET lease_until = ? WHERE id = ? AND lease_owner = ?').run(until, id, owner);
  }

  setUploading(id: number, uploadUrl: string | null, now: string): void {
    this.db.prepare("UPDATE outbox SET state = 'uploading', upload_url = ?, updated_at = ? WHERE id = ?").run(uploadUrl, now, id);
  }

  setCommitting(id: number, now: string): void {
    this.db.prepare("UPDATE outbox SET state = 'committing', updated_at = ? WHERE id = ?").run(now, id);
  }

  markSynced(id: number, receipt: Receipt, now: string): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `UPDATE outbox SET state = 'synced', receipt_id = ?, stored_at = ?, receipt_audit_seq = ?, receipt_audit_hash = ?, synced_at = ?, updated_at = ?,
             error_code = NULL, error_details = NULL, next_attempt_at = NULL, lease_owner = NULL, lease_until = NULL WHERE id = ?`,
        )
        .run(receipt.receiptId, receipt.storedAt, receipt.auditHead?.seq ?? null, receipt.auditHead?.hash ?? null, now, now, id);
      const row = this.get(id);
      if (row) this.audit?.append('sync', row.document_id, { version: row.version, sha256: row.sha256, receiptId: receipt.receiptId });
    })();
  }

  /** A failed attempt: retried by itself at `nextAttemptAt`, or (null) when a person says so. */
  markFailed(id: number, error: WireError, nextAttemptAt: string | null, now: string, opts: { forgetUpload?: boolean } = {}): void {
    this.db
      .prepare(
        `UPDATE outbox SET state = 'failed', attempts = attempts + 1, error_code = ?, error_details = ?, next_attempt_at = ?, updated_at = ?,
           lease_owner = NULL, lease_until = NULL${opts.forgetUpload ? ', upload_url = NULL' : ''} WHERE id = ?`,
      )
      .run(error.code, JSON.stringify(error.details ?? {}), nextAttemptAt, now, id);
  }

  /** Gives a row back without counting an attempt (the engine stopped). */
  release(id: number, owner: number): void {
    this.db.prepare('UPDATE outbox SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?').run(id, owner);
  }

  /** A person's Retry: the failed rows (or one) are due now, their upload kept for resuming. */
  retry(id: number | undefined, now: string): number {
    const where = id === undefined ? "state = 'failed'" : "state = 'failed' AND id = @id";
    return this.db.prepare(`UPDATE outbox SET state = 'pending', next_attempt_at = NULL, updated_at = @now WHERE ${where}`).run({ id, now }).changes;
  }

  get(id: number): OutboxRow | null {
    return (this.db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow | undefined) ?? null;
  }

  /** The earliest time an open row becomes due (to sleep until then), or null. */
  nextDueAt(): string | null {
    return (this.db
      .prepare(`SELECT min(coalesce(next_attempt_at, '')) FROM outbox WHERE state IN ${OPEN} AND NOT (state = 'failed' AND next_attempt_at IS NULL)`)
      .pluck()
      .get() as string | null) ?? null;
  }

  openCount(): number {
    return this.db.prepare(`SELECT count(*) FROM outbox WHERE state IN ${OPEN}`).pluck().get() as number;
  }
}
