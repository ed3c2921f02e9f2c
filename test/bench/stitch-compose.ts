// npm run bench stitch-compose: the assembled page of an A0 sheet at 300 dpi in colour (140 Mpx) from
// 15 parts scanned on an A3 glass (±5°, each its own exposure), composed at true size — peak memory
// of the whole process (/usr/bin/time -v, target: within the 1 GB job budget, issue 18 item 5) and
// time, beside libvips (through sharp) doing the plain composition of the same parts at the same
// placements without exposure matching or seams (stitch-compose-child.ts). Quick mode: an A2 sheet
// at 50 dpi on an A4 glass.
import { join } from 'node:path';
import sharp from 'sharp';
import { sheetPixels } from '../../electron/core/stitching/sheet-geometry';
import type { SheetSize } from '../../electron/core/stitching/types';
import { REPO, tempDir } from '../helpers/paths';
import { measured } from './measure';
import { scaled } from './quick';
import type { BenchResult } from './run';
import { ssim } from './imaging-throughput';
import { groundTruthGrey, makeComposeJob } from './stitch-compose-parts';

const TSX = join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const CHILD = join(REPO, 'test', 'bench', 'stitch-compose-child.ts');
const A0: SheetSize = { name: 'a0', widthMm: 841, heightMm: 1189 };
const A2: SheetSize = { name: 'a2', widthMm: 420, heightMm: 594 };
const A3_GLASS = { width: 420, height: 297 };
const A4_GLASS = { width: 297, height: 210 };

export async function stitchCompose(): Promise<BenchResult[]> {
  const sheet = scaled(A0, A2);
  const dpi = scaled(300, 50);
  const glass = scaled(A3_GLASS, A4_GLASS);
  const dir = tempDir('bench-stitch-compose');
  try {
    const { jobFile, job } = await makeComposeJob(dir.path, sheet, glass, dpi);
    const run = (mode: string, out?: string) => {
      const r = measured(process.execPath, [TSX, CHILD, jobFile, mode, ...(out ? [out] : [])]);
      return { rssMb: r.rssMb, ...(JSON.parse(r.stdout.trim().split('\n').pop()!) as { ms: number; widthPx?: number; heightPx?: number; timingsMs?: Record<string, number> }) };
    };
    const idle = run('idle');
    const ours = run('ours');
    const peerOut = join(dir.path, 'peer.tif');
    const peer = run('peer', peerOut);
    // Likeness to the ground truth, compared at a low resolution (the truth is never rendered whole at 300 dpi).
    const atDpi = Math.min(dpi, 100);
    const truth = await groundTruthGrey(job, atDpi);
    const grey = async (file: string) => (await sharp(file, { limitInputPixels: false }).resize(truth.width, truth.height, { fit: 'fill' }).greyscale().raw().toBuffer());
    const ssimOurs = ssim(await grey(job.out), truth.data, truth.width, truth.height);
    const ssimPeer = ssim(await grey(peerOut), truth.data, truth.width, truth.height);
    const size = sheetPixels(sheet, dpi);
    const sizeError = Math.max(Math.abs(ours.widthPx! / dpi * 25.4 - sheet.widthMm) / sheet.widthMm, Math.abs(ours.heightPx! / dpi * 25.4 - sheet.heightMm) / sheet.heightMm);
    const label = `${sheet.name.toUpperCase()} at ${dpi} dpi, colour (${size.width} × ${size.height}, ${((size.width * size.height) / 1e6).toFixed(0)} Mpx) from ${job.parts.length} parts`;
    const stages = Object.entries(ours.timingsMs ?? {}).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ');
    return [
      {
        name: `Composition of ${label}: peak memory of the process (/usr/bin/time -v)`,
        ours: { label: 'station (bands, exposure, seams)', value: ours.rssMb, unit: 'MB' },
        peer: { label: 'libvips through sharp (whole-page composite, no exposure, no seams)', value: peer.rssMb, unit: 'MB' },
        ratio: peer.rssMb / ours.rssMb,
        target: 'station ≤ 1024 MB (the job budget); ratio is peer/ours',
        notes: `the child process alone (node, tsx, sharp loaded): ${idle.rssMb.toFixed(0)} MB; size error ${(sizeError * 100).toFixed(3)} %`,
      },
      {
        name: `Composition of ${label}: time`,
        ours: { label: 'station', value: ours.ms / 1000, unit: 's' },
        peer: { label: 'libvips through sharp', value: peer.ms / 1000, unit: 's' },
        ratio: peer.ms / ours.ms,
        notes: `ratio is peer/ours; station's stages: ${stages}`,
      },
      {
        name: `Composition of ${label}: SSIM against the ground truth (grey, both compared at ${atDpi} dpi)`,
        ours: { label: 'station', value: ssimOurs, unit: '(SSIM)' },
        peer: { label: 'libvips through sharp (parts as scanned, last on top)', value: ssimPeer, unit: '(SSIM)' },
        ratio: ssimOurs / ssimPeer,
        target: 'station ≥ 0.95',
        notes: `station ${ssimOurs.toFixed(4)}, peer ${ssimPeer.toFixed(4)}`,
      },
    ];
  } finally {
    dir.cleanup();
  }
}
