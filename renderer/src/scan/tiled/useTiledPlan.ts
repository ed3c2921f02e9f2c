// The plan of the chosen sheet on the chosen scanner's glass, asked of the station (stitch.plan)
// whenever either changes; the last answer stays on screen while the next is on its way.
import { useEffect, useState } from 'react';
import type { SheetChoice, SheetOrientation, StitchPlanOutput, WireError } from '../../../../electron/contract';
import { StationCallError } from '../../client/client';
import { useClient } from '../../client/context';
import { type TiledChoice, sheetInput } from './tiledChoice';

export function useTiledPlan(choice: TiledChoice | null, device: string | null) {
  const client = useClient();
  const [result, setResult] = useState<StitchPlanOutput | null>(null);
  const [error, setError] = useState<WireError | null>(null);
  const sheet = choice ? sheetInput(choice) : null;
  // One string for the sheet, its orientation and the device: the effect runs when one changes.
  const key = choice && device && sheet ? JSON.stringify([sheet, choice.orientation, device]) : null;
  useEffect(() => {
    if (!key) {
      setResult(null);
      setError(null);
      return;
    }
    const [asked, orientation, scanner] = JSON.parse(key) as [SheetChoice, SheetOrientation, string];
    let current = true;
    client.call('stitch.plan', { sheet: asked, orientation, device: scanner, source: 'flatbed' }).then(
      (out) => {
        if (!current) return;
        setResult(out);
        setError(null);
      },
      (e: unknown) => {
        if (!current) return;
        if (!(e instanceof StationCallError)) throw e;
        setResult(null);
        setError(e.error);
      },
    );
    return () => {
      current = false;
    };
  }, [client, key]);
  return { result, error };
}
