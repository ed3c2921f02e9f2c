// Assembling a large sheet on its own thread (issue 18): generated sheets cut into parts as a person
// lays them on an A4 glass (shuffled, turned up to ±5°, each its own exposure and noise, the lid's
// grey beyond the paper), placed, the paper found among them and composed at the sheet's true size
// — compared with the sheet they were cut from. Errors come back from the thread with their codes
// and details; a cancelled assembly leaves no page.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { StationError } from '../../electron/core/errors';
import { assembleSheet } from '../../electron/core/stitching/assemble';
import { sheetPixels } from '../../electron/core/stitching/sheet-geometry';
import { SHEETS, renderSheet } from '../fixtures/large-sheet';
import { cutSheet, partLook, renderPart } from '../fixtures/large-sheet-parts';
import { tempDir } from '../helpers/paths';
import { alignedSsim } from '../helpers/stitch-assemble-measure';

const tmp = tempDir('stitch-assemble');
afterAll(() => tmp.cleanup());

describe('assembling a sheet from its parts on the assembly thread', () => {
  it('makes an A3 page at its true size from four shuffled, turned parts on an A4 glass, like the sheet', { timeout: 120_000 }, async () => {
    const dir = join(tmp.path, 'a3');
    const cut = await cutSheet({ sheet: SHEETS.a3, seed: 11, dpi: 100, glass: 'a4', dir, overhangMm: 20 });
    const page = await assembleSheet({ parts: cut.parts, sheet: SHEETS.a3, out: join(dir, 'sheet.tif'), workDir: dir });
    const size = sheetPixels(SHEETS.a3, 100);
    expect([page.widthPx, page.heightPx]).toEqual([size.width, size.height]);
    const meta = await sharp(page.file).metadata();
    expect([meta.width, meta.height, Math.round(meta.density ?? 0)]).toEqual([size.width, size.height, 100]);
    const err = Math.max(Math.abs((page.widthPx / 100) * 25.4 - 297) / 297, Math.abs((page.heightPx / 100) * 25.4 - 420) / 420);
    expect(err).toBeLessThan(0.002);
    expect(page.paperFound).toBe(true);
    expect(page.uncovered).toEqual([]);
    expect(page.placements.map((p) => p.index).sort()).toEqual([0, 1, 2, 3]);

    const truth = join(dir, 'truth.png');
    await renderSheet(truth, SHEETS.a3, 100, 11);
    const m = await alignedSsim(page.file, truth);
    console.log(`A3 from A4 at 100 dpi: SSIM ${m.ssimHalf.toFixed(4)} at 50 dpi, ${m.ssim.toFixed(4)} at 100 dpi (as composed ${m.unaligned.toFixed(4)}); the paper ${m.offsetMm.toFixed(2)} mm and ${m.angleDeg.toFixed(2)}° from the page's frame; size error ${(err * 100).toFixed(3)} %; ${Object.entries(page.timingsMs).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')}`);
    // Compared at 50 dpi, as the composition bench compares at ≤ 100 dpi: the parts' scanner noise
    // and the softening of 1-pixel strokes by resampling are not in the truth.
    expect(m.ssimHalf).toBeGreaterThanOrEqual(0.95);
    expect(m.ssim).toBeGreaterThanOrEqual(0.88);
    // The paper is where the page is: within a millimetre, straight within a few tenths of a degree.
    expect(m.offsetMm).toBeLessThan(1);
    expect(Math.abs(m.angleDeg)).toBeLessThan(0.3);
  });

  it('brings a part’s refusal back from the thread with its code and part number intact, and writes no page', { timeout: 120_000 }, async () => {
    const dir = join(tmp.path, 'blank');
    const base = { sheet: SHEETS.a3, seed: 23, dpi: 100, glass: 'a4' as const, dir };
    const cut = await cutSheet(base);
    // Part 3 is an empty stretch of paper (the officer scanned the back of the sheet, or nothing).
    await renderPart(cut.parts[2]!.path, { ...base, placement: cut.truth[2]!, look: { ...partLook(23, 2), blank: true }, noiseSeed: 5 });
    const out = join(dir, 'sheet.tif');
    const e = await assembleSheet({ parts: cut.parts, sheet: SHEETS.a3, out, workDir: dir }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StationError);
    expect((e as StationError).code).toBe('stitch-part-blank');
    expect((e as StationError).details).toEqual({ part: 3 });
    expect((e as StationError).toWire().message.vi).toContain('Phần 3');
    expect(existsSync(out)).toBe(false);
  });

  it('stops when cancelled: the thread ends, no page is left', { timeout: 120_000 }, async () => {
    const dir = join(tmp.path, 'cancel');
    const cut = await cutSheet({ sheet: SHEETS.a3, seed: 11, dpi: 100, glass: 'a4', dir, overhangMm: 20 });
    const out = join(dir, 'sheet.tif');
    const abort = new AbortController();
    const running = assembleSheet({ parts: cut.parts, sheet: SHEETS.a3, out, workDir: dir }, { signal: abort.signal });
    setTimeout(() => abort.abort(), 300);
    const e = await running.catch((x: unknown) => x);
    expect((e as StationError).code).toBe('stitch-cancelled');
    expect(existsSync(out)).toBe(false);
    // Already cancelled: nothing starts.
    const again = await assembleSheet({ parts: cut.parts, sheet: SHEETS.a3, out, workDir: dir }, { signal: abort.signal }).catch((x: unknown) => x);
    expect((again as StationError).code).toBe('stitch-cancelled');
  });

  it('refuses a sheet size smaller than the paper the parts show, naming both', { timeout: 120_000 }, async () => {
    const dir = join(tmp.path, 'size');
    const cut = await cutSheet({ sheet: SHEETS.a3, seed: 11, dpi: 100, glass: 'a4', dir, overhangMm: 20 });
    const e = await assembleSheet({ parts: cut.parts, sheet: { name: 'custom', widthMm: 210, heightMm: 297 }, out: join(dir, 'x.tif'), workDir: dir }).catch((x: unknown) => x);
    expect((e as StationError).code).toBe('stitch-sheet-larger');
    expect((e as StationError).toWire().message.en).toContain('210 × 297');
  });
});
