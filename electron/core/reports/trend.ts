// The rates month by month over a period: each calendar month (cut to the period at its ends)
// judged as its own period, so a supervisor sees whether the unit is catching up with its target.
import type { RateDossier, RatesTrend, Settings } from '../../contract';
import { ratesFrom } from './rates';

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The calendar months a period touches, each as [from, to] Vietnam dates inside the period. */
export function monthsOf(from: string, to: string): { month: string; from: string; to: string }[] {
  const out: { month: string; from: string; to: string }[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  for (;;) {
    const month = `${y}-${pad(m)}`;
    if (month > to.slice(0, 7)) return out;
    const start = `${month}-01` < from ? from : `${month}-01`;
    const end = `${month}-${pad(lastDay(y, m))}` > to ? to : `${month}-${pad(lastDay(y, m))}`;
    out.push({ month, from: start, to: end });
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
}

/** `judged`: the period's dossiers (rates.ts judgePeriod), split by the month they were received in. */
export function ratesTrend(judged: readonly RateDossier[], from: string, to: string, targets: Settings['rateTargets']): RatesTrend {
  // receivedAt is ISO with +07:00: its first seven characters are the Vietnam month.
  const byMonth = new Map<string, RateDossier[]>();
  for (const d of judged) {
    const list = byMonth.get(d.receivedAt.slice(0, 7));
    if (list) list.push(d);
    else byMonth.set(d.receivedAt.slice(0, 7), [d]);
  }
  return {
    from,
    to,
    months: monthsOf(from, to).map((m) => {
      const report = ratesFrom(byMonth.get(m.month) ?? [], m.from, m.to, targets);
      return { month: m.month, from: m.from, to: m.to, total: report.total, rows: report.rows };
    }),
  };
}
