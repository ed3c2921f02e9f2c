// One composition in a process of its own, for /usr/bin/time -v (stitch-compose.ts, and the memory
// test): `ours` composes with the station (bands, exposure, seams), `peer` has libvips (through
// sharp) do the plain composition — each part turned by its affine transform into a tiled file,
// then all laid on a white page in one composite, no exposure matching and no seams — and `idle`
// only loads what the others load (the process's own baseline). Prints one JSON line. A third
// argument writes the page there instead of the job's own path.
import { readFile, rm } from 'node:fs/promises';
import sharp from 'sharp';
import { composeSheet } from '../../electron/core/stitching/compose';
import { sheetPixels } from '../../electron/core/stitching/sheet-geometry';
import type { ComposeJob } from './stitch-compose-parts';

const [jobFile, mode, out] = process.argv.slice(2);
const job = { ...(JSON.parse(await readFile(jobFile!, 'utf8')) as ComposeJob), ...(out ? { out } : {}) };
const started = performance.now();

if (mode === 'ours') {
  const r = await composeSheet(job.parts, job.placements, job.sheet, job.dpi, job.out, { bandRows: job.bandRows });
  console.log(JSON.stringify({ ms: performance.now() - started, widthPx: r.widthPx, heightPx: r.heightPx, timingsMs: r.timingsMs, uncovered: r.uncovered.length }));
} else if (mode === 'peer') {
  const size = sheetPixels(job.sheet, job.dpi);
  const layers: sharp.OverlayOptions[] = [];
  const temps: string[] = [];
  for (const [n, p] of job.placements.entries()) {
    const part = job.parts[n]!;
    const t = (p.angleDeg * Math.PI) / 180;
    const c = Math.cos(t), s = Math.sin(t);
    const xs = [0, c * part.widthPx, -s * part.heightPx, c * part.widthPx - s * part.heightPx];
    const ys = [0, s * part.widthPx, c * part.heightPx, s * part.widthPx + c * part.heightPx];
    const left = Math.round(p.dx + Math.min(...xs));
    const top = Math.round(p.dy + Math.min(...ys));
    const turned = `${job.out}.turned-${n}.tif`;
    const clipped = `${job.out}.clipped-${n}.tif`;
    temps.push(turned, clipped);
    const info = await sharp(part.path).affine([c, -s, s, c], { background: '#ffffff', interpolator: 'bilinear' }).tiff({ tile: true, compression: 'none' }).toFile(turned);
    // Only what falls on the sheet (libvips' composite wants its layers inside the page).
    const l = Math.max(0, -left), tp = Math.max(0, -top);
    const w = Math.min(info.width - l, size.width - Math.max(0, left));
    const h = Math.min(info.height - tp, size.height - Math.max(0, top));
    if (w <= 0 || h <= 0) continue;
    await sharp(turned).extract({ left: l, top: tp, width: w, height: h }).tiff({ tile: true, compression: 'none' }).toFile(clipped);
    layers.push({ input: clipped, left: Math.max(0, left), top: Math.max(0, top) });
  }
  await sharp({ create: { width: size.width, height: size.height, channels: 3, background: '#ffffff' } })
    .composite(layers)
    .removeAlpha()
    .tiff({ compression: 'none' })
    .toFile(job.out);
  await Promise.all(temps.map((f) => rm(f, { force: true })));
  console.log(JSON.stringify({ ms: performance.now() - started, widthPx: size.width, heightPx: size.height }));
} else {
  await sharp({ create: { width: 8, height: 8, channels: 3, background: '#ffffff' } }).raw().toBuffer();
  console.log(JSON.stringify({ ms: performance.now() - started }));
}
