// Signing, in two parts. "My signing key" is each person's own (preferences): a certificate on a
// USB token, through one of the libraries the station allows, or a PKCS#12 file — remembered so
// that the next signature needs only the PIN. "How the station signs" is the administrator's
// (settings): the token libraries the station may load at all, the signature's form and level,
// the timestamp authority, and how the signature looks on page 1, previewed.
import { useEffect, useState } from 'react';
import type { Settings, WireError } from '../../../electron/contract';
import { StationCallError } from '../client/client';
import { useI18n } from '../i18n';
import { CertificateRows } from '../signing/ConfiguredKey';
import { EMPTY_KEY, type KeyChoice, KeyFields, choiceFrom, defaultCertificate, rememberedOf } from '../signing/KeyFields';
import { LEVELS, StationWay, stationLevel } from '../signing/StationWay';
import { useSigningSetup } from '../signing/useSigningSetup';
import { Field, Section, described } from './Section';
import { type SettingsApi, useSectionSave } from './useSettings';
import { type Problems, hasProblems, linesOf, urlProblem } from './validate';

type Position = Settings['signaturePosition'];
const POSITIONS: readonly Position[] = ['top-right', 'top-left', 'bottom-right', 'bottom-left'];

export function SigningSection({ settings, save, isAdmin }: { settings: Settings; save: SettingsApi['save']; isAdmin: boolean }) {
  return (
    <>
      <MySigningKey />
      <StationSigning settings={settings} save={save} isAdmin={isAdmin} />
    </>
  );
}

function MySigningKey() {
  const { t } = useI18n();
  const setup = useSigningSetup();
  const { settings, prefs, tokens } = setup;
  const [key, setKey] = useState<KeyChoice>(EMPTY_KEY);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    if (settings && prefs) setKey((k) => ({ ...k, ...choiceFrom(settings, prefs) }));
  }, [settings, prefs]);
  useEffect(() => setKey((k) => ({ ...k, ...defaultCertificate(tokens, prefs) })), [tokens, prefs]);
  const submit = () => {
    const noFile = key.kind === 'p12' && !key.p12Path.trim();
    setMissing(noFile);
    if (noFile) return;
    setBusy(true);
    setSaved(false);
    setError(null);
    void setup
      .remember(rememberedOf(key))
      .then(() => setSaved(true), (e: unknown) => setError(e instanceof StationCallError ? e.error : null))
      .finally(() => setBusy(false));
  };
  return (
    <Section title="setMySigning" editable busy={busy} error={error} onDismissError={() => setError(null)} saved={saved} onSubmit={submit}>
      <p className="muted">{t('setMySigningIntro')}</p>
      {/* The PIN is asked when signing, never kept: KeyFields' PIN field is left empty here. */}
      <KeyFields choice={key} onChange={(c) => (setKey({ ...c, pin: '', password: '' }), setSaved(false))} setup={setup} disabled={busy} hideSecret />
      {/* A file's certificate is known once it has signed (its password opens it). */}
      {key.kind === 'p12' && prefs?.p12Certificate && prefs.p12Path === key.p12Path.trim() && (
        <dl className="key-summary" data-testid="my-key-certificate">
          <CertificateRows certificate={prefs.p12Certificate} />
        </dl>
      )}
      {missing && (
        <p className="field-error" role="alert">
          {t('setP12Missing')}
        </p>
      )}
    </Section>
  );
}

function StationSigning({ settings, save, isAdmin }: { settings: Settings; save: SettingsApi['save']; isAdmin: boolean }) {
  const { t } = useI18n();
  const [v, setV] = useState({
    pkcs11Modules: settings.pkcs11Modules.join('\n'),
    signatureFormat: settings.signatureFormat,
    // What is in effect: with no level chosen, the station signs B-T when a TSA is set, else B-B
    // (the core's rule, stationLevel) — a form showing B-T there would demand a TSA nobody set.
    signatureLevel: stationLevel(settings),
    tsaUrl: settings.tsaUrl ?? '',
    signatureVisible: settings.signatureVisible,
    signaturePosition: settings.signaturePosition,
  });
  const [problems, setProblems] = useState<Problems<'tsaUrl'>>({});
  const s = useSectionSave(save);
  const set = (patch: Partial<typeof v>) => {
    setV({ ...v, ...patch });
    s.edited();
  };

  const submit = () => {
    const found = { tsaUrl: urlProblem(v.tsaUrl, v.signatureLevel !== 'B-B') ?? undefined };
    setProblems(found);
    if (hasProblems(found)) return;
    void s.submit({
      pkcs11Modules: linesOf(v.pkcs11Modules),
      signatureFormat: v.signatureFormat,
      signatureLevel: v.signatureLevel,
      tsaUrl: v.tsaUrl.trim() || null,
      signatureVisible: v.signatureVisible,
      signaturePosition: v.signaturePosition,
    });
  };
  return (
    <Section title="setStationSigning" editable={isAdmin} busy={s.busy} error={s.error} onDismissError={s.dismiss} saved={s.saved} onSubmit={submit}>
      <p className="muted">{t('setStationSigningIntro')}</p>
      {/* What the station does today, in the words the sign dialogs use. */}
      <StationWay settings={settings} inEffect />
      <Field id="set-modules" label="setTokenLibraries" hint="setTokenLibrariesHint">
        <textarea {...described('set-modules', null, true)} rows={2} value={v.pkcs11Modules} onChange={(e) => set({ pkcs11Modules: e.target.value })} placeholder="/usr/lib/…/libxxx-pkcs11.so" spellCheck={false} />
      </Field>
      <div className="signing-grid">
        <div className="settings-fields">
          <div className="field-grid">
            <Field id="set-format" label="setSignatureFormat">
              <select {...described('set-format', null)} value={v.signatureFormat} onChange={(e) => set({ signatureFormat: e.target.value as Settings['signatureFormat'] })}>
                <option value="pades">{t('setFormatPades')}</option>
                <option value="pkcs7">{t('setFormatPkcs7')}</option>
              </select>
            </Field>
            <Field id="set-sig-level" label="signLevel">
              <select {...described('set-sig-level', null)} value={v.signatureLevel} onChange={(e) => set({ signatureLevel: e.target.value as keyof typeof LEVELS })}>
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
