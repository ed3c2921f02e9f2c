// ECDSA keys — P-256 and P-384, from .p12 files made by openssl and from a SoftHSM2 token — sign,
// and each signature is judged by our verifier, by poppler's pdfsig, and by OpenSSL's CMS
// verification on the bytes taken out of the file; the SignerInfo names ecdsa-with-SHA256/384.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignRequest } from '../../electron/contract';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { extractSignatures, opensslCmsVerify } from '../helpers/openssl-cms';
import { tempDir } from '../helpers/paths';
import { pdfsig, qpdfCheck } from '../helpers/pdf-tools';
import { type TestStation, openTestStation } from '../helpers/station';
import { type TestPki, createTestPki } from '../pki/test-pki';
import { type SoftToken, createSoftToken } from '../pki/soft-token';

let pki: TestPki;
let token: SoftToken;
let t: TestStation;
let tmp: ReturnType<typeof tempDir>;
let source: string;

beforeAll(async () => {
  pki = await createTestPki();
  token = createSoftToken([pki.ecSigner, pki.ecSigner384], 'sohoa-ec');
  tmp = tempDir('ecdsa');
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

/** Our verdict, pdfsig's and OpenSSL's on every signature of the file. */
async function judged(file: string) {
  qpdfCheck(file);
  const ours = await t.call('pdf.verify', { path: file });
  const poppler = await pdfsig(file, pki.nssDir);
  const openssl = extractSignatures(file).map((s) => opensslCmsVerify(s, pki.caPem));
  return { ours: ours.signatures, poppler, openssl };
}

describe('ECDSA signing keys', () => {
  it('the P-256 and P-384 .p12 files openssl wrote are what openssl says they are', () => {
    const text = (p12: string) => execFileSync('openssl', ['pkcs12', '-in', p12, '-nodes', '-passin', `pass:${pki.p12Password}`], { encoding: 'utf8' });
    const curve = (p12: string) => execFileSync('openssl', ['pkey', '-noout', '-text'], { input: text(p12), encoding: 'utf8' });
    expect(curve(pki.ecSigner.p12)).toMatch(/NIST CURVE: P-256/);
    expect(curve(pki.ecSigner384.p12)).toMatch(/NIST CURVE: P-384/);
  });

  it.each([
    { name: 'P-256', leaf: () => pki.ecSigner, signer: 'Phạm Thị Bình', algorithm: 'ecdsa-with-SHA256', level: 'B-T' },
    { name: 'P-384', leaf: () => pki.ecSigner384, signer: 'Võ Văn Đức', algorithm: 'ecdsa-with-SHA384', level: 'B-LT' },
  ] as const)('a $name .p12 signs ($level): valid for us, pdfsig and openssl cms', async ({ name, leaf, signer, algorithm, level }) => {
    const out = join(tmp.path, `p12-${name}.pdf`);
    const key: SignRequest['key'] = { kind: 'p12', path: leaf().p12, password: pki.p12Password };
    const signed = await t.call('pdf.sign', { path: source, out, key, level });
    expect(signed).toMatchObject({ signer, level });
    const { ours, poppler, openssl } = await judged(out);
    expect(ours[0]).toMatchObject({ valid: true, trusted: true, signer, level, laterChanges: level === 'B-LT' ? 'allowed' : 'none' });
    expect(poppler.signatures[0], poppler.output).toMatchObject({ valid: true, trusted: true, signer });
    expect(openssl[0]!.ok, openssl[0]!.output).toBe(true);
    expect(openssl[0]!.algorithms).toEqual([algorithm]);
  });

  it('P-256 and P-384 keys on a token sign one after the other; both signatures stand everywhere', async () => {
    const first = join(tmp.path, 'token-p256.pdf');
    const both = join(tmp.path, 'token-p256-p384.pdf');
    await t.call('pdf.sign', { path: source, out: first, key: { kind: 'pkcs11', pin: token.pin, certificateId: token.ids[0]! }, level: 'B-T' });
    await t.call('pdf.sign', { path: first, out: both, key: { kind: 'pkcs11', pin: token.pin, certificateId: token.ids[1]! }, level: 'B-B', format: 'pkcs7' });
    const { ours, poppler, openssl } = await judged(both);
    expect(ours.map((s) => [s.signer, s.valid, s.trusted])).toEqual([
      ['Phạm Thị Bình', true, true],
      ['Võ Văn Đức', true, true],
    ]);
    expect(poppler.signatures.map((s) => [s.signer, s.valid, s.trusted]), poppler.output).toEqual([
      ['Phạm Thị Bình', true, true],
      ['Võ Văn Đức', true, true],
    ]);
    expect(openssl.map((o) => [o.ok, o.algorithms]), openssl.map((o) => o.output).join('\n')).toEqual([
      [true, ['ecdsa-with-SHA256']],
      [true, ['ecdsa-with-SHA384']],
    ]);
  });
});
