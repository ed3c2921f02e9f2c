// Composing a large sheet from placed parts (issue 18, items 3–5): known placements with ±5° turns
// and per-part exposure, against the ground truth they were cut from — size exact, SSIM ≥ 0.95,
// exposure matched, seams between lines of text, a missing region named; then the page through the
// ordinary imaging pipeline.
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import sharp from 'sharp';
import { composeSheet } from '../../electron/core/stitching/compose';
import { uncoveredAreas } from '../../electron/core/stitching/coverage';
import { NONE } from '../../electron/core/stitching/seams';
import { sheetPixels } from '../../electron/core/stitching/sheet-geometry';
import type { SheetSize } from '../../electron/core/stitching/types';
import { processPage } from '../../electron/core/imaging/apply';
import { plainTiff } from '../../electron/core/capture/raw-capture';
import { StationError } from '../../electron/core/errors';
import { ssim } from '../bench/imaging-throughput';
import { type PartSpec, centredAt, cutParts, greyPixels, groundTruth } from '../helpers/stitch-compose-sheet';
import { tempDir } from '../helpers/paths';

const tmp = tempDir('stitch-compose');
afterAll(() => tmp.cleanup());

const DPI = 150;
/** A small custom sheet (the A-sizes work alike): 200 × 260 mm, 1181 × 1535 px at 150 dpi. */
const SHEET: SheetSize = { name: 'custom', widthMm: 200, heightMm: 260 };
const size = sheetPixels(SHEET, DPI);

/** A 2 × 2 grid of parts (each 140 × 178 mm, overlaps ≈ 60 and 75 mm) turned by up to ±5°,
 * exposures from −9 % to +7 % and an offset. */
function gridSpecs(format: (i: number) => PartSpec['format'] = () => 'tiff'): PartSpec[] {
  const w = Math.round((140 / 25.4) * DPI);
  const h = Math.round((178 / 25.4) * DPI);
  const cx = [size.width * 0.3, size.width * 0.7];
  const cy = [size.height * 0.3, size.height * 0.7];
  const angles = [4.6, -3.1, -5, 2.2];
  const exposures: [number, number][] = [
    [1, 0],
    [0.91, 0],
    [1.07, -4],
    [0.96, 6],
  ];
  return [0, 1, 2, 3].map((i) => ({
    placement: centredAt(i, cx[i % 2]!, cy[i >> 1]!, w, h, angles[i]!),
    width: w,
    height: h,
    gain: exposures[i]![0],
    offset: exposures[i]![1],
    format: format(i),
  }));
}

describe('composing a sheet from placed parts', () => {
  it('assembles four turned, differently exposed parts at the sheet’s exact size, like the ground truth (SSIM ≥ 0.95)', async () => {
    const truth = await groundTruth(size.width, size.height, DPI);
    const specs = gridSpecs();
    const parts = await cutParts(tmp.path, truth, specs, DPI);
    const out = join(tmp.path, 'grid.tif');
    const sheet = await composeSheet(
      parts,
      specs.map((s) => s.placement),
      SHEET,
      DPI,
      out,
    );
    expect([sheet.widthPx, sheet.heightPx]).toEqual([1181, 1535]);
    const meta = await sharp(out).metadata();
    expect([meta.width, meta.height, meta.channels, Math.round(meta.density ?? 0)]).toEqual([1181, 1535, 3, DPI]);
    // True size: 200 × 260 mm within half a pixel.
    expect(Math.abs((sheet.widthPx / DPI) * 25.4 - 200) / 200).toBeLessThan(0.002);
    expect(Math.abs((sheet.heightPx / DPI) * 25.4 - 260) / 260).toBeLessThan(0.002);
    expect(sheet.uncovered).toEqual([]);

    const a = await greyPixels(out);
    const b = await greyPixels(truth);
    const similarity = ssim(a.data, b.data, a.width, a.height);
    console.log(`2 × 2 parts at ±5°, exposures −9…+7 %: SSIM ${similarity.toFixed(4)}; gains ${sheet.exposure.map((e) => `${e.gain.toFixed(3)}/${e.offset.toFixed(1)}`).join(', ')}`);
    expect(similarity).toBeGreaterThanOrEqual(0.95);
    // Exposure matched: each part's correction undoes its own change (relative to the mean).
    const corrected = specs.map((s, i) => (s.gain ?? 1) * sheet.exposure[i]!.gain);
    const mean = corrected.reduce((x, y) => x + y) / corrected.length;
    for (const c of corrected) expect(Math.abs(c / mean - 1)).toBeLessThan(0.03);
    // The paper reads the same across the seams: the four quadrants' paper (median) within 3 levels.
    const quadrantPaper = [0, 1, 2, 3].map((q) => {
      const values: number[] = [];
      const x0 = (q % 2) * (a.width >> 1), y0 = (q >> 1) * (a.height >> 1);
      for (let y = y0 + 20; y < y0 + (a.height >> 1) - 20; y += 3) for (let x = x0 + 20; x < x0 + (a.width >> 1) - 20; x += 3) values.push(a.data[y * a.width + x]!);
      return values.sort((p, q2) => p - q2)[Math.floor(values.length * 0.75)]!;
    });
    expect(Math.max(...quadrantPaper) - Math.min(...quadrantPaper)).toBeLessThanOrEqual(3);
    // Every pair of neighbours has its cut, in sheet pixels.
    expect(sheet.seams.length).toBeGreaterThanOrEqual(4);
    for (const s of sheet.seams) for (const [x, y] of s.points) expect(x >= 0 && y >= 0 && x < size.width && y < size.height).toBe(true);
  });

  it('matches exposure along a chain of parts without drifting (all parts solved together)', async () => {
    // Five parts side by side, each darker than the last (gain 1.04 down to 0.84, offsets too):
    // pairwise corrections would pile their errors up from one end to the other.
    const truth = await groundTruth(size.width, size.height, DPI);
    const w = Math.round((60 / 25.4) * DPI);
    const h = size.height + 40;
    const specs: PartSpec[] = [0, 1, 2, 3, 4].map((i) => ({
      placement: centredAt(i, -10 + w / 2 + ((size.width + 20 - w) * i) / 4, size.height / 2, w, h, i % 2 ? 1.5 : -1),
      width: w,
      height: h,
      gain: 1.04 - 0.05 * i,
      offset: i * 2,
    }));
    const dir = join(tmp.path, 'chain');
    await import('node:fs/promises').then((fs) => fs.mkdir(dir));
    const parts = await cutParts(dir, truth, specs, DPI);
    const sheet = await composeSheet(parts, specs.map((s) => s.placement), SHEET, DPI, join(dir, 'sheet.tif'));
    const a = await greyPixels(sheet.file);
    // The paper (the 75th percentile of each fifth of the page, across its whole height).
    const paper = [0, 1, 2, 3, 4].map((q) => {
      const values: number[] = [];
      const x0 = Math.round((q * a.width) / 5) + 10, x1 = Math.round(((q + 1) * a.width) / 5) - 10;
      for (let y = 10; y < a.height - 10; y += 3) for (let x = x0; x < x1; x += 3) values.push(a.data[y * a.width + x]!);
      return values.sort((p, q2) => p - q2)[Math.floor(values.length * 0.75)]!;
    });
    console.log(`a chain of 5 parts, gains 1.04 … 0.84: the paper reads ${paper.join(', ')} across the page`);
    expect(Math.max(...paper) - Math.min(...paper)).toBeLessThanOrEqual(3);
    const b = await greyPixels(truth);
    expect(ssim(a.data, b.data, a.width, a.height)).toBeGreaterThanOrEqual(0.95);
  });

  it('lays the sheet landscape when the parts lie so (or when told)', async () => {
    // The same sheet turned: 260 × 200 mm, from two parts side by side.
    const wide = { width: size.height, height: size.width };
    const truth = await groundTruth(wide.width, wide.height, DPI);
    const w = Math.round(wide.width * 0.6);
    const h = wide.height + 30;
    const specs: PartSpec[] = [
      { placement: centredAt(0, w / 2 - 15, wide.height / 2, w, h, 1.2), width: w, height: h },
      { placement: centredAt(1, wide.width - w / 2 + 15, wide.height / 2, w, h, -0.8), width: w, height: h, gain: 0.95 },
    ];
    const dir = join(tmp.path, 'landscape');
    await import('node:fs/promises').then((fs) => fs.mkdir(dir));
    const parts = await cutParts(dir, truth, specs, DPI);
    const placements = specs.map((s) => s.placement);
    const sheet = await composeSheet(parts, placements, SHEET, DPI, join(dir, 'sheet.tif'));
    expect([sheet.landscape, sheet.widthPx, sheet.heightPx]).toEqual([true, 1535, 1181]);
    const a = await greyPixels(sheet.file);
    const b = await greyPixels(truth);
    expect(ssim(a.data, b.data, a.width, a.height)).toBeGreaterThanOrEqual(0.95);
    // Told portrait, the same parts cannot cover it: refused, not squeezed.
    const e = await composeSheet(parts, placements, SHEET, DPI, join(dir, 'portrait.tif'), { landscape: false }).catch((x: unknown) => x);
    expect((e as StationError).code).toBe('stitch-sheet-not-covered');
  });

  it('takes a part that is not a plain TIFF (an imported JPEG) as well', async () => {
    const truth = await groundTruth(size.width, size.height, DPI);
    const specs = gridSpecs((i) => (i === 1 ? 'jpeg' : 'tiff'));
    const dir = join(tmp.path, 'jpeg');
    await import('node:fs/promises').then((fs) => fs.mkdir(dir));
    const parts = await cutParts(dir, truth, specs, DPI);
    const sheet = await composeSheet(parts, specs.map((s) => s.placement), SHEET, DPI, join(dir, 'sheet.tif'));
    const a = await greyPixels(sheet.file);
    const b = await greyPixels(truth);
    expect(ssim(a.data, b.data, a.width, a.height)).toBeGreaterThanOrEqual(0.95);
  });

  it('cuts between the lines of text where the overlap lets it', async () => {
    // Two parts one above the other; their overlap (rows 600–900) holds one line of text at 750,
    // right where a cut down the middle of the overlap would run.
    const truth = await groundTruth(size.width, size.height, DPI, { textRowAt: 750 / size.height });
    const w = size.width + 40;
    const specs: PartSpec[] = [
      { placement: { index: 0, angleDeg: 0, dx: -20, dy: -10 }, width: w, height: 910, gain: 1.05 },
      { placement: { index: 1, angleDeg: 0, dx: -20, dy: 600 }, width: w, height: size.height - 590, gain: 0.93 },
    ];
    const dir = join(tmp.path, 'seam');
    await import('node:fs/promises').then((fs) => fs.mkdir(dir));
    const parts = await cutParts(dir, truth, specs, DPI);
    const sheet = await composeSheet(parts, specs.map((s) => s.placement), SHEET, DPI, join(dir, 'sheet.tif'));
    // Where the text's ink is, row by row, in the ground truth.
    const g = await greyPixels(truth);
    const inkRows: number[] = [];
    for (let y = 600; y < 900; y++) {
      let dark = 0;
      for (let x = 0; x < g.width; x++) if (g.data[y * g.width + x]! < 128) dark++;
      if (dark > 0) inkRows.push(y);
    }
    const [top, bottom] = [Math.min(...inkRows), Math.max(...inkRows)];
    expect(bottom - top).toBeGreaterThan(10);
    expect(sheet.seams).toHaveLength(1);
    const ys = sheet.seams[0]!.points.map(([, y]) => y);
    const through = ys.filter((y) => y >= top - 2 && y <= bottom + 2);
    console.log(`text ink rows ${top}–${bottom}; the cut runs at rows ${Math.min(...ys).toFixed(0)}–${Math.max(...ys).toFixed(0)}`);
    expect(through).toEqual([]);
    const a = await greyPixels(sheet.file);
    expect(ssim(a.data, g.data, a.width, a.height)).toBeGreaterThanOrEqual(0.95);
  });

  it('names the area no part covers (and, asked to, leaves it white in the page)', async () => {
    const truth = await groundTruth(size.width, size.height, DPI);
    const specs = gridSpecs().slice(0, 3); // the bottom-right part was never scanned
    const dir = join(tmp.path, 'missing');
    await import('node:fs/promises').then((fs) => fs.mkdir(dir));
    const parts = await cutParts(dir, truth, specs, DPI);
    const placements = specs.map((s) => s.placement);
    const error = await composeSheet(parts, placements, SHEET, DPI, join(dir, 'refused.tif')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StationError);
    const se = error as StationError;
    expect(se.code).toBe('stitch-sheet-not-covered');
    expect(se.toWire().message.en).toContain('bottom right corner');
    expect(se.toWire().message.vi).toContain('góc dưới bên phải');
    await expect(sharp(join(dir, 'refused.tif')).metadata()).rejects.toThrow(); // no page written

    const sheet = await composeSheet(parts, placements, SHEET, DPI, join(dir, 'holed.tif'), { onUncovered: 'report' });
    expect(sheet.uncovered.length).toBeGreaterThanOrEqual(1);
    const hole = sheet.uncovered[0]!;
    expect(hole.where.en).toBe('the bottom right corner');
    expect(hole.left + hole.width).toBe(size.width);
    expect(hole.top + hole.height).toBe(size.height);
    // White inside the hole.
    const g = await greyPixels(sheet.file);
    const cx = Math.round(hole.left + hole.width * 0.8), cy = Math.round(hole.top + hole.height * 0.8);
    expect(g.data[cy * g.width + cx]).toBe(255);
  });

  it('is taken by the imaging pipeline as a capture, and stays at true size', async () => {
    const truth = await groundTruth(size.width, size.height, DPI);
    const specs = gridSpecs();
    const dir = join(tmp.path, 'pipeline');
    await import('node:fs/promises').then((fs) => fs.mkdir(dir));
    const parts = await cutParts(dir, truth, specs, DPI);
    const sheet = await composeSheet(parts, specs.map((s) => s.placement), SHEET, DPI, join(dir, 'sheet.tif'));
    // The capture path's fast reader takes it as a scan worker's TIFF.
    expect(await plainTiff(sheet.file)).toMatchObject({ width: size.width, height: size.height, channels: 3 });
    const processed = await processPage({ input: { file: sheet.file }, mode: 'color', dpi: DPI, profile: 'default', workDir: dir });
    expect(processed.parts).toHaveLength(1);
    const page = processed.parts[0]!;
    expect(page.mode).toBe('color');
    // The default profile deskews and trims scanner borders; a straight, borderless sheet keeps its size.
    expect(Math.abs(page.widthPx - size.width) / size.width).toBeLessThan(0.002);
    expect(Math.abs(page.heightPx - size.height) / size.height).toBeLessThan(0.002);
    expect(Math.abs(page.steps.deskewDegrees)).toBeLessThan(0.2);
  });
});

describe('bad input to the composition', () => {
  it('tells a missing part from the paper’s edge: a sliver of ≤ 1 mm along the edges (even round a corner) is no hole', () => {
    // A 100 × 140 cell map at 4 px a cell and 300 dpi (1 cell = 0.34 mm).
    const cells = { width: 100, height: 140 };
    const sheetPx = { width: 400, height: 560 };
    const labels = new Uint8Array(cells.width * cells.height);
    // Two cells (0.68 mm) short of the right and the bottom edges: an L round the corner.
    for (let y = 0; y < cells.height; y++) for (let x = 0; x < cells.width; x++) if (x >= 98 || y >= 138) labels[y * cells.width + x] = NONE;
    expect(uncoveredAreas(labels, cells, 4, sheetPx, 300)).toEqual([]);
    // A 10 × 10 mm hole in the top left: reported, in millimetres and words.
    for (let y = 5; y < 35; y++) for (let x = 5; x < 35; x++) labels[y * cells.width + x] = NONE;
    const areas = uncoveredAreas(labels, cells, 4, sheetPx, 300);
    expect(areas).toHaveLength(1);
    expect(areas[0]).toMatchObject({ left: 20, top: 20, width: 120, height: 120, widthMm: 10, heightMm: 10, where: { en: 'the top left corner', vi: 'góc trên bên trái' } });
  });

  it('refuses parts scanned at another dpi, naming the part', async () => {
    const specs = gridSpecs().slice(0, 1);
    const parts = [{ index: 0, path: join(tmp.path, 'nowhere.tif'), dpi: 200, widthPx: 10, heightPx: 10 }];
    const e = (await composeSheet(parts, specs.map((s) => s.placement), SHEET, DPI, join(tmp.path, 'x.tif')).catch((x: unknown) => x)) as StationError;
    expect(e.code).toBe('stitch-part-dpi-differs');
    expect(e.toWire().message.vi).toContain('Phần 1');
    expect(e.toWire().message.en).toContain('at 150 dpi');
  });

  it('names a part whose file cannot be read', async () => {
    const dir = join(tmp.path, 'unreadable');
    const fs = await import('node:fs/promises');
    await fs.mkdir(dir);
    const truth = await groundTruth(size.width, size.height, DPI);
    const specs = gridSpecs();
    const parts = await cutParts(dir, truth, specs, DPI);
    await fs.writeFile(parts[2]!.path, 'not an image');
    const e = (await composeSheet(parts, specs.map((s) => s.placement), SHEET, DPI, join(dir, 'x.tif')).catch((x: unknown) => x)) as StationError;
    expect(e.code).toBe('stitch-part-unreadable');
    expect(e.details.part).toBe(3);
    expect(e.toWire().message.en).toMatch(/^The image of part 3/);
  });

  it('refuses a grey part among colour ones', async () => {
    const dir = join(tmp.path, 'modes');
    const fs = await import('node:fs/promises');
    await fs.mkdir(dir);
    const truth = await groundTruth(size.width, size.height, DPI);
    const specs = gridSpecs();
    const parts = await cutParts(dir, truth, specs, DPI);
    const grey = join(dir, 'grey.tif');
    await sharp(parts[1]!.path).toColourspace('b-w').tiff({ compression: 'none' }).toFile(grey);
    const e = (await composeSheet(
      parts.map((p, i) => (i === 1 ? { ...p, path: grey } : p)),
      specs.map((s) => s.placement),
      SHEET,
      DPI,
      join(dir, 'x.tif'),
    ).catch((x: unknown) => x)) as StationError;
    expect(e.code).toBe('stitch-part-mode-differs');
    expect(e.toWire().message.vi).toContain('chế độ xám');
  });
});
