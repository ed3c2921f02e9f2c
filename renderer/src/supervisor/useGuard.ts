// A station call's failure kept for an ErrorBanner (its message says what to do next), and whether
// a call is running; anything that is not a station error is a bug and is thrown on.
import { useCallback, useState } from 'react';
import type { WireError } from '../../../electron/contract';
import { StationCallError } from '../client/client';

export interface Guard {
  readonly error: WireError | null;
  readonly busy: boolean;
  setError(error: WireError | null): void;
  /** Runs the work; true when it succeeded. */
  run(work: () => Promise<void>): Promise<boolean>;
}

export function useGuard(): Guard {
  const [error, setError] = useState<WireError | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (e) {
      if (e instanceof StationCallError) {
        setError(e.error);
        return false;
      }
      throw e;
    } finally {
      setBusy(false);
    }
  }, []);
  return { error, busy, setError, run };
}
