// What a verification found, one signature at a time: valid or not and why, who signed and when,
// the timestamp, what the signature covers, trust and revocation.
import type { SignatureReport, VerifyReport } from '../../../electron/contract';
import { useI18n } from '../i18n';

function SignatureCard({ s, n }: { s: SignatureReport; n: number }) {
  const { t } = useI18n();
  const yes = (b: boolean) => t(b ? 'yes' : 'no');
  const coverage = s.coversWholeDocument ? t('coverWhole') : s.laterChanges === 'allowed' ? t('coverAllowed') : t('coverChanged');
  const row = (label: string, value: string, ok?: boolean) => (
    <div className="report-row">
      <dt>{label}</dt>
      <dd className={ok === false ? 'bad' : undefined}>{value}</dd>
    </div>
  );
  return (
    <li className={s.valid ? 'signature-card valid' : 'signature-card invalid'} data-testid="signature-report">
      <h3>
        <span className={s.valid ? 'status ready' : 'status bad'}>{t(s.valid ? 'sigValid' : 'sigInvalid')}</span> {t('signatureN', { n, field: s.field })}
      </h3>
      <dl>
        {row(t('signer'), `${s.signer ?? '?'}${s.serial ? ` (${t('serial')} ${s.serial})` : ''}`)}
        {row(t('issuer'), s.issuer ?? '?')}
        {row(t('signedAt'), s.signedAt ?? '?')}
        {row(t('signLevel'), `${s.level} (${s.subFilter})`)}
        {row(t('timestamp'), s.timestamp ? `${s.timestamp.time} — ${s.timestamp.authority ?? '?'}` : t('none'), s.timestamp ? s.timestamp.valid : undefined)}
        {row(t('integrity'), `${yes(s.integrity)}; ${coverage}`, s.integrity && s.laterChanges !== 'disallowed')}
        {row(t('trusted'), s.trusted ? `${yes(true)} (${s.chain.join(' → ')})` : yes(false), s.trusted)}
        {row(t('revocation'), t(`revocation_${s.revocation}`), s.revocation !== 'revoked')}
      </dl>
      {s.problems.length > 0 && (
        <ul className="problems">
          {s.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function VerifyReportView({ report }: { report: VerifyReport }) {
  const { t } = useI18n();
  return (
    <div className="verify-report">
      <p className={report.valid ? 'notice' : 'warning'} role="status">
        {report.signatures.length === 0 ? t('noSignature') : t(report.valid ? 'allValid' : 'notAllValid', { count: report.signatures.length })}
      </p>
      <p className="muted mono">SHA-256 {report.sha256}</p>
      <ol className="signature-list">
        {report.signatures.map((s, i) => (
          <SignatureCard key={s.field} s={s} n={i + 1} />
        ))}
      </ol>
    </div>
  );
}
