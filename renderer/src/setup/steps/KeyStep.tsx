// The officer, now signed in, chooses their own signing key — a certificate on a USB token through
// the station's allowed driver, or a PKCS#12 file — remembered so that signing at the counter
// asks only the PIN. It may wait: the note says where to set it later.
import { type FormEvent, useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import { EMPTY_KEY, type KeyChoice, KeyFields, choiceFrom, defaultCertificate, rememberedOf } from '../../signing/KeyFields';
import { useSigningSetup } from '../../signing/useSigningSetup';
import { ErrorBanner } from '../../common/ErrorBanner';
import { useStepCall } from '../useStepCall';

export function KeyStep({ name, onDone }: { name: string; onDone: () => void }) {
  const { t } = useI18n();
  const setup = useSigningSetup();
  const { settings, prefs, tokens } = setup;
  const [key, setKey] = useState<KeyChoice>(EMPTY_KEY);
  const [missing, setMissing] = useState(false);
  const { busy, error, dismiss, run } = useStepCall();
  useEffect(() => {
    // No token library allowed on this station: a .p12 file is the one way open, so it comes first.
    if (settings && prefs) setKey((k) => ({ ...k, ...choiceFrom(settings, prefs), ...(settings.pkcs11Modules.length === 0 && !prefs.pkcs11Module ? { kind: 'p12' as const } : {}) }));
  }, [settings, prefs]);
  useEffect(() => setKey((k) => ({ ...k, ...defaultCertificate(tokens, prefs) })), [tokens, prefs]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const noKey = key.kind === 'p12' ? !key.p12Path.trim() : !key.module.trim();
    setMissing(noKey);
    if (noKey) return;
    void run(() => setup.remember(rememberedOf(key)).then(() => true)).then((ok) => ok && onDone());
  };
  return (
    <form className="setup-body setup-form" onSubmit={submit} noValidate>
      <p className="setup-signed-in" role="status">
        {t('setupKeySignedIn', { name })}
      </p>
      <p className="muted">{t('setupKeyText')}</p>
      {error && <ErrorBanner error={error} onDismiss={dismiss} />}
      <KeyFields choice={key} onChange={(c) => setKey({ ...c, pin: '', password: '' })} setup={setup} disabled={busy} hideSecret />
      {missing && (
        <p className="field-error" role="alert">
          {t(key.kind === 'p12' ? 'setP12Missing' : 'setupKeyModuleMissing')}
        </p>
      )}
      <p className="setup-note">{t('setupKeyLaterNote')}</p>
      <div className="setup-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('setupKeySave')}
        </button>
        <button type="button" onClick={onDone} disabled={busy}>
          {t('setupKeyLater')}
        </button>
      </div>
    </form>
  );
}
