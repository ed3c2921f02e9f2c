// How the officer is told to lay each part of a large sheet (renderer/src/scan/tiled/placement.ts),
// from the station's own plans: a corner part into the same corner of the glass, an edge part
// against that edge, a middle part over the glass; a sheet laid turned (its left edge toward the
// glass's top) puts every corner and edge a quarter turn further round.
import { describe, expect, it } from 'vitest';
import { planTiles } from '../../electron/core/stitching/plan';
import { placementOf } from '../../renderer/src/scan/tiled/placement';

const A4_GLASS = { widthMm: 215.9, heightMm: 296.9 };

describe('where each part of a large sheet is laid on the glass', () => {
  it('500 × 700 mm straight on an A3 glass: the four corners, as they are', () => {
    const plan = planTiles({ name: 'custom', widthMm: 500, heightMm: 700 }, 'portrait', { widthMm: 297, heightMm: 420 });
    expect([plan.turned, plan.count]).toEqual([false, 4]);
    expect(plan.parts.map((p) => placementOf(plan, p))).toEqual([
      { kind: 'corner', sheet: 'tl', glass: 'tl' },
      { kind: 'corner', sheet: 'tr', glass: 'tr' },
      { kind: 'corner', sheet: 'br', glass: 'br' }, // the snake: the second row starts at the right
      { kind: 'corner', sheet: 'bl', glass: 'bl' },
    ]);
  });

  it('A3 turned on an A4 glass: corners and the middle edge a quarter turn round', () => {
    const plan = planTiles({ name: 'a3', widthMm: 297, heightMm: 420 }, 'portrait', A4_GLASS);
    expect([plan.turned, plan.count]).toEqual([true, 3]);
    expect(plan.parts.map((p) => placementOf(plan, p))).toEqual([
      { kind: 'corner', sheet: 'tl', glass: 'tr' },
      { kind: 'edge', sheet: 'left', glass: 'top' },
      { kind: 'corner', sheet: 'bl', glass: 'tl' },
    ]);
  });

  it('A0 on an A4 glass: edge parts along the edges, middle parts over the glass', () => {
    const plan = planTiles({ name: 'a0', widthMm: 841, heightMm: 1189 }, 'portrait', A4_GLASS);
    const kinds = plan.parts.map((p) => placementOf(plan, p));
    expect(kinds.filter((k) => k.kind === 'corner')).toHaveLength(4);
    expect(kinds.filter((k) => k.kind === 'inside')).toHaveLength((plan.rows - 2) * (plan.cols - 2));
    expect(kinds.filter((k) => k.kind === 'edge')).toHaveLength(plan.count - 4 - (plan.rows - 2) * (plan.cols - 2));
    const second = plan.parts[1]!; // the top row's second part: along the top edge
    expect(placementOf(plan, second)).toEqual(plan.turned ? { kind: 'edge', sheet: 'top', glass: 'right' } : { kind: 'edge', sheet: 'top', glass: 'top' });
  });
});
