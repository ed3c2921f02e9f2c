// `sohoa sign`, `sohoa verify` and `sohoa tokens` as a script or a support person runs them: the
// real command in a child process, a PKCS#12 file and a SoftHSM2 token, secrets from variables.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { pdfsig } from '../helpers/pdf-tools';
import { type SoftToken, createSoftToken } from '../pki/soft-token';
import { type TestPki, createTestPki } from '../pki/test-pki';

let pki: TestPki;
let token: SoftToken;
let tmp: ReturnType<typeof tempDir>;
let env: NodeJS.ProcessEnv;
let docId: string;

const sohoa = (...args: string[]) => runCli([...args, '--data-dir', join(tmp.path, 'data')], env);
const json = <T>(stdout: string) => JSON.parse(stdout) as T;

interface Verified {
  valid: boolean;
  signatures: { valid: boolean; coversWholeDocument: boolean; signer: string; signedAt: string; level: string; timestamp: { valid: boolean } | null; trusted: boolean }[];
}

beforeAll(async () => {
  pki = await createTestPki();
  token = createSoftToken([pki.signer]);
  tmp = tempDir('cli-sign');
  env = { ...process.env, SOHOA_P12_PASSWORD: pki.p12Password, SOHOA_PIN: token.pin, SOHOA_BAD_PIN: '999999' };
  const page = join(tmp.path, 'page.png');
  await vietnamesePage(page, { dpi: 150 });
  const imported = await sohoa('import', page, '--no-ocr', '--title', 'Giấy xác nhận', '--json');
  expect(imported.code, imported.stderr).toBe(0);
  docId = json<{ id: string }>(imported.stdout).id;
});

afterAll(async () => {
  await pki?.close();
  token?.cleanup();
  tmp?.cleanup();
});

describe('sohoa sign and verify', () => {
  it('signs a stored document with a PKCS#12 file, then its exported PDF with a token; verify reports both', async () => {
    const signed = await sohoa('sign', docId, '--p12', pki.signer.p12, '--password-env', 'SOHOA_P12_PASSWORD', '--level', 'B-T', '--tsa', pki.tsaUrl, '--json');
    expect(signed.code, signed.stderr).toBe(0);
    expect(json<{ signatures: { signer: string; level: string }[] }>(signed.stdout).signatures).toMatchObject([{ signer: 'Nguyễn Văn An', level: 'B-T' }]);
    const shown = await sohoa('show', docId);
    expect(shown.stdout).toMatch(/Chữ ký số:\n\s+1\. Nguyễn Văn An — \d{4}-\d\d-\d\dT[\d:]+\+07:00 — B-T \(ETSI\.CAdES\.detached\)/);

    const file = join(tmp.path, 'signed.pdf');
    expect((await sohoa('export', docId, '--out', file)).code).toBe(0);
    const twice = join(tmp.path, 'twice.pdf');
    const byToken = await sohoa('sign', file, '--out', twice, '--pkcs11', token.module, '--pin-env', 'SOHOA_PIN', '--format', 'pkcs7', '--position', 'bottom-right');
    expect(byToken.code, byToken.stderr).toBe(0);
    expect(byToken.stdout).toContain('Đã ký: Nguyễn Văn An');

    const verified = await sohoa('verify', twice, '--trust', pki.caPem, '--json');
    expect(verified.code, verified.stderr).toBe(0);
    const report = json<Verified>(verified.stdout);
    expect(report.valid).toBe(true);
    expect(report.signatures.map((s) => [s.valid, s.coversWholeDocument, s.level, s.trusted, s.timestamp?.valid ?? null])).toEqual([
      [true, false, 'B-T', true, true],
      [true, true, 'B-B', true, null],
    ]);
    const human = await sohoa('verify', twice, '--trust', pki.caPem, '--lang', 'en');
    expect(human.stdout).toMatch(/Signature 1 \(Signature1\): CONFIRMED[\s\S]*Signature 2 \(Signature2\): CONFIRMED/);
    const poppler = await pdfsig(twice, pki.nssDir);
    expect(poppler.signatures.map((s) => s.valid), poppler.output).toEqual([true, true]);
  });

  it('exits 4 for a changed file, a file with no signature and an untrusted signer', async () => {
    const file = join(tmp.path, 'to-tamper.pdf');
    expect((await sohoa('export', docId, '--out', file)).code).toBe(0);
    const bytes = readFileSync(file);
    bytes[bytes.indexOf('stream') + 300]! ^= 0x20;
    writeFileSync(file, bytes);
    const tampered = await sohoa('verify', file, '--json');
    expect(tampered.code).toBe(4);
    expect(json<Verified>(tampered.stdout).signatures[0]!.valid).toBe(false);
    expect(tampered.stderr).toContain('[signature-invalid]');

    const page = join(tmp.path, 'plain.png');
    await vietnamesePage(page, { dpi: 100 });
    const plain = join(tmp.path, 'plain.pdf');
    expect((await sohoa('import', page, '--no-ocr', '--out', plain)).code).toBe(0);
    const unsigned = await sohoa('verify', plain);
    expect(unsigned.code).toBe(4);
    expect(unsigned.stderr).toContain('[no-signature]');

    const other = await createTestPki();
    try {
      const untrusted = await sohoa('verify', join(tmp.path, 'signed.pdf'), '--trust', other.caPem, '--offline');
      expect(untrusted.code).toBe(4);
      expect(untrusted.stdout).toMatch(/Tin cậy: không/);
      // The reasons in the chosen language, from the same codes the app shows.
      expect(untrusted.stdout).toContain('! Chứng thư số của người ký không do tổ chức chứng thực mà trạm tin cậy cấp.');
      expect(untrusted.stdout).toContain('! Chưa kiểm tra được chứng thư số có bị thu hồi hay không');
    } finally {
      await other.close();
    }
  });

  it('takes secrets only from variables (or a prompt on a terminal) and names what is wrong', async () => {
    const out = join(tmp.path, 'never.pdf');
    const file = join(tmp.path, 'signed.pdf');
    const noSecret = await sohoa('sign', file, '--out', out, '--p12', pki.signer.p12);
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toContain('--password-env');
    const unset = await sohoa('sign', file, '--out', out, '--p12', pki.signer.p12, '--password-env', 'SOHOA_NOT_SET');
    expect(unset.code).toBe(2);
    expect(unset.stderr).toContain('SOHOA_NOT_SET');
    const level = await sohoa('sign', file, '--out', out, '--p12', pki.signer.p12, '--password-env', 'SOHOA_P12_PASSWORD', '--level', 'B-LTA');
    expect(level.code).toBe(2);
    expect(level.stderr).toContain('--level');
    const both = await sohoa('sign', file, '--out', out, '--p12', pki.signer.p12, '--pkcs11', token.module);
    expect(both.code).toBe(2);

    const wrongPin = await sohoa('sign', file, '--out', out, '--pkcs11', token.module, '--pin-env', 'SOHOA_BAD_PIN', '--json', '--lang', 'en');
    expect(wrongPin.code).toBe(4);
    expect(json<{ error: { code: string } }>(wrongPin.stdout).error.code).toBe('pin-incorrect');
    expect(wrongPin.stderr).toMatch(/Wrong PIN \(/);
    const expired = await sohoa('sign', file, '--out', out, '--p12', pki.expired.p12, '--password-env', 'SOHOA_P12_PASSWORD');
    expect(expired.code).toBe(4);
    expect(expired.stderr).toContain('[certificate-expired]');
  });

  it('lists the tokens and their certificates', async () => {
    const listed = await sohoa('tokens', '--pkcs11', token.module, '--json');
    expect(listed.code, listed.stderr).toBe(0);
    expect(json<{ label: string; certificates: { id: string; subject: string }[] }[]>(listed.stdout)).toMatchObject([{ label: 'sohoa-test', certificates: [{ id: '01', subject: 'Nguyễn Văn An' }] }]);
    const missing = await sohoa('tokens', '--pkcs11', '/nonexistent/libtoken.so');
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain('[token-library]');
  });
});
