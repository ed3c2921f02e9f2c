// The turn and crop of a page already decoded into memory (decoded-page.ts), in one pass: each
// pixel of the stored box is read back from the capture by bilinear interpolation, as sharp's
// rotate does. Measured on an A4 300 dpi colour page turned by 1.7° (CPU, one thread): sharp's
// rotate renders the whole turned canvas into memory (it calls copy_memory) before the crop, ≈ 175
// ms; this pass computes only the pixels kept, ≈ 120 ms, and the encoder then reads plain pixels.
// The geometry is analysis/geometry.ts's (mapPoint): the turned canvas is rotatedSize of the page,
// its centre the page's centre; outside the capture is white, as the scanner's paper would be.
import type { RawImage } from './analysis/raster';
import type { Box } from './analysis';
import { rotatedSize } from './analysis/raster';

/** Fixed point: 16 fractional bits for the source position (a page of 32 000 px still fits). */
const ONE = 65536;

/** Whether turnAndCrop can take the page: its fixed-point positions hold 15 bits of whole pixels. */
export function fitsTurnRaw(raw: RawImage): boolean {
  return raw.width < 32_000 && raw.height < 32_000;
}

/** The pixels of `box` (whole px, inside the canvas) of `raw` turned clockwise by `degrees`; the
 * canvas is the turned page's bounding box (geometry.ts straightenedSize: rotatedSize by default). */
export function turnAndCrop(raw: RawImage, degrees: number, box: Box, canvas = rotatedSize(raw.width, raw.height, degrees)): Buffer {
  const { width: w, height: h, channels, data: src } = raw;
  const bw = box.width, bh = box.height;
  const out = Buffer.allocUnsafe(bw * bh * channels);
  const r = (degrees * Math.PI) / 180, c = Math.cos(r), s = Math.sin(r);
  const dc = Math.round(c * ONE), ds = Math.round(s * ONE);
  const stride = w * channels;
  for (let y = 0; y < bh; y++) {
    // inverse map of the pixel centre (x + ½, y + ½) of the canvas into the capture, less ½: the
    // position whose four neighbours are interpolated; recomputed each row, so no error builds up
    const dy = box.top + y + 0.5 - canvas.height / 2;
    const dx = box.left + 0.5 - canvas.width / 2;
    const sx0 = Math.round((c * dx + s * dy + w / 2 - 0.5) * ONE);
    const sy0 = Math.round((-s * dx + c * dy + h / 2 - 0.5) * ONE);
    const [lo, hi] = insideRun(sx0, dc, w - 1, sy0, -ds, h - 1, bw);
    const row = y * bw * channels;
    out.fill(255, row, row + lo * channels);
    out.fill(255, row + hi * channels, row + bw * channels);
    let sx = sx0 + lo * dc, sy = sy0 - lo * ds, o = row + lo * channels;
    if (channels === 3) {
      for (let x = lo; x < hi; x++, sx += dc, sy -= ds, o += 3) {
        const fx = (sx >> 8) & 255, fy = (sy >> 8) & 255, gx = 256 - fx, gy = 256 - fy;
        const a00 = gx * gy, a01 = fx * gy, a10 = gx * fy, a11 = fx * fy;
        const i = (sy >> 16) * stride + (sx >> 16) * 3, j = i + stride;
        out[o] = (src[i]! * a00 + src[i + 3]! * a01 + src[j]! * a10 + src[j + 3]! * a11 + 32768) >> 16;
        out[o + 1] = (src[i + 1]! * a00 + src[i + 4]! * a01 + src[j + 1]! * a10 + src[j + 4]! * a11 + 32768) >> 16;
        out[o + 2] = (src[i + 2]! * a00 + src[i + 5]! * a01 + src[j + 2]! * a10 + src[j + 5]! * a11 + 32768) >> 16;
      }
    } else {
      for (let x = lo; x < hi; x++, sx += dc, sy -= ds, o++) {
        const fx = (sx >> 8) & 255, fy = (sy >> 8) & 255, gx = 256 - fx, gy = 256 - fy;
        const i = (sy >> 16) * stride + (sx >> 16), j = i + stride;
        out[o] = (src[i]! * gx * gy + src[i + 1]! * fx * gy + src[j]! * gx * fy + src[j + 1]! * fx * fy + 32768) >> 16;
      }
    }
  }
  return out;
}

/** The run [lo, hi) of x in [0, n) for which x0 + x·dx lies in [0, maxX) and y0 + x·dy in
 * [0, maxY) (fixed point): there the four neighbours are all inside the capture. Outside it the
 * pixel is white (a one-pixel rim of the capture included, as with sharp's background). */
export function insideRun(x0: number, dx: number, maxX: number, y0: number, dy: number, maxY: number, n: number): [number, number] {
  let lo = 0, hi = n;
  for (const [start, step, max] of [[x0, dx, maxX * ONE], [y0, dy, maxY * ONE]] as const) {
    if (step === 0) {
      if (start < 0 || start >= max) return [0, 0];
      continue;
    }
    // start + x·step ≥ 0 and < max
    const a = -start / step, b = (max - start) / step;
    const from = step > 0 ? a : b, to = step > 0 ? b : a;
    lo = Math.max(lo, Math.ceil(from));
    hi = Math.min(hi, Math.ceil(to));
  }
  // at the ends of the run, the rounding of the bounds may leave a position one step outside
  while (lo < hi && !inside(x0 + lo * dx, maxX, y0 + lo * dy, maxY)) lo++;
  while (hi > lo && !inside(x0 + (hi - 1) * dx, maxX, y0 + (hi - 1) * dy, maxY)) hi--;
  return [lo, Math.max(lo, hi)];
}

function inside(sx: number, maxX: number, sy: number, maxY: number): boolean {
  return sx >= 0 && sy >= 0 && sx >> 16 < maxX && sy >> 16 < maxY;
}
