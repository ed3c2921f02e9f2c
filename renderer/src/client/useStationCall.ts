// One contract call at a time for a part of a screen: busy while it runs, its coded error kept
// for the banner (the message says what to do next), nothing else swallowed.
import { useCallback, useState } from 'react';
import type { WireError } from '../../../electron/contract';
import { StationCallError } from './client';

export function useStationCall() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const run = useCallback(async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await work();
    } catch (e) {
      if (!(e instanceof StationCallError)) throw e;
      setError(e.error);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, clearError: useCallback(() => setError(null), []), run };
}
