// The scanners, as the station last listed them (at once, from its cache), kept current: the
// station probes again behind each answer and says `devices.changed` when the list moved, so a
// scanner plugged in or switched off appears or goes without the officer waiting on a slow
// driver. `reload` (the screens' "Tải lại") waits for a fresh probe of every driver.
import { useCallback, useEffect, useState } from 'react';
import type { Device, WireError } from '../../../electron/contract';
import { StationCallError } from '../client/client';
import { useClient } from '../client/context';

export function useDevices(onError: (e: WireError) => void) {
  const client = useClient();
  const [devices, setDevices] = useState<Device[] | null>(null);
  const load = useCallback(
    async (refresh: boolean) => {
      try {
        setDevices(await client.call('devices.list', refresh ? { refresh } : {}));
      } catch (e) {
        setDevices((shown) => shown ?? []);
        if (e instanceof StationCallError) onError(e.error);
        else throw e;
      }
    },
    [client, onError],
  );
  const reload = useCallback(async () => {
    setDevices(null);
    await load(true);
  }, [load]);
  useEffect(() => {
    void load(false);
    return client.subscribe((name) => {
      if (name === 'devices.changed') void load(false);
    });
  }, [client, load]);
  return { devices, reload };
}
