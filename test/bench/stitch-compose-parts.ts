// Parts of a large synthetic sheet for the composition's bench and memory test (issue 18): the
// sheet is an SVG (lines of Vietnamese text, a table, a parcel drawing, stamps) that is never
// rendered whole — each part is rendered on its own through its placement's inverse (librsvg draws
// only what falls on the part), so an A0 sheet at 300 dpi (140 Mpx) costs one part's memory to make.
// Parts overlap ≥ 20 %, stick out past the sheet's edges as the glass does, turn by up to ±5° and
// each has its own exposure; written as the scan worker writes them (uncompressed TIFF).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { sheetPixels } from '../../electron/core/stitching/sheet-geometry';
import type { PartImage, PartPlacement, SheetSize } from '../../electron/core/stitching/types';

export interface ComposeJob {
  readonly parts: PartImage[];
  readonly placements: PartPlacement[];
  readonly sheet: SheetSize;
  readonly dpi: number;
  readonly out: string;
  readonly bandRows?: number;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const TEXT = 'Ủy ban nhân dân xã Hòa Thuận — bản đồ địa chính thửa đất số 127, tờ số 15; diện tích 245,6 m², đất ở tại nông thôn';

/** The sheet's content in sheet pixels (no background). */
function sheetContent(width: number, height: number, dpi: number): string {
  const pt = dpi / 72;
  const body: string[] = [];
  const step = 11 * pt * 1.6;
  // Blocks of text, a table and a drawing in each cell of a 3 × 4 layout.
  for (let by = 0; by < 4; by++) {
    for (let bx = 0; bx < 3; bx++) {
      const x0 = ((bx + 0.05) * width) / 3;
      const y0 = ((by + 0.05) * height) / 4;
      const cw = (0.9 * width) / 3;
      const chh = (0.9 * height) / 4;
      for (let y = y0 + step, i = 0; y < y0 + chh * 0.45; y += step, i++) {
        body.push(`<text x="${x0}" y="${y}" font-family="Liberation Serif" font-size="${11 * pt}" fill="#1b1b1b">${escape(TEXT.slice(0, 60 + ((i * 7 + bx * 13) % 50)))}</text>`);
      }
      const t0 = y0 + chh * 0.5;
      for (let k = 0; k <= 4; k++) body.push(`<line x1="${x0}" y1="${t0 + (chh * 0.2 * k) / 4}" x2="${x0 + cw}" y2="${t0 + (chh * 0.2 * k) / 4}" stroke="#222" stroke-width="${pt}"/>`);
      for (let k = 0; k <= 4; k++) body.push(`<line x1="${x0 + (cw * k) / 4}" y1="${t0}" x2="${x0 + (cw * k) / 4}" y2="${t0 + chh * 0.2}" stroke="#222" stroke-width="${pt}"/>`);
      const py = y0 + chh * 0.75;
      body.push(`<polygon points="${x0},${py} ${x0 + cw * 0.5},${py - chh * 0.03} ${x0 + cw * 0.55},${py + chh * 0.2} ${x0 + cw * 0.05},${py + chh * 0.22}" fill="none" stroke="#1a3f8f" stroke-width="${1.5 * pt}"/>`);
      body.push(`<circle cx="${x0 + cw * 0.8}" cy="${py + chh * 0.1}" r="${cw * 0.09}" fill="none" stroke="#c8102e" stroke-width="${3 * pt}"/>`);
    }
  }
  return body.join('');
}

/** The ground truth of a job's sheet, rendered whole at `atDpi` (a low resolution: the comparison's),
 * as grey pixels. */
export async function groundTruthGrey(job: ComposeJob, atDpi: number): Promise<{ data: Buffer; width: number; height: number }> {
  const size = sheetPixels(job.sheet, job.dpi);
  const target = sheetPixels(job.sheet, atDpi);
  const k = target.width / size.width;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${target.width}" height="${target.height}"><g transform="scale(${k})"><rect width="${size.width}" height="${size.height}" fill="#f6f3ec"/>${sheetContent(size.width, size.height, job.dpi)}</g></svg>`;
  const { data, info } = await sharp(Buffer.from(svg), { limitInputPixels: false }).resize(target.width, target.height, { fit: 'fill' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** A grid of `glass` (landscape, mm) parts over the sheet, sticking out 25 mm past its edges. */
export function gridPlacements(sheet: { width: number; height: number }, part: { width: number; height: number }, dpi: number): PartPlacement[] {
  const out = (25 / 25.4) * dpi;
  const cols = Math.max(1, Math.ceil((sheet.width + 2 * out - part.width) / (part.width * 0.75)) + 1);
  const rows = Math.max(1, Math.ceil((sheet.height + 2 * out - part.height) / (part.height * 0.75)) + 1);
  const placements: PartPlacement[] = [];
  let seed = 99;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const cx = cols === 1 ? sheet.width / 2 : part.width / 2 - out + ((sheet.width + 2 * out - part.width) * c) / (cols - 1);
      const cy = rows === 1 ? sheet.height / 2 : part.height / 2 - out + ((sheet.height + 2 * out - part.height) * r) / (rows - 1);
      const angleDeg = (random() - 0.5) * 10;
      const t = (angleDeg * Math.PI) / 180;
      const cos = Math.cos(t), sin = Math.sin(t);
      placements.push({ index: placements.length, angleDeg, dx: cx - (cos * part.width) / 2 + (sin * part.height) / 2, dy: cy - (sin * part.width) / 2 - (cos * part.height) / 2 });
    }
  }
  return placements;
}

/** Writes the parts of `sheet` as scanned on a `glassMm` glass at `dpi`, and the job's file. */
export async function makeComposeJob(dir: string, sheet: SheetSize, glassMm: { width: number; height: number }, dpi: number, opts: { landscape?: boolean; bandRows?: number } = {}): Promise<{ jobFile: string; job: ComposeJob }> {
  const size = sheetPixels(sheet, dpi, opts.landscape);
  const part = { width: Math.round((Math.max(glassMm.width, glassMm.height) / 25.4) * dpi), height: Math.round((Math.min(glassMm.width, glassMm.height) / 25.4) * dpi) };
  const placements = gridPlacements(size, part, dpi);
  const content = sheetContent(size.width, size.height, dpi);
  const parts: PartImage[] = [];
  for (const p of placements) {
    const t = (p.angleDeg * Math.PI) / 180;
    const c = Math.cos(t), s = Math.sin(t);
    // Sheet → part: u = c(x − dx) + s(y − dy), v = −s(x − dx) + c(y − dy).
    const matrix = [c, -s, s, c, -(c * p.dx + s * p.dy), s * p.dx - c * p.dy].map((v) => v.toFixed(6)).join(' ');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${part.width}" height="${part.height}"><rect width="100%" height="100%" fill="#fbfbfb"/><g transform="matrix(${matrix})"><rect width="${size.width}" height="${size.height}" fill="#f6f3ec"/>${content}</g></svg>`;
    const gain = 0.9 + ((p.index * 37) % 21) / 100; // 0.90 … 1.10
    const path = join(dir, `part-${p.index}.tif`);
    await sharp(Buffer.from(svg), { limitInputPixels: false })
      .removeAlpha()
      .linear(gain, 0)
      .tiff({ compression: 'none', xres: dpi / 25.4, yres: dpi / 25.4 })
      .toFile(path);
    parts.push({ index: p.index, path, dpi, widthPx: part.width, heightPx: part.height });
  }
  const job: ComposeJob = { parts, placements, sheet, dpi, out: join(dir, 'sheet.tif'), ...(opts.bandRows ? { bandRows: opts.bandRows } : {}) };
  const jobFile = join(dir, 'job.json');
  await writeFile(jobFile, JSON.stringify(job));
  return { jobFile, job };
}
