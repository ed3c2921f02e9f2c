// Migration 11: every sealed value bound to its place (issue 15).
//
// Until now a sealed column value (column-cipher.ts, "enc1:") opened wherever it was put: whoever
// could write the database file could move one owner's name onto another's document and the
// station showed it. Values are now sealed with their table, column and row id as the GCM's
// associated data ("enc2:"). A migration has no key, so this one only reopens the seal pass:
// the first open with the station key (records/sealing.ts) seals every older value again, in
// batches, before anything reads them; until then the new code refuses the older values.
import type { Migration } from '../migrations';

export const sealedValuesBoundMigration: Migration = {
  version: 11,
  name: 'sealed values bound to their table, column and row',
  up(db) {
    db.exec(`INSERT INTO station (key, value) VALUES ('records.sealed', '0') ON CONFLICT (key) DO UPDATE SET value = '0';`);
  },
};
