// How people read dates, times and numbers (domain.md: screens and receipts show people's
// convention, dd/mm/yyyy and 24-hour time; Vietnamese writes a decimal comma). One module for
// every screen, the receipt and the reports, so no two places disagree. Data exchanged or stored
// keeps ISO 8601 with +07:00; this module only turns it into words and back.
//
// Pure TypeScript (no Intl time zones, no node:): the renderer, the CLI and the core all use it,
// and Vietnam has no daylight saving, so its clock is UTC+7 all year.

export type DisplayLanguage = 'vi' | 'en';

const OFFSET_MS = 7 * 3600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** The Vietnam wall clock of an instant, or of a calendar date (yyyy-mm-dd) as given. */
function wallClock(value: string | Date): { y: number; m: number; d: number; hh: number; mm: number; dateOnly: boolean } | null {
  if (typeof value === 'string') {
    const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (dateOnly) return { y: Number(dateOnly[1]), m: Number(dateOnly[2]), d: Number(dateOnly[3]), hh: 0, mm: 0, dateOnly: true };
  }
  const ms = typeof value === 'string' ? Date.parse(value) : value.getTime();
  if (!Number.isFinite(ms)) return null;
  const t = new Date(ms + OFFSET_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), hh: t.getUTCHours(), mm: t.getUTCMinutes(), dateOnly: false };
}

/** 07/12/2026 — a calendar date or the Vietnam date of an instant; '—' for nothing. */
export function formatDate(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const w = wallClock(value);
  return w ? `${pad(w.d)}/${pad(w.m)}/${w.y}` : String(value);
}

/** "08:47 ngày 07/12/2026" in Vietnamese, "08:47, 07/12/2026" in English (Vietnam time). */
export function formatDateTime(value: string | Date | null | undefined, lang: DisplayLanguage): string {
  if (value === null || value === undefined || value === '') return '—';
  const w = wallClock(value);
  if (!w) return String(value);
  if (w.dateOnly) return formatDate(value);
  const time = `${pad(w.hh)}:${pad(w.mm)}`;
  const date = `${pad(w.d)}/${pad(w.m)}/${w.y}`;
  return lang === 'vi' ? `${time} ngày ${date}` : `${time}, ${date}`;
}

/** A number with the language's decimal mark and digit grouping: 12.345,6 (vi), 12,345.6 (en). */
export function formatNumber(value: number, lang: DisplayLanguage, fractionDigits = 0): string {
  if (!Number.isFinite(value)) return '—';
  const [whole, fraction] = Math.abs(value).toFixed(fractionDigits).split('.');
  const group = lang === 'vi' ? '.' : ',';
  const decimal = lang === 'vi' ? ',' : '.';
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${value < 0 && Number(whole) + Number(fraction ?? 0) > 0 ? '-' : ''}${grouped}${fraction ? decimal + fraction : ''}`;
}

/** A rate (0..1) as a percentage: 75,00% (vi), 75.00% (en); '—' when there is no rate. */
export function formatPercent(rate: number | null | undefined, lang: DisplayLanguage, fractionDigits = 1): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${formatNumber(rate * 100, lang, fractionDigits)}%`;
}

/**
 * A date typed by a person → yyyy-mm-dd, or null when it is no date. Accepts the Vietnamese
 * convention d/m/yyyy (also with '.' or '-') and ISO yyyy-mm-dd; rejects 31/02 and the like.
 */
export function parseDisplayDate(text: string): string | null {
  const s = text.trim();
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (vn) [d, m, y] = [Number(vn[1]), Number(vn[2]), Number(vn[3])];
  else return null;
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}
