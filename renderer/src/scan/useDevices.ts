import { useCallback, useEffect, useState } from 'react';
import type { Device, WireError } from '../../../electron/contract';
import { StationCallError } from '../client/client';
import { useClient } from '../client/context';

export function useDevices(onError: (e: WireError) => void) {
  const client = useClient();
  const [devices, setDevices] = useState<Device[] | null>(null);
  const reload = useCallback(async () => {
    setDevices(null);
    try {
      setDevices(await client.call('devices.list', {}));
    } catch (e) {
      setDevices([]);
      if (e instanceof StationCallError) onError(e.error);
      else throw e;
    }
  }, [client, onError]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { devices, reload };
}
