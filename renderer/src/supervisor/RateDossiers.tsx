// The dossiers behind one figure of the rates: the numerator's and the denominator's, each with
// what it lacks ("Thiếu TP02, TP03"), who received it, and a way into the dossier itself.
import { useCallback, useEffect, useState } from 'react';
import { type RateDossier, type RateDossierFilter, type RateRow, formatDateTime } from '../../../electron/contract';
import { useClient } from '../client/context';
import { ErrorBanner } from '../common/ErrorBanner';
import { useI18n } from '../i18n';
import { DossierDialog } from './DossierDialog';
import { useGuard } from './useGuard';

/** What was opened: a figure of one row (or of the total) and the groups it compares. */
export interface RateFocus {
  readonly row: Pick<RateRow, 'unitCode' | 'level'> | null;
  readonly label: string;
  readonly filters: readonly RateDossierFilter[];
}

const PAGE = 50;
/** The report's row a figure belongs to, as the method takes it (nothing: every unit and level). */
const rowOf = (focus: RateFocus) => (focus.row ? { unitCode: focus.row.unitCode, level: focus.row.level } : {});

function stateOf(d: RateDossier, t: ReturnType<typeof useI18n>['t']): string {
  if (d.unknownProcedure) return t('ratesStateUnknown');
  const parts: string[] = [];
  if (d.missing.length > 0) parts.push(t('ratesStateMissing', { codes: d.missing.map((m) => m.code).join(', ') }));
  if (d.issuesResult && !d.resultDigitized) parts.push(t('ratesStateResult'));
  if (parts.length === 0) parts.push(t('ratesStateDigitized'));
  if (d.resultAwaitingStore) parts.push(t('ratesStateAwaiting'));
  if (d.catalogueVersion === null) parts.push(t('ratesStateOldCatalogue'));
  return parts.join(' · ');
}

export function RateDossiers({ period, focus, onClose }: { period: { from: string; to: string }; focus: RateFocus; onClose: () => void }) {
  const { t, lang } = useI18n();
  const client = useClient();
  const { error, setError, run: guard } = useGuard();
  const [filter, setFilter] = useState<RateDossierFilter>(focus.filters[0]!);
  const [counts, setCounts] = useState<Partial<Record<RateDossierFilter, number>>>({});
  const [shown, setShown] = useState<{ total: number; dossiers: RateDossier[] } | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  useEffect(() => setFilter(focus.filters[0]!), [focus]);
  const load = useCallback(
    (offset: number) =>
      guard(async () => {
        const page = await client.call('reports.rateDossiers', { from: period.from, to: period.to, ...rowOf(focus), filter, limit: PAGE, offset });
        setShown((before) => ({ total: page.total, dossiers: offset === 0 ? page.dossiers : [...(before?.dossiers ?? []), ...page.dossiers] }));
      }),
    [client, guard, period.from, period.to, focus, filter],
  );
  useEffect(() => void load(0), [load]);
  // Each group's size on its button, so the numerator and the denominator read side by side.
  useEffect(() => {
    void guard(async () => {
      const sizes = await Promise.all(
        focus.filters.map(async (f) => [f, (await client.call('reports.rateDossiers', { from: period.from, to: period.to, ...rowOf(focus), filter: f, limit: 1, offset: 0 })).total] as const),
      );
      setCounts(Object.fromEntries(sizes));
    });
  }, [client, guard, period.from, period.to, focus]);

  return (
    <section className="rate-dossiers" aria-label={t('ratesBehindTitle', { unit: focus.label })} data-testid="rate-dossiers">
      <header className="panel-head">
        <h3>{t('ratesBehindTitle', { unit: focus.label })}</h3>
        <div className="segmented" role="group">
          {focus.filters.map((f) => (
            <button key={f} type="button" className={f === filter ? 'selected' : undefined} aria-pressed={f === filter} onClick={() => setFilter(f)}>
              {t(`ratesFilter_${f}`, { count: counts[f] ?? '…' })}
            </button>
          ))}
        </div>
        <button type="button" className="plain" onClick={onClose}>
          {t('ratesBehindClose')}
        </button>
      </header>
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      {shown && shown.total === 0 && <p className="muted">{t('ratesNoDossiers')}</p>}
      {shown && shown.total > 0 && (
        <table className="doc-table">
          <thead>
            <tr>
              <th scope="col">{t('ratesColDossier')}</th>
              <th scope="col">{t('ratesColProcedure')}</th>
              <th scope="col">{t('ratesColReceived')}</th>
              <th scope="col">{t('ratesColOfficer')}</th>
              <th scope="col">{t('ratesColState')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {shown.dossiers.map((d) => (
              <tr key={d.code} data-testid="rate-dossier" className={d.digitized ? undefined : 'behind'}>
                <th scope="row" className="mono">
                  {d.code}
                </th>
                <td>{d.procedureName ?? d.procedureCode ?? '—'}</td>
                <td>{formatDateTime(d.receivedAt, lang)}</td>
                <td>{d.officer ?? '—'}</td>
                <td data-testid="rate-dossier-state">{stateOf(d, t)}</td>
                <td>
                  <button type="button" className="plain" onClick={() => setOpen(d.code)}>
                    {t('ratesOpenDossier')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown && shown.dossiers.length < shown.total && (
        <button type="button" className="plain" onClick={() => void load(shown.dossiers.length)}>
          {t('ratesMore', { shown: shown.dossiers.length, total: shown.total })}
        </button>
      )}
      {open && <DossierDialog code={open} onClose={() => setOpen(null)} />}
    </section>
  );
}
