// Times in Vietnam (UTC+7, no daylight saving), as the contract writes them.
const OFFSET_MS = 7 * 3600_000;

/** Now as ISO 8601 with +07:00, e.g. 2025-01-23T14:05:06.789+07:00. */
export function vietnamNow(now = Date.now()): string {
  return new Date(now + OFFSET_MS).toISOString().replace('Z', '+07:00');
}

/** Today's date in Vietnam, YYYY-MM-DD. */
export function vietnamToday(now = Date.now()): string {
  return new Date(now + OFFSET_MS).toISOString().slice(0, 10);
}
