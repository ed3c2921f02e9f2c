// The index-766 rates for a chosen period, per unit and level, against the targets; each figure
// opens to the dossiers behind it; a chart per unit and the trend by month; the same figures as
// CSV or XLSX, or as the printed report (PDF); and the reconciliation with the provincial store.
import { useCallback, useEffect, useState } from 'react';
import { type RateDossierFilter, type RateRow, type RatesReport, type WireError, formatPercent } from '../../../electron/contract';
import { StationCallError } from '../client/client';
import { useClient } from '../client/context';
import { ErrorBanner } from '../common/ErrorBanner';
import { useI18n } from '../i18n';
import { RatesChart } from './RatesChart';
import { PeriodFields, usePeriod } from './PeriodFields';
import { type RateFocus, RateDossiers } from './RateDossiers';
import { ReconcileLine } from './ReconcileLine';
import { TrendChart } from './TrendChart';
import './rates.css';

/** Which groups a figure compares: its numerator's and its denominator's dossiers. */
const FIGURE_FILTERS = {
  dossiers: ['received', 'not-digitized'],
  digitization: ['not-digitized', 'digitized', 'received'],
  electronic: ['no-electronic-result', 'electronic-result', 'issuing-result'],
  reuse: ['reused', 'received'],
  unknown: ['unknown-procedure', 'received'],
} as const satisfies Record<string, readonly RateDossierFilter[]>;
type Figure = keyof typeof FIGURE_FILTERS;

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
  const [focus, setFocus] = useState<RateFocus | null>(null);
  const [loads, setLoads] = useState(0);
  const pct = (r: number | null) => formatPercent(r, lang, 2);

  const guard = useCallback(async (work: () => Promise<void>) => {
    try {
      setError(null);
      await work();
    } catch (e) {
      if (e instanceof StationCallError) setError(e.error);
      else throw e;
    }
  }, []);
  const load = useCallback(
    () =>
      guard(async () => {
        setReport(await client.call('reports.rates', { from, to }));
        setLoads((n) => n + 1);
      }),
    [client, from, to, guard],
  );
  // Sends and new documents change the rates (an electronic result counts once it is synced).
  useEffect(() => {
    void load();
    return client.subscribe((name) => {
      if (name === 'sync.changed' || name === 'documents.changed') void load();
    });
  }, [client, load]);

  const exportAs = (format: 'csv' | 'xlsx' | 'pdf') =>
    void guard(async () => {
      const file = await client.call('reports.file', { from, to, format, lang });
      download(file.filename, file.mediaType, file.base64);
    });

  /** A figure that opens to the dossiers behind it. */
  const figure = (r: RateRow, label: string, total: boolean, which: Figure, text: string | number) => (
    <button
      type="button"
      className="figure"
      title={t('ratesOpen')}
      aria-label={`${text} — ${t('ratesOpen')}`}
      onClick={() => setFocus({ row: total ? null : { unitCode: r.unitCode, level: r.level }, label: total ? t('ratesBehindAll') : label, filters: FIGURE_FILTERS[which] })}
    >
      {text}
    </button>
  );
  const row = (r: RateRow, label: string, total = false) => (
    <tr key={label} className={total ? 'total' : undefined} data-testid="rate-row">
      <th scope="row">{label}</th>
      <td className="num">{figure(r, label, total, 'dossiers', r.dossiers)}</td>
      <td className={r.meetsTarget === false ? 'num bad' : 'num'}>{figure(r, label, total, 'digitization', pct(r.digitizationRate))}</td>
      <td className="num">{r.target === null ? '—' : pct(r.target)}</td>
      <td className="num">{figure(r, label, total, 'electronic', pct(r.electronicResultRate))}</td>
      <td className="num">{figure(r, label, total, 'reuse', pct(r.reuseRate))}</td>
      <td className="num">{figure(r, label, total, 'unknown', r.unknownProcedure)}</td>
    </tr>
  );
  // The trend's target line: the station's level when every row shares one.
  const levels = new Set(report?.rows.map((r) => r.target));
  const trendTarget = levels.size === 1 ? ([...levels][0] ?? null) : null;

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
        <button type="button" className="plain" onClick={() => exportAs('pdf')}>
          {t('ratesPdf')}
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
                <th scope="col" className="num">{t('ratesUnknownProcedure')}</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r) => row(r, `${r.unitCode ?? '—'} (${r.level ? t(`level_${r.level}`) : '—'})`))}
              {row(report.total, t('ratesTotal'), true)}
            </tbody>
          </table>
          {focus && <RateDossiers period={{ from, to }} focus={focus} onClose={() => setFocus(null)} />}
          <RatesChart rows={report.rows} />
          <TrendChart to={to} target={trendTarget} refresh={loads} />
          <ReconcileLine period={{ from, to }} />
        </>
      )}
    </section>
  );
}
