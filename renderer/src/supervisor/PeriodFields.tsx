import { useState } from 'react';
import { vietnamToday } from '../../../electron/contract';
import { DateField } from '../common/DateField';

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

/** The from/to dates of a report's period (rates, officer activity), typed dd/mm/yyyy: each bounds the other. */
export function PeriodFields({ period: { from, to, setFrom, setTo } }: { period: Period }) {
  return (
    <>
      <DateField label="ratesFrom" value={from} max={to} onChange={setFrom} />
      <DateField label="ratesTo" value={to} min={from} onChange={setTo} />
    </>
  );
}
