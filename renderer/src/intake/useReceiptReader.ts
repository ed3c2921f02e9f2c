// Reading the dossier code from the citizen's receipt: one page scanned on the counter's scanner,
// then the core finds the QR code or barcode on it (and does not keep the image); or an image
// file already on this computer (a scanner's folder, a photo).
import { useCallback, useEffect, useRef } from 'react';
import type { Device, ReceiptRead } from '../../../electron/contract';
import { StationCallError } from '../client/client';
import { useClient } from '../client/context';
import { useStationCall } from '../client/useStationCall';

type Ending = { ok: true; documentId: string } | { ok: false; error: StationCallError };

export function useReceiptReader() {
  const client = useClient();
  const { run, busy, error, clearError } = useStationCall();
  /** Jobs that ended, by id: the end may arrive before scan.start has answered. */
  const ended = useRef(new Map<string, Ending>());
  const waiting = useRef(new Map<string, (e: Ending) => void>());

  useEffect(
    () =>
      client.subscribe((name, payload) => {
        if (name !== 'scan.done' && name !== 'scan.failed') return;
        const p = payload as { jobId: string; documentId: string; error?: StationCallError['error'] };
        const ending: Ending = name === 'scan.done' ? { ok: true, documentId: p.documentId } : { ok: false, error: new StationCallError(p.error!) };
        const resolve = waiting.current.get(p.jobId);
        if (resolve) resolve(ending);
        else ended.current.set(p.jobId, ending);
      }),
    [client],
  );

  const scan = useCallback(
    (device: Device): Promise<ReceiptRead | undefined> =>
      run(async () => {
        const source = device.sources[0];
        // Grey is enough to read a code; a scanner that has no grey mode scans in what it has.
        const mode = source?.modes.includes('gray') ? 'gray' : (source?.modes[0] ?? 'color');
        const started = await client.call('scan.start', { device: device.id, source: source?.source ?? 'flatbed', paper: { preset: 'a4' }, dpi: 200, mode, pages: 1 });
        const ending = ended.current.get(started.jobId) ?? (await new Promise<Ending>((r) => waiting.current.set(started.jobId, r)));
        ended.current.delete(started.jobId);
        waiting.current.delete(started.jobId);
        if (!ending.ok) throw ending.error;
        return client.call('intake.readReceipt', { documentId: ending.documentId });
      }),
    [run, client],
  );

  const file = useCallback((path: string) => run(() => client.call('intake.readReceipt', { path })), [run, client]);

  return { scan, file, busy, error, clearError };
}
