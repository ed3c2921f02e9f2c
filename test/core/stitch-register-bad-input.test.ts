// Bad input to the placing of parts (issue 18): each case is named, by the part's number as the
// officer knows it (1 = first scanned), with what to do — never a page assembled wrongly.
// Parts of a generated A3 sheet, as laid on an A4 glass at 100 dpi (large-sheet-parts.ts).
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatError } from '../../electron/contract';
import { StationError } from '../../electron/core/errors';
import { registerParts } from '../../electron/core/stitching/register';
import type { PartImage, PartPlacement } from '../../electron/core/stitching/types';
import { SHEETS } from '../fixtures/large-sheet';
import { type CutSheet, cutSheet, partLook, renderPart } from '../fixtures/large-sheet-parts';

const dir = mkdtempSync(join(tmpdir(), 'sohoa-stitch-bad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const base = { sheet: SHEETS.a3, seed: 31, dpi: 100, glass: 'a4' as const };
let cut: CutSheet;
beforeAll(async () => {
  cut = await cutSheet({ ...base, dir: join(dir, 'sheet') });
});

/** The base parts copied into a case's own folder, with more parts appended (renumbered in order). */
async function withParts(name: string, extra: { placement: PartPlacement; seed?: number; dpi?: number; mode?: 'color' | 'gray'; blank?: boolean; slipMm?: number; replace?: number }[]): Promise<PartImage[]> {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  const parts = cut.parts.map((p) => {
    const path = join(folder, `part-${p.index + 1}.png`);
    copyFileSync(p.path, path);
    return { ...p, path };
  });
  for (const [n, e] of extra.entries()) {
    const index = e.replace ?? parts.length;
    const path = join(folder, `extra-${n}.png`);
    const look = { ...partLook(base.seed, 50 + n), ...(e.mode ? { mode: e.mode } : {}), ...(e.blank ? { blank: true } : {}) };
    const part = await renderPart(path, { ...base, seed: e.seed ?? base.seed, dpi: e.dpi ?? base.dpi, placement: e.placement, look, noiseSeed: 700 + n, ...(e.slipMm ? { slipMm: e.slipMm } : {}) });
    parts[index] = { ...part, index };
  }
  return parts;
}

async function failure(parts: PartImage[]): Promise<StationError> {
  const outcome = await registerParts(parts).then(
    () => null,
    (e: unknown) => e,
  );
  expect(outcome).toBeInstanceOf(StationError);
  const error = outcome as StationError;
  // The message a person reads, in both languages, carries the part numbers.
  const wire = formatError(error.code, error.details);
  console.log(`${error.code}: ${wire.message.en}`);
  return error;
}

describe('bad input to the placing of parts', () => {
  it('names a part that overlaps the others too little, and asks for it again with more overlap', async () => {
    // Part 5 lies below the sheet's foot, sharing only a thin strip of it with the others.
    const k = 100 / 25.4;
    const parts = await withParts('little-overlap', [{ placement: { index: 4, angleDeg: 2, dx: 80 * k, dy: 395 * k } }]);
    const error = await failure(parts);
    expect(error.code).toBe('stitch-part-unplaced');
    expect(error.details.part).toBe('5');
  });

  it('names a blank part', async () => {
    const parts = await withParts('blank', [{ placement: cut.truth[1]!, blank: true, replace: 1 }]);
    const error = await failure(parts);
    expect(error.code).toBe('stitch-part-blank');
    expect(error.details.part).toBe(2);
  });

  it('names parts of two different sheets as groups that do not fit together', { timeout: 240_000 }, async () => {
    // A sheet without the printed heading (a hand-drawn plan): nothing on it is on the first.
    const other = await cutSheet({ ...base, seed: 77, form: false, dir: join(dir, 'other-sheet') });
    const parts = [...cut.parts, ...other.parts.map((p, n) => ({ ...p, index: cut.parts.length + n }))];
    const error = await failure(parts);
    expect(error.code).toBe('stitch-parts-different-sheets');
    expect(String(error.details.groups)).toBe('1, 2, 3, 4 | 5, 6, 7, 8');
  });

  it('refuses parts of two sheets of the same printed form, which match on the form alone', { timeout: 240_000 }, async () => {
    const other = await cutSheet({ ...base, seed: 77, dir: join(dir, 'same-form') });
    const parts = [...cut.parts, ...other.parts.map((p, n) => ({ ...p, index: cut.parts.length + n }))];
    const error = await failure(parts);
    // The heading ties parts of the two sheets by features; where those pairs overlap they do
    // not show the same thing, so the ties are dropped and the sheets fall apart.
    expect(error.code).toBe('stitch-parts-different-sheets');
    expect(String(error.details.groups)).toBe('1, 2, 3, 4 | 5, 6, 7, 8');
  });

  it('names a single part of another sheet of the same form', async () => {
    const parts = await withParts('stranger', [{ placement: cut.truth[0]!, seed: 78 }]);
    const error = await failure(parts);
    expect(error.code).toBe('stitch-part-unplaced');
    expect(error.details.part).toBe('5');
  });

  it('names a part scanned twice', async () => {
    const again = cut.truth[2]!;
    const k = 100 / 25.4;
    const parts = await withParts('twice', [{ placement: { index: 4, angleDeg: again.angleDeg + 0.6, dx: again.dx + 1.5 * k, dy: again.dy - 2 * k } }]);
    const error = await failure(parts);
    expect(error.code).toBe('stitch-part-duplicate');
    expect([error.details.part, error.details.other]).toEqual([3, 5]);
  });

  it('names a part whose paper slipped while it was scanned, rather than show the seam', async () => {
    // Part 2's lower half shows the sheet 1.5 mm further across: no rigid placement fits it.
    const parts = await withParts('slipped', [{ placement: cut.truth[1]!, slipMm: 1.5, replace: 1 }]);
    const error = await failure(parts);
    expect(error.code).toBe('stitch-parts-inconsistent');
    expect(error.details.part).toBe(2);
  });

  it('names a part scanned at another dpi', async () => {
    const t = cut.truth[3]!;
    const parts = await withParts('dpi', [{ placement: { ...t, dx: t.dx * 1.5, dy: t.dy * 1.5 }, dpi: 150, replace: 3 }]);
    const error = await failure(parts);
    expect(error.code).toBe('stitch-parts-mixed-dpi');
    expect(error.details).toMatchObject({ part: 4, dpi: 150, expected: 100 });
  });

  it('names a part scanned in another colour mode', async () => {
    const parts = await withParts('mode', [{ placement: cut.truth[0]!, mode: 'gray', replace: 0 }]);
    const error = await failure(parts);
    expect(error.code).toBe('stitch-parts-mixed-modes');
    expect(error.details).toMatchObject({ part: 1, mode: 'greyscale', expected: 'colour' });
    expect(formatError(error.code, error.details).message.vi).toContain('ở chế độ xám');
  });
});
