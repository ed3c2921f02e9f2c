// The edges of a period, in Vietnam time: a row at 23:59:59.9 belongs to its day, one at 00:00 to
// the next; the activity report and the audit viewer find a period's rows by a binary search over
// seq and must agree with the rows' own times at every edge.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestStation, openTestStation } from '../helpers/station';

let t: TestStation;
const at = (iso: string) => vi.setSystemTime(new Date(iso));

beforeAll(async () => {
  t = await openTestStation();
  vi.useFakeTimers({ toFake: ['Date'] });
  const rows: [string, string][] = [
    ['2026-02-28T16:59:59.900Z', 'Trần Thị Mai'], // 2026-02-28 23:59:59.9 in Vietnam
    ['2026-02-28T17:00:00.000Z', 'Trần Thị Mai'], // 2026-03-01 00:00
    ['2026-03-01T09:00:00.000Z', 'Lê Văn Hùng'],
    ['2026-03-02T16:59:59.999Z', 'Trần Thị Mai'], // 2026-03-02 23:59:59.999
    ['2026-03-02T17:00:00.000Z', 'Lê Văn Hùng'], // 2026-03-03 00:00
    ['2026-03-10T02:00:00.000Z', 'Trần Thị Mai'],
  ];
  for (const [when, actor] of rows) {
    at(when);
    t.station.audit.append('create', null, {}, { name: actor, userId: null, username: null });
    t.station.audit.append('sign', null, {}, { name: actor, userId: null, username: null });
  }
  vi.useRealTimers();
});

afterAll(async () => {
  vi.useRealTimers();
  await t?.close();
});

const created = async (from: string, to: string) =>
  Object.fromEntries((await t.call('reports.activity', { from, to })).rows.filter((r) => r.created > 0).map((r) => [r.name, r.created]));

describe('a period’s edges', () => {
  it('counts a row in the Vietnam day it was written, at both ends of the period', async () => {
    expect(await created('2026-02-28', '2026-02-28')).toEqual({ 'Trần Thị Mai': 1 });
    expect(await created('2026-03-01', '2026-03-02')).toEqual({ 'Trần Thị Mai': 2, 'Lê Văn Hùng': 1 });
    expect(await created('2026-03-03', '2026-03-09')).toEqual({ 'Lê Văn Hùng': 1 });
    expect(await created('2026-03-11', '2026-12-31')).toEqual({});
    expect(await created('2026-01-01', '2026-12-31')).toEqual({ 'Trần Thị Mai': 4, 'Lê Văn Hùng': 2 });
  });

  it('gives the audit viewer the same rows as the times say, for one side of a period too', async () => {
    const times = async (q: { from?: string; to?: string }) => (await t.call('audit.query', { ...q, action: 'create', limit: 500 })).entries.map((e) => e.at.slice(0, 19));
    expect(await times({ from: '2026-03-02', to: '2026-03-02' })).toEqual(['2026-03-02T23:59:59']);
    expect(await times({ from: '2026-03-03' })).toEqual(['2026-03-10T09:00:00', '2026-03-03T00:00:00']);
    expect(await times({ to: '2026-02-28' })).toEqual(['2026-02-28T23:59:59']);
  });
});
