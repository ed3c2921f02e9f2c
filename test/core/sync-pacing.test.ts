// How sync paces itself, on its own: backoff bounds with jitter, Retry-After in both of its forms
// (an HTTP date read against the store's clock, so that a station clock that is off still waits
// the time the store asked for).
import { describe, expect, it } from 'vitest';
import { backoffMs, retryAfterMs } from '../../electron/core/sync/pacing';

describe('sync pacing', () => {
  it('doubles from 2 s to a 15-minute ceiling, half of each wait random', () => {
    expect(backoffMs(0, () => 0)).toBe(1000);
    expect(backoffMs(0, () => 1)).toBe(2000);
    expect(backoffMs(3, () => 0)).toBe(8000);
    expect(backoffMs(3, () => 1)).toBe(16000);
    expect(backoffMs(40, () => 1)).toBe(15 * 60_000);
    expect(backoffMs(40, () => 0)).toBe(7.5 * 60_000);
  });

  it('reads Retry-After as seconds, or as a date on the store’s own clock', () => {
    expect(retryAfterMs({ 'retry-after': '120' }, null)).toBe(120_000);
    const storeNow = new Date('2026-11-23T10:00:00Z');
    // The station's clock is hours off; the store says "at 10:00:30 by my clock": 30 s.
    expect(retryAfterMs({ 'retry-after': 'Mon, 23 Nov 2026 10:00:30 GMT' }, storeNow)).toBe(30_000);
    expect(retryAfterMs({ 'retry-after': 'Mon, 23 Nov 2026 09:00:00 GMT' }, storeNow)).toBe(0);
    expect(retryAfterMs({ 'retry-after': '99999' }, null)).toBe(15 * 60_000);
    expect(retryAfterMs({ 'retry-after': 'soon' }, null)).toBeNull();
    expect(retryAfterMs({}, null)).toBeNull();
  });
});
