// Migration 12: the audit head the provincial store keeps on each receipt (issue 15).
//
// Every commit carries the head of the station's audit chain (its last seq and that row's hash);
// the store keeps it on the receipt and echoes it. Kept here with the outbox row it belongs to, it
// is a copy the store vouches for: `sohoa audit verify` can check that the chain still holds each
// such row with that hash. Null for rows synced before, and for a store that predates the field.
// (Number 11 is another change's.)
import type { Migration } from '../migrations';

export const receiptAuditHeadMigration: Migration = {
  version: 12,
  name: 'the audit head kept on each sync receipt',
  up(db) {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN receipt_audit_seq INTEGER CHECK (receipt_audit_seq IS NULL OR receipt_audit_seq > 0);
      ALTER TABLE outbox ADD COLUMN receipt_audit_hash TEXT CHECK (receipt_audit_hash IS NULL OR length(receipt_audit_hash) = 64);
    `);
  },
};
