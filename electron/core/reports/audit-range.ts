// The audit rows of a period found by seq, not by scanning: rows are appended under the write lock
// with the time taken inside it, so `at` rises with seq, and a binary search over the primary key
// finds where a period starts and ends in ~20 lookups instead of reading a million rows. Queries
// still check `at` itself, so a row out of order (the clock set back) is never counted wrongly; at
// worst such a row near the edge of a period is missed.
import type { Database } from 'better-sqlite3';
import type { TimeRange } from './period';

export interface SeqRange {
  /** The first seq of the period. */
  readonly from: number;
  /** The first seq after it. */
  readonly until: number;
}

export function auditSeqRange(db: Database, range: TimeRange): SeqRange {
  // Two statements: SQLite reads one end of the primary key for a lone min() or max(), but scans
  // the whole table for both in one.
  const bounds = {
    lo: db.prepare('SELECT min(seq) FROM audit').pluck().get() as number | null,
    hi: db.prepare('SELECT max(seq) FROM audit').pluck().get() as number | null,
  };
  if (bounds.lo === null || bounds.hi === null) return { from: 1, until: 1 };
  const atFrom = db.prepare('SELECT at FROM audit WHERE seq >= ? ORDER BY seq LIMIT 1').pluck();
  // The smallest seq whose row is at or after `time` (hi + 1 when none is).
  const firstAtOrAfter = (time: string) => {
    let lo = bounds.lo!;
    let hi = bounds.hi! + 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const at = atFrom.get(mid) as string | undefined;
      if (at === undefined || at >= time) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  return { from: firstAtOrAfter(range.from), until: firstAtOrAfter(range.until) };
}
