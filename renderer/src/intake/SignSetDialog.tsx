// Signing the dossier's set at once: the officer's token and certificate come from the station's
// settings, so only the PIN is asked (focused); the key can still be changed. A wrong PIN is shown
// with what the token says and the field is emptied: nothing is retried by itself.
import { useEffect, useRef, useState } from 'react';
import type { Checklist, SignRequest } from '../../../electron/contract';
import { useClient } from '../client/context';
import { Dialog } from '../common/Dialog';
import { ProgressBar } from '../common/ProgressBar';
import { ErrorBanner } from '../common/ErrorBanner';
import { useI18n } from '../i18n';
import { type KeyChoice, KeyFields, defaultCertificate } from '../signing/KeyFields';
import { useSigningSetup } from '../signing/useSigningSetup';
import { useStationCall } from '../client/useStationCall';

function keyOf(c: KeyChoice): SignRequest['key'] {
  if (c.kind === 'p12') return { kind: 'p12', path: c.p12Path.trim(), password: c.password };
  return { kind: 'pkcs11', ...(c.module.trim() ? { module: c.module.trim() } : {}), ...(c.token ? { token: c.token } : {}), ...(c.certificateId ? { certificateId: c.certificateId } : {}), pin: c.pin };
}

export function SignSetDialog({ list, onClose, onSigned }: { list: Checklist; onClose: () => void; onSigned: (list: Checklist) => void }) {
  const { t } = useI18n();
  const client = useClient();
  const setup = useSigningSetup();
  const { run, busy, error, clearError } = useStationCall();
  const [key, setKey] = useState<KeyChoice>({ kind: 'pkcs11', module: '', token: '', certificateId: '', pin: '', p12Path: '', password: '' });
  const [changeKey, setChangeKey] = useState(false);
  const pin = useRef<HTMLInputElement>(null);
  const { settings, tokens } = setup;

  useEffect(() => {
    // The station's key choice: a PKCS#12 file or the token (settings' signingKeyKind, p12Path).
    if (settings) setKey((k) => ({ ...k, kind: settings.signingKeyKind, module: settings.pkcs11Module ?? '', p12Path: settings.p12Path ?? '' }));
  }, [settings]);
  useEffect(() => setKey((k) => ({ ...k, ...defaultCertificate(tokens) })), [tokens]);

  const certificate = tokens?.find((x) => x.label === key.token)?.certificates.find((c) => c.id === key.certificateId) ?? null;
  const quick = !changeKey && key.kind === 'pkcs11' && certificate !== null;
  useEffect(() => {
    if (quick) pin.current?.focus();
  }, [quick]);

  const level = settings?.signatureLevel ?? (settings?.tsaUrl ? 'B-T' : 'B-B');
  const secret = key.kind === 'pkcs11' ? key.pin : key.password;
  const ready = !busy && secret.length > 0 && (key.kind === 'p12' ? key.p12Path.trim().length > 0 : Boolean(key.certificateId));

  const sign = async () => {
    const signed = await run(() =>
      client.call('intake.signSet', { code: list.dossier.code, key: keyOf(key), level, ...(settings?.tsaUrl ? { tsaUrl: settings.tsaUrl } : {}) }),
    );
    if (signed) onSigned(signed);
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
