import { useState } from 'react';
import { vietnamToday } from '../../../electron/contract';
import { useI18n } from '../i18n';

export interface Period {
  readonly from: string;
  readonly to: string;
  readonly setFrom: (date: string) => void;
  readonly setTo: (date: string) => void;
}

/** A report's period, opening on this month so far (Vietnam's calendar day). */
export function usePeriod(): Period {
  const today = vietnamToday();
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  return { from, to, setFrom, setTo };
}

/** The from/to dates of a report's period (rates, officer activity): each bounds the other. */
export function PeriodFields({ period: { from, to, setFrom, setTo } }: { period: Period }) {
  const { t } = useI18n();
  return (
    <>
      <label className="field inline">
        <span>{t('ratesFrom')}</span>
        <input type="date" value={from} max={to} onChange={(e) => e.target.value && setFrom(e.target.value)} />
      </label>
      <label className="field inline">
        <span>{t('ratesTo')}</span>
        <input type="date" value={to} min={from} onChange={(e) => e.target.value && setTo(e.target.value)} />
      </label>
    </>
  );
}
