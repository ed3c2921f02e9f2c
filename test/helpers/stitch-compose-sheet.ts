// Small synthetic sheets for the composition's tests (issue 18): a ground-truth page of Vietnamese
// text, a table, line drawing and a red stamp, cut into parts with known placements (types.ts's
// convention), each with its own exposure and a little scanner grain, written as the scan worker
// writes them (uncompressed TIFF) or as an imported JPEG. The registration's own generator
// (test/fixtures/large-sheet.ts) is separate; this one stays small enough for npm test.
import { join } from 'node:path';
import sharp from 'sharp';
import type { PartImage, PartPlacement } from '../../electron/core/stitching/types';

export interface RawImage {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
}

const PAPER = '#f6f3ec';
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const LINES = [
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập - Tự do - Hạnh phúc',
  'BẢN VẼ HIỆN TRẠNG THỬA ĐẤT số 127, tờ bản đồ số 15, xã Hòa Thuận',
  'Diện tích: 245,6 m²; mục đích sử dụng: đất ở tại nông thôn (ONT)',
  'Chủ sử dụng: ông Nguyễn Văn Đức, số định danh 049080001234',
  'Ranh giới thửa đất được xác định theo hiện trạng sử dụng ổn định',
  'Người đo vẽ, người kiểm tra và cán bộ địa chính xã cùng ký xác nhận',
];

/** The ground truth: `width` × `height` pixels at `dpi`. `textRowAt` (a fraction of the height)
 * puts one line of text there alone, with blank paper above and below (for the seam test). */
export async function groundTruth(width: number, height: number, dpi: number, opts: { textRowAt?: number } = {}): Promise<RawImage> {
  const pt = dpi / 72;
  const size = 11 * pt;
  const body: string[] = [];
  if (opts.textRowAt !== undefined) {
    const y = Math.round(opts.textRowAt * height);
    body.push(`<text x="${width * 0.05}" y="${y}" font-family="Liberation Serif" font-size="${size}" fill="#1b1b1b">${escape(LINES[0]! + ' ' + LINES[1]!)}</text>`);
  } else {
    const step = size * 1.6;
    for (let y = height * 0.06, i = 0; y < height * 0.45; y += step, i++) {
      body.push(`<text x="${width * 0.05}" y="${y}" font-family="Liberation Serif" font-size="${size}" fill="#1b1b1b">${escape(LINES[i % LINES.length]!)}</text>`);
    }
    // A table across the middle.
    const t0 = height * 0.5, t1 = height * 0.68, l = width * 0.06, r = width * 0.94;
    for (let k = 0; k <= 4; k++) body.push(`<line x1="${l}" y1="${t0 + ((t1 - t0) * k) / 4}" x2="${r}" y2="${t0 + ((t1 - t0) * k) / 4}" stroke="#222" stroke-width="${pt}"/>`);
    for (let k = 0; k <= 5; k++) body.push(`<line x1="${l + ((r - l) * k) / 5}" y1="${t0}" x2="${l + ((r - l) * k) / 5}" y2="${t1}" stroke="#222" stroke-width="${pt}"/>`);
    // A parcel drawing and a red stamp.
    body.push(`<polygon points="${width * 0.1},${height * 0.75} ${width * 0.55},${height * 0.72} ${width * 0.62},${height * 0.93} ${width * 0.14},${height * 0.95}" fill="none" stroke="#1a3f8f" stroke-width="${1.5 * pt}"/>`);
    body.push(`<circle cx="${width * 0.78}" cy="${height * 0.84}" r="${width * 0.09}" fill="none" stroke="#c8102e" stroke-width="${3 * pt}"/>`);
    body.push(`<text x="${width * 0.78}" y="${height * 0.845}" text-anchor="middle" font-family="Liberation Sans" font-size="${9 * pt}" fill="#c8102e">ỦY BAN NHÂN DÂN</text>`);
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${PAPER}"/>${body.join('')}</svg>`;
  const { data, info } = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: 3 };
}

/** The placement that puts a part's centre at sheet pixel (cx, cy), turned by `angleDeg`. */
export function centredAt(index: number, cx: number, cy: number, width: number, height: number, angleDeg: number): PartPlacement {
  const r = (angleDeg * Math.PI) / 180;
  const c = Math.cos(r), s = Math.sin(r);
  return { index, angleDeg, dx: cx - (c * width / 2 - (s * height) / 2), dy: cy - ((s * width) / 2 + (c * height) / 2) };
}

export interface PartSpec {
  readonly placement: PartPlacement;
  readonly width: number;
  readonly height: number;
  /** The part's own exposure: value · gain + offset. */
  readonly gain?: number;
  readonly offset?: number;
  readonly format?: 'tiff' | 'jpeg';
}

/** Cuts the parts out of the ground truth (bilinear, as a scanner's optics would see the turned
 * paper; the glass beyond the sheet reads as the lid's white), with exposure and grain. */
export async function cutParts(dir: string, truth: RawImage, specs: readonly PartSpec[], dpi: number, noise = 2): Promise<PartImage[]> {
  const out: PartImage[] = [];
  let seed = 12345;
  const grain = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return (seed / 0x7fffffff - 0.5) * 2 * noise;
  };
  for (const spec of specs) {
    const { placement: p, width, height } = spec;
    const C = truth.channels;
    const data = Buffer.alloc(width * height * C);
    const r = (p.angleDeg * Math.PI) / 180;
    const c = Math.cos(r), s = Math.sin(r);
    const gain = spec.gain ?? 1, offset = spec.offset ?? 0;
    for (let v = 0; v < height; v++) {
      for (let u = 0; u < width; u++) {
        const x = c * u - s * v + p.dx;
        const y = s * u + c * v + p.dy;
        const at = (v * width + u) * C;
        if (x < 0 || y < 0 || x > truth.width - 1 || y > truth.height - 1) {
          for (let k = 0; k < C; k++) data[at + k] = clamp(252 * gain + offset + grain());
          continue;
        }
        const ix = Math.floor(x), iy = Math.floor(y);
        const fx = x - ix, fy = y - iy;
        const ix1 = Math.min(truth.width - 1, ix + 1), iy1 = Math.min(truth.height - 1, iy + 1);
        for (let k = 0; k < C; k++) {
          const t = truth.data;
          const a = t[(iy * truth.width + ix) * C + k]! * (1 - fx) + t[(iy * truth.width + ix1) * C + k]! * fx;
          const b = t[(iy1 * truth.width + ix) * C + k]! * (1 - fx) + t[(iy1 * truth.width + ix1) * C + k]! * fx;
          data[at + k] = clamp((a * (1 - fy) + b * fy) * gain + offset + grain());
        }
      }
    }
    const image = sharp(data, { raw: { width, height, channels: C } });
    const path = join(dir, `part-${p.index}.${spec.format === 'jpeg' ? 'jpg' : 'tif'}`);
    if (spec.format === 'jpeg') await image.jpeg({ quality: 95 }).toFile(path);
    else await image.tiff({ compression: 'none', xres: dpi / 25.4, yres: dpi / 25.4 }).toFile(path);
    out.push({ index: p.index, path, dpi, widthPx: width, heightPx: height });
  }
  return out;
}

const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/** An image file as greyscale pixels (sharp's luma). */
export async function greyPixels(input: string | RawImage): Promise<{ data: Buffer; width: number; height: number }> {
  const image = typeof input === 'string' ? sharp(input) : sharp(input.data, { raw: { width: input.width, height: input.height, channels: input.channels } });
  const { data, info } = await image.greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}
