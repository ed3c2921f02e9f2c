// The tiling plan (issue 18): the parts of A3…A0 and custom sheets on A4 and A3 glasses, each
// shared edge overlapping by ≥ 15 %, the whole sheet covered and nothing beyond it, the snake
// order, the glass orientation with fewer parts, and the refusals of sizes no paper has.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Device, ERRORS, type SheetOrientation, type TilePlan, type TiledSheetName, formatError } from '../../electron/contract';
import { MAX_PARTS, MIN_OVERLAP, expectedPlacement, planAxis, planTiles, scanArea } from '../../electron/core/stitching/plan';
import { stitchPlan } from '../../electron/core/stitching/plan-handler';
import { sheetSize } from '../../electron/core/stitching/sheets';
import { isStationError } from '../../electron/core/errors';
import { type TestStation, openTestStation, refused } from '../helpers/station';

const A4_GLASS = { widthMm: 210, heightMm: 297 };
const A3_GLASS = { widthMm: 297, heightMm: 420 };

const plan = (name: TiledSheetName, glass: { widthMm: number; heightMm: number }, orientation: SheetOrientation = 'portrait') => planTiles(sheetSize({ name }), orientation, glass);

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (isStationError(e)) return e.code;
    throw e;
  }
  return 'no error';
}

/** The invariants every plan keeps, checked on the millimetre grid. */
function checkPlan(p: TilePlan): void {
  const { widthMm: W, heightMm: H } = p.sheet;
  expect(p.parts).toHaveLength(p.count);
  expect(p.count).toBe(p.rows * p.cols);
  expect(p.parts.map((x) => x.number)).toEqual(Array.from({ length: p.count }, (_, i) => i + 1));
  // Each part is the glass (or the sheet, where smaller), laid straight or turned, inside the sheet.
  const [gw, gh] = p.turned ? [p.glass.heightMm, p.glass.widthMm] : [p.glass.widthMm, p.glass.heightMm];
  for (const part of p.parts) {
    expect(part.widthMm).toBeCloseTo(Math.min(gw, W), 6);
    expect(part.heightMm).toBeCloseTo(Math.min(gh, H), 6);
    expect(part.xMm).toBeGreaterThanOrEqual(0);
    expect(part.yMm).toBeGreaterThanOrEqual(0);
    expect(part.xMm + part.widthMm).toBeLessThanOrEqual(W + 0.51);
    expect(part.yMm + part.heightMm).toBeLessThanOrEqual(H + 0.51);
    const area = scanArea(p, part); // what the scanner is asked for fits its glass
    expect(area.widthMm).toBeLessThanOrEqual(p.glass.widthMm + 1e-9);
    expect(area.heightMm).toBeLessThanOrEqual(p.glass.heightMm + 1e-9);
  }
  // Every millimetre of the sheet (to its far edges) lies in some part.
  for (let x = 0; x <= W; x += W / 40)
    for (let y = 0; y <= H; y += H / 40)
      expect(
        p.parts.some((q) => x >= q.xMm - 0.51 && x <= q.xMm + q.widthMm + 0.51 && y >= q.yMm - 0.51 && y <= q.yMm + q.heightMm + 0.51),
        `(${x}, ${y}) uncovered`,
      ).toBe(true);
  // Neighbours overlap by ≥ 15 % of the part's side across their shared edge.
  for (const a of p.parts)
    for (const b of p.parts) {
      if (b.row === a.row && b.col === a.col + 1) expect((a.xMm + a.widthMm - b.xMm) / a.widthMm).toBeGreaterThanOrEqual(MIN_OVERLAP - 1e-6);
      if (b.col === a.col && b.row === a.row + 1) expect((a.yMm + a.heightMm - b.yMm) / a.heightMm).toBeGreaterThanOrEqual(MIN_OVERLAP - 1e-6);
    }
  if (p.cols > 1) expect(p.overlapX).toBeGreaterThanOrEqual(MIN_OVERLAP - 1e-9);
  else expect(p.overlapX).toBeNull();
  if (p.rows > 1) expect(p.overlapY).toBeGreaterThanOrEqual(MIN_OVERLAP - 1e-9);
  else expect(p.overlapY).toBeNull();
  // The snake: row by row from the top, each part the neighbour of the one before it.
  for (let i = 1; i < p.parts.length; i++) {
    const [a, b] = [p.parts[i - 1]!, p.parts[i]!];
    expect(Math.abs(a.row - b.row) + Math.abs(a.col - b.col), `part ${b.number} next to part ${a.number}`).toBe(1);
    expect(b.row).toBeGreaterThanOrEqual(a.row);
  }
  expect(p.fitsGlass).toBe(p.count === 1);
  expect(p.partTurnDeg).toBe(p.turned ? -90 : 0);
}

describe('the tiling plan', () => {
  // The counts a person can check by hand: n parts of side p cover L with overlaps ≥ 15 % when
  // n ≥ (L − 0.15 p) / (0.85 p); the sheet straight or turned, whichever needs fewer.
  const EXPECTED: Record<TiledSheetName, { a4: [number, boolean]; a3: [number, boolean] }> = {
    a3: { a4: [3, true], a3: [1, false] },
    a2: { a4: [8, true], a3: [3, true] },
    a1: { a4: [15, true], a3: [8, true] },
    a0: { a4: [25, false], a3: [15, true] },
  };
  for (const name of ['a3', 'a2', 'a1', 'a0'] as const) {
    for (const [glassName, glass] of [['a4', A4_GLASS], ['a3', A3_GLASS]] as const) {
      it(`plans ${name.toUpperCase()} on an ${glassName.toUpperCase()} glass, portrait and landscape`, () => {
        const [count, turned] = EXPECTED[name][glassName];
        const p = plan(name, glass);
        checkPlan(p);
        expect([p.count, p.turned]).toEqual([count, turned]);
        // Landscape is the same paper turned: as many parts, laid out the other way round.
        const l = plan(name, glass, 'landscape');
        checkPlan(l);
        expect(l.count).toBe(count);
        expect([l.sheet.widthMm, l.sheet.heightMm]).toEqual([p.sheet.heightMm, p.sheet.widthMm]);
      });
    }
  }

  it('lays A0 on an A4 glass as 5 × 5 parts in a snake, each overlap equal', () => {
    const p = plan('a0', A4_GLASS);
    expect([p.cols, p.rows]).toEqual([5, 5]);
    expect(p.parts.slice(0, 7).map((x) => [x.row, x.col])).toEqual([[0, 0], [0, 1], [0, 2], [0, 3], [0, 4], [1, 4], [1, 3]]);
    // (5 · 210 − 841) / (4 · 210) and (5 · 297 − 1189) / (4 · 297)
    expect(p.overlapX).toBeCloseTo(209 / 840, 6);
    expect(p.overlapY).toBeCloseTo(296 / 1188, 6);
    expect(p.parts[4]).toMatchObject({ xMm: 631, yMm: 0, widthMm: 210, heightMm: 297 });
    expect(p.parts[24]).toMatchObject({ xMm: 631, yMm: 892, row: 4, col: 4 });
  });

  it('turns A3 on an A4 glass: three bands across the glass instead of four quarters', () => {
    const p = plan('a3', A4_GLASS);
    expect([p.cols, p.rows, p.turned]).toEqual([1, 3, true]);
    expect(p.parts.map((x) => [x.xMm, x.yMm, x.widthMm, x.heightMm])).toEqual([[0, 0, 297, 210], [0, 105, 297, 210], [0, 210, 297, 210]]);
    expect(scanArea(p, p.parts[0]!)).toEqual({ widthMm: 210, heightMm: 297 });
  });

  it('says a sheet that fits the glass is one ordinary scan', () => {
    const p = planTiles(sheetSize({ widthMm: 200, heightMm: 280 }), 'portrait', A4_GLASS);
    checkPlan(p);
    expect(p).toMatchObject({ fitsGlass: true, count: 1, turned: false, parts: [{ xMm: 0, yMm: 0, widthMm: 200, heightMm: 280 }] });
    // A landscape A4 fits an A4 glass turned.
    const landscape = planTiles(sheetSize({ widthMm: 297, heightMm: 210 }), 'landscape', A4_GLASS);
    expect(landscape).toMatchObject({ fitsGlass: true, count: 1, turned: true, partTurnDeg: -90 });
    expect(plan('a3', A3_GLASS).fitsGlass).toBe(true);
  });

  it('plans custom sizes: a long strip, a square map, a sheet narrower than the glass', () => {
    const strip = planTiles(sheetSize({ widthMm: 1000, heightMm: 200 }), 'landscape', A4_GLASS);
    checkPlan(strip);
    expect([strip.rows, strip.cols]).toEqual([1, 4]); // turned, 297 mm parts along the metre
    const square = planTiles(sheetSize({ widthMm: 700, heightMm: 700 }), 'portrait', A3_GLASS);
    checkPlan(square);
    expect(square.count).toBe(6);
    const narrow = planTiles(sheetSize({ widthMm: 150, heightMm: 900 }), 'portrait', A4_GLASS);
    checkPlan(narrow);
    expect(narrow.parts.every((x) => x.widthMm === 150)).toBe(true); // the scan area is the sheet's width, not the glass's
    expect(narrow.count).toBe(4);
    // Custom sheets are kept portrait; how they are read is the orientation.
    expect(sheetSize({ widthMm: 900, heightMm: 150 })).toEqual({ name: 'custom', widthMm: 150, heightMm: 900 });
  });

  it('spreads the parts of an axis evenly, the overlap never under the minimum', () => {
    for (let length = 211; length < 3000; length += 7.3) {
      const axis = planAxis(length, 210);
      expect(axis.overlap!).toBeGreaterThanOrEqual(MIN_OVERLAP - 1e-9);
      // One part fewer would not do.
      expect((axis.count - 1) * 210 - (axis.count - 2) * MIN_OVERLAP * 210).toBeLessThan(length + 1e-6);
      expect(axis.positions.at(-1)! + 210).toBeCloseTo(length, 1);
    }
  });

  it('gives the registration each part’s expected place as a rigid motion', () => {
    const straight = plan('a0', A4_GLASS);
    expect(expectedPlacement(straight, straight.parts[6]!, 300)).toEqual({ index: 6, angleDeg: 0, dx: (473.25 * 300) / 25.4, dy: (223 * 300) / 25.4 }); // row 1: (1189 − 297) / 4 down
    // Turned: the image's top row is the part's left edge; its last column lands on the part's top.
    const turned = plan('a3', A4_GLASS);
    const part = turned.parts[1]!;
    const m = expectedPlacement(turned, part, 254); // 10 px per mm
    expect(m.angleDeg).toBe(-90);
    const imageWidth = 2100; // the glass's 210 mm across the turned part's height
    const place = (u: number, v: number) => {
      const t = (m.angleDeg * Math.PI) / 180;
      return [Math.round(Math.cos(t) * u - Math.sin(t) * v + m.dx), Math.round(Math.sin(t) * u + Math.cos(t) * v + m.dy)];
    };
    expect(place(imageWidth - 1, 0)).toEqual([0, 1050]); // the image's top-right pixel: the part's top-left corner
    expect(place(0, 2969)).toEqual([2969, 1050 + 2099]); // its bottom-left: the part's bottom-right
  });

  it('refuses sizes no paper has, and a sheet far too large for the glass, with what to do', () => {
    for (const [w, h] of [[0, 420], [-297, 420], [297, 0], [Number.NaN, 420], [297, Number.POSITIVE_INFINITY], [5, 420], [297, 2500], [1e9, 1e9]] as const)
      expect(codeOf(() => sheetSize({ widthMm: w, heightMm: h })), `${w} × ${h}`).toBe('sheet-size-invalid');
    expect(formatError('sheet-size-invalid', { width: '0', height: '420', min: 10, max: 2000 }).message.vi).toBe(
      'Khổ giấy 0 × 420 mm không có thật. Nhập chiều rộng và chiều cao của tờ giấy theo milimét, mỗi cạnh từ 10 đến 2000 mm.',
    );
    // A0 on an ID-card reader's glass: hundreds of parts.
    expect(codeOf(() => planTiles(sheetSize({ name: 'a0' }), 'portrait', { widthMm: 86, heightMm: 54 }))).toBe('tiling-too-many-parts');
    expect(codeOf(() => planTiles(sheetSize({ name: 'a0' }), 'portrait', { widthMm: 0, heightMm: 297 }))).toBe('glass-size-unknown');
    expect(planTiles(sheetSize({ widthMm: 2000, heightMm: 2000 }), 'portrait', A4_GLASS).count).toBeLessThanOrEqual(MAX_PARTS);
    expect(ERRORS['tiling-too-many-parts'].en).toMatch(/Use a scanner with a larger glass/);
  });
});

describe('stitch.plan', () => {
  const flatbed = (width: number, height: number): Device['sources'][number] => ({
    source: 'flatbed', name: 'Flatbed', maxArea: { width, height }, minArea: null, resolutions: [300], resolutionRange: null, modes: ['color'], duplex: false,
  });
  const device = (id: string, sources: Device['sources']): Device => ({ id, driver: 'sane', vendor: 'Canon', model: `LiDE ${id}`, serial: '', demo: false, sources });
  const devices = [
    device('a4', [flatbed(216, 297)]),
    device('feeder', [{ ...flatbed(216, 356), source: 'feeder', name: 'ADF' }]),
    device('pnm', [{ ...flatbed(1, 1), maxArea: null }]),
  ];

  it('reads the glass from the scanner and compares with the A4 and A3 glasses', () => {
    const out = stitchPlan(devices, { sheet: { name: 'a0' }, orientation: 'portrait', device: 'a4', source: 'flatbed' });
    expect(out.deviceName).toBe('Canon LiDE a4');
    expect(out.plan.glass).toEqual({ widthMm: 216, heightMm: 297 });
    expect(out.plan.count).toBe(25);
    expect(out.compare.a4?.count).toBe(25);
    expect(out.compare.a3?.count).toBe(15);
    // A custom size is read as typed.
    expect(stitchPlan(devices, { sheet: { widthMm: 1189, heightMm: 841 }, orientation: 'portrait', device: 'a4', source: 'flatbed' }).plan.sheet).toMatchObject({ widthMm: 1189, heightMm: 841, orientation: 'landscape' });
  });

  it('refuses a feeder, a scanner that does not report its glass, and one that is not there', () => {
    const call = (device: string, source: 'flatbed' | 'feeder' = 'flatbed') => codeOf(() => stitchPlan(devices, { sheet: { name: 'a2' }, orientation: 'portrait', device, source }));
    expect(call('a4', 'feeder')).toBe('tiling-needs-flatbed');
    expect(call('feeder')).toBe('tiling-needs-flatbed');
    expect(call('pnm')).toBe('glass-size-unknown');
    expect(call('gone')).toBe('unknown-device');
  });

  describe('through the dispatcher', () => {
    let t: TestStation;
    beforeAll(async () => {
      t = await openTestStation();
    }, 120_000);
    afterAll(async () => {
      await t?.close();
    });

    it('plans on the test scanner’s glass and refuses nonsense with a catalogue message', async () => {
      const out = await t.call('stitch.plan', { sheet: { name: 'a0' }, device: 'sane:test:0' });
      // SANE's test scanner reports a 1.3 m glass: A0 is one ordinary scan there.
      expect(out.plan).toMatchObject({ fitsGlass: true, count: 1 });
      expect(out.compare.a4?.count).toBe(25);
      const e = await refused(t.call('stitch.plan', { sheet: { widthMm: -5, heightMm: 0 }, device: 'sane:test:0' }));
      expect(e.code).toBe('sheet-size-invalid');
      expect(e.message.en).toBe('No paper is -5 × 0 mm. Enter the sheet’s width and height in millimetres, each side from 10 to 2000 mm.');
    });
  });
});
