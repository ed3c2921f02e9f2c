// "Reconcile with the provincial store": the records the period counts as sent, checked one by
// one against the store's receipts; what the store does not acknowledge is named.
import { useState } from 'react';
import type { ReconcileReport } from '../../../electron/contract';
import { useClient } from '../client/context';
import { ErrorBanner } from '../common/ErrorBanner';
import { useI18n } from '../i18n';
import { useGuard } from './useGuard';

export function ReconcileLine({ period }: { period: { from: string; to: string } }) {
  const { t } = useI18n();
  const client = useClient();
  const { error, setError, busy, run } = useGuard();
  const [report, setReport] = useState<ReconcileReport | null>(null);
  return (
    <div className="reconcile" data-testid="reconcile">
      <button type="button" className="plain" disabled={busy} onClick={() => void run(async () => setReport(await client.call('reports.reconcile', period)))}>
        {busy ? t('ratesReconciling') : t('ratesReconcile')}
      </button>
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      {report && report.problems.length === 0 && <p role="status">{t('ratesReconcileOk', { checked: report.checked, confirmed: report.confirmed })}</p>}
      {report && report.problems.length > 0 && (
        <div role="status">
          <p className="bad">{t('ratesReconcileProblems', { checked: report.checked, count: report.problems.length })}</p>
          <ul>
            {report.problems.map((p) => (
              <li key={p.documentId}>
                <span className="mono">{p.dossierCode}</span> · {p.documentId.slice(0, 8)} · v{p.version} — {t(`ratesReconcile_${p.problem}`)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
