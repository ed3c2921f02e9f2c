// sohoa verify FILE.pdf|DOC [--trust CA.pem…] [--offline] [--json]: every signature checked;
// exit 4 when the file has none, or any fails (or is untrusted, when authorities are given).
import { formatError, type SignatureReport, signatureProblemText, type VerifyReport } from '../../contract';
import { badOption } from '../args';
import type { Command } from '../command';
import type { Output } from '../output';
import { isFileTarget } from './sign';

function describe(out: Output, s: SignatureReport, index: number): string[] {
  const yes = (b: boolean) => out.t(b ? 'yes' : 'no');
  const coverage = s.coversWholeDocument ? out.t('coverWhole') : s.laterChanges === 'allowed' ? out.t('coverAllowed') : out.t('coverChanged');
  const ts = s.timestamp ? `${s.timestamp.time} — ${s.timestamp.authority ?? '?'} (${out.t(s.timestamp.valid ? 'valid' : 'invalid')}, ${out.t('fieldTrusted').toLowerCase()}: ${yes(s.timestamp.trusted)})` : out.t('none');
  return [
    `${out.t('signatureN', { n: index + 1, field: s.field })}: ${out.t(s.valid ? 'valid' : 'invalid').toUpperCase()}`,
    `  ${out.t('fieldSigner')}: ${s.signer ?? '?'}${s.serial ? ` (${out.t('fieldSerial')} ${s.serial})` : ''}`,
    `  ${out.t('fieldIssuer')}: ${s.issuer ?? '?'}`,
    `  ${out.t('fieldSignedAt')}: ${s.signedAt ?? '?'}`,
    `  ${out.t('fieldLevel')}: ${s.level}, ${s.subFilter}`,
    `  ${out.t('fieldTimestamp')}: ${ts}`,
    `  ${out.t('fieldIntegrity')}: ${yes(s.integrity)}; ${coverage}`,
    `  ${out.t('fieldTrusted')}: ${yes(s.trusted)}${s.chain.length ? ` (${s.chain.join(' → ')})` : ''}`,
    `  ${out.t('fieldRevocation')}: ${s.revocation} (${s.revocationSource})`,
    ...s.problems.map((p) => `  ! ${signatureProblemText(p, out.lang)}`),
  ];
}

export const verifyCommand: Command = {
  options: { trust: { type: 'string', multiple: true }, offline: { type: 'boolean' } },
  async run({ out, parsed, session }) {
    const [target, ...extra] = parsed.positionals;
    if (!target || extra.length) throw badOption('FILE.pdf', 'give one PDF file (or document id) to verify', 'cần đúng một tệp PDF (hoặc mã tài liệu) để kiểm tra');
    const trust = (parsed.values.trust as string[] | undefined) ?? [];
    const options = { ...(trust.length ? { trust } : {}), ...(parsed.values.offline ? { online: false } : {}) };
    const s = await session();
    const report: VerifyReport = isFileTarget(target) ? await s.call('pdf.verify', { path: target, ...options }) : await s.call('documents.verify', { id: target, ...options });
    out.result(report, () => [`${report.file}  SHA-256 ${report.sha256}`, ...report.signatures.flatMap((sig, i) => describe(out, sig, i))]);
    if (report.signatures.length === 0) return out.failure(formatError('no-signature', { file: report.file }));
    if (!report.valid) return out.failure(formatError('signature-invalid', { file: report.file, count: report.signatures.filter((x) => !x.valid || (report.trustAnchors > 0 && !x.trusted)).length }));
    return 0;
  },
};
