// The turn and crop of a decoded page in one pass (imaging/turn-raw.ts), which replaced sharp's
// rotate for pages decoded into memory: the geometry is the analysis's own (mapPoint), the
// interpolation bilinear like sharp's, and outside the capture is white.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { RawImage } from '../../electron/core/imaging/analysis/raster';
import { mapPoint, straightenedSize } from '../../electron/core/imaging/analysis';
import { clampBox } from '../../electron/core/imaging/apply';
import { insideRun, turnAndCrop } from '../../electron/core/imaging/turn-raw';

/** Paper with one dark square whose centre is at (cx, cy); 1 or 3 channels. */
function page(width: number, height: number, channels: 1 | 3, cx: number, cy: number): RawImage {
  const data = Buffer.alloc(width * height * channels, 230);
  for (let y = cy - 6; y < cy + 6; y++) for (let x = cx - 6; x < cx + 6; x++) for (let c = 0; c < channels; c++) data[(y * width + x) * channels + c] = 20;
  return { data, width, height, channels };
}

/** Centre of the dark pixels (first channel) of a w × h buffer. */
function darkCentre(data: Uint8Array, w: number, h: number, channels: number): { x: number; y: number } {
  let sx = 0, sy = 0, n = 0;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (data[(y * w + x) * channels]! < 125) { sx += x + 0.5; sy += y + 0.5; n++; }
  return { x: sx / n, y: sy / n };
}

describe('turning a decoded page in one pass', () => {
  for (const channels of [3, 1] as const)
    for (const [quarterTurns, deskew] of [[0, 1.7], [0, -2.3], [2, 0.8], [1, -1.1], [3, 0.4]] as const) {
      it(`puts a mark where the analysis's geometry says (${channels} channel(s), ${quarterTurns} quarter turns, ${deskew}°)`, () => {
        const raw = page(300, 420, channels, 90, 130);
        const turns = { rotateQuarterTurns: quarterTurns, deskewDegrees: deskew };
        const canvas = straightenedSize(raw.width, raw.height, turns);
        const box = clampBox({ left: 0, top: 0, width: canvas.width - 30, height: canvas.height - 25 }, canvas);
        const out = turnAndCrop(raw, quarterTurns * 90 + deskew, box, canvas);
        expect(out.length).toBe(box.width * box.height * channels);
        const found = darkCentre(out, box.width, box.height, channels);
        const expected = mapPoint(90, 130, raw.width, raw.height, { ...turns, crop: box });
        expect(Math.abs(found.x - expected.x)).toBeLessThan(0.5);
        expect(Math.abs(found.y - expected.y)).toBeLessThan(0.5);
        // the canvas's corners lie outside the capture: white, as sharp's background
        expect([...out.subarray(0, channels)]).toEqual(Array(channels).fill(255));
      });
    }

  it('gives the pixels sharp’s rotate gives, up to where the two place the canvas (a fraction of a pixel)', async () => {
    const width = 400, height = 560;
    // a smooth page (gradients, no grain): a sub-pixel shift changes little, a wrong turn much
    const data = Buffer.alloc(width * height * 3);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) for (let c = 0; c < 3; c++) data[(y * width + x) * 3 + c] = 60 + ((x * (c + 1) + y * 2) % 160) * 0.2 + Math.round(80 * Math.sin(x / 40) * Math.cos(y / 50));
    const raw: RawImage = { data, width, height, channels: 3 };
    const degrees = 1.9;
    const canvas = straightenedSize(width, height, { rotateQuarterTurns: 0, deskewDegrees: degrees });
    const box = { left: 40, top: 40, width: canvas.width - 80, height: canvas.height - 80 };
    const ours = turnAndCrop(raw, degrees, box, canvas);
    const theirs = await sharp(data, { raw: { width, height, channels: 3 } }).rotate(degrees, { background: '#ffffff' }).extract(box).raw().toBuffer();
    let diff = 0;
    for (let i = 0; i < ours.length; i++) diff += Math.abs(ours[i]! - theirs[i]!);
    expect(diff / ours.length).toBeLessThan(2);
  });

  it('keeps every sample of the run inside the capture, and leaves none out but at its very ends', () => {
    const runs: [number, number, number, number][] = [[-70_000, 65_000, 10_000, -1_200], [900_000, -66_000, 5, 1_000], [0, 0, 65_536 * 3, 0], [-1, 65_536, -1, 65_536]];
    for (const [x0, dx, y0, dy] of runs)
      for (const n of [1, 7, 40]) {
        const [lo, hi] = insideRun(x0, dx, 20, y0, dy, 20, n);
        for (let x = 0; x < n; x++) {
          const sx = x0 + x * dx, sy = y0 + x * dy;
          const inside = sx >= 0 && sy >= 0 && sx >> 16 < 20 && sy >> 16 < 20;
          if (x >= lo && x < hi) expect(inside, `x ${x}`).toBe(true);
          else if (inside) expect(x === lo - 1 || x === hi, `x ${x} of [${lo}, ${hi})`).toBe(true);
        }
      }
  });
});
