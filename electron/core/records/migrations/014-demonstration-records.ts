// Migration 14: records made in demonstration mode (issue 16).
//
// A station whose first start was skipped runs in demonstration mode (core/auth/setup.ts): what it
// makes is practice, not a citizen's record. documents.demonstration is 1 for a document created
// then, for good: the outbox never takes it (records/outbox.ts), so it never reaches the province,
// even after the station is set up for real.
import type { Migration } from '../migrations';

export const demonstrationRecordsMigration: Migration = {
  version: 14,
  name: 'records made in demonstration mode',
  up(db) {
    db.exec(`ALTER TABLE documents ADD COLUMN demonstration INTEGER NOT NULL DEFAULT 0 CHECK (demonstration IN (0, 1));`);
  },
};
