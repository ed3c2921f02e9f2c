// The small working copy the analysis reads: the page reduced by sharp (libvips) to a low
// resolution, 8-bit, so that no pixel buffer of a whole large page is ever held in JavaScript.
import sharp from 'sharp';
import { StationError, errorMessage } from '../../errors';
import { countColoured } from './colour';

/** One channel, row-major, 8-bit. */
export interface Grey {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export interface WorkingCopy {
  readonly grey: Grey;
  /** Pixels of colour (colour.ts): what the colour test reads. */
  readonly colouredPixels: number;
  /** Full-resolution size of the input. */
  readonly fullWidth: number;
  readonly fullHeight: number;
  /** working px per full-resolution px */
  readonly scale: number;
  /** dots per inch of the working copy */
  readonly dpi: number;
}

/** A page already decoded, 8-bit grey or RGB (imaging/decoded-page.ts: one decoding serves the
 * analysis and the encoder). */
export interface RawImage {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
}

/** Large pages are read coarser so that the working copy stays near this many pixels (≈ 2.5 MB grey). */
const WORKING_PIXELS = 2_400_000;
const MAX_WORKING_DPI = 100;
/** The page encoder's decompression-bomb guard (A0 at 600 dpi), kept here too so that the analysis stands alone. */
const MAX_INPUT_PIXELS = 600_000_000;

/** Reads the working copy; a file sharp cannot read (corrupt, truncated, empty, too large) is a coded StationError.
 * `colour` false: the coloured pixels are not counted (colouredPixels 0), for a caller with no use for them. */
export async function readWorkingCopy(input: string | Buffer | RawImage, dpi: number, colour = true): Promise<WorkingCopy> {
  try {
    return await reduce(input, dpi, colour);
  } catch (e) {
    if (e instanceof StationError) throw e;
    const file = typeof input === 'string' ? input : '(image in memory)';
    const message = errorMessage(e);
    if (/pixel limit/i.test(message)) throw new StationError('image-too-large', { file, pixels: '>' + MAX_INPUT_PIXELS, limit: MAX_INPUT_PIXELS }, { cause: e });
    throw new StationError('import-unreadable', { file, detail: message }, { cause: e });
  }
}

async function reduce(input: string | Buffer | RawImage, dpi: number, colour: boolean): Promise<WorkingCopy> {
  const opened =
    typeof input === 'string' || Buffer.isBuffer(input)
      ? sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, sequentialRead: true, failOn: 'error' })
      : sharp(input.data, { raw: { width: input.width, height: input.height, channels: input.channels } });
  const meta = await opened.metadata();
  const fullWidth = meta.width ?? 0;
  const fullHeight = meta.height ?? 0;
  if (fullWidth <= 0 || fullHeight <= 0) throw new Error('image has no size');
  const byArea = Math.sqrt(WORKING_PIXELS / (fullWidth * fullHeight));
  const scale = Math.min(1, MAX_WORKING_DPI / Math.max(1, dpi), byArea);
  const width = Math.max(1, Math.round(fullWidth * scale));
  const height = Math.max(1, Math.round(fullHeight * scale));
  // Pixels already at the working size (the archive's examiner reduced the sheet itself): sharp
  // would only copy them through (same size, no alpha to flatten, sRGB already).
  const ready = typeof input !== 'string' && !Buffer.isBuffer(input) && input.width === width && input.height === height;
  const { data, info } = ready
    ? { data: input.data, info: { width, height, channels: input.channels } }
    : await opened
        .resize({ width, height, fit: 'fill', kernel: 'linear' })
        .flatten({ background: '#ffffff' })
        .toColourspace('srgb')
        .raw({ depth: 'uchar' })
        .toBuffer({ resolveWithObject: true });
  const channels = info.channels;
  const n = info.width * info.height;
  const grey = new Uint8Array(n);
  let colouredPixels = 0;
  if (channels >= 3) {
    for (let i = 0, p = 0; i < n; i++, p += channels) grey[i] = (data[p]! * 77 + data[p + 1]! * 150 + data[p + 2]! * 29) >> 8;
    if (colour) colouredPixels = countColoured(data, channels, info.width, info.height);
  } else {
    for (let i = 0, p = 0; i < n; i++, p += channels) grey[i] = data[p]!;
  }
  return { grey: { width: info.width, height: info.height, data: grey }, colouredPixels, fullWidth, fullHeight, scale: info.width / fullWidth, dpi: dpi * (info.width / fullWidth) };
}

/** Histogram threshold between the two main populations (Otsu). */
export function otsuThreshold(data: Uint8Array): number {
  const hist = new Float64Array(256);
  for (let i = 0; i < data.length; i++) hist[data[i]!]!++;
  let sum = 0;
  for (let v = 0; v < 256; v++) sum += v * hist[v]!;
  let sumB = 0, wB = 0, best = 0, threshold = 128;
  for (let v = 0; v < 256; v++) {
    wB += hist[v]!;
    if (wB === 0) continue;
    const wF = data.length - wB;
    if (wF === 0) break;
    sumB += v * hist[v]!;
    const mB = sumB / wB, mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) { best = between; threshold = v; }
  }
  return threshold;
}

/** The grey value of the paper: a high percentile, robust to ink and to a little dark border. */
export function paperLevel(g: Grey, mask?: Uint8Array): number {
  const hist = new Uint32Array(256);
  let count = 0;
  for (let i = 0; i < g.data.length; i++) if (!mask || mask[i]) { hist[g.data[i]!]!++; count++; }
  let acc = 0;
  for (let v = 255; v >= 0; v--) { acc += hist[v]!; if (acc >= count * 0.4) return v; }
  return 255;
}

/** Size of the canvas sharp's `rotate(degrees)` makes: the bounding box of the turned image. */
export function rotatedSize(width: number, height: number, degrees: number): { width: number; height: number } {
  const r = (degrees * Math.PI) / 180, c = Math.abs(Math.cos(r)), s = Math.abs(Math.sin(r));
  return { width: Math.round(width * c + height * s), height: Math.round(width * s + height * c) };
}

/** Rotates a grey image about its centre by `degrees` clockwise into the enlarged canvas sharp makes (bilinear, `fill` outside). */
export function rotateGrey(g: Grey, degrees: number, fill: number): Grey {
  const { width: w, height: h, data } = g;
  const size = rotatedSize(w, h, degrees);
  const ow = size.width, oh = size.height;
  const out = new Uint8Array(ow * oh);
  const r = (degrees * Math.PI) / 180, c = Math.cos(r), s = Math.sin(r);
  const cx = w / 2, cy = h / 2, ocx = ow / 2, ocy = oh / 2;
  for (let y = 0; y < oh; y++) {
    const dy = y + 0.5 - ocy;
    for (let x = 0; x < ow; x++) {
      const dx = x + 0.5 - ocx;
      // inverse map: output (x, y) comes from the input rotated back by −θ
      const sx = c * dx + s * dy + cx - 0.5, sy = -s * dx + c * dy + cy - 0.5;
      const x0 = Math.floor(sx), y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 >= w - 1 || y0 >= h - 1) { out[y * ow + x] = fill; continue; }
      const fx = sx - x0, fy = sy - y0, i = y0 * w + x0;
      const top = data[i]! + (data[i + 1]! - data[i]!) * fx;
      const bottom = data[i + w]! + (data[i + w + 1]! - data[i + w]!) * fx;
      out[y * ow + x] = top + (bottom - top) * fy;
    }
  }
  return { width: ow, height: oh, data: out };
}

/** Quarter turns clockwise. */
export function quarterTurnGrey(g: Grey, turns: 0 | 1 | 2 | 3): Grey {
  if (turns === 0) return g;
  const { width: w, height: h, data } = g;
  const ow = turns === 2 ? w : h, oh = turns === 2 ? h : w;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const v = data[y * w + x]!;
      if (turns === 1) out[x * ow + (h - 1 - y)] = v;
      else if (turns === 2) out[(h - 1 - y) * ow + (w - 1 - x)] = v;
      else out[(w - 1 - x) * ow + y] = v;
    }
  return { width: ow, height: oh, data: out };
}
