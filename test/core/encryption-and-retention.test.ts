// Personal data at rest: every page image, record and word list encrypted (AES-256-GCM) under a
// data key that only the station key opens; a tampered file refused; and page images deleted a
// set number of days after the provincial store's receipt.
import Database from 'better-sqlite3';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADER_BYTES } from '../../electron/core/records/blob-cipher';
import { BlobStore } from '../../electron/core/records/blob-store';
import { StationError } from '../../electron/core/errors';
import { openStation } from '../../electron/core/station';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation, refused } from '../helpers/station';

let t: TestStation;
let tmp: ReturnType<typeof tempDir>;
let docId: string;

const blobFiles = (dataDir: string) =>
  readdirSync(join(dataDir, 'blobs'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));

beforeAll(async () => {
  tmp = tempDir('at-rest');
  t = await openTestStation();
  const page = join(tmp.path, 'page.png');
  await vietnamesePage(page, { dpi: 100 });
  docId = (await t.call('documents.import', { paths: [page], ocr: 'wait', metadata: { title: 'Căn cước công dân', ownerName: 'Nguyễn Văn Đức', ownerIdNumber: '049080001234' } })).id;
});

afterAll(async () => {
  await t?.close();
  tmp?.cleanup();
});

describe('encryption at rest', () => {
  it('stores no image, PDF or text in the clear, and gives them back whole', async () => {
    expect((await t.call('station.info', {})).encryption).toBe('passphrase');
    const files = blobFiles(t.dataDir);
    expect(files.length).toBeGreaterThanOrEqual(4); // page, thumbnail, words, record
    for (const f of files) {
      const bytes = readFileSync(f);
      expect(bytes.subarray(0, 8).toString('latin1')).toBe('SOHOAE1\n');
      // Where the content starts (after magic, salt and IV) there is no PDF, PNG, JPEG or gzip
      // header; and no long plaintext anywhere (short byte runs occur in any ciphertext by chance).
      const body = bytes.subarray(HEADER_BYTES, HEADER_BYTES + 4).toString('latin1');
      for (const magic of ['%PDF', '\x89PNG', '\xff\xd8\xff', '\x1f\x8b']) expect(body.startsWith(magic), `${f}: ${JSON.stringify(magic)}`).toBe(false);
      for (const clear of ['Nguyễn Văn Đức', 'nguyen van duc', '049080001234', 'Phước Thượng']) expect(bytes.includes(Buffer.from(clear, 'utf8')), `${f}: ${clear}`).toBe(false);
    }
    const out = join(tmp.path, 'out.pdf');
    const exported = await t.call('documents.export', { id: docId, path: out });
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    expect(exported.sha256).toBe((await t.call('documents.get', { id: docId })).pdf!.sha256);
    expect((await t.call('documents.search', { text: 'phuoc thuong' })).map((d) => d.id)).toEqual([docId]); // recognised from the decrypted image
  });

  it('keeps the personal columns sealed: no name, id or page text in the database file', async () => {
    const db = new Database(join(t.dataDir, 'station.sqlite'));
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const file = readFileSync(join(t.dataDir, 'station.sqlite'));
    for (const clear of ['Nguyễn Văn Đức', 'nguyen van duc', '049080001234', 'Phước Thượng', 'phuoc thuong']) expect(file.includes(Buffer.from(clear, 'utf8')), clear).toBe(false);
    // …and yet the counter finds them, by the owner's id, name as typed so far, and the text.
    expect((await t.call('documents.list', { ownerIdNumber: '049080001234' })).map((d) => d.id)).toEqual([docId]);
    expect((await t.call('documents.search', { text: 'nguyen van du' })).map((d) => d.id)).toEqual([docId]);
    expect((await t.call('reuse.candidates', { ownerIdNumber: '049080001234', online: false })).owner?.name).toBe('Nguyễn Văn Đức');
  });

  it('refuses a file whose bytes were changed', async () => {
    const doc = await t.call('documents.get', { id: docId });
    const file = t.station.blobs.pathOf(doc.pdf!.sha256);
    const original = readFileSync(file);
    const changed = Buffer.from(original);
    changed[changed.length - 100]! ^= 0x01;
    writeFileSync(file, changed);
    try {
      expect((await refused(t.call('documents.export', { id: docId, path: join(tmp.path, 'bad.pdf') }))).code).toBe('file-corrupt');
      expect(existsSync(join(tmp.path, 'bad.pdf'))).toBe(false);
    } finally {
      writeFileSync(file, original);
    }
  });

  it('opens only with the station key: a wrong passphrase or none is refused; another way is added once the key is open', async () => {
    const other = tempDir('keys');
    try {
      const dataDir = join(other.path, 'data');
      const s = await openStation({ dataDir, env: { SOHOA_STATION_PASSPHRASE: 'đúng rồi' } });
      await s.close();
      const opening = async (env: NodeJS.ProcessEnv, keychain?: Parameters<typeof openStation>[0]['keychain']) => {
        try {
          await (await openStation({ dataDir, env, ...(keychain ? { keychain } : {}) })).close();
          return 'opened';
        } catch (e) {
          return e instanceof StationError ? e.code : String(e);
        }
      };
      expect(await opening({ SOHOA_STATION_PASSPHRASE: 'sai rồi' })).toBe('station-key-wrong');
      expect(await opening({})).toBe('station-key-needed');
      // A stand-in for Electron's safeStorage (not available outside the app): a MOCK keychain.
      const mockKeychain = { kind: 'keychain' as const, protect: (b: Buffer) => Buffer.from([...b].reverse()), unprotect: (b: Buffer) => Buffer.from([...b].reverse()) };
      expect(await opening({ SOHOA_STATION_PASSPHRASE: 'đúng rồi' }, mockKeychain)).toBe('opened');
      expect(await opening({}, mockKeychain)).toBe('opened'); // its slot was added
    } finally {
      other.cleanup();
    }
  });

  it('still reads a blob written before encryption existed', async () => {
    const plain = new BlobStore(join(t.dataDir, 'blobs'), join(tmp.path, 'plain-tmp'));
    const bytes = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#123456' } }).png().toBuffer();
    const stored = await plain.write(bytes);
    expect(readFileSync(plain.pathOf(stored.sha256)).subarray(0, 4).toString('latin1')).toBe('\x89PNG');
    expect(await t.station.blobs.verify(stored.sha256)).toBe(true);
    expect(await t.station.blobs.readBuffer(stored.sha256)).toEqual(bytes);
  });
});

describe('retention', () => {
  it('deletes page images a set number of days after the provincial store’s receipt, and keeps the record', async () => {
    const doc = await t.call('documents.get', { id: docId });
    const image = t.station.blobs.pathOf(doc.pages[0]!.sha256);
    const thumb = blobFiles(t.dataDir).length;
    const db = new Database(join(t.dataDir, 'station.sqlite'));
    const receipt = db.prepare("INSERT INTO outbox (document_id, version, sha256, bytes, state, created_at, updated_at, synced_at) VALUES (?, 1, ?, ?, 'synced', 'x', 'x', ?)");
    receipt.run(docId, doc.pdf!.sha256, doc.pdf!.bytes, new Date(Date.now() - 10 * 86_400_000 + 7 * 3600_000).toISOString().replace('Z', '+07:00'));
    db.close();

    await t.call('settings.update', { purgeImagesAfterDays: 30 });
    expect(await t.call('records.purge', {})).toMatchObject({ pages: 0 }); // 10 days: not yet
    expect(existsSync(image)).toBe(true);
    await t.call('settings.update', { purgeImagesAfterDays: 7 });
    const report = await t.call('records.purge', {});
    expect(report).toMatchObject({ documents: 1, pages: 1 });
    expect(report.bytes).toBeGreaterThan(0);
    expect(existsSync(image)).toBe(false);
    expect(blobFiles(t.dataDir).length).toBe(thumb - 1);

    const after = await t.call('documents.get', { id: docId });
    expect(after.pages[0]!.purgedAt).not.toBeNull();
    expect(after.pdf).toEqual(doc.pdf); // the record stays, exportable and verifiable
    await t.call('documents.export', { id: docId, path: join(tmp.path, 'kept.pdf'), overwrite: true });
    const entries = await t.call('audit.list', { documentId: docId, limit: 5 });
    expect(entries.find((e) => e.action === 'purge')).toMatchObject({ details: { pages: 1, afterDays: 7 } });
    expect(await t.call('records.purge', {})).toMatchObject({ pages: 0 }); // once

    // The same paper imported again: its image (same bytes, same name) is stored again and kept.
    const again = await t.call('documents.import', { paths: [join(tmp.path, 'page.png')], ocr: 'skip' });
    expect(again.pages[0]!.sha256).toBe(doc.pages[0]!.sha256);
    expect(existsSync(image)).toBe(true);
    expect(await t.call('records.purge', {})).toMatchObject({ pages: 0 });
    expect(existsSync(image)).toBe(true);
    expect(await t.station.blobs.verify(doc.pages[0]!.sha256)).toBe(true);
  });
});
