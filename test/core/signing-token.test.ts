// Signing with a PKCS#11 token — a real one, SoftHSM2 — holding an expired RSA certificate, a
// valid RSA signer and a valid ECDSA signer: the token signs, the key never leaves it.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignRequest } from '../../electron/contract';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { tempDir } from '../helpers/paths';
import { pdfsig, qpdfCheck } from '../helpers/pdf-tools';
import { type TestStation, openTestStation, refused } from '../helpers/station';
import { type TestPki, createTestPki } from '../pki/test-pki';
import { type SoftToken, createSoftToken } from '../pki/soft-token';

let pki: TestPki;
let token: SoftToken;
let t: TestStation;
let tmp: ReturnType<typeof tempDir>;
let source: string;

const onToken = (extra: Partial<Extract<SignRequest['key'], { kind: 'pkcs11' }>> = {}): SignRequest['key'] => ({ kind: 'pkcs11', pin: token.pin, ...extra });

beforeAll(async () => {
  pki = await createTestPki();
  token = createSoftToken([pki.expired, pki.signer, pki.ecSigner]);
  tmp = tempDir('token');
  t = await openTestStation();
  await t.call('settings.update', { pkcs11Modules: [token.module], trustStore: [pki.caPem], tsaUrl: pki.tsaUrl, agencyName: 'UBND xã Hòa Thuận' });
  const page = join(tmp.path, 'page.png');
  await vietnamesePage(page, { dpi: 150 });
  const doc = await t.call('documents.import', { paths: [page], ocr: 'skip' });
  source = join(tmp.path, 'record.pdf');
  await t.call('documents.export', { id: doc.id, path: source });
});

afterAll(async () => {
  await t?.close();
  await pki?.close();
  token?.cleanup();
  tmp?.cleanup();
});

describe('a PKCS#11 token', () => {
  it('lists the token and its certificates without a PIN', async () => {
    const tokens = await t.call('signing.tokens', {});
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ label: 'sohoa-test', manufacturer: 'SoftHSM project', pinLocked: false });
    expect(tokens[0]!.certificates.map((c) => [c.id, c.subject])).toEqual([
      ['01', 'Trần Thị Cũ'],
      ['02', 'Nguyễn Văn An'],
      ['03', 'Phạm Thị Bình'],
    ]);
  });

  it('signs with the first certificate that can sign now (RSA, B-LT): valid for us and pdfsig', async () => {
    const out = join(tmp.path, 'token-rsa.pdf');
    const signed = await t.call('pdf.sign', { path: source, out, key: onToken(), level: 'B-LT' });
    expect(signed).toMatchObject({ signer: 'Nguyễn Văn An', level: 'B-LT' });
    qpdfCheck(out);
    const report = await t.call('pdf.verify', { path: out });
    expect(report.signatures[0]).toMatchObject({ valid: true, trusted: true, level: 'B-LT', revocation: 'good', revocationSource: 'dss' });
    const poppler = await pdfsig(out, pki.nssDir);
    expect(poppler.signatures[0], poppler.output).toMatchObject({ valid: true, trusted: true, signer: 'Nguyễn Văn An' });
  });

  it('signs with a chosen ECDSA key, then appends an RSA signature after it', async () => {
    const ec = join(tmp.path, 'token-ec.pdf');
    await t.call('pdf.sign', { path: source, out: ec, key: onToken({ certificateId: '03' }), level: 'B-T' });
    const both = join(tmp.path, 'token-ec-rsa.pdf');
    await t.call('pdf.sign', { path: ec, out: both, key: onToken({ token: 'sohoa-test', certificateId: '02' }), format: 'pkcs7', level: 'B-B' });
    const report = await t.call('pdf.verify', { path: both });
    expect(report.signatures.map((s) => [s.signer, s.valid, s.trusted])).toEqual([
      ['Phạm Thị Bình', true, true],
      ['Nguyễn Văn An', true, true],
    ]);
    expect(report.signatures[0]!.timestamp).toMatchObject({ valid: true, trusted: true });
    const poppler = await pdfsig(both, pki.nssDir);
    expect(poppler.signatures.map((s) => [s.signer, s.valid, s.trusted]), poppler.output).toEqual([
      ['Phạm Thị Bình', true, true],
      ['Nguyễn Văn An', true, true],
    ]);
  });

  it('a wrong PIN is reported once, with what the token says of the tries left, and never retried', async () => {
    const out = join(tmp.path, 'never.pdf');
    const wrong = await refused(t.call('pdf.sign', { path: source, out, key: onToken({ pin: '000000' }) }));
    expect(wrong.code).toBe('pin-incorrect');
    expect(wrong.message.vi).toMatch(/Mã PIN không đúng \(.*lần thử.*\)/);
    expect(wrong.message.en).toMatch(/Wrong PIN \(.*tr(y|ies).*\)/);
    const [after] = await t.call('signing.tokens', {});
    expect(after!.pinLocked).toBe(false);
    // The right PIN still works: nothing was retried behind the officer's back.
    await t.call('pdf.sign', { path: source, out, key: onToken() });
  });

  it('names a certificate that cannot sign, a missing token, and a library that will not load', async () => {
    const out = join(tmp.path, 'refused.pdf');
    expect((await refused(t.call('pdf.sign', { path: source, out, key: onToken({ certificateId: '01' }) }))).code).toBe('certificate-expired');
    expect((await refused(t.call('pdf.sign', { path: source, out, key: onToken({ certificateId: 'ff' }) }))).code).toBe('key-not-found');
    expect((await refused(t.call('pdf.sign', { path: source, out, key: onToken({ token: 'không-có' }) }))).code).toBe('token-not-found');
    // A library the administrator did not allow is refused before anything is loaded…
    const unlisted = await refused(t.call('signing.tokens', { module: join(tmp.path, 'libnone.so') }));
    expect(unlisted.code).toBe('token-library-not-allowed');
    // …and one allowed that will not load says so (the administrator's list names a missing file).
    const db = new Database(join(t.dataDir, 'station.sqlite'));
    const raw = JSON.parse(db.prepare("SELECT value FROM station WHERE key = 'settings'").pluck().get() as string) as { pkcs11Modules: string[] };
    db.prepare("UPDATE station SET value = ? WHERE key = 'settings'").run(JSON.stringify({ ...raw, pkcs11Modules: [...raw.pkcs11Modules, join(tmp.path, 'libnone.so')] }));
    db.close();
    const missing = await refused(t.call('signing.tokens', { module: join(tmp.path, 'libnone.so') }));
    expect(missing.code).toBe('token-library');
    expect((await refused(t.call('pdf.sign', { path: source, out, key: { kind: 'pkcs11', pin: '1', certificateId: 'xyz' } as never }))).code).toBe('invalid-input');
  });
});
