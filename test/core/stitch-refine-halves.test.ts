// ECC aligns a large overlap first at half size (refine.ts): the warp it starts from and the one
// it brings back must be the same motion between the same points, in each size's own pixels —
// a half-pixel slip here would shift every refined pair.
import { describe, expect, it } from 'vitest';
import { warpFromHalf, warpToHalf } from '../../electron/core/stitching/refine';

const apply = (m: readonly number[], x: number, y: number) => [m[0]! * x + m[1]! * y + m[2]!, m[3]! * x + m[4]! * y + m[5]!] as const;
/** Whole-size pixel x is the half-size pixel (x - 0.5) / 2 (pixels 2u and 2u + 1 average into u). */
const toHalf = (x: number) => (x - 0.5) / 2;

describe('the half-size warp of ECC’s first pass', () => {
  const theta = (3.2 * Math.PI) / 180;
  const whole = [Math.cos(theta), -Math.sin(theta), 41.7, Math.sin(theta), Math.cos(theta), -12.25];

  it('moves each point where the whole-size warp moves it, in half-size pixels', () => {
    const half = warpToHalf(whole);
    for (const [x, y] of [[0, 0], [10.5, 3], [299, 173], [123.25, 250]] as const) {
      const [wx, wy] = apply(whole, x, y);
      const [hx, hy] = apply(half, toHalf(x), toHalf(y));
      expect(hx).toBeCloseTo(toHalf(wx), 10);
      expect(hy).toBeCloseTo(toHalf(wy), 10);
    }
  });

  it('comes back to the same whole-size warp', () => {
    const back = warpFromHalf(warpToHalf(whole));
    back.forEach((v, k) => expect(v).toBeCloseTo(whole[k]!, 12));
  });
});
