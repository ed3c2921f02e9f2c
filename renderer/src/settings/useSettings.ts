// The station's settings as the screens edit them: read once, each section's change saved through
// the core (settings.update, validated and permission-checked there), the answer kept as the truth.
import { useCallback, useEffect, useState } from 'react';
import type { Settings, SettingsUpdate, WireError } from '../../../electron/contract';
import { StationCallError } from '../client/client';
import { useClient } from '../client/context';

export interface SettingsApi {
  readonly settings: Settings | null;
  readonly loadError: WireError | null;
  /** Saves a change; the refusal, if any, for the section to show. */
  save(change: SettingsUpdate): Promise<WireError | null>;
  /** Reads them again (after a change made by another method: sync.configure). */
  reload(): Promise<void>;
}

export function useSettings(): SettingsApi {
  const client = useClient();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [loadError, setLoadError] = useState<WireError | null>(null);
  const reload = useCallback(
    () =>
      client.call('settings.get', {}).then(setSettings, (e: unknown) => {
        if (e instanceof StationCallError) setLoadError(e.error);
        else throw e;
      }),
    [client],
  );
  useEffect(() => void reload(), [reload]);
  const save = useCallback(
    async (change: SettingsUpdate) => {
      try {
        setSettings(await client.call('settings.update', change));
        return null;
      } catch (e) {
        if (e instanceof StationCallError) return e.error;
        throw e;
      }
    },
    [client],
  );
  return { settings, loadError, save, reload };
}

/** A section's save state: busy, the core's refusal, and "saved" until the next edit. */
export function useSectionSave(save: SettingsApi['save']) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const [saved, setSaved] = useState(false);
  const submit = useCallback(
    async (change: SettingsUpdate) => {
      setBusy(true);
      setSaved(false);
      const refusal = await save(change);
      setBusy(false);
      setError(refusal);
      setSaved(refusal === null);
    },
    [save],
  );
  return { busy, error, saved, submit, edited: () => setSaved(false), dismiss: () => setError(null) };
}
