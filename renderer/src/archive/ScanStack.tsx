// Scanning a stack into the batch: the scanner, its feeder, the resolution. The call returns when
// the feeder is empty; the progress figures come from the batch while it runs.
import { useCallback, useEffect, useState } from 'react';
import { type ArchiveBatch, type ColorMode, type SourceKind, type WireError, formatNumber } from '../../../electron/contract';
import { StationCallError } from '../client/client';
import { useClient } from '../client/context';
import { ErrorBanner } from '../common/ErrorBanner';
import { useI18n } from '../i18n';
import { useDevices } from '../scan/useDevices';
import { useStationCall } from '../client/useStationCall';

export function ScanStack({ batch, onScanning, onScanned }: { batch: ArchiveBatch; onScanning: (on: boolean) => void; onScanned: () => void }) {
  const client = useClient();
  const { t, lang, errorText } = useI18n();
  const { busy, error, setError, clearError, run } = useStationCall();
  const onDeviceError = useCallback((e: WireError) => setError(e), [setError]);
  const { devices } = useDevices(onDeviceError);
  const [device, setDevice] = useState('');
  const [dpi, setDpi] = useState(200);
  const [mode, setMode] = useState<ColorMode>('color');
  const [notice, setNotice] = useState<string | null>(null);
  // A stack wants a feeder: the first scanner that has one, else the first.
  useEffect(() => {
    const first = devices?.find((d) => d.sources.some((s) => s.source === 'feeder')) ?? devices?.[0];
    if (!device && first) setDevice(first.id);
  }, [device, devices]);
  const chosen = devices?.find((d) => d.id === device);
  const source: SourceKind = chosen?.sources.some((s) => s.source === 'feeder') ? 'feeder' : 'flatbed';

  const [scanning, setScanning] = useState(false);
  const scan = async () => {
    setNotice(null);
    clearError();
    setScanning(true);
    onScanning(true);
    try {
      const r = await client.call('archive.scan', { batchId: batch.id, device, source, dpi, mode });
      setNotice(t('archiveScanned', { pages: formatNumber(r.pages, lang), separators: formatNumber(r.separators, lang), documents: formatNumber(r.documentsStarted, lang) }));
    } catch (e) {
      if (!(e instanceof StationCallError)) throw e;
      // Stopped on purpose: not an error; the pages stored are kept.
      if (e.error.code === 'cancelled') setNotice(errorText(e.error));
      else setError(e.error);
    } finally {
      setScanning(false);
      onScanning(false);
      onScanned();
    }
  };
  const stop = () => void run(() => client.call('archive.cancelScan', { batchId: batch.id }));

  return (
    <section className="archive-scan" aria-label={t('archiveScanStack')}>
      {error && <ErrorBanner error={error} onDismiss={clearError} />}
      <label className="field">
        <span>{t('archiveScanner')}</span>
        <select value={device} onChange={(e) => setDevice(e.target.value)} disabled={scanning}>
          {(devices ?? []).map((d) => (
            <option key={d.id} value={d.id}>
              {d.vendor} {d.model} ({d.id})
            </option>
          ))}
        </select>
      </label>
      <div className="field-row archive-scan-row">
        <label className="field">
          <span>{t('archiveDpi')}</span>
          <select value={dpi} onChange={(e) => setDpi(Number(e.target.value))} disabled={scanning}>
            <option value={200}>200 dpi</option>
            <option value={300}>300 dpi</option>
          </select>
        </label>
        <label className="field">
          <span>{t('archiveMode')}</span>
          <select value={mode} onChange={(e) => setMode(e.target.value as ColorMode)} disabled={scanning}>
            <option value="color">{t('archiveModeColor')}</option>
            <option value="gray">{t('archiveModeGray')}</option>
          </select>
        </label>
      </div>
      {scanning ? (
        <button type="button" className="secondary" disabled={busy} onClick={stop}>
          {t('archiveStopScan')}
        </button>
      ) : (
        <button type="button" className="primary" disabled={!device} onClick={() => void scan()}>
          {t('archiveScanStack')}
        </button>
      )}
      {notice && <p className="notice">{notice}</p>}
    </section>
  );
}
