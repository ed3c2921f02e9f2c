// The whole assembly of a generated sheet in a process of its own, for its time and peak memory
// (run it under /usr/bin/time -v): `cut` makes the parts as on an A4 or A3 glass (large-sheet-
// parts.ts) and the ground truth into DIR; `assemble` runs assembleSheet on its worker thread —
// registration, the paper's place, the composition — on DIR's parts alone, so the peak is the
// assembly's; `measure` compares the page with the truth (size error, SSIM once laid on it).
// Each prints one JSON line.
//   tsx test/bench/stitch-assemble-child.ts cut|assemble|measure DIR a2 150 a4 [seed]
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { assembleSheet } from '../../electron/core/stitching/assemble';
import type { PartImage } from '../../electron/core/stitching/types';
import { SHEETS, renderSheet } from '../fixtures/large-sheet';
import { type GlassName, cutSheet } from '../fixtures/large-sheet-parts';
import { alignedSsim } from '../helpers/stitch-assemble-measure';

const [mode, dir, sheetArg = 'a2', dpiArg = '150', glassArg = 'a4', seedArg = '2'] = process.argv.slice(2);
if (!dir) throw new Error('usage: stitch-assemble-child.ts cut|assemble|measure DIR [sheet dpi glass seed]');
const sheet = SHEETS[sheetArg as keyof typeof SHEETS];
const dpi = Number(dpiArg);
const seed = Number(seedArg);

if (mode === 'cut') {
  const cut = await cutSheet({ sheet, seed, dpi, glass: glassArg as GlassName, dir, overhangMm: 20 });
  await renderSheet(join(dir, 'truth.png'), sheet, dpi, seed);
  console.log(JSON.stringify({ parts: cut.parts.length }));
} else if (mode === 'assemble') {
  const files = readdirSync(dir).filter((f) => /^part-\d+\.png$/.test(f)).sort();
  const parts: PartImage[] = [];
  for (const [index, f] of files.entries()) {
    const meta = await sharp(join(dir, f)).metadata();
    parts.push({ index, path: join(dir, f), dpi, widthPx: meta.width ?? 0, heightPx: meta.height ?? 0 });
  }
  const start = performance.now();
  const page = await assembleSheet({ parts, sheet, out: join(dir, 'sheet.tif'), workDir: dir });
  console.log(JSON.stringify({ parts: parts.length, seconds: (performance.now() - start) / 1000, widthPx: page.widthPx, heightPx: page.heightPx, paperFound: page.paperFound, timingsMs: page.timingsMs }));
} else {
  const meta = await sharp(join(dir, 'sheet.tif')).metadata();
  const sizeError = Math.max(Math.abs(((meta.width ?? 0) / dpi) * 25.4 - sheet.widthMm) / sheet.widthMm, Math.abs(((meta.height ?? 0) / dpi) * 25.4 - sheet.heightMm) / sheet.heightMm);
  console.log(JSON.stringify({ sizeError, ...(await alignedSsim(join(dir, 'sheet.tif'), join(dir, 'truth.png'), dpi)) }));
}
