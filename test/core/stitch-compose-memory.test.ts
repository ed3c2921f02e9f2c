// The composition in bounded memory (issue 18, item 5), measured on the whole process with
// /usr/bin/time -v in a child: the same A1 sheet (18 parts of an A4 glass, colour) composed at 75
// and at 300 dpi — the page's pixels grow sixteen times (13 → 209 MB), the reduced sheet the seams
// and exposure are decided on stays the same (≈ 75 dpi), and the bands hold only the rows they need.
// A station that held the page would grow by at least the page's growth; ours must grow by less,
// and stay far inside the 1 GB job budget. (75 against 150 dpi was tried first: a 37 MB page growth
// is within the ±25 MB that the same child's peak varies from run to run, and it failed in CI.)
// (`npm run bench stitch-compose` gives the A0 at 300 dpi figure, 140 Mpx, against the budget.)
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { sheetPixels } from '../../electron/core/stitching/sheet-geometry';
import type { SheetSize } from '../../electron/core/stitching/types';
import { measured } from '../bench/measure';
import { makeComposeJob } from '../bench/stitch-compose-parts';
import { REPO, tempDir } from '../helpers/paths';

const tmp = tempDir('stitch-compose-memory');
afterAll(() => tmp.cleanup());

const TSX = join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const CHILD = join(REPO, 'test', 'bench', 'stitch-compose-child.ts');
const A1: SheetSize = { name: 'a1', widthMm: 594, heightMm: 841 };
const A4_GLASS = { width: 297, height: 210 };

async function peakAt(dpi: number): Promise<{ rssMb: number; pageMb: number; parts: number }> {
  const dir = join(tmp.path, String(dpi));
  mkdirSync(dir);
  const { jobFile, job } = await makeComposeJob(dir, A1, A4_GLASS, dpi, { bandRows: 256 });
  const r = measured(process.execPath, [TSX, CHILD, jobFile, 'ours']);
  const result = JSON.parse(r.stdout.trim().split('\n').pop()!) as { uncovered: number };
  expect(result.uncovered).toBe(0);
  const size = sheetPixels(A1, dpi);
  const meta = await sharp(job.out).metadata();
  expect([meta.width, meta.height]).toEqual([size.width, size.height]);
  return { rssMb: r.rssMb, pageMb: (size.width * size.height * 3) / (1 << 20), parts: job.parts.length };
}

describe('composing a large sheet', () => {
  it('keeps memory bounded: sixteen times the pixels, far less than sixteen times the memory', { timeout: 300_000 }, async () => {
    const small = await peakAt(75);
    const large = await peakAt(300);
    console.log(
      `A1 from ${large.parts} parts: at 75 dpi peak ${small.rssMb.toFixed(0)} MB (page ${small.pageMb.toFixed(0)} MB), at 300 dpi ${large.rssMb.toFixed(0)} MB (page ${large.pageMb.toFixed(0)} MB)`,
    );
    expect(large.rssMb - small.rssMb).toBeLessThan(large.pageMb - small.pageMb);
    expect(large.rssMb).toBeLessThan(1024);
  });
});
