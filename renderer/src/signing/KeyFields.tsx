// Which key signs: a certificate on a USB token (PKCS#11, with its PIN), or a PKCS#12 file (with
// its password). Certificates that cannot sign today are shown but cannot be chosen.
import { type Preferences, type PreferencesUpdate, type Settings, type SignRequest, type TokenInfo, formatDate } from '../../../electron/contract';
import { ErrorBanner } from '../common/ErrorBanner';
import { PathField } from '../common/PathField';
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

/** The key as a sign request carries it. */
export function keyOf(c: KeyChoice): SignRequest['key'] {
  if (c.kind === 'p12') return { kind: 'p12', path: c.p12Path.trim(), password: c.password };
  return { kind: 'pkcs11', ...(c.module.trim() ? { module: c.module.trim() } : {}), ...(c.token ? { token: c.token } : {}), ...(c.certificateId ? { certificateId: c.certificateId } : {}), pin: c.pin };
}

export const EMPTY_KEY: KeyChoice = { kind: 'pkcs11', module: '', token: '', certificateId: '', pin: '', p12Path: '', password: '' };

type Certificate = TokenInfo['certificates'][number];
const usable = (c: Certificate) => new Date(c.notAfter) > new Date();

/** The certificate the person signed with last, if its token is here and it can still sign; else
 * the first certificate that can sign, on the first token. */
export function defaultCertificate(tokens: readonly TokenInfo[] | null, prefs?: Preferences | null): { token: string; certificateId: string } {
  const kept = tokens?.find((t) => t.label === prefs?.tokenLabel)?.certificates.find((c) => c.id === prefs?.certificateId && usable(c));
  if (kept && prefs?.tokenLabel) return { token: prefs.tokenLabel, certificateId: kept.id };
  const token = tokens?.find((t) => !t.pinLocked && t.certificates.some(usable)) ?? tokens?.[0];
  return { token: token?.label ?? '', certificateId: token?.certificates.find(usable)?.id ?? '' };
}

/** The person's remembered choice as the dialogs' starting point. */
export function choiceFrom(settings: Settings, prefs: Preferences): Pick<KeyChoice, 'kind' | 'module' | 'p12Path'> {
  return { kind: prefs.signingKeyKind, module: prefs.pkcs11Module ?? settings.pkcs11Modules[0] ?? '', p12Path: prefs.p12Path ?? '' };
}

/** What to remember of a choice that signed (never its PIN or password). */
export function rememberedOf(c: KeyChoice): PreferencesUpdate {
  return c.kind === 'p12'
    ? { signingKeyKind: 'p12', p12Path: c.p12Path.trim() }
    : { signingKeyKind: 'pkcs11', pkcs11Module: c.module.trim() || null, tokenLabel: c.token || null, certificateId: c.certificateId || null };
}

/** `hideSecret`: choosing the key to remember (settings), not signing: no PIN or password field. */
export function KeyFields({ choice, onChange, setup, disabled, hideSecret = false }: { choice: KeyChoice; onChange: (c: KeyChoice) => void; setup: SigningSetup; disabled: boolean; hideSecret?: boolean }) {
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
            {/* Only the libraries the administrator allowed: a library is code run inside the station. */}
            {(setup.settings?.pkcs11Modules.length ?? 0) > 1 && (
              <label className="field grow">
                <span>{t('tokenLibrary')}</span>
                <select
                  value={choice.module}
                  onChange={(e) => {
                    set({ module: e.target.value });
                    void setup.findTokens(e.target.value);
                  }}
                >
                  {setup.settings!.pkcs11Modules.map((m) => (
                    <option key={m} value={m}>
                      {m.split(/[\\/]/).pop()} — {m}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <button type="button" className="plain" onClick={() => void setup.findTokens(choice.module)} disabled={setup.loadingTokens}>
              {t('findTokens')}
            </button>
          </div>
          {setup.tokensError && <ErrorBanner error={setup.tokensError} onDismiss={() => void setup.findTokens(choice.module)} />}
          {setup.tokensError && setup.settings?.pkcs11Modules.length === 0 && <p className="hint-box">{t('noTokenLibrary')}</p>}
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
                    {c.subject} — {c.issuer.replace(/^.*CN=/, '')} — {usable(c) ? t('validUntil', { date: formatDate(c.notAfter) }) : t('expired')}
                  </option>
                ))}
              </select>
            </label>
          )}
          {token?.pinLocked && <p className="warning">{t('tokenLocked')}</p>}
          {token && (token.pinFinalTry || token.pinLow) && <p className="warning">{t(token.pinFinalTry ? 'pinFinalTry' : 'pinLow')}</p>}
          {!hideSecret && (
            <label className="field">
              <span>{t('pin')}</span>
              <input type="password" autoComplete="off" value={choice.pin} onChange={(e) => set({ pin: e.target.value })} />
            </label>
          )}
        </>
      ) : (
        <>
          <PathField label="p12Path" value={choice.p12Path} onChange={(p12Path) => set({ p12Path })} use="read" filters={[{ name: 'PKCS#12', extensions: ['p12', 'pfx'] }]} placeholder="C:\\…\\chu-ky.p12" />
          {!hideSecret && (
            <label className="field">
              <span>{t('p12Password')}</span>
              <input type="password" autoComplete="off" value={choice.password} onChange={(e) => set({ password: e.target.value })} />
            </label>
          )}
        </>
      )}
    </fieldset>
  );
}
