// When a camera takes a page by itself (renderer/src/scan/camera/stillness.ts): once the picture
// has been still for a second after a change — never while it moves, never twice for one page,
// and not when a hand only passed over the page without turning it.
import { describe, expect, it } from 'vitest';
import { STILL_MS, StillnessWatch } from '../../renderer/src/scan/camera/stillness';

const W = 64 * 48;
/** A page: its own pattern of dark "lines" at `shift`. */
const page = (shift: number) => Uint8Array.from({ length: W }, (_, i) => ((Math.floor(i / 64) + shift) % 6 < 2 ? 40 : 230));
/** The page with a dark hand over columns x0…x0+20. */
const hand = (base: Uint8Array, x0: number) => base.map((v, i) => (i % 64 >= x0 && i % 64 < x0 + 20 ? 50 : v));
/** Camera noise: a few grey levels either way. */
const noisy = (f: Uint8Array, seed: number) => f.map((v, i) => Math.max(0, Math.min(255, v + (((i * 7919 + seed * 104729) % 7) - 3))));

/** Feeds frames every 100 ms from t; returns the answers. */
function run(watch: StillnessWatch, frames: Uint8Array[], t0: number): string[] {
  return frames.map((f, i) => watch.feed(f, t0 + i * 100));
}
const still = (f: Uint8Array, n: number) => Array.from({ length: n }, (_, i) => noisy(f, i));
const turn = (from: Uint8Array, to: Uint8Array) => [0, 10, 20, 30, 40].map((x, i) => hand(i < 3 ? from : to, x));

describe('the stillness watch', () => {
  it('takes a turned page once, a second after the hand has gone, and not while it moves', () => {
    const watch = new StillnessWatch();
    const [a, b] = [page(0), page(3)];
    const seen = run(watch, [...still(a, 15), ...turn(a, b), ...still(b, 30)], 0);
    expect(seen.slice(0, 15).every((s) => s === 'taken')).toBe(true); // the page there when it started is not taken
    expect(seen.slice(15, 20)).toContain('moving');
    expect(seen.filter((s) => s === 'take')).toHaveLength(1);
    const at = seen.indexOf('take');
    expect((at - 20) * 100).toBeGreaterThanOrEqual(STILL_MS - 100);
    expect(seen.slice(at + 1).every((s) => s === 'taken')).toBe(true);
  });

  it('takes nothing when a hand passes over the page without turning it, or after a page taken by key', () => {
    const watch = new StillnessWatch();
    const a = page(0);
    expect(run(watch, [...still(a, 5), ...turn(a, a), ...still(a, 30)], 0)).not.toContain('take');
    const b = page(3);
    const other = new StillnessWatch();
    run(other, still(a, 5), 0);
    run(other, turn(a, b), 500);
    other.taken(b); // the officer pressed Space on the new page
    expect(run(other, still(b, 30), 1000)).not.toContain('take');
  });
});
