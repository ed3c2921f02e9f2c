// How this station signs: a USB token (its PKCS#11 library, with the tokens it finds) or a PKCS#12
// file; the signature's form and level, the timestamp authority; and how the signature looks on
// page 1 (visible or not, which corner), previewed. Everyone may set the way they sign; the form
// and level are the administrator's (PERSONAL_SETTINGS in the contract).
import { useState } from 'react';
import { PERSONAL_SETTINGS, type Settings, type SettingsUpdate } from '../../../electron/contract';
import { useI18n } from '../i18n';
import { useSigningSetup } from '../signing/useSigningSetup';
import { Field, Section, described } from './Section';
import { type SettingsApi, useSectionSave } from './useSettings';
import { type Problems, hasProblems, urlProblem } from './validate';

type Position = Settings['signaturePosition'];
const POSITIONS: readonly Position[] = ['top-right', 'top-left', 'bottom-right', 'bottom-left'];
const LEVELS = { 'B-B': 'levelBB', 'B-T': 'levelBT', 'B-LT': 'levelBLT' } as const;

export function SigningSection({ settings, save, isAdmin }: { settings: Settings; save: SettingsApi['save']; isAdmin: boolean }) {
  const { t, errorText } = useI18n();
  const setup = useSigningSetup();
  const [v, setV] = useState({
    signingKeyKind: settings.signingKeyKind,
    pkcs11Module: settings.pkcs11Module ?? '',
    p12Path: settings.p12Path ?? '',
    signatureFormat: settings.signatureFormat,
    signatureLevel: settings.signatureLevel ?? 'B-T',
    tsaUrl: settings.tsaUrl ?? '',
    signatureVisible: settings.signatureVisible,
    signaturePosition: settings.signaturePosition,
  });
  const [problems, setProblems] = useState<Problems<'p12Path' | 'tsaUrl'>>({});
  const s = useSectionSave(save);
  const set = (patch: Partial<typeof v>) => {
    setV({ ...v, ...patch });
    s.edited();
  };

  const submit = () => {
    const found = {
      p12Path: v.signingKeyKind === 'p12' && !v.p12Path.trim() ? ('setP12Missing' as const) : undefined,
      tsaUrl: urlProblem(v.tsaUrl, v.signatureLevel !== 'B-B') ?? undefined,
    };
    setProblems(found);
    if (hasProblems(found)) return;
    const change: SettingsUpdate = {
      signingKeyKind: v.signingKeyKind,
      pkcs11Module: v.pkcs11Module.trim() || null,
      p12Path: v.p12Path.trim() || null,
      signatureFormat: v.signatureFormat,
      signatureLevel: v.signatureLevel,
      tsaUrl: v.tsaUrl.trim() || null,
      signatureVisible: v.signatureVisible,
      signaturePosition: v.signaturePosition,
    };
    // Others than the administrator send only what they may change (the core refuses the rest).
    const allowed = isAdmin ? change : Object.fromEntries(Object.entries(change).filter(([k]) => (PERSONAL_SETTINGS as readonly string[]).includes(k)));
    void s.submit(allowed);
  };
  return (
    <Section title="setSigning" editable busy={s.busy} error={s.error} onDismissError={s.dismiss} saved={s.saved} onSubmit={submit}>
      <div className="segmented" role="radiogroup" aria-label={t('signKey')}>
        {(['pkcs11', 'p12'] as const).map((kind) => (
          <button key={kind} type="button" role="radio" aria-checked={v.signingKeyKind === kind} className={v.signingKeyKind === kind ? 'selected' : ''} onClick={() => set({ signingKeyKind: kind })}>
            {t(kind === 'pkcs11' ? 'keyToken' : 'keyFile')}
          </button>
        ))}
      </div>
      {v.signingKeyKind === 'pkcs11' ? (
        <div className="field-inline">
          <div className="grow">
            <Field id="set-module" label="tokenLibrary">
              <input {...described('set-module', null)} value={v.pkcs11Module} onChange={(e) => set({ pkcs11Module: e.target.value })} placeholder="/usr/lib/…/libxxx-pkcs11.so" spellCheck={false} />
            </Field>
          </div>
          <button type="button" className="plain" onClick={() => void setup.findTokens(v.pkcs11Module)} disabled={setup.loadingTokens}>
            {t('findTokens')}
          </button>
        </div>
      ) : (
        <Field id="set-p12" label="p12Path" problem={problems.p12Path}>
          <input {...described('set-p12', problems.p12Path)} value={v.p12Path} onChange={(e) => set({ p12Path: e.target.value })} placeholder="C:\\…\\chu-ky.p12" spellCheck={false} />
        </Field>
      )}
      {v.signingKeyKind === 'pkcs11' && setup.tokens && (
        <p className="muted" role="status">
          {setup.tokens.length === 0 ? t('noTokens') : t('setTokensFound', { names: setup.tokens.map((x) => x.label).join(', ') })}
        </p>
      )}
      {v.signingKeyKind === 'pkcs11' && setup.tokensError && <p className="field-error">{errorText(setup.tokensError)}</p>}
      <div className="signing-grid">
        <div className="settings-fields">
          <div className="field-grid">
            <Field id="set-format" label="setSignatureFormat">
              <select {...described('set-format', null)} value={v.signatureFormat} disabled={!isAdmin} onChange={(e) => set({ signatureFormat: e.target.value as Settings['signatureFormat'] })}>
                <option value="pades">{t('setFormatPades')}</option>
                <option value="pkcs7">{t('setFormatPkcs7')}</option>
              </select>
            </Field>
            <Field id="set-sig-level" label="signLevel">
              <select {...described('set-sig-level', null)} value={v.signatureLevel} disabled={!isAdmin} onChange={(e) => set({ signatureLevel: e.target.value as keyof typeof LEVELS })}>
                {(Object.keys(LEVELS) as (keyof typeof LEVELS)[]).map((l) => (
                  <option key={l} value={l}>
                    {t(LEVELS[l])}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <Field id="set-tsa" label="tsaUrl" problem={problems.tsaUrl} hint="setTsaHint">
            <input {...described('set-tsa', problems.tsaUrl, true)} value={v.tsaUrl} onChange={(e) => set({ tsaUrl: e.target.value })} placeholder="http://tsa.example.vn" spellCheck={false} />
          </Field>
          <label className="check">
            <input type="checkbox" checked={v.signatureVisible} onChange={(e) => set({ signatureVisible: e.target.checked })} />
            <span>{t('signVisible')}</span>
          </label>
          {v.signatureVisible && (
            <Field id="set-position" label="signPosition">
              <select {...described('set-position', null)} value={v.signaturePosition} onChange={(e) => set({ signaturePosition: e.target.value as Position })}>
                {POSITIONS.map((p) => (
                  <option key={p} value={p}>
                    {t(`position_${p}`)}
                  </option>
                ))}
              </select>
            </Field>
          )}
        </div>
        {v.signatureVisible && (
          <figure className="stamp-preview" aria-label={t('setStampPreview')}>
            <div className={`stamp-page ${v.signaturePosition}`}>
              <div className="stamp">
                <strong>{settings.agencyName ?? t('setAgencyFromCertificate')}</strong>
                <span>{t('setStampSigner')}</span>
                <span>2026-01-15T09:30:00+07:00</span>
              </div>
            </div>
            <figcaption className="hint">{t('setStampCaption')}</figcaption>
          </figure>
        )}
      </div>
    </Section>
  );
}
