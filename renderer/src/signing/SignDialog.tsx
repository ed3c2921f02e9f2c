// Signing a saved document: the person's key (remembered from last time, shown with its holder and
// expiry) and its PIN or password;
// the station's way of signing (level, timestamp, appearance) is shown, set by the administrator.
// A wrong PIN is shown with what the token says of the tries left, and the PIN field is emptied:
// the station never tries again by itself.
import { useState } from 'react';
import type { DocumentDetail, DocumentSummary, WireError } from '../../../electron/contract';
import { StationCallError } from '../client/client';
import { useClient } from '../client/context';
import { Dialog } from '../common/Dialog';
import { ProgressBar } from '../common/ProgressBar';
import { ErrorBanner } from '../common/ErrorBanner';
import { useI18n } from '../i18n';
import { KeyChoiceFields } from './KeyChoiceFields';
import { keyOf } from './KeyFields';
import { StationWay } from './StationWay';
import { useKeyChoice } from './useKeyChoice';
import { useSigningSetup } from './useSigningSetup';

export function SignDialog({ doc, onClose, onSigned }: { doc: DocumentSummary; onClose: () => void; onSigned: (doc: DocumentDetail) => void }) {
  const { t } = useI18n();
  const client = useClient();
  const setup = useSigningSetup();
  // The person's own choice, once it arrives: only its PIN or password is asked.
  const choice = useKeyChoice(setup);
  const { settings } = setup;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const ready = !busy && choice.complete;

  const sign = async () => {
    setBusy(true);
    setError(null);
    try {
      const signed = await client.call('documents.sign', { id: doc.id, key: keyOf(choice.key) });
      // Remember what worked, so that the next signature needs only the PIN.
      await setup.rememberSigned(choice.key).catch(() => undefined); // signed: a choice not kept is no failure
      onSigned(signed);
    } catch (e) {
      if (!(e instanceof StationCallError)) throw e;
      setError(e.error);
      choice.clearSecret();
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
        <KeyChoiceFields choice={choice} setup={setup} disabled={busy} />
        {settings && <StationWay settings={settings} />}
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
