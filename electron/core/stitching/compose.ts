// Composes the assembled page: the scanned parts of a large sheet, placed where registration found
// them, into one page at the sheet's true size — the form a scan worker writes (sheet-tiff.ts), so
// the page then goes through the ordinary imaging pipeline (crop to the paper, deskew) and into the
// record like any capture.
//
// Bounded memory (issue 18, item 5): everything that looks at the whole sheet does so on a reduced
// copy of about 75 dpi (overview.ts: exposure, seams, coverage); the full-resolution page is then
// made in horizontal bands, reading for each band only the rows of each part that land in it
// (part-source.ts) and writing the band to the file before the next (band-render.ts). A0 at 300 dpi
// in colour (140 Mpx, 420 MB of pixels) is never in memory: a band is ≈ 16 MB, each part's rows
// for it a few tens more.
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { StationError } from '../errors';
import { renderBand, type PartRows } from './band-render';
import { type UncoveredArea, uncoveredAreas } from './coverage';
import { type PartExposure, exposureTable, overlapLevels, solveExposure } from './exposure';
import { type Overview, type ReducedPrint, overviewFactor, reducedPrint } from './overview';
import { PartSource } from './part-source';
import { type SeamLine, chooseSeams } from './seams';
import { type PlacedPart, footprint, partRegionFor, placed, sheetPixels } from './sheet-geometry';
import { SheetTiffWriter } from './sheet-tiff';
import type { PartImage, PartPlacement, SheetSize } from './types';

export interface ComposeOptions {
  /** The sheet lies landscape (its long side across). Default: as the placed parts lie (wider
   * than tall → landscape). */
  readonly landscape?: boolean | undefined;
  /** Where a part that is not a plain TIFF is copied into one (default: beside `out`). */
  readonly workDir?: string | undefined;
  /** 'fail' (the default): a sheet the parts do not cover is refused with stitch-sheet-not-covered,
   * naming the missing area, before any page is written. 'report': the page is written, white where
   * nothing covers, and the areas are returned (a preview that shows the officer the hole). */
  readonly onUncovered?: 'fail' | 'report' | undefined;
  /** Rows per band (default: ≈ 16 MB of output a band). */
  readonly bandRows?: number | undefined;
  /** Told after each band is written: rows done of the page's rows. */
  readonly onRows?: ((done: number, total: number) => void) | undefined;
}

export interface ComposedSheet {
  readonly file: string;
  readonly widthPx: number;
  readonly heightPx: number;
  readonly channels: 1 | 3;
  readonly dpi: number;
  readonly landscape: boolean;
  /** Each placed part's exposure correction. */
  readonly exposure: readonly PartExposure[];
  /** The cuts between parts, in sheet pixels (to show the seams on request). */
  readonly seams: readonly SeamLine[];
  /** What no part covers (empty when the sheet is whole), largest first. */
  readonly uncovered: readonly UncoveredArea[];
  readonly timingsMs: Readonly<Record<string, number>>;
}

const BAND_BYTES = 16 * 1024 * 1024;
/** Labels are bytes, two values reserved (seams.ts, band-render.ts). */
const MAX_PARTS = 250;

export async function composeSheet(
  parts: readonly PartImage[],
  placements: readonly PartPlacement[],
  sheet: SheetSize,
  dpi: number,
  out: string,
  opts: ComposeOptions = {},
): Promise<ComposedSheet> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (stage: string) => {
    const now = performance.now();
    timings[stage] = now - t;
    t = now;
  };
  const byIndex = new Map(parts.map((p) => [p.index, p]));
  for (const pl of placements) if (!byIndex.has(pl.index)) throw new RangeError(`a placement for part ${pl.index}, which is not among the parts`);
  if (placements.length > MAX_PARTS) throw new RangeError(`${placements.length} parts are more than a sheet is composed from`);
  // Parts that registration could not place have no placement: they are not on the page, and the
  // coverage below names what is then missing.
  const placedParts = placements.map((pl) => byIndex.get(pl.index)!);
  for (const p of placedParts) {
    if (p.dpi !== dpi) throw new StationError('stitch-part-dpi-differs', { part: p.index + 1, partDpi: p.dpi, dpi });
  }

  const sources: PartSource[] = [];
  try {
    const workDir = opts.workDir ?? dirname(out);
    for (const p of placedParts) sources.push(await PartSource.open(p, workDir));
    const channels = sources[0]?.channels ?? 3;
    const odd = sources.find((s) => s.channels !== channels);
    if (odd) {
      const name = (c: 1 | 3) => (c === 3 ? { en: 'colour', vi: 'màu' } : { en: 'grey', vi: 'xám' });
      throw new StationError('stitch-part-mode-differs', {
        part: odd.part.index + 1,
        mode: name(odd.channels).en,
        mode_vi: name(odd.channels).vi,
        first: name(channels).en,
        first_vi: name(channels).vi,
      });
    }
    const geometry = sources.map((s, n) => placed(s.part.index, s.width, s.height, placements[n]!));
    const landscape = opts.landscape ?? isLandscape(geometry);
    const size = sheetPixels(sheet, dpi, landscape);
    lap('open');

    // What the whole sheet decides, on the reduced copy; only the labels outlive this step (the
    // reduced prints are let go before the full-resolution bands are made).
    const { exposure, labels, seams, cells } = await decide(sources, geometry, size, dpi, lap);
    const uncovered = uncoveredAreas(labels, cells, cells.factor, size, dpi);
    if (uncovered.length > 0 && (opts.onUncovered ?? 'fail') === 'fail') {
      const a = uncovered[0]!;
      throw new StationError('stitch-sheet-not-covered', {
        count: uncovered.length,
        where: a.where.en,
        where_vi: a.where.vi,
        widthMm: a.widthMm,
        heightMm: a.heightMm,
        leftMm: a.leftMm,
        topMm: a.topMm,
      });
    }

    const bandRows = opts.bandRows ?? Math.max(cells.factor, Math.min(2048, Math.floor(BAND_BYTES / (size.width * channels))));
    const writer = await SheetTiffWriter.create(out, size.width, size.height, channels, dpi);
    try {
      const band = new Uint8Array(bandRows * size.width * channels);
      const ctx = { width: size.width, channels, factor: cells.factor, labels, cellsWide: cells.width, cellsHigh: cells.height };
      const prints = geometry.map(footprint);
      for (let y0 = 0; y0 < size.height; y0 += bandRows) {
        const y1 = Math.min(size.height, y0 + bandRows);
        const rows = await Promise.all(
          geometry.map(async (g, n): Promise<PartRows | null> => {
            const f = prints[n]!;
            if (f.bottom < y0 - 2) sources[n]!.release(); // done with: its rows go back
            if (f.bottom < y0 - 2 || f.top > y1 + 2) return null;
            const region = partRegionFor(g, y0, y1);
            if (!region) return null;
            const e = exposure[n]!;
            return { part: g, top: region.top, rows: region.height, data: await sources[n]!.rows(region.top, region.height), gain: e.gain, offset: e.offset };
          }),
        );
        renderBand(ctx, rows, y0, y1, band);
        await writer.writeRows(band, y1 - y0);
        opts.onRows?.(y1, size.height);
      }
      await writer.close();
    } catch (e) {
      await writer.abandon();
      await rm(out, { force: true });
      throw e;
    }
    lap('compose');
    return { file: out, widthPx: size.width, heightPx: size.height, channels, dpi, landscape, exposure, seams, uncovered, timingsMs: timings };
  } finally {
    await Promise.all(sources.map((s) => s.close()));
  }
}

/** Exposure, seams and the cells' labels, decided on the reduced sheet. */
async function decide(
  sources: readonly PartSource[],
  geometry: readonly PlacedPart[],
  size: { width: number; height: number },
  dpi: number,
  lap: (stage: string) => void,
): Promise<{ exposure: PartExposure[]; labels: Uint8Array; seams: readonly SeamLine[]; cells: { width: number; height: number; factor: number } }> {
  const ov = await overview(sources, geometry, size, dpi);
  lap('overview');
  const exposure = solveExposure(
    geometry.map((g) => g.index),
    overlapLevels(ov),
  );
  const corrected = ov.prints.map((p, n) => {
    const table = exposureTable(exposure[n]!);
    const values = new Uint8Array(p.value.length);
    for (let k = 0; k < values.length; k++) values[k] = table[p.value[k]!]!;
    return values;
  });
  lap('exposure');
  const { labels, seams } = chooseSeams(ov, corrected);
  lap('seams');
  return { exposure, labels, seams, cells: { width: ov.width, height: ov.height, factor: ov.factor } };
}

/** The reduced sheet: each part's small grey copy where it lies. */
async function overview(sources: readonly PartSource[], geometry: readonly PlacedPart[], size: { width: number; height: number }, dpi: number): Promise<Overview> {
  const factor = overviewFactor(dpi);
  const cells = { width: Math.ceil(size.width / factor), height: Math.ceil(size.height / factor) };
  const prints: ReducedPrint[] = new Array<ReducedPrint>(sources.length);
  // Two parts at a time: libvips reads an uncompressed TIFF on one thread, so two keep two cores busy.
  let next = 0;
  const worker = async () => {
    for (let n = next++; n < sources.length; n = next++) {
      const s = sources[n]!;
      const rw = Math.max(1, Math.round(s.width / factor));
      const rh = Math.max(1, Math.round(s.height / factor));
      prints[n] = reducedPrint(geometry[n]!, await s.reducedGrey(rw, rh), rw, rh, factor, cells);
    }
  };
  await Promise.all([worker(), worker()]);
  return { factor, width: cells.width, height: cells.height, prints };
}

/** The placed parts' extent is wider than tall. */
function isLandscape(geometry: readonly PlacedPart[]): boolean {
  if (geometry.length === 0) return false;
  const f = geometry.map(footprint);
  const w = Math.max(...f.map((b) => b.right)) - Math.min(...f.map((b) => b.left));
  const h = Math.max(...f.map((b) => b.bottom)) - Math.min(...f.map((b) => b.top));
  return w > h;
}
