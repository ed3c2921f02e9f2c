// One wizard step's call: busy while it runs, the station's refusal kept to show beside the form.
import { useState } from 'react';
import type { WireError } from '../../../electron/contract';
import { StationCallError } from '../client/client';

export function useStepCall() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const run = async <T,>(call: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      return await call();
    } catch (e) {
      if (!(e instanceof StationCallError)) throw e;
      setError(e.error);
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, dismiss: () => setError(null), run };
}
