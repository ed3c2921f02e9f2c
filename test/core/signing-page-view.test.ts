// The page as seen versus the page's own space, for each /Rotate: the view's corners are the page
// corners a viewer turning the page clockwise shows there; mapping there and back is the identity;
// a strip grows the edge seen at the top; the appearance's matrix turns its box so that the /Rect
// (turned) holds it. (Poppler's renderings confirm all this in signing-placement-rotated.test.ts.)
import { describe, expect, it } from 'vitest';
import { type Box, growAtViewEdge, normaliseRotate, pageBoxToView, pageView, uprightMatrix, viewRectToPage } from '../../electron/core/signing/page-view';

const MEDIA: Box = [10, 20, 610, 820]; // 600 × 800, not at the origin

describe('the page as seen', () => {
  it('normalises /Rotate as viewers do', () => {
    expect([0, 90, 180, 270, 360, -90, 450, -270].map(normaliseRotate)).toEqual([0, 90, 180, 270, 0, 270, 90, 90]);
  });

  it('puts at the view’s top left the page corner a clockwise turn brings there', () => {
    // Turned 90° clockwise, the page's bottom left comes to the top left; turned 180°, its bottom
    // right; turned 270° (a quarter counter-clockwise), its top right.
    const expected: Record<number, [number, number]> = { 0: [10, 820], 90: [10, 20], 180: [610, 20], 270: [610, 820] };
    for (const r of [0, 90, 180, 270]) {
      const v = pageView(MEDIA, r);
      expect(v.toPage(0, 0)).toEqual(expected[r]);
      expect([v.width, v.height]).toEqual(r % 180 ? [800, 600] : [600, 800]);
      for (const [x, y] of [[10, 20], [610, 820], [100, 333], [555, 21]] as const) expect(v.toPage(...v.toView(x, y))).toEqual([x, y]);
    }
  });

  it('maps a box seen at the top right to the page and back, turned at 90 and 270', () => {
    for (const r of [0, 90, 180, 270]) {
      const v = pageView(MEDIA, r);
      const box = viewRectToPage(v, v.width - 220, 30, 200, 50);
      const [w, h] = [box[2] - box[0], box[3] - box[1]];
      expect([w, h]).toEqual(r % 180 ? [50, 200] : [200, 50]);
      expect(pageBoxToView(v, box)).toEqual({ left: v.width - 220, top: 30, w: 200, h: 50 });
    }
  });

  it('grows the MediaBox at the edge seen at the top or the bottom', () => {
    expect(growAtViewEdge(MEDIA, 0, 'top', 50)).toEqual([10, 20, 610, 870]);
    expect(growAtViewEdge(MEDIA, 90, 'top', 50)).toEqual([-40, 20, 610, 820]);
    expect(growAtViewEdge(MEDIA, 180, 'top', 50)).toEqual([10, -30, 610, 820]);
    expect(growAtViewEdge(MEDIA, 270, 'top', 50)).toEqual([10, 20, 660, 820]);
    expect(growAtViewEdge(MEDIA, 0, 'bottom', 50)).toEqual([10, -30, 610, 820]);
    expect(growAtViewEdge(MEDIA, 90, 'bottom', 50)).toEqual([10, 20, 660, 820]);
    // A box seen just above the old top lands inside the grown part.
    for (const r of [0, 90, 180, 270]) {
      const v = pageView(MEDIA, r);
      const [gx0, gy0, gx1, gy1] = growAtViewEdge(MEDIA, r, 'top', 50);
      const box = viewRectToPage(v, 100, -40, 200, 30);
      expect(box[0] >= gx0 && box[1] >= gy0 && box[2] <= gx1 && box[3] <= gy1).toBe(true);
      const inOld = box[0] >= MEDIA[0] && box[1] >= MEDIA[1] && box[2] <= MEDIA[2] && box[3] <= MEDIA[3];
      expect(inOld).toBe(false);
    }
  });

  it('turns the appearance counter-clockwise by /Rotate', () => {
    // The box's baseline direction (1, 0) must point where the view's right is in the page's space.
    for (const r of [0, 90, 180, 270]) {
      const [a, b] = uprightMatrix(r);
      const v = pageView(MEDIA, r);
      const [ox, oy] = v.toPage(0, 0);
      const [rx, ry] = v.toPage(1, 0);
      expect([a, b]).toEqual([rx - ox, ry - oy]);
    }
  });
});
