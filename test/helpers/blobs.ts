// Reading a station's blob files from a test, as the station does: decrypted with the data key
// that the tests' passphrase (SOHOA_STATION_PASSPHRASE, set in vitest.config.ts) opens.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { BlobCipher } from '../../electron/core/records/blob-cipher';
import { BlobStore } from '../../electron/core/records/blob-store';
import { openDataKey } from '../../electron/core/records/station-key';

export function testBlobStore(dataDir: string): BlobStore {
  const db = new Database(join(dataDir, 'station.sqlite'));
  try {
    const { dataKey } = openDataKey(db, [{ kind: 'passphrase', passphrase: process.env.SOHOA_STATION_PASSPHRASE ?? '' }]);
    return new BlobStore(join(dataDir, 'blobs'), join(dataDir, 'tmp', `test-${process.pid}`), new BlobCipher(dataKey));
  } finally {
    db.close();
  }
}
