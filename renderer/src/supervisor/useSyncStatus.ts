// The sync figures, kept current: fetched on open, again on every sync.changed, and every 15 s
// (rows waiting for their next attempt change state without an event from this process).
import { useCallback, useEffect, useState } from 'react';
import type { SyncStatus, WireError } from '../../../electron/contract';
import { StationCallError } from '../client/client';
import { useClient } from '../client/context';

export function useSyncStatus(): { status: SyncStatus | null; error: WireError | null; reload: () => Promise<void>; setError: (e: WireError | null) => void } {
  const client = useClient();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [error, setError] = useState<WireError | null>(null);
  const reload = useCallback(async () => {
    try {
      setStatus(await client.call('sync.status', {}));
    } catch (e) {
      if (e instanceof StationCallError) setError(e.error);
      else throw e;
    }
  }, [client]);
  useEffect(() => {
    void reload();
    const timer = setInterval(() => void reload(), 15_000);
    const off = client.subscribe((name) => {
      if (name === 'sync.changed' || name === 'documents.changed') void reload();
    });
    return () => {
      clearInterval(timer);
      off();
    };
  }, [client, reload]);
  return { status, error, reload, setError };
}
