// Issue 19, page geometry (curvature flattening excepted): generated camera photos of Vietnamese
// pages with known corners (test/fixtures/camera-photos.ts) go through the station's
// correctCameraPhoto. The outline must match the true corners (IoU ≥ 0.98), the page come out at
// its true size (≤ 1 % off, with and without a chosen paper), the text land where the flat page
// has it, a spread be cut at its gutter, and each bad photo be refused with its own code.
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { correctCameraPhoto } from '../../electron/core/camera/camera-page';
import { apparentRatio } from '../../electron/core/camera/page-aspect';
import { isStationError } from '../../electron/core/errors';
import { type CameraPhotoOptions, cameraPhoto, quadIoU } from '../fixtures/camera-photos';
import { tempDir } from '../helpers/paths';

const tmp = tempDir('camera-geometry');
afterAll(() => tmp.cleanup());

/** Normalised correlation of two images' grey levels at 1/8 of the page's size (is the text where the flat page has it?). */
async function likeness(a: string, b: string): Promise<number> {
  const meta = await sharp(b).metadata();
  const [w, h] = [Math.round(meta.width! / 8), Math.round(meta.height! / 8)];
  const grey = (f: string) => sharp(f).greyscale().resize(w, h, { fit: 'fill' }).raw().toBuffer();
  const [x, y] = await Promise.all([grey(a), grey(b)]);
  const mean = (v: Buffer) => v.reduce((s, n) => s + n, 0) / v.length;
  const [mx, my] = [mean(x), mean(y)];
  let [sxy, sxx, syy] = [0, 0, 0];
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

async function refusal(opts: CameraPhotoOptions): Promise<string> {
  const truth = await cameraPhoto(tmp.path, opts);
  try {
    await correctCameraPhoto(truth.photo, { workDir: tmp.path });
    return 'accepted';
  } catch (e) {
    if (!isStationError(e)) throw e;
    return e.code;
  }
}

describe('a camera photo of one page', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: outline IoU ≥ 0.98, true size within 1 %, the text where the flat page has it`, { timeout: 120_000 }, async () => {
      const truth = await cameraPhoto(tmp.path, { seed });
      const r = await correctCameraPhoto(truth.photo, { workDir: tmp.path });
      const iou = quadIoU(r.outline, truth.corners);
      const trueRatio = truth.pageMm.width / truth.pageMm.height;
      console.log(`seed ${seed}: IoU ${iou.toFixed(4)}, aspect ${r.measures.ratio.toFixed(4)} (true ${trueRatio.toFixed(4)}, sides alone ${apparentRatio(truth.corners).toFixed(4)}), focal ${r.measures.focalPx?.toFixed(0)} (true ${truth.focalPx.toFixed(0)}), ${JSON.stringify(r.measures.timingsMs)}`);
      expect(iou).toBeGreaterThanOrEqual(0.98);
      // the aspect is measured, not read off the sides (which the tilt makes lie)
      expect(Math.abs(r.measures.ratio / trueRatio - 1)).toBeLessThanOrEqual(0.01);
      expect(r.pages).toHaveLength(1);
      const [page] = r.pages;
      expect(r.measures.size).toMatchObject({ source: 'matched', paper: 'a4' });
      const mm = { width: (page!.widthPx / page!.dpi) * 25.4, height: (page!.heightPx / page!.dpi) * 25.4 };
      expect(Math.abs(mm.width / truth.pageMm.width - 1)).toBeLessThanOrEqual(0.01);
      expect(Math.abs(mm.height / truth.pageMm.height - 1)).toBeLessThanOrEqual(0.01);
      expect((await sharp(page!.file).metadata()).density).toBe(200);
      expect(await likeness(page!.file, truth.flat[0]!)).toBeGreaterThan(0.8);
    });
  }

  it('a chosen paper sets the size; a steep tilt still gives the true aspect', { timeout: 120_000 }, async () => {
    const truth = await cameraPhoto(tmp.path, { seed: 7, tiltX: 22, tiltY: -12, turn: 4 });
    const r = await correctCameraPhoto(truth.photo, { workDir: tmp.path, paper: 'a4', dpi: 150 });
    expect(quadIoU(r.outline, truth.corners)).toBeGreaterThanOrEqual(0.98);
    expect(Math.abs(r.measures.ratio / (210 / 297) - 1)).toBeLessThanOrEqual(0.01);
    expect(r.measures.size.source).toBe('paper');
    expect([r.pages[0]!.widthPx, r.pages[0]!.heightPx]).toEqual([Math.round((210 / 25.4) * 150), Math.round((297 / 25.4) * 150)]);
  });

  it('evens the light: the paper’s brightness varies far less after than before', { timeout: 120_000 }, async () => {
    const truth = await cameraPhoto(tmp.path, { seed: 4, hotSpot: 0.35, shadow: 0.5 });
    const [even, raw] = await Promise.all([correctCameraPhoto(truth.photo, { workDir: tmp.path }), correctCameraPhoto(truth.photo, { workDir: tmp.path, evenLight: false })]);
    /** The spread of the paper's brightness: the 90th percentile of 64 blocks' brightest grey, min to max. */
    const paperSpread = async (file: string) => {
      const { data, info } = await sharp(file).greyscale().resize(64, 96, { fit: 'fill', kernel: 'nearest' }).raw().toBuffer({ resolveWithObject: true });
      void info;
      const v = [...data].sort((a, b) => a - b);
      return v[Math.floor(v.length * 0.95)]! - v[Math.floor(v.length * 0.3)]!;
    };
    const [after, before] = [await paperSpread(even.pages[0]!.file), await paperSpread(raw.pages[0]!.file)];
    console.log(`paper brightness spread: ${before} grey levels before, ${after} after`);
    expect(after).toBeLessThan(before / 3);
  });
});

describe('a camera photo of a book spread', () => {
  it('is split at its gutter into two A4 pages, each with its own text', { timeout: 120_000 }, async () => {
    const truth = await cameraPhoto(tmp.path, { seed: 11, kind: 'spread' });
    const r = await correctCameraPhoto(truth.photo, { workDir: tmp.path });
    const iou = quadIoU(r.outline, truth.corners);
    console.log(`spread: IoU ${iou.toFixed(4)}, gutter ${JSON.stringify(r.measures.gutter)}, ${JSON.stringify(r.measures.timingsMs)}`);
    expect(iou).toBeGreaterThanOrEqual(0.98);
    expect(r.pages).toHaveLength(2);
    expect(Math.abs(r.measures.gutter!.share - 0.5)).toBeLessThan(0.003);
    for (const [i, page] of r.pages.entries()) {
      expect(Math.abs(((page.widthPx / page.dpi) * 25.4) / 210 - 1)).toBeLessThanOrEqual(0.01);
      expect(Math.abs(((page.heightPx / page.dpi) * 25.4) / 297 - 1)).toBeLessThanOrEqual(0.01);
      expect(await likeness(page.file, truth.flat[i]!)).toBeGreaterThan(0.7);
    }
  });

  it('a single landscape page without a gutter stays one page', { timeout: 120_000 }, async () => {
    const truth = await cameraPhoto(tmp.path, { seed: 12, turn: 90, width: 2048, height: 1536 });
    const r = await correctCameraPhoto(truth.photo, { workDir: tmp.path });
    expect(r.pages).toHaveLength(1);
    expect(r.measures.gutter).toBeNull();
  });
});

describe('bad photos are refused with what to do', () => {
  const cases: readonly [string, CameraPhotoOptions, string][] = [
    ['no page in view', { seed: 21, fault: 'no-page' }, 'camera-no-page'],
    ['two sheets overlapping', { seed: 22, fault: 'overlap' }, 'camera-outline-not-quadrilateral'],
    ['the page runs off the frame', { seed: 23, fill: 1.1 }, 'camera-page-cut'],
    ['motion blur', { seed: 24, blurPx: 14 }, 'camera-motion-blur'],
    ['too dark', { seed: 25, exposure: 0.22 }, 'camera-too-dark'],
    ['too bright', { seed: 26, exposure: 2.6 }, 'camera-too-bright'],
  ];
  for (const [what, opts, code] of cases) {
    it(`${what}: ${code}`, { timeout: 120_000 }, async () => {
      expect(await refusal(opts)).toBe(code);
    });
  }

  it('a slight movement (2 px) is not refused', { timeout: 120_000 }, async () => {
    expect(await refusal({ seed: 27, blurPx: 2 })).toBe('accepted');
  });
});
