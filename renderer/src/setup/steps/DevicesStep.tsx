// The station's scanner (chosen from what it sees now; SANE's test devices are marked as the
// demonstration devices they are) and, for signing with USB tokens, the token driver the station
// may load (the administrator's list: a library is code run inside the station).
import { type FormEvent, useEffect, useState } from 'react';
import type { WireError } from '../../../../electron/contract';
import { useClient } from '../../client/context';
import { ErrorBanner } from '../../common/ErrorBanner';
import { useI18n } from '../../i18n';
import { useDevices } from '../../scan/useDevices';
import { Field, described } from '../../settings/Section';
import { useStepCall } from '../useStepCall';

const ABSOLUTE = /^(\/|[A-Za-z]:[\\/]|\\\\)/;

export function DevicesStep({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const client = useClient();
  // The station's list at once (its cache), then as its probe finds it (devices.changed): a
  // scanner switched on while the administrator reads this step appears by itself.
  const [listError, setListError] = useState<WireError | null>(null);
  const { devices } = useDevices(setListError);
  const [device, setDevice] = useState('');
  const [module, setModule] = useState('');
  const [moduleProblem, setModuleProblem] = useState(false);
  const { busy, error, dismiss, run } = useStepCall();
  useEffect(() => {
    void client.call('settings.get', {}).then((s) => setModule(s.pkcs11Modules[0] ?? ''), () => undefined);
  }, [client]);
  // A real scanner first; a demonstration device only when nothing else is there. Chosen again
  // when the list changes under the choice (the scanner chosen is gone; a real one appeared while
  // only the demonstration devices were there, and the administrator had not picked one).
  const [picked, setPicked] = useState(false);
  useEffect(() => {
    if (!devices) return;
    const first = devices.find((d) => !d.demo) ?? devices[0];
    const chosen = devices.find((d) => d.id === device);
    if (!chosen || (!picked && chosen.demo && first && !first.demo)) setDevice(first?.id ?? '');
  }, [devices, device, picked]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const bad = module.trim() !== '' && !ABSOLUTE.test(module.trim());
    setModuleProblem(bad);
    if (bad) return;
    void run(async () => {
      const s = await client.call('settings.get', {});
      const modules = module.trim() ? [module.trim(), ...s.pkcs11Modules.filter((m) => m !== module.trim())] : s.pkcs11Modules;
      await client.call('settings.update', { scanDefaults: { ...s.scanDefaults, device: device || null }, pkcs11Modules: modules });
      return true;
    }).then((ok) => ok && onDone());
  };
  return (
    <form className="setup-body setup-form" onSubmit={submit} noValidate>
      {error && <ErrorBanner error={error} onDismiss={dismiss} />}
      {!error && listError && <ErrorBanner error={listError} onDismiss={() => setListError(null)} />}
      <fieldset className="setup-devices">
        <legend>{t('setupScanner')}</legend>
        {devices === null && <p className="muted">{t('setupScannerLooking')}</p>}
        {devices?.length === 0 && <p className="muted">{t('setupScannerNone')}</p>}
        {devices?.map((d) => (
          <label key={d.id} className="setup-device">
            <input type="radio" name="setup-device" value={d.id} checked={device === d.id} onChange={() => (setDevice(d.id), setPicked(true))} />
            <span>
              {d.vendor} {d.model}
              {d.demo && <em className="setup-demo-tag"> — {t('setupScannerDemo')}</em>}
              <small>{d.id}</small>
            </span>
          </label>
        ))}
      </fieldset>
      <Field id="setup-module" label="setupTokenLibrary" problem={moduleProblem ? 'setupTokenLibraryForm' : null} hint="setupTokenLibraryHint">
        <input {...described('setup-module', moduleProblem ? 'setupTokenLibraryForm' : null, true)} value={module} onChange={(e) => setModule(e.target.value)} placeholder="/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so" spellCheck={false} autoComplete="off" />
      </Field>
      <div className="setup-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('setupNext')}
        </button>
      </div>
    </form>
  );
}
