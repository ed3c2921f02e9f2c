// What a verification found, one signature at a time: confirmed, intact but not trustworthy yet, or
// invalid, and why in the reader's language; who signed and when, the timestamp, what the signature
// covers, trust and revocation. Green only for what is both intact and trusted.
import { type SignatureProblem, type SignatureReport, type VerifyReport, formatDateTime, formatNumber, signatureProblemText } from '../../../electron/contract';
import { type MessageKey, useI18n } from '../i18n';
import './verify-report.css';

const BADGE: Readonly<Record<SignatureReport['verdict'], { key: MessageKey; tone: string }>> = {
  confirmed: { key: 'sigValid', tone: 'ready' },
  unconfirmed: { key: 'sigUnconfirmed', tone: 'draft' },
  invalid: { key: 'sigInvalid', tone: 'bad' },
};

function SignatureCard({ s, n }: { s: SignatureReport; n: number }) {
  const { t, lang } = useI18n();
  const yes = (b: boolean) => t(b ? 'yes' : 'no');
  // Not covering the whole file with no later revision: only an unsigned tail follows (tailBytes).
  const coverage = s.coversWholeDocument
    ? t('coverWhole')
    : s.laterChanges === 'allowed'
      ? t('coverAllowed')
      : s.laterChanges === 'none' && s.integrity
        ? t('coverTail')
        : t('coverChanged');
  const row = (label: string, value: string, ok?: boolean) => (
    <div className="report-row">
      <dt>{label}</dt>
      <dd className={ok === false ? 'bad' : undefined}>{value}</dd>
    </div>
  );
  const badge = BADGE[s.verdict];
  return (
    <li className={`signature-card ${s.verdict}`} data-testid="signature-report">
      <h3>
        <span className={`status ${badge.tone}`}>{t(badge.key)}</span> {t('signatureN', { n, field: s.field })}
      </h3>
      <dl>
        {row(t('signer'), `${s.signer ?? '?'}${s.serial ? ` (${t('serial')} ${s.serial})` : ''}`)}
        {row(t('issuer'), s.issuer ?? '?')}
        {row(t('signedAt'), s.signedAt ? formatDateTime(s.signedAt, lang) : '?')}
        {row(t('signLevel'), `${s.level} (${s.subFilter})`)}
        {row(t('timestamp'), s.timestamp ? `${formatDateTime(s.timestamp.time, lang)} — ${s.timestamp.authority ?? '?'}` : t('none'), s.timestamp ? s.timestamp.valid : undefined)}
        {row(t('integrity'), `${yes(s.integrity)}; ${coverage}`, s.integrity && s.laterChanges !== 'disallowed')}
        {row(t('trusted'), s.trusted ? `${yes(true)} (${s.chain.join(' → ')})` : yes(false), s.trusted)}
        {row(t('revocation'), t(`revocation_${s.revocation}`), s.revocation === 'good')}
      </dl>
      {s.problems.length > 0 && (
        <ul className={`problems ${s.verdict}`}>
          {s.problems.map((p) => (
            <li key={p.code}>{signatureProblemText(p, lang)}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** The reasons that keep intact signatures from being confirmed, each said once. */
function reasonsOf(report: VerifyReport): SignatureProblem[] {
  const seen = new Map<string, SignatureProblem>();
  for (const s of report.signatures) for (const p of s.problems) if (!seen.has(p.code)) seen.set(p.code, p);
  return [...seen.values()];
}

function Headline({ report }: { report: VerifyReport }) {
  const { t, lang } = useI18n();
  const count = report.signatures.length;
  const n = report.signatures.filter((s) => s.verdict === report.verdict).length;
  switch (report.verdict) {
    case 'unsigned':
      return <p className="warning" role="status">{t('noSignature')}</p>;
    case 'confirmed':
      return <p className="notice" role="status">{t('allValid', { count })}</p>;
    case 'invalid':
      return <p className="verdict-invalid" role="status">{t('notAllValid', { n, count })}</p>;
    case 'unconfirmed':
      return (
        <div className="warning verdict-unconfirmed" role="status">
          <p>{t('verdictUnconfirmed', { n, count })}</p>
          <ul>
            {reasonsOf(report).map((p) => (
              <li key={p.code}>{signatureProblemText(p, lang)}</li>
            ))}
          </ul>
        </div>
      );
  }
}

export function VerifyReportView({ report }: { report: VerifyReport }) {
  const { t, lang } = useI18n();
  return (
    <div className="verify-report">
      <Headline report={report} />
      {report.tailBytes > 0 && (
        <p className="warning" data-testid="file-tail">
          {t('fileTail', { bytes: formatNumber(report.tailBytes, lang) })}
        </p>
      )}
      <p className="muted mono">SHA-256 {report.sha256}</p>
      <ol className="signature-list">
        {report.signatures.map((s, i) => (
          <SignatureCard key={s.field} s={s} n={i + 1} />
        ))}
      </ol>
    </div>
  );
}
