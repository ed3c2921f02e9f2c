// sohoa sign DOC|FILE.pdf [--out FILE] (--p12 FILE --password-env VAR | --pkcs11 MODULE [--token
// LABEL] [--cert ID] --pin-env VAR) [--level B-B|B-T|B-LT] [--tsa URL] [--format pades|pkcs7]
// [--invisible] [--position top-right|…] [--reason TEXT] [--json]
import { existsSync, statSync } from 'node:fs';
import type { MethodInput, SignRequest } from '../../contract';
import { type Parsed, badOption, stringOption } from '../args';
import type { Command } from '../command';
import type { Output } from '../output';
import { readSecret } from '../secret';
import { checkOutputTarget } from './shared';

async function keyOptions(out: Output, parsed: Parsed): Promise<SignRequest['key']> {
  const p12 = stringOption(parsed, 'p12');
  const module = stringOption(parsed, 'pkcs11');
  if ((p12 === undefined) === (module === undefined))
    throw badOption('--p12/--pkcs11', 'give the key: --p12 FILE or --pkcs11 MODULE (one of them)', 'cần khóa ký: --p12 TỆP hoặc --pkcs11 THƯ_VIỆN (chỉ một)');
  if (p12 !== undefined) return { kind: 'p12', path: p12, password: await readSecret(out, parsed, 'password-env', out.t('promptPassword')) };
  const token = stringOption(parsed, 'token');
  const certificateId = stringOption(parsed, 'cert');
  return {
    kind: 'pkcs11',
    module: module!,
    ...(token !== undefined ? { token } : {}),
    ...(certificateId !== undefined ? { certificateId: certificateId.toLowerCase() } : {}),
    pin: await readSecret(out, parsed, 'pin-env', out.t('promptPin')),
  };
}

/** A path to an existing file, or a name ending in .pdf, is a file; anything else a document id. */
export function isFileTarget(target: string): boolean {
  return /\.pdf$/i.test(target) || (existsSync(target) && statSync(target).isFile());
}

export const signCommand: Command = {
  options: {
    out: { type: 'string' },
    p12: { type: 'string' },
    'password-env': { type: 'string' },
    pkcs11: { type: 'string' },
    token: { type: 'string' },
    cert: { type: 'string' },
    'pin-env': { type: 'string' },
    level: { type: 'string' },
    tsa: { type: 'string' },
    format: { type: 'string' },
    invisible: { type: 'boolean' },
    position: { type: 'string' },
    reason: { type: 'string' },
  },
  async run({ out, parsed, session }) {
    const [target, ...extra] = parsed.positionals;
    if (!target || extra.length) throw badOption('DOC|FILE.pdf', 'give one document id or one PDF file to sign', 'cần đúng một mã tài liệu hoặc một tệp PDF để ký');
    const outPath = stringOption(parsed, 'out');
    if (outPath !== undefined) await checkOutputTarget(outPath);
    const choice = (name: string) => stringOption(parsed, name);
    // Unchecked strings: the contract validates them (and the error names the option).
    const request = {
      key: await keyOptions(out, parsed),
      ...(choice('level') !== undefined ? { level: choice('level') } : {}),
      ...(choice('format') !== undefined ? { format: choice('format') } : {}),
      ...(choice('tsa') !== undefined ? { tsaUrl: choice('tsa') } : {}),
      ...(choice('position') !== undefined ? { position: choice('position') } : {}),
      ...(choice('reason') !== undefined ? { reason: choice('reason') } : {}),
      ...(parsed.values.invisible ? { visible: false } : {}),
    } as SignRequest;
    // A library named on the command line is its person's own (like SOHOA_PKCS11_MODULE).
    const s = await session(request.key.kind === 'pkcs11' && request.key.module ? { tokenLibrary: request.key.module } : {});
    if (isFileTarget(target)) {
      const input: MethodInput<'pdf.sign'> = { path: target, out: outPath ?? target, overwrite: true, ...request };
      const signed = await s.call('pdf.sign', input);
      out.result(signed, () => [out.t('signedFile', { signer: signed.signer, signedAt: signed.signedAt, level: signed.level }), out.t('wroteFile', { path: signed.path }), `SHA-256 ${signed.sha256}`]);
      return 0;
    }
    const doc = await s.call('documents.sign', { id: target, ...request });
    const last = doc.signatures.at(-1)!;
    const written = outPath !== undefined ? await s.call('documents.export', { id: doc.id, path: outPath, overwrite: true }) : undefined;
    out.result({ id: doc.id, pdf: doc.pdf, signatures: doc.signatures, out: written?.path ?? null }, () => [
      out.t('signedDocument', { id: doc.id, signer: last.signer, signedAt: last.signedAt, level: last.level, count: doc.signatures.length }),
      `PDF ${doc.pdf!.bytes} B, SHA-256 ${doc.pdf!.sha256}`,
      ...(written ? [out.t('wroteFile', { path: written.path })] : []),
    ]);
    return 0;
  },
};
