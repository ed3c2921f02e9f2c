// `sohoa verify` judges, never refuses: bytes appended after the last %%EOF are an unsigned
// extension (the signed revision still judged, as pdfsig does); the verdict on each signature's
// line and the exit status agree; an untrusted signer fails unless --allow-untrusted; a
// certificate altered inside the signature is invalid; levels are reported as signed; and every
// command has its own --help.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandHelp } from '../../electron/cli/command-help';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { pdfsig } from '../helpers/pdf-tools';
import { type TestPki, createTestPki } from '../pki/test-pki';

let pki: TestPki;
let tmp: ReturnType<typeof tempDir>;
let env: NodeJS.ProcessEnv;
let source: string;

const sohoa = (...args: string[]) => runCli([...args, '--data-dir', join(tmp.path, 'data')], env);
const json = <T>(stdout: string) => JSON.parse(stdout) as T;

interface Verified {
  valid: boolean;
  verdict: string;
  tailBytes: number;
  signatures: { valid: boolean; verdict: string; coversWholeDocument: boolean; laterChanges: string; signer: string; level: string; subFilter: string; trusted: boolean; problems: { code: string }[] }[];
}

async function signed(name: string, from: string, ...args: string[]): Promise<string> {
  const out = join(tmp.path, name);
  const r = await sohoa('sign', from, '--out', out, '--password-env', 'SOHOA_P12_PASSWORD', '--tsa', pki.tsaUrl, ...args);
  expect(r.code, r.stderr).toBe(0);
  return out;
}

beforeAll(async () => {
  pki = await createTestPki();
  tmp = tempDir('cli-verify');
  env = { ...process.env, SOHOA_P12_PASSWORD: pki.p12Password };
  const page = join(tmp.path, 'page.png');
  await vietnamesePage(page, { dpi: 100 });
  source = join(tmp.path, 'record.pdf');
  const imported = await sohoa('import', page, '--no-ocr', '--title', 'Giấy xác nhận', '--out', source);
  expect(imported.code, imported.stderr).toBe(0);
});

afterAll(async () => {
  await pki?.close();
  tmp?.cleanup();
});

describe('sohoa verify judges', () => {
  it('bytes after %%EOF: an unsigned extension, the signed revision still judged (as pdfsig does)', async () => {
    const file = await signed('tail.pdf', source, '--p12', pki.signer.p12, '--level', 'B-T');
    const junk = Buffer.concat([Buffer.from('-- Tin nhắn đã được quét vi-rút --\r\n'), Buffer.from([0, 1, 2, 0xff, 0xfe])]);
    writeFileSync(file, Buffer.concat([readFileSync(file), junk]));

    const r = await sohoa('verify', file, '--trust', pki.caPem, '--json');
    expect(r.code, r.stderr).toBe(0);
    const report = json<Verified>(r.stdout);
    expect(report).toMatchObject({ valid: true, verdict: 'confirmed', tailBytes: junk.length });
    expect(report.signatures[0]).toMatchObject({ valid: true, coversWholeDocument: false, laterChanges: 'none', level: 'B-T' });

    const human = await sohoa('verify', file, '--trust', pki.caPem, '--lang', 'en');
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/Signature 1 \(Signature1\): CONFIRMED/);
    expect(human.stdout).toContain(`Note: ${junk.length} bytes were appended after the end of the file that no signature protects`);
    const poppler = await pdfsig(file, pki.nssDir);
    expect(poppler.signatures[0], poppler.output).toMatchObject({ valid: true, wholeDocument: false });

    // Signing such a file again keeps both signatures judged.
    const again = await signed('tail-again.pdf', file, '--p12', pki.ecSigner.p12, '--level', 'B-B');
    const both = json<Verified>((await sohoa('verify', again, '--trust', pki.caPem, '--json')).stdout);
    expect(both.signatures.map((s) => [s.signer, s.verdict])).toEqual([
      ['Nguyễn Văn An', 'confirmed'],
      ['Phạm Thị Bình', 'confirmed'],
    ]);
    expect(both.tailBytes).toBe(0);
  });

  it('untrusted is a failure unless --allow-untrusted; the printed verdict and the exit status agree', async () => {
    const file = await signed('untrusted.pdf', source, '--p12', pki.signer.p12, '--level', 'B-B');
    const plain = await sohoa('verify', file, '--offline');
    expect(plain.code).toBe(4);
    expect(plain.stdout).toMatch(/Chữ ký 1 \(Signature1\): CHƯA XÁC NHẬN/);
    expect(plain.stdout).not.toMatch(/HỢP LỆ|XÁC NHẬN \(nguyên vẹn, người ký được tin cậy\)/);
    expect(plain.stderr).toContain('[signature-unconfirmed]');
    expect(plain.stderr).toContain('--allow-untrusted');

    const allowed = await sohoa('verify', file, '--offline', '--allow-untrusted', '--lang', 'en');
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.stdout).toMatch(/Signature 1 \(Signature1\): UNCONFIRMED \(intact, but the signer is not vouched for\) — accepted by --allow-untrusted/);
    const allowedJson = json<Verified>((await sohoa('verify', file, '--offline', '--allow-untrusted', '--json')).stdout);
    expect(allowedJson).toMatchObject({ valid: true, verdict: 'unconfirmed' });

    const trusted = await sohoa('verify', file, '--trust', pki.caPem);
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(trusted.stdout).toMatch(/Chữ ký 1 \(Signature1\): XÁC NHẬN/);
  });

  it('a certificate altered inside the signature is INVALID, printed so, exit 4 — even with --trust', async () => {
    const file = await signed('cert.pdf', source, '--p12', pki.signer.p12, '--level', 'B-B');
    const text = readFileSync(file).toString('latin1');
    const certHex = pki.signer.der.toString('hex').toUpperCase();
    const at = text.indexOf(certHex);
    expect(at).toBeGreaterThan(0);
    // A hex digit in the certificate's own signature (its last bytes): its key stays as it was.
    const flip = at + certHex.length - 20;
    const bytes = readFileSync(file);
    bytes[flip] = bytes[flip] === 0x41 ? 0x42 : 0x41;
    writeFileSync(file, bytes);
    for (const extra of [['--trust', pki.caPem], ['--allow-untrusted']]) {
      const r = await sohoa('verify', file, '--offline', '--lang', 'en', ...extra);
      expect(r.code).toBe(4);
      expect(r.stdout).toMatch(/Signature 1 \(Signature1\): INVALID/);
      expect(r.stdout).not.toMatch(/: (CONFIRMED|VALID)/);
      expect(r.stdout).toContain('! The certificate carried with the signature is not the one the signer signed with');
      expect(r.stderr).toContain('[signature-invalid]');
    }
  });

  // Six CLI runs that sign or verify with a timestamp and OCSP: 46 s in a full run under load,
  // against the default 90 s.
  it('levels are reported as signed: pkcs7 B-B and B-T, and a B-T signature stays B-T after another signer’s B-LT', { timeout: 300_000 }, async () => {
    const p7 = join(tmp.path, 'p7.pdf');
    const r = await sohoa('sign', source, '--out', p7, '--p12', pki.signer.p12, '--password-env', 'SOHOA_P12_PASSWORD', '--format', 'pkcs7', '--level', 'B-B', '--json');
    expect(json<{ level: string }>(r.stdout).level).toBe('B-B');
    const p7t = await signed('p7t.pdf', p7, '--p12', pki.ecSigner.p12, '--format', 'pkcs7', '--level', 'B-T');
    const report = json<Verified>((await sohoa('verify', p7t, '--trust', pki.caPem, '--json')).stdout);
    expect(report.signatures.map((s) => [s.level, s.subFilter])).toEqual([
      ['B-B', 'adbe.pkcs7.detached'],
      ['B-T', 'adbe.pkcs7.detached'],
    ]);

    const bt = await signed('bt.pdf', source, '--p12', pki.signer.p12, '--level', 'B-T');
    const lt = await signed('bt-lt.pdf', bt, '--p12', pki.ecSigner.p12, '--level', 'B-LT');
    const levels = json<Verified>((await sohoa('verify', lt, '--trust', pki.caPem, '--json')).stdout);
    // The DSS the second signature added answers for its own signer, not the first one's: the
    // first stays B-T (B-LT needs this signature's own validation data in the file: EN 319 142-1).
    expect(levels.signatures.map((s) => [s.signer, s.level, s.verdict])).toEqual([
      ['Nguyễn Văn An', 'B-T', 'confirmed'],
      ['Phạm Thị Bình', 'B-LT', 'confirmed'],
    ]);
  });
});

describe('per-command help', () => {
  it.each([
    ['verify', /^Cách dùng: sohoa verify FILE\.pdf\|TÀI_LIỆU[\s\S]*--allow-untrusted/],
    ['sign', /^Cách dùng: sohoa sign [\s\S]*ECDSA \(P-256, P-384\)/],
  ])('sohoa %s --help prints that command’s usage, not the global one', async (command, pattern) => {
    const r = await sohoa(command, '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(pattern);
    expect(r.stdout).not.toContain('Lệnh:');
    const viaHelp = await sohoa('help', command);
    expect(viaHelp.stdout).toBe(r.stdout);
  });

  it('every command has its own help, in both languages', async () => {
    const r = await sohoa('backup', '--help', '--lang', 'en');
    expect(r.stdout).toMatch(/^Usage: sohoa backup DIR/);
    for (const command of ['devices', 'scan', 'import', 'list', 'show', 'export', 'sign', 'verify', 'tokens', 'search', 'audit', 'users', 'sync', 'report', 'serve']) {
      expect(commandHelp(command, 'en'), command).toMatch(new RegExp(`^Usage: sohoa ${command}`));
      expect(commandHelp(command, 'vi'), command).toMatch(new RegExp(`^Cách dùng: sohoa ${command}`));
    }
  });
});
