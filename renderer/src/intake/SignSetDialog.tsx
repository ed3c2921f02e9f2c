// Signing the dossier's set at once: the officer's configured key (their token's certificate from
// the station's allowed libraries, or their PKCS#12 file — their preferences) is shown with its
// holder and expiry, so only the PIN or password is asked (focused; Enter signs). The key can still
// be changed. The station's way of signing is the administrator's. A wrong PIN is shown with what
// the token says and the field is emptied: nothing is retried by itself.
import type { Checklist } from '../../../electron/contract';
import { useClient } from '../client/context';
import { Dialog } from '../common/Dialog';
import { ProgressBar } from '../common/ProgressBar';
import { ErrorBanner } from '../common/ErrorBanner';
import { useI18n } from '../i18n';
import { KeyChoiceFields } from '../signing/KeyChoiceFields';
import { keyOf } from '../signing/KeyFields';
import { StationWay } from '../signing/StationWay';
import { useKeyChoice } from '../signing/useKeyChoice';
import { useSigningSetup } from '../signing/useSigningSetup';
import { useStationCall } from '../client/useStationCall';

export function SignSetDialog({ list, onClose, onSigned }: { list: Checklist; onClose: () => void; onSigned: (list: Checklist) => void }) {
  const { t } = useI18n();
  const client = useClient();
  const setup = useSigningSetup();
  const choice = useKeyChoice(setup);
  const { run, busy, error, clearError } = useStationCall();
  const ready = !busy && choice.complete;

  const sign = async () => {
    const signed = await run(() => client.call('intake.signSet', { code: list.dossier.code, key: keyOf(choice.key) }));
    if (signed) {
      await setup.rememberSigned(choice.key).catch(() => undefined); // signed: a choice not kept is no failure
      onSigned(signed);
    } else choice.clearSecret();
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
        <KeyChoiceFields choice={choice} setup={setup} disabled={busy} />
        {setup.settings && <StationWay settings={setup.settings} />}
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
