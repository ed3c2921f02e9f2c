// Personal data at rest: every page image, record and word list encrypted (AES-256-GCM) under a
// data key that only the station key opens; a tampered file refused, and a file in the clear too
// once the station has encrypted those it wrote before encryption existed; sealed columns bound to
// their row; the key kept beside the data only when asked for; what the station writes for people
// readable by its OS account only; and page images deleted a set number of days after the
// provincial store's receipt. (The blob format's attacks, one by one: blob-cipher.test.ts.)
import Database from 'better-sqlite3';
import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { LATEST_SCHEMA } from '../../electron/core/records/migrations';
import { sealedValuesBoundMigration } from '../../electron/core/records/migrations/011-sealed-values-bound-to-their-row';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADER_BYTES } from '../../electron/core/records/blob-cipher';
import { BlobStore } from '../../electron/core/records/blob-store';
import { backupStation } from '../../electron/core/records/backup';
import { restoreStation } from '../../electron/core/records/restore';
import { openDataKey } from '../../electron/core/records/station-key';
import { isRealKeychain } from '../../electron/main/keychain-backend';
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
      expect(bytes.subarray(0, 8).toString('latin1')).toBe('SOHOAE2\n');
      // Where the content starts (after the header) there is no PDF, PNG, JPEG or gzip
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
});

describe('files from before encryption', () => {
  it('are encrypted once, by the seal pass at open; after it a file in the clear is refused with nothing of it read', async () => {
    const other = tempDir('clear');
    try {
      const dataDir = join(other.path, 'data');
      await (await openStation({ dataDir })).close();
      // As a station wrote them before encryption existed: files in the clear, with their rows.
      const clear = new BlobStore(join(dataDir, 'blobs'), join(other.path, 'clear-tmp'));
      const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#123456' } }).png().toBuffer();
      const old = await clear.write(png);
      const db = new Database(join(dataDir, 'station.sqlite'));
      db.prepare("INSERT INTO blobs (sha256, bytes, media_type, created_at) VALUES (?, ?, 'image/png', 'x')").run(old.sha256, old.bytes);
      db.prepare("DELETE FROM station WHERE key = 'blobs.sealed'").run(); // a station that has not had the pass
      db.close();
      const s = await openStation({ dataDir });
      try {
        expect(readFileSync(s.blobs.pathOf(old.sha256)).subarray(0, 8).toString('latin1')).toBe('SOHOAE2\n');
        expect(await s.blobs.readBuffer(old.sha256)).toEqual(png);
        // Afterwards a file in the clear was put there from outside (a forged page image).
        const forged = await clear.write(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#ff0000' } }).png().toBuffer());
        const received: Buffer[] = [];
        const error = await (async () => {
          try {
            for await (const piece of s.blobs.read(forged.sha256)) received.push(piece as Buffer);
          } catch (e) {
            return e;
          }
          return null;
        })();
        expect(error).toMatchObject({ code: 'blob-not-sealed' });
        expect(received).toEqual([]);
        await expect(s.blobs.materialise(forged.sha256)).rejects.toMatchObject({ code: 'blob-not-sealed' });
        // …and so is a station's own page image replaced by its plaintext.
        writeFileSync(s.blobs.pathOf(old.sha256), png);
        await expect(s.blobs.readBuffer(old.sha256)).rejects.toMatchObject({ code: 'blob-not-sealed' });
      } finally {
        await s.close();
      }
    } finally {
      other.cleanup();
    }
  });
});

describe('sealed columns are bound to their row', () => {
  it('refuses an owner name swapped between two documents’ rows by raw SQL, a value moved to another column, and one in the clear', async () => {
    // Pages of their own (the retention test below counts the first document's files).
    const page = join(tmp.path, 'swap.png');
    await sharp({ create: { width: 300, height: 400, channels: 3, background: '#e0e8f0' } }).png().toFile(page);
    const a = (await t.call('documents.import', { paths: [page], ocr: 'skip', metadata: { title: 'Hồ sơ A', ownerName: 'Trần Thị Mai', ownerIdNumber: '001190000111' } })).id;
    const b = (await t.call('documents.import', { paths: [page], ocr: 'skip', metadata: { title: 'Hồ sơ B', ownerName: 'Lê Văn Hùng', ownerIdNumber: '001190000222' } })).id;
    const db = new Database(join(t.dataDir, 'station.sqlite'));
    try {
      const column = (c: string) => ({ get: db.prepare(`SELECT ${c} FROM documents WHERE id = ?`).pluck(), set: db.prepare(`UPDATE documents SET ${c} = ? WHERE id = ?`) });
      const name = column('owner_name');
      const summary = column('summary');
      const [nameA, nameB, summaryA] = [name.get.get(a), name.get.get(b), summary.get.get(a)];
      const refusedBoth = async (where: string) => {
        for (const id of [a, b]) {
          const e = await refused(t.call('documents.get', { id }));
          expect(e.code).toBe('sealed-value-refused');
          expect(e.message.en).toContain(`documents.${where}`);
          expect(JSON.stringify(e)).not.toMatch(/Trần Thị Mai|Lê Văn Hùng/);
        }
      };
      name.set.run(nameB, a);
      name.set.run(nameA, b);
      try {
        await refusedBoth('owner_name');
        expect((await refused(t.call('documents.list', { limit: 50 }))).code).toBe('sealed-value-refused');
      } finally {
        name.set.run(nameA, a);
        name.set.run(nameB, b);
      }
      expect((await t.call('documents.get', { id: a })).metadata.ownerName).toBe('Trần Thị Mai');
      expect((await t.call('documents.get', { id: b })).metadata.ownerName).toBe('Lê Văn Hùng');

      // Into another column of the same row; a value written in the clear.
      summary.set.run(nameA, a);
      try {
        expect((await refused(t.call('documents.get', { id: a }))).code).toBe('sealed-value-refused');
      } finally {
        summary.set.run(summaryA, a);
      }
      name.set.run('Nguyễn Giả Mạo', a);
      try {
        expect((await refused(t.call('documents.get', { id: a }))).code).toBe('sealed-value-refused');
      } finally {
        name.set.run(nameA, a);
      }

      // The owners' table: one owner's name onto another's.
      const ownerOf = (id: string) => db.prepare('SELECT o.owner_key AS key, o.name FROM owners o JOIN documents d ON d.owner_key = o.owner_key WHERE d.id = ?').get(id) as { key: string; name: string };
      const [ownerA, ownerB] = [ownerOf(a), ownerOf(b)];
      const setOwner = db.prepare('UPDATE owners SET name = ? WHERE owner_key = ?');
      setOwner.run(ownerB.name, ownerA.key);
      try {
        expect((await refused(t.call('reuse.candidates', { ownerIdNumber: '001190000111', online: false }))).code).toBe('sealed-value-refused');
        expect((await t.call('reuse.candidates', { ownerIdNumber: '001190000222', online: false })).owner?.name).toBe('Lê Văn Hùng');
      } finally {
        setOwner.run(ownerA.name, ownerA.key);
      }
      expect((await t.call('reuse.candidates', { ownerIdNumber: '001190000111', online: false })).owner?.name).toBe('Trần Thị Mai');
    } finally {
      db.close();
    }
  });

  it('migration 11 seals again the values an earlier version sealed without their place; until it has, they are refused', async () => {
    const other = tempDir('migration-11');
    try {
      const dataDir = join(other.path, 'data');
      const s = await openStation({ dataDir });
      s.documents.createDraft('d-old', 'import', { title: 'Sổ cũ', ownerName: 'Phạm Văn Cũ', ownerIdNumber: '001180000333' }, '2026-01-01T00:00:00.000+07:00');
      await s.close();
      // The value as the version before sealed it: "enc1:", no associated data.
      const db = new Database(join(dataDir, 'station.sqlite'));
      const { dataKey } = openDataKey(db, [{ kind: 'passphrase', passphrase: process.env.SOHOA_STATION_PASSPHRASE ?? '' }]);
      const sealKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'sohoa columns v1', 32));
      const enc1 = (v: string) => {
        const iv = randomBytes(12);
        const c = createCipheriv('aes-256-gcm', sealKey, iv);
        return `enc1:${Buffer.concat([iv, c.update(v, 'utf8'), c.final(), c.getAuthTag()]).toString('base64')}`;
      };
      db.prepare("UPDATE documents SET owner_name = ? WHERE id = 'd-old'").run(enc1('Phạm Văn Cũ'));
      db.prepare("UPDATE owners SET name = ? WHERE owner_key = (SELECT owner_key FROM documents WHERE id = 'd-old')").run(enc1('Phạm Văn Cũ'));
      db.close();
      // Outside the seal pass an older value is refused like a moved one…
      const before = await openStation({ dataDir });
      try {
        expect(() => before.documents.summary('d-old')).toThrow(expect.objectContaining({ code: 'sealed-value-refused' }));
      } finally {
        await before.close();
      }
      // …and once migration 11 has run on it (as on a database an earlier version left at schema
      // 10; the later migrations of this one stand), it is sealed again at the next open.
      const old = new Database(join(dataDir, 'station.sqlite'));
      old.transaction(() => sealedValuesBoundMigration.up(old))();
      old.close();
      const after = await openStation({ dataDir });
      try {
        expect(after.documents.summary('d-old')?.metadata).toMatchObject({ ownerName: 'Phạm Văn Cũ', ownerIdNumber: '001180000333' });
        expect(after.documents.owners.get('001180000333')?.name).toBe('Phạm Văn Cũ');
      } finally {
        await after.close();
      }
      const sealed = new Database(join(dataDir, 'station.sqlite'), { readonly: true });
      expect(sealed.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA);
      expect(sealed.prepare("SELECT owner_name FROM documents WHERE id = 'd-old'").pluck().get()).toMatch(/^enc2:/);
      expect(sealed.prepare('SELECT name FROM owners').pluck().get()).toMatch(/^enc2:/);
      sealed.close();
    } finally {
      other.cleanup();
    }
  });
});

describe('the station key', () => {
  it('stays beside the data only when asked for (development); a backup never carries it, and a restore says what key to supply', async () => {
    const other = tempDir('key-file');
    try {
      const dataDir = join(other.path, 'data');
      const keyFile = join(dataDir, 'station.key');
      const none = await openStation({ dataDir, env: {} }).then(
        () => null,
        (e: unknown) => e as StationError,
      );
      expect(none?.code).toBe('station-key-no-source');
      for (const text of Object.values(none!.toWire().message)) expect(text).toMatch(/SOHOA_STATION_PASSPHRASE.*SOHOA_DEV_KEY_FILE=1/);
      expect(existsSync(keyFile)).toBe(false);

      const s = await openStation({ dataDir, env: { SOHOA_DEV_KEY_FILE: '1' } });
      try {
        expect(s.info.encryption).toBe('key-file');
        expect(statSync(keyFile).mode & 0o777).toBe(0o600);
        const usb = join(other.path, 'usb');
        mkdirSync(usb);
        const b = await backupStation(s, usb);
        expect(readdirSync(b.path)).not.toContain('station.key');
        expect(readFileSync(join(b.path, 'manifest.json'), 'utf8')).not.toContain('station.key');
        const r = await restoreStation(b.path, join(other.path, 'restored'));
        expect(r.opensWith).toEqual(['key file (station.key beside the data, SOHOA_DEV_KEY_FILE=1)']);
        expect(existsSync(join(other.path, 'restored', 'station.key'))).toBe(false);
      } finally {
        await s.close();
      }
      // Opened again without asking for it: refused, saying how.
      const again = await openStation({ dataDir, env: {} }).then(
        () => null,
        (e: unknown) => e as StationError,
      );
      expect(again?.code).toBe('station-key-needed');
      expect(again?.toWire().message.en).toContain('SOHOA_DEV_KEY_FILE=1');
    } finally {
      other.cleanup();
    }
  });

  it('a basic_text "keychain" makes no slot; one an earlier version made opens once beside a passphrase, and is removed', async () => {
    const other = tempDir('weak-keychain');
    try {
      const dataDir = join(other.path, 'data');
      // Stand-ins for Electron's safeStorage (not available outside the app): MOCK keychains.
      const wrap = { protect: (b: Buffer) => Buffer.from([...b].reverse()), unprotect: (b: Buffer) => Buffer.from([...b].reverse()) };
      const basicText = { kind: 'keychain' as const, weak: true, ...wrap };
      const code = (opts: { env: NodeJS.ProcessEnv; keychain?: typeof basicText }) =>
        openStation({ dataDir, ...opts }).then(
          async (s) => {
            const encryption = s.info.encryption;
            await s.close();
            return `opened by ${encryption}`;
          },
          (e: unknown) => (e as StationError).code,
        );
      expect(await code({ env: {}, keychain: basicText })).toBe('station-key-no-source');
      // What an earlier version did: basic_text taken for a keychain, the key's only slot.
      await (await openStation({ dataDir, env: {}, keychain: { ...basicText, weak: false } })).close();
      const slots = () => {
        const db = new Database(join(dataDir, 'station.sqlite'), { readonly: true });
        try {
          return db.prepare("SELECT key FROM station WHERE key LIKE 'crypto.slot.%' ORDER BY key").pluck().all();
        } finally {
          db.close();
        }
      };
      expect(slots()).toEqual(['crypto.slot.keychain']);
      expect(await code({ env: {}, keychain: basicText })).toBe('station-key-no-source'); // set a passphrase, it says
      expect(await code({ env: { SOHOA_STATION_PASSPHRASE: 'chuyển khóa' }, keychain: basicText })).toBe('opened by passphrase');
      expect(slots()).toEqual(['crypto.slot.passphrase']);
      expect(readFileSync(join(dataDir, 'logs', 'station.log'), 'utf8')).toMatch(/basic_text safeStorage, which protects nothing: that slot is removed/);
      expect(await code({ env: { SOHOA_STATION_PASSPHRASE: 'chuyển khóa' } })).toBe('opened by passphrase');
    } finally {
      other.cleanup();
    }
  });

  it('does not take Linux’s basic_text safeStorage for a keychain (electron/main/keychain.ts)', () => {
    expect(isRealKeychain('linux', true, () => 'basic_text')).toBe(false);
    expect(isRealKeychain('linux', true, () => 'unknown')).toBe(false);
    expect(isRealKeychain('linux', false, () => 'gnome_libsecret')).toBe(false);
    for (const backend of ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'] as const) expect(isRealKeychain('linux', true, () => backend), backend).toBe(true);
    const notAsked = () => {
      throw new Error('the backend is a Linux question');
    };
    expect(isRealKeychain('win32', true, notAsked)).toBe(true);
    expect(isRealKeychain('darwin', true, notAsked)).toBe(true);
    expect(isRealKeychain('darwin', false, notAsked)).toBe(false);
  });
});

describe('what the station writes for people', () => {
  const mode = (path: string) => statSync(path).mode & 0o777;

  it('is readable by its OS account only: exports and reports 0600 (even over a 0644 file), data folders 0700, blob files 0600', async () => {
    const out = join(tmp.path, 'modes.pdf');
    writeFileSync(out, 'an older file');
    chmodSync(out, 0o644);
    await t.call('documents.export', { id: docId, path: out, overwrite: true });
    expect(mode(out)).toBe(0o600);
    const csv = join(tmp.path, 'rates.csv');
    await t.call('reports.export', { from: '2020-01-01', to: '2035-12-31', format: 'csv', path: csv });
    expect(mode(csv)).toBe(0o600);
    for (const dir of ['', 'blobs', 'tmp', 'spool', 'logs', 'run']) expect(mode(join(t.dataDir, dir)), `${dir}/`).toBe(0o700);
    for (const f of blobFiles(t.dataDir)) {
      expect(mode(f), f).toBe(0o600);
      expect(mode(dirname(f))).toBe(0o700);
      expect(mode(dirname(dirname(f)))).toBe(0o700);
    }
  });

  it('tightens the folders of a data folder an earlier version made 0755', async () => {
    const other = tempDir('modes');
    try {
      const dataDir = join(other.path, 'data');
      await (await openStation({ dataDir })).close();
      for (const dir of ['', 'blobs', 'logs']) chmodSync(join(dataDir, dir), 0o755);
      await (await openStation({ dataDir })).close();
      for (const dir of ['', 'blobs', 'logs']) expect(mode(join(dataDir, dir)), `${dir}/`).toBe(0o700);
    } finally {
      other.cleanup();
    }
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
