// Counter intake (tiếp nhận hồ sơ), the officer's first screen: open the dossier, work through its
// checklist, sign, print the receipt, next citizen.
import { useCallback, useState } from 'react';
import type { Checklist, IntakeReceipt, WireError } from '../../../electron/contract';
import { ErrorBanner } from '../common/ErrorBanner';
import { useI18n } from '../i18n';
import { ChecklistView } from './ChecklistView';
import { OpenDossier } from './OpenDossier';
import { ReceiptPage } from './ReceiptPage';
import { useIntakeScanner } from './useIntakeScanner';

/** `shown`: the tab is on screen (it stays mounted while hidden, keeping a dossier in progress). */
export function IntakeScreen({ shown }: { shown: boolean }) {
  const { t } = useI18n();
  const [deviceError, setDeviceError] = useState<WireError | null>(null);
  const onDeviceError = useCallback((e: WireError) => setDeviceError(e), []);
  const scanner = useIntakeScanner(onDeviceError);
  const [list, setList] = useState<Checklist | null>(null);
  const [receipt, setReceipt] = useState<IntakeReceipt | null>(null);
  // A new form for each citizen: remounting clears every field.
  const [round, setRound] = useState(0);
  const next = () => {
    setList(null);
    setReceipt(null);
    setRound((r) => r + 1);
  };

  return (
    <div className="intake-screen">
      <div className="intake-bar no-print">
        {deviceError && <ErrorBanner error={deviceError} onDismiss={() => setDeviceError(null)} />}
        {scanner.devices && scanner.devices.length > 0 && (
          <label className="field-inline small">
            <span>{t('scanner')}</span>
            <select value={scanner.device?.id ?? ''} onChange={(e) => scanner.choose(e.target.value)}>
              {scanner.devices.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.vendor} {d.model}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {receipt ? (
        <ReceiptPage receipt={receipt} onNext={next} />
      ) : list ? (
        <ChecklistView list={list} device={scanner.device} onChange={setList} onReceipt={setReceipt} onClose={next} />
      ) : (
        <OpenDossier key={round} shown={shown} device={scanner.device} onOpened={setList} />
      )}
    </div>
  );
}
