// The placement's order on page images drawn here (white paper, black bands where something is
// printed), for every corner and turn: later signatures stack away from the corner (below at the
// top, above at the bottom), right or left edges aligned; printed bands are never covered; a strip
// keeps room for three boxes, counting the blank margin beside it. (On real pages, rendered by
// poppler and signed for real: signing-placement.test.ts and signing-placement-rotated.test.ts.)
import { describe, expect, it } from 'vitest';
import type { AppearancePosition } from '../../electron/core/signing/appearance';
import { type Box, pageBoxToView, pageView } from '../../electron/core/signing/page-view';
import { type BoxPlacement, type PlacementRequest, STACKED, placeOnImage } from '../../electron/core/signing/placement';

const A4: Box = [0, 0, 595.28, 841.89];
const K = 50 / 72; // the placement's rendering: 50 dpi
const SIZE = { width: 200, height: 45 };

/** The page as seen at 50 dpi, white, with black bands (view points: left, top, width, height). */
function image(rotate: number, bands: [number, number, number, number][] = [], mediaBox: Box = A4) {
  const v = pageView(mediaBox, rotate);
  const width = Math.round(v.width * K);
  const height = Math.round(v.height * K);
  const data = new Uint8Array(width * height).fill(255);
  for (const [l, t, w, h] of bands)
    for (let y = Math.floor(t * K); y < Math.ceil((t + h) * K); y++) for (let x = Math.floor(l * K); x < Math.ceil((l + w) * K); x++) if (x >= 0 && y >= 0 && x < width && y < height) data[y * width + x] = 0;
  return { data, width, height };
}

function request(position: AppearancePosition, rotate: number, signatures: Box[], mayGrow = signatures.length === 0, mediaBox: Box = A4): PlacementRequest {
  return { pdf: new Uint8Array(), mediaBox, rotate, size: SIZE, position, occupied: signatures, signatures, mayGrow };
}

/** The box as seen (view points), to compare across turns. */
const seen = (p: BoxPlacement, rotate: number, mediaBox: Box = A4) => pageBoxToView(pageView(mediaBox, rotate), p.rect);

const overlaps = (a: { left: number; top: number; w: number; h: number }, b: [number, number, number, number]) =>
  a.left < b[0] + b[2] && b[0] < a.left + a.w && a.top < b[1] + b[3] && b[1] < a.top + a.h;

describe('stacking signatures', () => {
  for (const position of ['top-right', 'top-left', 'bottom-right', 'bottom-left'] as const)
    for (const rotate of [0, 90, 180, 270])
      it(`${position}, /Rotate ${rotate}: three boxes one after the other, away from the corner, aligned`, () => {
        const page = image(rotate);
        const placed: BoxPlacement[] = [];
        for (let i = 0; i < 3; i++) placed.push(placeOnImage(request(position, rotate, placed.map((p) => p.rect)), page));
        const boxes = placed.map((p) => seen(p, rotate));
        for (const p of placed) expect(p.mediaBox).toBeNull();
        for (const b of boxes) expect([Math.round(b.w), Math.round(b.h)]).toEqual([SIZE.width, SIZE.height]); // upright as seen
        const top = position.startsWith('top');
        const right = position.endsWith('right');
        for (let i = 1; i < 3; i++) {
          const [a, b] = [boxes[i - 1]!, boxes[i]!];
          if (top) expect(b.top).toBeGreaterThanOrEqual(a.top + a.h);
          else expect(b.top + b.h).toBeLessThanOrEqual(a.top);
          expect(Math.abs(top ? b.top - (a.top + a.h) : a.top - (b.top + b.h))).toBeLessThan(10); // a few points apart
          if (right) expect(b.left + b.w).toBeCloseTo(a.left + a.w, 0);
          else expect(b.left).toBeCloseTo(a.left, 0);
        }
      });

  it('a box never covers a printed band; below a printed band, blank space further down is taken', () => {
    // Printed: a band right under the place the second box would take.
    const band: [number, number, number, number] = [300, 90, 280, 20];
    const page = image(0, [band]);
    const first = placeOnImage(request('top-right', 0, []), page);
    const second = placeOnImage(request('top-right', 0, [first.rect]), page);
    const s = seen(second, 0);
    expect(overlaps(s, band)).toBe(false);
    expect(s.top).toBeGreaterThan(band[1] + band[3]); // still below, past the band
    expect(s.left + s.w).toBeCloseTo(seen(first, 0).left + seen(first, 0).w, 0);
  });
});

describe('the strip', () => {
  for (const rotate of [0, 90, 180, 270])
    it(`/Rotate ${rotate}: added at the top as seen, tall enough with the blank margin for ${STACKED} boxes`, () => {
      // Printed from 20 mm down, right across the top third: no room in the corner's area.
      const mm = 72 / 25.4;
      const v = pageView(A4, rotate);
      const bands: [number, number, number, number][] = [[0, 20 * mm, v.width, v.height / 3]];
      const placed = placeOnImage(request('top-right', rotate, []), image(rotate, bands));
      expect(placed.mediaBox).not.toBeNull();
      const grown = pageView(placed.mediaBox!, rotate);
      expect(grown.width).toBeCloseTo(v.width, 6); // grown at the top or the bottom as seen, not sideways
      const strip = grown.height - v.height;
      // The first box wholly in the strip (above the old top), 10 mm from the right.
      const first = seen(placed, rotate);
      expect(first.top + first.h).toBeLessThanOrEqual(0);
      expect(first.top).toBeGreaterThanOrEqual(-strip);
      expect(v.width - (first.left + first.w)).toBeCloseTo(10 * mm, 0);
      // Two more stack below it in the grown page: the rendering of the grown page is the old one
      // with a white strip on top.
      const old = image(rotate, bands);
      const shift = Math.round(strip * K);
      const data = new Uint8Array(old.width * (old.height + shift)).fill(255);
      data.set(old.data, old.width * shift);
      const grownPage = { data, width: old.width, height: old.height + shift };
      const rects = [placed.rect];
      for (let i = 1; i < STACKED; i++) {
        const next = placeOnImage({ ...request('top-right', rotate, rects, false, A4), mediaBox: placed.mediaBox! }, grownPage);
        expect(next.mediaBox).toBeNull();
        const b = seen(next, rotate);
        expect(b.top + b.h).toBeLessThanOrEqual(20 * mm); // above the print
        expect(b.left + b.w).toBeCloseTo(first.left + first.w, 0); // stacked, not beside
        rects.push(next.rect);
      }
    });
});
