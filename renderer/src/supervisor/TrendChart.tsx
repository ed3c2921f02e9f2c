// The digitization rate month by month (the last twelve months up to the period's end) against
// the unit's target: whether the unit is catching up reads from the bars at a glance; each bar is
// labelled for a screen reader and a tooltip.
import { useEffect, useState } from 'react';
import { type RatesTrend, formatPercent } from '../../../electron/contract';
import { useClient } from '../client/context';
import { useI18n } from '../i18n';
import { useGuard } from './useGuard';

const WIDTH = 560;
const HEIGHT = 170;
const LEFT = 40;
const BOTTOM = 22;

/** Twelve months back from `to`: the first day of the month eleven months before. */
function yearBefore(to: string): string {
  const [y, m] = [Number(to.slice(0, 4)), Number(to.slice(5, 7))];
  const back = m - 11 <= 0 ? { y: y - 1, m: m + 1 } : { y, m: m - 11 };
  return `${back.y}-${String(back.m).padStart(2, '0')}-01`;
}

export function TrendChart({ to, target, refresh }: { to: string; target: number | null; refresh: number }) {
  const { t, lang } = useI18n();
  const client = useClient();
  const { run } = useGuard();
  const [trend, setTrend] = useState<RatesTrend | null>(null);
  useEffect(() => {
    void run(async () => setTrend(await client.call('reports.trend', { from: yearBefore(to), to })));
  }, [client, run, to, refresh]);
  if (!trend) return null;
  const plot = HEIGHT - BOTTOM - 14;
  const slot = (WIDTH - LEFT) / trend.months.length;
  const yOf = (rate: number) => HEIGHT - BOTTOM - rate * plot;
  return (
    <figure className="trend-chart">
      <figcaption>{t('ratesTrendTitle')}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t('ratesTrendChart')}>
        {[0, 0.5, 1].map((r) => (
          <g key={r}>
            <line x1={LEFT} x2={WIDTH} y1={yOf(r)} y2={yOf(r)} className="chart-grid" />
            <text x={LEFT - 4} y={yOf(r) + 4} className="chart-axis" textAnchor="end">
              {formatPercent(r, lang, 0)}
            </text>
          </g>
        ))}
        {trend.months.map((m, i) => {
          const rate = m.total.digitizationRate;
          const month = `${m.month.slice(5, 7)}/${m.month.slice(0, 4)}`;
          const x = LEFT + i * slot;
          const label = t('ratesTrendMonth', { month, rate: formatPercent(rate, lang, 1), digitized: m.total.digitized, dossiers: m.total.dossiers });
          return (
            <g key={m.month} data-testid="trend-month">
              <title>{label}</title>
              {rate !== null && <rect x={x + slot * 0.18} y={yOf(rate)} width={slot * 0.64} height={Math.max(1, rate * plot)} className={target !== null && rate < target ? 'chart-bar below' : 'chart-bar'} />}
              <text x={x + slot / 2} y={HEIGHT - 6} className="chart-axis" textAnchor="middle">
                {m.month.slice(5, 7)}
              </text>
            </g>
          );
        })}
        {target !== null && (
          <g>
            <line x1={LEFT} x2={WIDTH} y1={yOf(target)} y2={yOf(target)} className="chart-target" />
            <text x={WIDTH - 2} y={yOf(target) - 4} className="chart-axis" textAnchor="end">
              {t('ratesTrendTarget', { rate: formatPercent(target, lang, 0) })}
            </text>
          </g>
        )}
      </svg>
    </figure>
  );
}
