// Which key signs: a certificate on a USB token (PKCS#11, with its PIN), or a PKCS#12 file (with
// its password). Certificates that cannot sign today are shown but cannot be chosen.
import type { TokenInfo } from '../../../electron/contract';
import { ErrorBanner } from '../common/ErrorBanner';
import { useI18n } from '../i18n';
import type { SigningSetup } from './useSigningSetup';

export interface KeyChoice {
  kind: 'pkcs11' | 'p12';
  module: string;
  token: string;
  certificateId: string;
  pin: string;
  p12Path: string;
  password: string;
}

type Certificate = TokenInfo['certificates'][number];
const usable = (c: Certificate) => new Date(c.notAfter) > new Date();

/** The first certificate that can sign, on the first token. */
export function defaultCertificate(tokens: readonly TokenInfo[] | null): { token: string; certificateId: string } {
  const token = tokens?.find((t) => !t.pinLocked && t.certificates.some(usable)) ?? tokens?.[0];
  return { token: token?.label ?? '', certificateId: token?.certificates.find(usable)?.id ?? '' };
}

export function KeyFields({ choice, onChange, setup, disabled }: { choice: KeyChoice; onChange: (c: KeyChoice) => void; setup: SigningSetup; disabled: boolean }) {
  const { t } = useI18n();
  const set = (patch: Partial<KeyChoice>) => onChange({ ...choice, ...patch });
  const token = setup.tokens?.find((x) => x.label === choice.token);
  return (
    <fieldset className="key-fields" disabled={disabled}>
      <legend className="sr-only">{t('signKey')}</legend>
      <div className="segmented" role="radiogroup" aria-label={t('signKey')}>
        {(['pkcs11', 'p12'] as const).map((kind) => (
          <button key={kind} type="button" role="radio" aria-checked={choice.kind === kind} className={choice.kind === kind ? 'selected' : ''} onClick={() => set({ kind })}>
            {t(kind === 'pkcs11' ? 'keyToken' : 'keyFile')}
          </button>
        ))}
      </div>
      {choice.kind === 'pkcs11' ? (
        <>
          <div className="field-inline">
            <label className="field grow">
              <span>{t('tokenLibrary')}</span>
              <input value={choice.module} onChange={(e) => set({ module: e.target.value })} placeholder="/usr/lib/…/libxxx-pkcs11.so" spellCheck={false} />
            </label>
            <button type="button" className="plain" onClick={() => void setup.findTokens(choice.module)} disabled={setup.loadingTokens}>
              {t('findTokens')}
            </button>
          </div>
          {setup.tokensError && <ErrorBanner error={setup.tokensError} onDismiss={() => void setup.findTokens(choice.module)} />}
          {setup.tokens?.length === 0 && <p className="muted">{t('noTokens')}</p>}
          {setup.tokens && setup.tokens.length > 1 && (
            <label className="field">
              <span>{t('token')}</span>
              <select value={choice.token} onChange={(e) => set({ token: e.target.value, certificateId: defaultCertificate(setup.tokens!.filter((x) => x.label === e.target.value)).certificateId })}>
                {setup.tokens.map((x) => (
                  <option key={x.label} value={x.label}>
                    {x.label} — {x.manufacturer}
                  </option>
                ))}
              </select>
            </label>
          )}
          {token && (
            <label className="field">
              <span>{t('certificate')}</span>
              <select value={choice.certificateId} onChange={(e) => set({ certificateId: e.target.value })}>
                {token.certificates.map((c) => (
                  <option key={c.id} value={c.id} disabled={!usable(c)}>
                    {c.subject} — {c.issuer.replace(/^.*CN=/, '')} — {usable(c) ? t('validUntil', { date: c.notAfter.slice(0, 10) }) : t('expired')}
                  </option>
                ))}
              </select>
            </label>
          )}
          {token?.pinLocked && <p className="warning">{t('tokenLocked')}</p>}
          {token && (token.pinFinalTry || token.pinLow) && <p className="warning">{t(token.pinFinalTry ? 'pinFinalTry' : 'pinLow')}</p>}
          <label className="field">
            <span>{t('pin')}</span>
            <input type="password" autoComplete="off" value={choice.pin} onChange={(e) => set({ pin: e.target.value })} />
          </label>
        </>
      ) : (
        <>
          <label className="field">
            <span>{t('p12Path')}</span>
            <input value={choice.p12Path} onChange={(e) => set({ p12Path: e.target.value })} placeholder="C:\\…\\chu-ky.p12" spellCheck={false} />
          </label>
          <label className="field">
            <span>{t('p12Password')}</span>
            <input type="password" autoComplete="off" value={choice.password} onChange={(e) => set({ password: e.target.value })} />
          </label>
        </>
      )}
    </fieldset>
  );
}
