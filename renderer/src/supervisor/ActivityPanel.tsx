// Each officer's work over a chosen period, as the core counts it from the audit log and the
// records (reports.activity): documents saved, pages, signatures, confirmed sends, reuse, errors.
// A row's button opens the audit log at that person's entries for the same period.
import { useCallback, useEffect, useState } from 'react';
import { type ActivityReport, type ActivityRow, formatDate } from '../../../electron/contract';
import { useClient } from '../client/context';
import { ErrorBanner } from '../common/ErrorBanner';
import { useI18n } from '../i18n';
import { useGuard } from './useGuard';
import { PeriodFields, usePeriod } from './PeriodFields';

export interface AuditFocus {
  readonly actor?: string;
  readonly from?: string;
  readonly to?: string;
}

export function ActivityPanel({ onShowAudit }: { onShowAudit: (focus: AuditFocus) => void }) {
  const { t } = useI18n();
  const client = useClient();
  const { from, to, setFrom, setTo } = usePeriod();
  const [report, setReport] = useState<ActivityReport | null>(null);
  const guard = useGuard();
  const { run } = guard;

  const load = useCallback(() => run(async () => setReport(await client.call('reports.activity', { from, to }))), [client, from, to, run]);
  useEffect(() => {
    void load();
    return client.subscribe((name) => {
      if (name === 'sync.changed' || name === 'documents.changed') void load();
    });
  }, [client, load]);

  const cells = (r: ActivityRow) => (
    <>
      <td className="num">{r.created}</td>
      <td className="num">{r.pages}</td>
      <td className="num">{r.signed}</td>
      <td className="num">{r.synced}</td>
      <td className="num">{r.reused}</td>
      <td className={r.errors > 0 ? 'num bad' : 'num'} title={t('actErrorsDetail', { logins: r.failedLogins, sends: r.syncErrors })}>
        {r.errors}
      </td>
    </>
  );

  return (
    <section className="panel activity-panel" aria-label={t('actTitle')}>
      <header className="panel-head">
        <h2>{t('actTitle')}</h2>
        <PeriodFields period={{ from, to, setFrom, setTo }} />
      </header>
      {guard.error && <ErrorBanner error={guard.error} onDismiss={() => guard.setError(null)} />}
      {!report && !guard.error && <p className="muted">{t('loading')}</p>}
      {report && report.rows.length === 0 && <p className="muted">{t('actNone')}</p>}
      {report && report.rows.length > 0 && (
        <table className="doc-table">
          <caption className="sr-only">{t('actCaption', { from: formatDate(report.from), to: formatDate(report.to) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('actPerson')}</th>
              <th scope="col">{t('actRole')}</th>
              <th scope="col" className="num">{t('actCreated')}</th>
              <th scope="col" className="num">{t('colPages')}</th>
              <th scope="col" className="num">{t('actSigned')}</th>
              <th scope="col" className="num">{t('actSynced')}</th>
              <th scope="col" className="num">{t('actReused')}</th>
              <th scope="col" className="num">{t('actErrors')}</th>
              <th scope="col">
                <span className="sr-only">{t('colActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr key={r.name} data-testid="activity-row">
                <th scope="row">{r.name}</th>
                <td>{r.role ? t(`role_${r.role}`) : '—'}</td>
                {cells(r)}
                <td className="row-actions">
                  <button type="button" className="plain" aria-label={t('actShowAuditOf', { name: r.name })} onClick={() => onShowAudit({ actor: r.name, from, to })}>
                    {t('actShowAudit')}
                  </button>
                </td>
              </tr>
            ))}
            <tr className="total">
              <th scope="row" colSpan={2}>
                {t('ratesTotal')}
              </th>
              {cells(report.total)}
              <td />
            </tr>
          </tbody>
        </table>
      )}
    </section>
  );
}
