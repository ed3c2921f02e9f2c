// Signing a saved document: the key, its PIN or password, and how the signature is made. A wrong
// PIN is shown with what the token says of the tries left, and the PIN field is emptied: the
// station never tries again by itself.
import { useEffect, useState } from 'react';
import type { DocumentDetail, DocumentSummary, MethodInput, SignRequest, WireError } from '../../../electron/contract';
import { StationCallError } from '../client/client';
import { useClient } from '../client/context';
import { Dialog } from '../common/Dialog';
import { ProgressBar } from '../common/ProgressBar';
import { ErrorBanner } from '../common/ErrorBanner';
import { useI18n } from '../i18n';
import { type KeyChoice, KeyFields, defaultCertificate } from './KeyFields';
import { useSigningSetup } from './useSigningSetup';

type Level = NonNullable<SignRequest['level']>;
type Position = NonNullable<SignRequest['position']>;
const POSITIONS: readonly Position[] = ['top-right', 'top-left', 'bottom-right', 'bottom-left'];

function keyOf(c: KeyChoice): SignRequest['key'] {
  if (c.kind === 'p12') return { kind: 'p12', path: c.p12Path.trim(), password: c.password };
  return { kind: 'pkcs11', ...(c.module.trim() ? { module: c.module.trim() } : {}), ...(c.token ? { token: c.token } : {}), ...(c.certificateId ? { certificateId: c.certificateId } : {}), pin: c.pin };
}

export function SignDialog({ doc, onClose, onSigned }: { doc: DocumentSummary; onClose: () => void; onSigned: (doc: DocumentDetail) => void }) {
  const { t } = useI18n();
  const client = useClient();
  const setup = useSigningSetup();
  const [key, setKey] = useState<KeyChoice>({ kind: 'pkcs11', module: '', token: '', certificateId: '', pin: '', p12Path: '', password: '' });
  const [tsaUrl, setTsaUrl] = useState('');
  const [level, setLevel] = useState<Level>('B-B');
  const [visible, setVisible] = useState(true);
  const [position, setPosition] = useState<Position>('top-right');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);

  // Defaults from the station's settings, once they arrive.
  const { settings, tokens } = setup;
  useEffect(() => {
    if (!settings) return;
    // The station's key choice: a PKCS#12 file or the token (settings' signingKeyKind, p12Path).
    setKey((k) => ({ ...k, kind: settings.signingKeyKind, module: settings.pkcs11Module ?? '', p12Path: settings.p12Path ?? '' }));
    setTsaUrl(settings.tsaUrl ?? '');
    setLevel(settings.signatureLevel ?? (settings.tsaUrl ? 'B-T' : 'B-B'));
    setVisible(settings.signatureVisible);
    setPosition(settings.signaturePosition);
  }, [settings]);
  useEffect(() => setKey((k) => ({ ...k, ...defaultCertificate(tokens) })), [tokens]);

  const secret = key.kind === 'pkcs11' ? key.pin : key.password;
  const ready = !busy && secret.length > 0 && (key.kind === 'p12' ? key.p12Path.trim().length > 0 : Boolean(key.certificateId)) && (level === 'B-B' || tsaUrl.trim().length > 0);

  const sign = async () => {
    setBusy(true);
    setError(null);
    const input: MethodInput<'documents.sign'> = { id: doc.id, key: keyOf(key), level, visible, position, ...(tsaUrl.trim() ? { tsaUrl: tsaUrl.trim() } : {}) };
    try {
      const signed = await client.call('documents.sign', input);
      // Remember what worked, so that the next signature needs only the PIN.
      await client.call('settings.update', { ...(key.kind === 'pkcs11' && key.module.trim() ? { pkcs11Module: key.module.trim() } : {}), ...(tsaUrl.trim() ? { tsaUrl: tsaUrl.trim() } : {}) }).catch(() => undefined);
      onSigned(signed);
    } catch (e) {
      if (!(e instanceof StationCallError)) throw e;
      setError(e.error);
      setKey((k) => ({ ...k, pin: '', password: '' }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('signTitle', { title: doc.metadata.title ?? t('untitled') })} onClose={onClose} closable={!busy}>
      <form
        className="sign-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) void sign();
        }}
      >
        {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
        <KeyFields choice={key} onChange={setKey} setup={setup} disabled={busy} />
        <fieldset className="sign-options" disabled={busy}>
          <legend>{t('signOptions')}</legend>
          <label className="field">
            <span>{t('signLevel')}</span>
            <select value={level} onChange={(e) => setLevel(e.target.value as Level)}>
              <option value="B-B">{t('levelBB')}</option>
              <option value="B-T">{t('levelBT')}</option>
              <option value="B-LT">{t('levelBLT')}</option>
            </select>
          </label>
          {level !== 'B-B' && (
            <label className="field">
              <span>{t('tsaUrl')}</span>
              <input type="url" value={tsaUrl} onChange={(e) => setTsaUrl(e.target.value)} placeholder="http://…" spellCheck={false} />
            </label>
          )}
          <label className="check">
            <input type="checkbox" checked={visible} onChange={(e) => setVisible(e.target.checked)} />
            <span>{t('signVisible')}</span>
          </label>
          {visible && (
            <label className="field">
              <span>{t('signPosition')}</span>
              <select value={position} onChange={(e) => setPosition(e.target.value as Position)}>
                {POSITIONS.map((p) => (
                  <option key={p} value={p}>
                    {t(`position_${p}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
        </fieldset>
        {busy && <ProgressBar label={t('progressSigning')} fraction={null} />}
        <div className="dialog-actions">
          <button type="button" className="plain" onClick={onClose} disabled={busy}>
            {t('close')}
          </button>
          <button type="submit" className="primary" disabled={!ready}>
            {busy ? t('signing') : t('sign')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
