// The digitization rate of each unit as a bar against its target: a chart a supervisor can read
// at a glance and a screen reader can read as text (each bar is labelled).
import type { RateRow } from '../../../electron/contract';
import { useI18n } from '../i18n';

const WIDTH = 520;
const BAR = 22;
const GAP = 12;
const LABEL = 170;

export function RatesChart({ rows }: { rows: readonly RateRow[] }) {
  const { t } = useI18n();
  const plot = WIDTH - LABEL - 50;
  const height = rows.length * (BAR + GAP) + GAP;
  return (
    <svg className="rates-chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={t('ratesChart')}>
      {rows.map((r, i) => {
        const y = GAP + i * (BAR + GAP);
        const rate = r.digitizationRate ?? 0;
        const label = `${r.unitCode ?? '—'} (${r.level ? t(`level_${r.level}`) : '—'})`;
        return (
          <g key={`${r.unitCode}-${r.level}`}>
            <title>{`${label}: ${(rate * 100).toFixed(1)}%${r.target !== null ? ` / ${(r.target * 100).toFixed(0)}%` : ''}`}</title>
            <text x={0} y={y + BAR * 0.7} className="chart-label">
              {label}
            </text>
            <rect x={LABEL} y={y} width={plot} height={BAR} className="chart-track" />
            <rect x={LABEL} y={y} width={Math.max(1, rate * plot)} height={BAR} className={r.meetsTarget === false ? 'chart-bar below' : 'chart-bar'} />
            {r.target !== null && <line x1={LABEL + r.target * plot} x2={LABEL + r.target * plot} y1={y - 3} y2={y + BAR + 3} className="chart-target" />}
            <text x={LABEL + plot + 6} y={y + BAR * 0.7} className="chart-value">
              {(rate * 100).toFixed(1)}%
            </text>
          </g>
        );
      })}
    </svg>
  );
}
