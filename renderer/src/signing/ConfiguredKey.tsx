// The officer's configured key, said before they sign: the certificate's holder, issuer and expiry
// (dd/mm/yyyy) on the token chosen from the station's allowed libraries, or their PKCS#12 file —
// so that at the counter only the PIN or the file's password is asked (focused: type, Enter signs).
// "Đổi khóa ký…" opens the full choice for the rare day the key changes.
import { useEffect, useRef } from 'react';
import { type CertificateSummary, type TokenInfo, formatDate } from '../../../electron/contract';
import { useI18n } from '../i18n';
import type { KeyChoice } from './KeyFields';
import './configured-key.css';

type Certificate = TokenInfo['certificates'][number];

/** The certificate the choice names on the tokens found, if it is there. */
export function chosenCertificate(key: KeyChoice, tokens: readonly TokenInfo[] | null): Certificate | null {
  return tokens?.find((x) => x.label === key.token)?.certificates.find((c) => c.id === key.certificateId) ?? null;
}

/** Whether the choice is complete without asking anything but the secret. */
export function isConfigured(key: KeyChoice, tokens: readonly TokenInfo[] | null): boolean {
  return key.kind === 'p12' ? key.p12Path.trim().length > 0 : chosenCertificate(key, tokens) !== null;
}

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** Holder, issuer and expiry (dd/mm/yyyy) of a certificate, as definition-list rows. */
export function CertificateRows({ certificate }: { certificate: CertificateSummary }) {
  const { t } = useI18n();
  return (
    <>
      <dt>{t('counterKeyHolder')}</dt>
      <dd>
        <strong>{certificate.subject}</strong>
      </dd>
      <dt>{t('counterKeyIssuer')}</dt>
      <dd>{certificate.issuer.replace(/^.*CN=/, '')}</dd>
      <dt>{t('counterKeyExpiry')}</dt>
      <dd>{formatDate(certificate.notAfter)}</dd>
    </>
  );
}

export function ConfiguredKey(props: {
  choice: KeyChoice;
  tokens: readonly TokenInfo[] | null;
  /** What is known of the file's certificate (from the last time it signed). */
  p12Certificate: CertificateSummary | null;
  onChange: (c: KeyChoice) => void;
  onChangeKey: () => void;
  disabled: boolean;
}) {
  const { choice, tokens, onChange, onChangeKey, disabled } = props;
  const { t } = useI18n();
  const secret = useRef<HTMLInputElement>(null);
  const onToken = chosenCertificate(choice, tokens);
  const certificate: CertificateSummary | null = choice.kind === 'pkcs11' ? onToken : props.p12Certificate;
  // Focused when shown, and again after a refused PIN (the field was disabled while signing).
  useEffect(() => {
    if (!disabled) secret.current?.focus();
  }, [choice.kind, onToken?.id, disabled]);
  const token = tokens?.find((x) => x.label === choice.token);
  return (
    <div className="configured-key">
      <dl className="key-summary" data-testid="key-summary">
        {certificate && <CertificateRows certificate={certificate} />}
        {choice.kind === 'pkcs11' ? (
          <>
            <dt>{t('counterKeyToken')}</dt>
            <dd>{choice.token}</dd>
          </>
        ) : (
          <>
            <dt>{t('counterKeyFile')}</dt>
            <dd title={choice.p12Path}>
              <strong>{fileName(choice.p12Path)}</strong>
            </dd>
          </>
        )}
      </dl>
      {token?.pinLocked && <p className="warning">{t('tokenLocked')}</p>}
      {token && (token.pinFinalTry || token.pinLow) && <p className="warning">{t(token.pinFinalTry ? 'pinFinalTry' : 'pinLow')}</p>}
      <div className="field-inline">
        <label className="field grow">
          <span>{t(choice.kind === 'pkcs11' ? 'pin' : 'p12Password')}</span>
          {choice.kind === 'pkcs11' ? (
            <input ref={secret} type="password" autoComplete="off" value={choice.pin} onChange={(e) => onChange({ ...choice, pin: e.target.value })} disabled={disabled} />
          ) : (
            <input ref={secret} type="password" autoComplete="off" value={choice.password} onChange={(e) => onChange({ ...choice, password: e.target.value })} disabled={disabled} />
          )}
        </label>
        <button type="button" className="plain small" onClick={onChangeKey} disabled={disabled}>
          {t('intakeChangeKey')}
        </button>
      </div>
    </div>
  );
}
