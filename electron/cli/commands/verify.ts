// sohoa verify FILE.pdf|DOC [--trust CA.pem…] [--offline] [--allow-untrusted] [--json]: every
// signature judged, never refused; exit 4 when the file has none, or any is not confirmed (intact
// and trusted) — an unvouched-for signer passes only with --allow-untrusted. Each signature's line
// says its verdict, so what is printed and the exit status cannot disagree.
import { formatError, type SignatureReport, signatureAccepted, signatureProblemText, type VerifyReport } from '../../contract';
import { badOption } from '../args';
import type { Command } from '../command';
import type { Output } from '../output';
import { isFileTarget } from './sign';

function describe(out: Output, s: SignatureReport, index: number, allowUntrusted: boolean): string[] {
  const yes = (b: boolean) => out.t(b ? 'yes' : 'no');
  const coverage = s.coversWholeDocument
    ? out.t('coverWhole')
    : s.laterChanges === 'allowed'
      ? out.t('coverAllowed')
      : s.laterChanges === 'none' && s.verdict !== 'invalid'
        ? out.t('coverTail')
        : out.t('coverChanged');
  const verdict = out.t(`verdict_${s.verdict}`);
  const accepted = s.verdict === 'unconfirmed' && signatureAccepted(s, allowUntrusted) ? ` — ${out.t('acceptedUnvouched')}` : '';
  const ts = s.timestamp ? `${s.timestamp.time} — ${s.timestamp.authority ?? '?'} (${out.t(s.timestamp.valid ? 'valid' : 'invalid')}, ${out.t('fieldTrusted').toLowerCase()}: ${yes(s.timestamp.trusted)})` : out.t('none');
  return [
    `${out.t('signatureN', { n: index + 1, field: s.field })}: ${verdict}${accepted}`,
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
  options: { trust: { type: 'string', multiple: true }, offline: { type: 'boolean' }, 'allow-untrusted': { type: 'boolean' } },
  async run({ out, parsed, session }) {
    const [target, ...extra] = parsed.positionals;
    if (!target || extra.length) throw badOption('FILE.pdf', 'give one PDF file (or document id) to verify', 'cần đúng một tệp PDF (hoặc mã tài liệu) để kiểm tra');
    const trust = (parsed.values.trust as string[] | undefined) ?? [];
    const allowUntrusted = parsed.values['allow-untrusted'] === true;
    const options = { ...(trust.length ? { trust } : {}), ...(parsed.values.offline ? { online: false } : {}), ...(allowUntrusted ? { allowUntrusted } : {}) };
    const s = await session();
    const report: VerifyReport = isFileTarget(target) ? await s.call('pdf.verify', { path: target, ...options }) : await s.call('documents.verify', { id: target, ...options });
    out.result(report, () => [
      `${report.file}  SHA-256 ${report.sha256}`,
      ...report.signatures.flatMap((sig, i) => describe(out, sig, i, allowUntrusted)),
      ...(report.tailBytes > 0 ? [out.t('fileTail', { bytes: report.tailBytes })] : []),
    ]);
    if (report.signatures.length === 0) return out.failure(formatError('no-signature', { file: report.file }));
    const invalid = report.signatures.filter((x) => x.verdict === 'invalid').length;
    if (invalid) return out.failure(formatError('signature-invalid', { file: report.file, count: invalid }));
    const unaccepted = report.signatures.filter((x) => !signatureAccepted(x, allowUntrusted)).length;
    if (unaccepted) return out.failure(formatError('signature-unconfirmed', { file: report.file, count: unaccepted }));
    return 0;
  },
};
