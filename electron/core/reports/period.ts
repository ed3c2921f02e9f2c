// A period of Vietnam dates (both included) as the half-open range of stored times it covers.
// Stored times are ISO 8601 with +07:00 and sort as text (core/time.ts), so a range is two strings.

export interface TimeRange {
  /** The first instant, as stored: `YYYY-MM-DDT00:00:00.000+07:00`. */
  readonly from: string;
  /** The first instant after the period. */
  readonly until: string;
}

const DAY_MS = 86_400_000;

export function vietnamDayRange(from: string, to: string): TimeRange {
  // Noon UTC of `to`, plus a day, keeps the calendar arithmetic clear of any offset.
  const next = new Date(Date.parse(`${to}T12:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  return { from: `${from}T00:00:00.000+07:00`, until: `${next}T00:00:00.000+07:00` };
}
