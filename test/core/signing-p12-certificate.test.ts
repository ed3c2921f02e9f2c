// What a person sees of their PKCS#12 file before signing with it (issue 16): its certificate's
// holder, issuer and expiry, read with the password (a wrong one refused as when signing), and
// remembered in their preferences — forgotten when they name another file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStation, openTestStation, refused } from '../helpers/station';
import { type TestPki, createTestPki } from '../pki/test-pki';

let pki: TestPki;
let t: TestStation;

beforeAll(async () => {
  pki = await createTestPki();
  t = await openTestStation();
});

afterAll(async () => {
  await t?.close();
  await pki?.close();
});

describe('a PKCS#12 file’s certificate', () => {
  it('is read with its password: holder, issuer and expiry, nothing else', async () => {
    const c = await t.call('signing.p12Certificate', { path: pki.signer.p12, password: pki.p12Password });
    expect(c).toEqual({ subject: 'Nguyễn Văn An', issuer: 'SoHoa Test Root CA', notAfter: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/) });
    expect(new Date(c.notAfter).getTime()).toBeGreaterThan(Date.now());
  });

  it('refuses a wrong password and a missing file with the signing errors', async () => {
    expect((await refused(t.call('signing.p12Certificate', { path: pki.signer.p12, password: 'sai-mat-khau' }))).code).toBe('p12-password');
    expect((await refused(t.call('signing.p12Certificate', { path: `${pki.signer.p12}.khong-co`, password: 'x' }))).code).toBe('key-not-found');
  });

  it('is remembered with the file, and forgotten when another file is named', async () => {
    const c = await t.call('signing.p12Certificate', { path: pki.signer.p12, password: pki.p12Password });
    const kept = await t.call('preferences.update', { signingKeyKind: 'p12', p12Path: pki.signer.p12, p12Certificate: c });
    expect(kept.p12Certificate).toEqual(c);
    // The same path again (saved from settings) keeps it.
    expect((await t.call('preferences.update', { p12Path: pki.signer.p12 })).p12Certificate).toEqual(c);
    expect((await t.call('preferences.update', { p12Path: pki.expired.p12 })).p12Certificate).toBeNull();
  });
});
