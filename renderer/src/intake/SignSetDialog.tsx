// Signing the dossier's set at once: the officer's token and certificate are the ones they signed
// with last (their preferences), so only the PIN is asked (focused); the key can still be changed.
// The station's way of signing is the administrator's. A wrong PIN is shown with what the token
// says and the field is emptied: nothing is retried by itself.
import { useEffect, useRef, useState } from 'react';
import type { Checklist } from '../../../electron/contract';
import { useClient } from '../client/context';
import { Dialog } from '../common/Dialog';
import { ProgressBar } from '../common/ProgressBar';
import { ErrorBanner } from '../common/ErrorBanner';
import { useI18n } from '../i18n';
import { EMPTY_KEY, type KeyChoice, KeyFields, choiceFrom, defaultCertificate, keyOf, rememberedOf } from '../signing/KeyFields';
import { StationWay } from '../signing/StationWay';
import { useSigningSetup } from '../signing/useSigningSetup';
import { useStationCall } from '../client/useStationCall';

export function SignSetDialog({ list, onClose, onSigned }: { list: Checklist; onClose: () => void; onSigned: (list: Checklist) => void }) {
  const { t } = useI18n();
  const client = useClient();
  const setup = useSigningSetup();
  const { run, busy, error, clearError } = useStationCall();
  const [key, setKey] = useState<KeyChoice>(EMPTY_KEY);
  const [changeKey, setChangeKey] = useState(false);
  const pin = useRef<HTMLInputElement>(null);
  const { settings, prefs, tokens } = setup;

  useEffect(() => {
    if (settings && prefs) setKey((k) => ({ ...k, ...choiceFrom(settings, prefs) }));
  }, [settings, prefs]);
  useEffect(() => setKey((k) => ({ ...k, ...defaultCertificate(tokens, prefs) })), [tokens, prefs]);

  const certificate = tokens?.find((x) => x.label === key.token)?.certificates.find((c) => c.id === key.certificateId) ?? null;
  const quick = !changeKey && key.kind === 'pkcs11' && certificate !== null;
  useEffect(() => {
    if (quick) pin.current?.focus();
  }, [quick]);

  const secret = key.kind === 'pkcs11' ? key.pin : key.password;
  const ready = !busy && secret.length > 0 && (key.kind === 'p12' ? key.p12Path.trim().length > 0 : Boolean(key.certificateId));

  const sign = async () => {
    const signed = await run(() => client.call('intake.signSet', { code: list.dossier.code, key: keyOf(key) }));
    if (signed) {
      await setup.remember(rememberedOf(key)).catch(() => undefined); // signed: a choice not kept is no failure
      onSigned(signed);
    }
    else setKey((k) => ({ ...k, pin: '', password: '' }));
  };

  return (
    <Dialog title={t('intakeSignTitle', { count: list.unsigned, code: list.dossier.code })} onClose={onClose} closable={!busy}>
      <form
        className="sign-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) void sign();
        }}
      >
        {error && <ErrorBanner error={error} onDismiss={clearError} />}
        {quick ? (
          <>
            <p className="muted">{t('intakeSignWith', { subject: certificate.subject, token: key.token })}</p>
            <label className="field">
              <span>{t('pin')}</span>
              <input ref={pin} type="password" autoComplete="off" value={key.pin} onChange={(e) => setKey({ ...key, pin: e.target.value })} disabled={busy} />
            </label>
            <button type="button" className="plain small" onClick={() => setChangeKey(true)} disabled={busy}>
              {t('intakeChangeKey')}
            </button>
          </>
        ) : (
          <KeyFields choice={key} onChange={setKey} setup={setup} disabled={busy} />
        )}
        {settings && <StationWay settings={settings} />}
        <ul className="intake-sign-list">
          {list.items
            .filter((i) => i.state === 'scanned')
            .map((i) => (
              <li key={i.code}>{i.name}</li>
            ))}
        </ul>
        {busy && <ProgressBar label={t('progressSigning')} fraction={null} />}
        <div className="dialog-actions">
          <button type="button" className="plain" onClick={onClose} disabled={busy}>
            {t('close')}
          </button>
          <button type="submit" className="primary" disabled={!ready}>
            {busy ? t('signing') : t('intakeSignAll')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
