// Sync for the supervisor: what waits and since when, what failed and why (with Retry), the last
// success, throughput, and each officer's share.
import { useState } from 'react';
import { type WireError, formatDateTime, formatNumber } from '../../../electron/contract';
import { StationCallError } from '../client/client';
import { useClient } from '../client/context';
import { ErrorBanner } from '../common/ErrorBanner';
import { ProgressBar } from '../common/ProgressBar';
import { useI18n } from '../i18n';
import { useSyncStatus } from './useSyncStatus';

export function SyncPanel() {
  const { t, lang, errorText } = useI18n();
  /** "08:47 ngày 07/12/2026", Vietnam time (contract/format.ts). */
  const time = (iso: string | null) => formatDateTime(iso, lang);
  const client = useClient();
  const { status, error, reload, setError } = useSyncStatus();
  const [busy, setBusy] = useState(false);
  // What waited when Send now was pressed: the bar counts down from it as documents go.
  const [sendingTotal, setSendingTotal] = useState<number | null>(null);

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
    } catch (e) {
      if (e instanceof StationCallError) setError(e.error as WireError);
      else throw e;
    } finally {
      setBusy(false);
      await reload();
    }
  };

  if (!status) return <section className="panel sync-panel" aria-label={t('syncTitle')}><p className="muted">{t('loading')}</p></section>;
  const c = status.counts;
  const waiting = c.pending + c.uploading + c.committing;
  const sent = sendingTotal === null ? 0 : Math.max(0, sendingTotal - waiting);
  const tiles = [
    ['syncPending', c.pending + c.uploading + c.committing, 'pending'],
    ['syncSynced', c.synced, 'ok'],
    ['syncFailed', c.failed, c.failed ? 'bad' : 'ok'],
  ] as const;
  return (
    <section className="panel sync-panel" aria-label={t('syncTitle')}>
      <header className="panel-head">
        <h2>{t('syncTitle')}</h2>
        <span className="muted">{status.url ?? t('syncNotConfigured')}</span>
        <button type="button" className="primary" disabled={busy || !status.configured} onClick={() => {
            setSendingTotal(waiting);
            void act(() => client.call('sync.run', {})).finally(() => setSendingTotal(null));
          }}
        >
          {busy ? t('syncSending') : t('syncNow')}
        </button>
      </header>
      {busy && sendingTotal !== null && <ProgressBar label={t('progressSync', { done: sent, total: sendingTotal })} fraction={sendingTotal > 0 ? sent / sendingTotal : null} />}
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      {status.blocked && (
        <div className="warning" role="alert" data-code={status.blocked.code}>
          {errorText(status.blocked)}
        </div>
      )}
      {status.clockSkewSeconds !== null && Math.abs(status.clockSkewSeconds) > 120 && <p className="warning">{t('syncClockSkew', { seconds: formatNumber(status.clockSkewSeconds, lang) })}</p>}
      <div className="tiles">
        {tiles.map(([key, n, tone]) => (
          <div key={key} className={`tile ${tone}`} data-testid={`tile-${key}`}>
            <span className="tile-n">{formatNumber(n, lang)}</span>
            <span className="tile-label">{t(key)}</span>
          </div>
        ))}
      </div>
      <dl className="facts">
        <dt>{t('syncOldest')}</dt>
        <dd>{time(status.oldestPendingAt)}</dd>
        <dt>{t('syncLast')}</dt>
        <dd>{time(status.lastSyncedAt)}</dd>
        <dt>{t('syncThroughput')}</dt>
        <dd>{status.throughputBytesPerSecond === null ? '—' : t('syncRate', { rate: formatNumber(status.throughputBytesPerSecond / 1e6, lang, 2), count: status.syncedLastHour })}</dd>
      </dl>
      {status.failures.length > 0 && (
        <>
          <div className="panel-head">
            <h3>{t('syncFailures')}</h3>
            <button type="button" className="plain" disabled={busy} onClick={() => void act(() => client.call('sync.retry', {}))}>
              {t('syncRetryAll')}
            </button>
          </div>
          <table className="doc-table">
            <thead>
              <tr>
                <th scope="col">{t('colTitle')}</th>
                <th scope="col">{t('syncReason')}</th>
                <th scope="col">{t('syncNext')}</th>
                <th scope="col">
                  <span className="sr-only">{t('colActions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {status.failures.map((f) => (
                <tr key={f.id} data-testid="sync-failure">
                  <td>
                    {f.title ?? t('untitled')} <span className="muted">v{f.version}</span>
                  </td>
                  <td>{f.error ? errorText(f.error) : '—'}</td>
                  <td>{f.nextAttemptAt ? time(f.nextAttemptAt) : t('syncNeedsPerson')}</td>
                  <td className="row-actions">
                    <button type="button" className="plain" disabled={busy} onClick={() => void act(() => client.call('sync.retry', { id: f.id }))}>
                      {t('syncRetry')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {status.byOfficer.length > 0 && (
        <>
          <h3>{t('syncByOfficer')}</h3>
          <table className="doc-table compact">
            <thead>
              <tr>
                <th scope="col">{t('syncOfficer')}</th>
                <th scope="col" className="num">{t('syncPending')}</th>
                <th scope="col" className="num">{t('syncSynced')}</th>
                <th scope="col" className="num">{t('syncFailed')}</th>
              </tr>
            </thead>
            <tbody>
              {status.byOfficer.map((o) => (
                <tr key={o.officer}>
                  <td>{o.officer}</td>
                  <td className="num">{o.pending}</td>
                  <td className="num">{o.synced}</td>
                  <td className="num">{o.failed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
