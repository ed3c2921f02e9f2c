// The one formatting module: dates dd/mm/yyyy, 24-hour Vietnam time, decimal commas in Vietnamese,
// and dates typed by people read back to ISO.
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber, formatPercent, parseDisplayDate } from '../../electron/contract/format';

describe('display formats', () => {
  it('shows dates and times as people in Vietnam write them, on Vietnam time', () => {
    expect(formatDate('2019-03-15')).toBe('15/03/2019');
    expect(formatDate('2026-12-07T01:47:12.345Z')).toBe('07/12/2026');
    expect(formatDate('2026-12-06T23:30:00+07:00')).toBe('06/12/2026');
    expect(formatDate('2026-12-06T17:30:00Z')).toBe('07/12/2026'); // 00:30 on the 7th in Vietnam
    expect(formatDateTime('2026-12-07T08:47:12.345+07:00', 'vi')).toBe('08:47 ngày 07/12/2026');
    expect(formatDateTime('2026-12-07T01:47:12Z', 'en')).toBe('08:47, 07/12/2026');
    expect(formatDate(null)).toBe('—');
    expect(formatDateTime('not a time', 'vi')).toBe('not a time');
  });

  it('writes a decimal comma and dot grouping in Vietnamese, the reverse in English', () => {
    expect(formatPercent(0.75, 'vi', 2)).toBe('75,00%');
    expect(formatPercent(0.75, 'en', 2)).toBe('75.00%');
    expect(formatPercent(null, 'vi')).toBe('—');
    expect(formatNumber(1234567.891, 'vi', 1)).toBe('1.234.567,9');
    expect(formatNumber(1234567.891, 'en', 1)).toBe('1,234,567.9');
    expect(formatNumber(-0.04, 'vi', 1)).toBe('0,0');
    expect(formatNumber(-12.5, 'vi', 1)).toBe('-12,5');
  });

  it('reads dd/mm/yyyy and ISO dates, and refuses dates that do not exist', () => {
    expect(parseDisplayDate('15/03/2019')).toBe('2019-03-15');
    expect(parseDisplayDate(' 5/3/2019 ')).toBe('2019-03-05');
    expect(parseDisplayDate('15.03.2019')).toBe('2019-03-15');
    expect(parseDisplayDate('2019-03-15')).toBe('2019-03-15');
    expect(parseDisplayDate('31/02/2019')).toBeNull();
    expect(parseDisplayDate('03/15/2019')).toBeNull();
    expect(parseDisplayDate('15/03/19')).toBeNull();
    expect(parseDisplayDate('')).toBeNull();
  });
});
