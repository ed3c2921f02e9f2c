// Reading the dossier code from a receipt as the counter does: the receipt (a QR code, or a Code 128
// barcode) is scanned through the SANE pnm backend, the core finds the symbol, checks the code as
// the records layer does, and a receipt scanned into the station leaves it once read.
//
// The station's own scan path cannot drive the pnm backend yet (it always sets a scan area, which
// pnm does not have: "the device does not let the scan area be chosen"), so these receipts go
// through SANE's own frontend, scanimage, on the same configuration; a draft scanned by the
// station (the test backend) covers the path from the blob store.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamToday } from '../../electron/contract';
import sharp from 'sharp';
import { qrModules, readCodes } from '../../electron/core/intake/barcode';
import { writeReceipt } from '../fixtures/receipts/receipt';
import { tempDir } from '../helpers/paths';
import { saneEnv } from '../helpers/sane';
import { type TestStation, openTestStation, refused } from '../helpers/station';

let t: TestStation;
let tmp: ReturnType<typeof tempDir>;
const today = vietnamToday().slice(2).replace(/-/g, '');

beforeAll(async () => {
  t = await openTestStation();
  tmp = tempDir('receipts');
});
afterAll(async () => {
  await t?.close();
  tmp?.cleanup();
});

/** Scans a receipt file through the SANE pnm backend (scanimage, PNG out) and reads the scan. */
function scanAndRead(file: string) {
  const scan = file.replace(/\.ppm$/, '-scan.png');
  writeFileSync(scan, execFileSync('scanimage', ['-d', 'pnm:0', '--filename', file, '--resolution', '200', '--format=png'], { env: saneEnv(t.saneDir), maxBuffer: 64 << 20 }));
  return { read: t.call('intake.readReceipt', { path: scan }) };
}

describe('reading a receipt’s code', () => {
  it('reads a QR code on a receipt laid askew', async () => {
    const code = `000.00.01.H12-${today}-0007`;
    const file = join(tmp.path, 'qr.ppm');
    await writeReceipt(file, { content: code, symbology: 'QRCode', skewDegrees: 2 });
    const { read } = scanAndRead(file);
    await expect(read).resolves.toEqual({ code, format: 'QRCode' });
  });

  it('reads a Code 128 barcode', async () => {
    const code = `H12.05-${today}-0123`;
    const file = join(tmp.path, 'c128.ppm');
    await writeReceipt(file, { content: code, symbology: 'Code128' });
    const { read } = scanAndRead(file);
    await expect(read).resolves.toEqual({ code, format: 'Code128' });
  });

  it('finds the code inside a portal address', async () => {
    const code = `000.00.01.H12-${today}-0042`;
    const file = join(tmp.path, 'url.ppm');
    await writeReceipt(file, { content: `https://dichvucong.example.gov.vn/tra-cuu?ma=${code}`, printed: code, symbology: 'QRCode' });
    const { read } = scanAndRead(file);
    await expect(read).resolves.toEqual({ code, format: 'QRCode' });
  });

  it('refuses a code dated in the future, saying why', async () => {
    const file = join(tmp.path, 'future.ppm');
    await writeReceipt(file, { content: '000.00.01.H12-991231-0001', symbology: 'QRCode' });
    const error = await refused(scanAndRead(file).read);
    expect(error).toMatchObject({ code: 'receipt-code-invalid', details: { text: '000.00.01.H12-991231-0001' } });
    expect(error.message.en).toMatch(/in the future/);
    expect(error.message.vi).toMatch(/không phải mã hồ sơ hợp lệ/);
  });

  it('says so when a page scanned by the station has no code, and does not keep that scan', async () => {
    const run = await t.scan({ device: 'sane:test:0', dpi: 100, mode: 'gray', pages: 1, driverOptions: { 'test-picture': 'Solid white' } });
    expect(run.outcome.name).toBe('scan.done');
    const error = await refused(t.call('intake.readReceipt', { documentId: run.documentId }));
    expect(error.code).toBe('receipt-unreadable');
    expect(error.message.vi).toMatch(/gõ mã hồ sơ/);
    await expect(refused(t.call('documents.get', { id: run.documentId }))).resolves.toMatchObject({ code: 'not-found' });
    expect(t.station.documents.list({ limit: 10, offset: 0 }).map((d) => d.id)).not.toContain(run.documentId);
  });

  it('reads and discards only the caller’s own receipt scan once there are accounts', async () => {
    const u = await openTestStation();
    try {
      const admin = { userId: null, name: 'test', role: 'admin' as const };
      await u.station.auth.createUser(admin, { username: 'quantri', displayName: 'Quản trị', role: 'admin', password: 'quan-tri-2026!' });
      for (const [username, displayName] of [['mai', 'Trần Thị Mai'], ['tam', 'Lê Văn Tâm']] as const)
        await u.station.auth.createUser(admin, { username, displayName, role: 'officer', password: `mot-cua-${username}-1` });
      const person = async (username: 'mai' | 'tam') => {
        const session = u.station.auth.newSession();
        await u.call('session.login', { username, password: `mot-cua-${username}-1` }, { emit: () => {}, session });
        return session;
      };
      const mai = await person('mai');
      let ended!: () => void;
      const done = new Promise<void>((r) => (ended = r));
      const emit = (name: string) => void (name === 'scan.done' && ended());
      const { documentId } = await u.call('scan.start', { device: 'sane:test:0', dpi: 100, mode: 'gray', pages: 1 }, { emit, session: mai });
      await done;
      const tam = await person('tam');
      await expect(refused(u.call('intake.readReceipt', { documentId }, { emit: () => {}, session: tam }))).resolves.toMatchObject({ code: 'not-found' });
      expect(u.station.documents.get(documentId)?.status).toBe('draft'); // not Tâm's to discard
      await expect(refused(u.call('intake.readReceipt', { documentId }, { emit: () => {}, session: mai }))).resolves.toMatchObject({ code: 'receipt-unreadable' });
      expect(u.station.documents.get(documentId)).toBeNull();
    } finally {
      await u.close();
    }
  });

  it('never touches a saved document', async () => {
    const run = await t.scan({ device: 'sane:test:0', dpi: 100, mode: 'gray', pages: 1 });
    const doc = await t.call('documents.finish', { id: run.documentId, ocr: 'skip' });
    await expect(refused(t.call('intake.readReceipt', { documentId: doc.id }))).resolves.toMatchObject({ code: 'invalid-input', details: { field: 'documentId' } });
    await expect(t.call('documents.get', { id: doc.id })).resolves.toMatchObject({ status: 'ready' });
  });

  it('draws the station’s own receipt QR code, which reads back', async () => {
    const rows = await qrModules('000.00.01.H12-250123-0001');
    expect(rows.length).toBeGreaterThanOrEqual(21);
    expect(rows.every((r) => r.length === rows.length && /^[01]+$/.test(r))).toBe(true);
    expect(rows[0]!.slice(0, 7)).toBe('1111111'); // a finder pattern
    // Drawn at 8 px a module with a quiet zone, as the receipt page prints it, it reads back.
    const n = rows.length + 8;
    const pixels = Buffer.alloc(n * n * 8 * 8, 255);
    rows.forEach((row, y) => [...row].forEach((m, x) => {
      if (m === '1') for (let dy = 0; dy < 8; dy++) pixels.fill(0, ((y + 4) * 8 + dy) * n * 8 + (x + 4) * 8, ((y + 4) * 8 + dy) * n * 8 + (x + 4) * 8 + 8);
    }));
    const png = join(tmp.path, 'own-qr.png');
    await sharp(pixels, { raw: { width: n * 8, height: n * 8, channels: 1 } }).png().toFile(png);
    await expect(readCodes(png)).resolves.toEqual([{ text: '000.00.01.H12-250123-0001', format: 'QRCode' }]);
  });
});
