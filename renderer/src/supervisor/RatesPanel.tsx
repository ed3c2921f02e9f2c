// The index-766 rates for a chosen period, per unit and level, against the targets; a chart; and
// the same figures as CSV or XLSX for the province's report.
import { useCallback, useEffect, useState } from 'react';
import { type RateRow, type RatesReport, type WireError } from '../../../electron/contract';
import { StationCallError } from '../client/client';
import { useClient } from '../client/context';
import { ErrorBanner } from '../common/ErrorBanner';
import { useI18n } from '../i18n';
import { RatesChart } from './RatesChart';
import { PeriodFields, usePeriod } from './PeriodFields';

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(2)}%`);

function download(name: string, mediaType: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mediaType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function RatesPanel() {
  const { t, lang } = useI18n();
  const client = useClient();
  const { from, to, setFrom, setTo } = usePeriod();
  const [report, setReport] = useState<RatesReport | null>(null);
  const [error, setError] = useState<WireError | null>(null);

  const guard = useCallback(async (work: () => Promise<void>) => {
    try {
      setError(null);
      await work();
    } catch (e) {
      if (e instanceof StationCallError) setError(e.error);
      else throw e;
    }
  }, []);
  const load = useCallback(() => guard(async () => setReport(await client.call('reports.rates', { from, to }))), [client, from, to, guard]);
  // Sends and new documents change the rates (an electronic result counts once it is synced).
  useEffect(() => {
    void load();
    return client.subscribe((name) => {
      if (name === 'sync.changed' || name === 'documents.changed') void load();
    });
  }, [client, load]);

  const exportAs = (format: 'csv' | 'xlsx') =>
    void guard(async () => {
      const file = await client.call('reports.file', { from, to, format, lang });
      download(file.filename, file.mediaType, file.base64);
    });

  const row = (r: RateRow, label: string, total = false) => (
    <tr key={label} className={total ? 'total' : undefined} data-testid="rate-row">
      <th scope="row">{label}</th>
      <td className="num">{r.dossiers}</td>
      <td className={r.meetsTarget === false ? 'num bad' : 'num'}>{pct(r.digitizationRate)}</td>
      <td className="num">{r.target === null ? '—' : pct(r.target)}</td>
      <td className="num">{pct(r.electronicResultRate)}</td>
      <td className="num">{pct(r.reuseRate)}</td>
    </tr>
  );

  return (
    <section className="panel rates-panel" aria-label={t('ratesTitle')}>
      <header className="panel-head">
        <h2>{t('ratesTitle')}</h2>
        <PeriodFields period={{ from, to, setFrom, setTo }} />
        <button type="button" className="plain" onClick={() => exportAs('csv')}>
          CSV
        </button>
        <button type="button" className="plain" onClick={() => exportAs('xlsx')}>
          XLSX
        </button>
      </header>
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      {report && report.total.dossiers === 0 && <p className="muted">{t('ratesNone')}</p>}
      {report && report.total.dossiers > 0 && (
        <>
          <table className="doc-table">
            <thead>
              <tr>
                <th scope="col">{t('ratesUnit')}</th>
                <th scope="col" className="num">{t('ratesDossiers')}</th>
                <th scope="col" className="num">{t('ratesDigitization')}</th>
                <th scope="col" className="num">{t('ratesTarget')}</th>
                <th scope="col" className="num">{t('ratesElectronic')}</th>
                <th scope="col" className="num">{t('ratesReuse')}</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r) => row(r, `${r.unitCode ?? '—'} (${r.level ? t(`level_${r.level}`) : '—'})`))}
              {row(report.total, t('ratesTotal'), true)}
            </tbody>
          </table>
          <RatesChart rows={report.rows} />
        </>
      )}
    </section>
  );
}
