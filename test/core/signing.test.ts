// Signing records and files with a PKCS#12 key, at every level, against real peers: an openssl CA,
// TSA and OCSP responder. Every signature is judged twice — by our verifier and by poppler's pdfsig.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignRequest, signatureProblemText } from '../../electron/contract';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { tempDir } from '../helpers/paths';
import { changedBox, pdffonts, pdfinfo, pdfsig, pdftotext, qpdfCheck, renderGray } from '../helpers/pdf-tools';
import { type TestStation, openTestStation, refused } from '../helpers/station';
import { type TestPki, createTestPki } from '../pki/test-pki';

let pki: TestPki;
let t: TestStation;
let tmp: ReturnType<typeof tempDir>;
let page: string;

const AGENCY = 'UBND xã Hòa Thuận';
const p12 = (file: string, password = pki.p12Password): SignRequest['key'] => ({ kind: 'p12', path: file, password });

async function newRecord(): Promise<string> {
  const doc = await t.call('documents.import', { paths: [page], ocr: 'skip', metadata: { title: 'Giấy khai sinh' } });
  return doc.id;
}

async function exported(id: string, name: string): Promise<string> {
  const file = join(tmp.path, name);
  await t.call('documents.export', { id, path: file, overwrite: true });
  return file;
}

beforeAll(async () => {
  pki = await createTestPki();
  tmp = tempDir('signing');
  t = await openTestStation();
  await t.call('settings.update', { agencyName: AGENCY, trustStore: [pki.caPem], tsaUrl: pki.tsaUrl });
  page = join(tmp.path, 'page.png');
  await vietnamesePage(page, { dpi: 150 });
});

afterAll(async () => {
  await t?.close();
  await pki?.close();
  tmp?.cleanup();
});

describe('signing a file at each level', () => {
  const cases = [
    { level: 'B-B', format: 'pades', subFilter: 'ETSI.CAdES.detached', timestamp: false },
    { level: 'B-T', format: 'pades', subFilter: 'ETSI.CAdES.detached', timestamp: true },
    { level: 'B-LT', format: 'pades', subFilter: 'ETSI.CAdES.detached', timestamp: true },
    { level: 'B-B', format: 'pkcs7', subFilter: 'adbe.pkcs7.detached', timestamp: false },
  ] as const;

  it.each(cases)('$format $level: valid and trusted for us and for pdfsig', async ({ level, format, subFilter, timestamp }) => {
    const source = await exported(await newRecord(), `${format}-${level}-in.pdf`);
    const out = join(tmp.path, `${format}-${level}.pdf`);
    const signed = await t.call('pdf.sign', { path: source, out, key: p12(pki.signer.p12), level, format });
    expect(signed.signer).toBe('Nguyễn Văn An');
    expect(signed.signedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
    expect(readFileSync(out).subarray(0, readFileSync(source).length).equals(readFileSync(source))).toBe(true); // an incremental update
    qpdfCheck(out);

    const report = await t.call('pdf.verify', { path: out });
    expect(report.valid).toBe(true);
    // Intact, chained to the trust store and not revoked (the OCSP responder answered): confirmed.
    expect(report.verdict).toBe('confirmed');
    const [sig] = report.signatures;
    expect(sig).toMatchObject({ valid: true, integrity: true, trusted: true, signer: 'Nguyễn Văn An', subFilter, level }); // as signed, whatever the format
    expect(sig!.coversWholeDocument).toBe(level !== 'B-LT'); // B-LT: the DSS update follows
    expect(sig!.laterChanges).toBe(level === 'B-LT' ? 'allowed' : 'none');
    expect(sig!.timestamp?.valid ?? false).toBe(timestamp);
    if (timestamp) expect(sig!.timestamp).toMatchObject({ trusted: true, authority: expect.stringContaining('SoHoa Test TSA') });
    if (level === 'B-LT') expect(sig!.revocationSource).toBe('dss');
    expect(sig!.revocation).toBe('good');

    const poppler = await pdfsig(out, pki.nssDir);
    expect(poppler.signatures, poppler.output).toHaveLength(1);
    expect(poppler.signatures[0], poppler.output).toMatchObject({ valid: true, trusted: true, type: subFilter, wholeDocument: level !== 'B-LT' });
  });
});

describe('signing a record', () => {
  it('an officer then the agency: the second signature keeps the first valid, and the store records both', async () => {
    const id = await newRecord();
    const before = (await t.call('documents.get', { id })).pdf!;
    const first = await t.call('documents.sign', { id, key: p12(pki.signer.p12), level: 'B-T', reason: 'Sao y bản chính' });
    expect(first.signatureCount).toBe(1);
    expect(first.pdf!.sha256).not.toBe(before.sha256);
    expect(first.signatures[0]).toMatchObject({ seq: 1, field: 'Signature1', signer: 'Nguyễn Văn An', level: 'B-T', subFilter: 'ETSI.CAdES.detached' });
    const second = await t.call('documents.sign', { id, key: p12(pki.revoked.p12), level: 'B-B', format: 'pkcs7', position: 'bottom-left' });
    expect(second.signatures.map((s) => s.field)).toEqual(['Signature1', 'Signature2']);
    expect(second.pdf!.bytes).toBeGreaterThan(first.pdf!.bytes);

    const report = await t.call('documents.verify', { id });
    expect(report.signatures.map((s) => [s.field, s.integrity, s.laterChanges, s.coversWholeDocument])).toEqual([
      ['Signature1', true, 'allowed', false],
      ['Signature2', true, 'none', true],
    ]);
    expect(report.signatures[0]!.valid).toBe(true);
    // The second signer's certificate is revoked: found online (OCSP), so that signature fails.
    expect(report.signatures[1]).toMatchObject({ valid: false, revocation: 'revoked', revocationSource: 'ocsp', verdict: 'invalid', problems: [{ code: 'revoked' }] });
    expect(report.valid).toBe(false);
    expect(report.verdict).toBe('invalid');

    const file = await exported(id, 'two-signatures.pdf');
    qpdfCheck(file);
    expect(pdfinfo(file)).toMatch(/Pages:\s+1/);
    const poppler = await pdfsig(file, pki.nssDir);
    expect(poppler.signatures.map((s) => [s.field, s.valid, s.wholeDocument]), poppler.output).toEqual([
      ['Signature1', true, false],
      ['Signature2', true, true],
    ]);
    expect(poppler.signatures[1]!.certificate, poppler.output).toMatch(/revoked/i);
  });

  it('waits for text recognition in progress, so that the signed record is the final one with its text layer', async () => {
    const doc = await t.call('documents.import', { paths: [page], ocr: 'background' });
    expect(doc.ocr).toBe('pending');
    const signed = await t.call('documents.sign', { id: doc.id, key: p12(pki.signer.p12), level: 'B-B' });
    expect(signed.ocr).toBe('done');
    const file = await exported(doc.id, 'ocr-then-sign.pdf');
    expect(pdftotext(file)).toContain('Ủy ban nhân dân xã Hòa Thuận');
    expect((await t.call('pdf.verify', { path: file })).signatures[0]).toMatchObject({ valid: true, coversWholeDocument: true });
  });

  it('one changed byte makes both our verifier and pdfsig call it invalid', async () => {
    const id = await newRecord();
    await t.call('documents.sign', { id, key: p12(pki.signer.p12), level: 'B-B' });
    const file = await exported(id, 'tampered.pdf');
    const bytes = readFileSync(file);
    const at = Math.floor(bytes.indexOf('stream') + 200); // inside the page image, well within the signed range
    bytes[at] = bytes[at]! ^ 0x01;
    writeFileSync(file, bytes);

    const report = await t.call('pdf.verify', { path: file });
    expect(report.valid).toBe(false);
    expect(report.signatures[0]).toMatchObject({ valid: false, integrity: false, verdict: 'invalid' });
    expect(report.signatures[0]!.problems.map((p) => p.code)).toContain('digest-mismatch');
    expect(report.verdict).toBe('invalid');
    const poppler = await pdfsig(file, pki.nssDir);
    expect(poppler.signatures[0]?.valid, poppler.output).toBe(false);
  });

  it('trust is judged against the trust store: another authority makes a valid signature untrusted', async () => {
    const id = await newRecord();
    await t.call('documents.sign', { id, key: p12(pki.signer.p12), level: 'B-B' });
    await t.call('settings.update', { trustStore: [] });
    try {
      const other = await createTestPki();
      try {
        const report = await t.call('documents.verify', { id, trust: [other.caPem], online: false });
        expect(report.trustAnchors).toBe(1);
        expect(report.signatures[0]).toMatchObject({ integrity: true, trusted: false, verdict: 'unconfirmed' });
        // Offline, with nothing in the file: the revocation question stays open, and is said so.
        expect(report.signatures[0]!.problems.map((p) => p.code)).toEqual(['untrusted', 'revocation-unknown']);
        expect(report.valid).toBe(false);
        expect(report.verdict).toBe('unconfirmed');
      } finally {
        await other.close();
      }
    } finally {
      await t.call('settings.update', { trustStore: [pki.caPem] });
    }
  });
  it('with no trusted authority at all, an intact signature is "unconfirmed", never confirmed, and says why in both languages', async () => {
    const id = await newRecord();
    await t.call('documents.sign', { id, key: p12(pki.signer.p12), level: 'B-B' });
    await t.call('settings.update', { trustStore: [] });
    try {
      const report = await t.call('documents.verify', { id });
      // The file holds, but untrusted is a failure (issue 20): `valid` only when the caller
      // accepts a signer nobody vouches for…
      expect(report.valid).toBe(false);
      expect((await t.call('documents.verify', { id, allowUntrusted: true })).valid).toBe(true);
      expect(report.signatures[0]).toMatchObject({ integrity: true, trusted: false, verdict: 'unconfirmed' });
      // …but what a person reads first is not green: nothing vouches for the signer.
      expect(report.verdict).toBe('unconfirmed');
      const problem = report.signatures[0]!.problems.find((p) => p.code === 'no-trust-store')!;
      expect(signatureProblemText(problem, 'vi')).toMatch(/Cài đặt → Ký số/);
      expect(signatureProblemText(problem, 'en')).toMatch(/Settings → Signing/);
    } finally {
      await t.call('settings.update', { trustStore: [pki.caPem] });
    }
  });
});

describe('the signature as a person sees it', () => {
  it('stands at the top right of page 1 by default, in embedded Liberation Serif; elsewhere when asked; nowhere when invisible', async () => {
    const source = await exported(await newRecord(), 'appearance-in.pdf');
    const sign = async (name: string, extra: Partial<SignRequest>) => {
      const out = join(tmp.path, name);
      await t.call('pdf.sign', { path: source, out, key: p12(pki.signer.p12), level: 'B-B', ...extra });
      return out;
    };
    const plain = renderGray(source, 1, 36);
    const topRight = changedBox(plain, renderGray(await sign('top-right.pdf', {}), 1, 36));
    expect(topRight).not.toBeNull();
    expect(topRight!.left).toBeGreaterThan(0.5);
    expect(topRight!.bottom).toBeLessThan(0.15);
    const bottomLeft = changedBox(plain, renderGray(await sign('bottom-left.pdf', { position: 'bottom-left' }), 1, 36));
    expect(bottomLeft!.right).toBeLessThan(0.5);
    expect(bottomLeft!.top).toBeGreaterThan(0.85);
    expect(changedBox(plain, renderGray(await sign('invisible.pdf', { visible: false }), 1, 36))).toBeNull();

    const fonts = pdffonts(join(tmp.path, 'top-right.pdf'));
    expect(fonts.filter((f) => f.name.endsWith('+LiberationSerif'))).toHaveLength(2); // the mark's and the signature's
    expect(fonts.every((f) => f.embedded && f.subset && f.unicode)).toBe(true);
  });
});

describe('bad input changes nothing', () => {
  async function unchanged(id: string, work: () => Promise<unknown>): Promise<string> {
    const before = await t.call('documents.get', { id });
    const { code } = await refused(work());
    const after = await t.call('documents.get', { id });
    expect(after.pdf).toEqual(before.pdf);
    expect(after.signatures).toEqual(before.signatures);
    return code;
  }

  it('refuses expired, not-for-signing and revoked (B-LT) certificates, and a wrong password', async () => {
    const id = await newRecord();
    expect(await unchanged(id, () => t.call('documents.sign', { id, key: p12(pki.expired.p12) }))).toBe('certificate-expired');
    expect(await unchanged(id, () => t.call('documents.sign', { id, key: p12(pki.noSigning.p12) }))).toBe('certificate-usage');
    expect(await unchanged(id, () => t.call('documents.sign', { id, key: p12(pki.revoked.p12), level: 'B-LT' }))).toBe('certificate-revoked');
    expect(await unchanged(id, () => t.call('documents.sign', { id, key: p12(pki.signer.p12, 'sai mật khẩu') }))).toBe('p12-password');
    expect(await unchanged(id, () => t.call('documents.sign', { id, key: p12(join(tmp.path, 'none.p12')) }))).toBe('key-not-found');
    expect(await unchanged(id, () => t.call('documents.sign', { id, key: p12(pki.signer.p12), level: 'B-T', tsaUrl: 'http://127.0.0.1:9/tsa' }))).toBe('tsa-failed');
  });

  it('refuses a draft, an encrypted PDF and a PDF whose cross-reference table is broken', async () => {
    const draft = '01900000-0000-7000-8000-00000000d4af';
    t.station.documents.createDraft(draft, 'scan', {}, '2026-11-23T09:00:00+07:00');
    expect((await refused(t.call('documents.sign', { id: draft, key: p12(pki.signer.p12) }))).code).toBe('document-not-ready');

    const plain = await exported(await newRecord(), 'plain.pdf');
    const encrypted = join(tmp.path, 'encrypted.pdf');
    const { execFileSync } = await import('node:child_process');
    execFileSync('qpdf', ['--encrypt', '', 'owner', '256', '--', plain, encrypted]);
    const out = join(tmp.path, 'never.pdf');
    expect((await refused(t.call('pdf.sign', { path: encrypted, out, key: p12(pki.signer.p12) }))).code).toBe('pdf-encrypted');

    const broken = join(tmp.path, 'broken-xref.pdf');
    const bytes = readFileSync(plain);
    const xref = bytes.lastIndexOf('startxref');
    bytes.write('startxref\n99999999\n%%EOF\n', xref, 'latin1');
    writeFileSync(broken, bytes.subarray(0, xref + 25));
    expect((await refused(t.call('pdf.sign', { path: broken, out, key: p12(pki.signer.p12) }))).code).toBe('pdf-damaged');
    expect((await refused(t.call('pdf.sign', { path: join(tmp.path, 'missing.pdf'), out, key: p12(pki.signer.p12) }))).code).toBe('import-unreadable');
    expect(existsSync(out)).toBe(false);

    copyFileSync(plain, out);
    expect((await refused(t.call('pdf.sign', { path: plain, out, key: p12(pki.signer.p12) }))).code).toBe('output-exists');
    expect(readFileSync(out).equals(readFileSync(plain))).toBe(true);
  });

  it('reports an unsigned PDF as not valid, and a trust file that is not a certificate', async () => {
    const plain = await exported(await newRecord(), 'unsigned.pdf');
    const report = await t.call('pdf.verify', { path: plain, online: false });
    expect(report).toMatchObject({ valid: false, signatures: [] });
    expect((await refused(t.call('pdf.verify', { path: plain, trust: [plain] }))).code).toBe('trust-unreadable');
  });
});
