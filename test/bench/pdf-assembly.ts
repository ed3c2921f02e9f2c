// PDF assembly beside Debian's img2pdf on the same JPEGs (A4, 200 dpi, colour, the station's
// own encoding): time for 100 pages (target: no slower than img2pdf), and peak memory for 500
// pages, each tool in a child process measured by /usr/bin/time (target: ≤ 500 MB).
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, tempDir } from '../helpers/paths';
import type { BenchResult } from './run';
import { scaled } from './quick';
import { median, peakRssMb } from './measure';
import { scanLikeJpegs } from './scan-like-jpegs';

const ROUNDS = scaled(5, 1);
const PAGES = scaled(100, 10);
const MANY = scaled(500, 20);

function seconds(run: () => void): number {
  const t = performance.now();
  run();
  return (performance.now() - t) / 1000;
}

export async function pdfAssembly(): Promise<BenchResult[]> {
  const tmp = tempDir('bench-pdf');
  try {
    const jpegs = await scanLikeJpegs(tmp.path, 5);
    const kb = Math.round(jpegs.reduce((n, j) => n + statSync(j).size, 0) / jpegs.length / 1024);
    const hundred = Array.from({ length: PAGES }, (_, i) => jpegs[i % 5]!);
    const assets = join(REPO, 'assets');
    const child = join(REPO, 'test', 'bench', 'assemble-child.ts');
    const tsx = join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');

    // In process, as the station assembles: import once, then time the writes.
    const { writeRecord } = await import('../../electron/core/pdf/record');
    const { createWriteStream } = await import('node:fs');
    const ours: number[] = [];
    const peer: number[] = [];
    const peerStart = median(Array.from({ length: 3 }, () => seconds(() => execFileSync('img2pdf', ['--version'], { stdio: 'ignore' }))));
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      const now = '2026-11-23T10:00:00.000+07:00';
      const pages = hundred.map((p) => ({ imagePath: p, mediaType: 'image/jpeg', widthPx: 1654, heightPx: 2339, dpi: 200 }));
      const stream = await writeRecord({ documentId: 'bench', pages, producer: 'bench', digitizedAt: now, modifiedAt: now, digitizedBy: 'Bench', markPosition: 'bottom', record: {}, assetsDir: assets });
      const out = createWriteStream(join(tmp.path, 'ours.pdf'));
      for await (const chunk of stream) if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      await new Promise<void>((r) => out.end(r));
      ours.push((performance.now() - started) / 1000);
      peer.push(seconds(() => execFileSync('img2pdf', [...hundred, '-o', join(tmp.path, 'peer.pdf')], { stdio: 'ignore' })) - peerStart);
    }
    const o = median(ours);
    const p = median(peer);

    const five = Array.from({ length: MANY }, (_, i) => jpegs[i % 5]!);
    const ourRss = peakRssMb(process.execPath, [tsx, child, join(tmp.path, 'big.pdf'), String(MANY), assets, ...jpegs]);
    const peerRss = peakRssMb('img2pdf', [...five, '-o', join(tmp.path, 'big-peer.pdf')]);
    const megabytes = (f: string) => (statSync(join(tmp.path, f)).size / 1e6).toFixed(1);
    return [
      {
        name: `PDF assembly: ${PAGES} A4 200 dpi colour JPEG pages, ${kb} KB each (median of ${ROUNDS} alternating rounds)`,
        ours: { label: 'station PDF/A-2b writer (XMP, sRGB intent, conversion mark), in process', value: o, unit: 's' },
        peer: { label: `img2pdf (plain PDF), its ${peerStart.toFixed(2)} s interpreter start-up subtracted`, value: p, unit: 's' },
        ratio: o / p,
        target: '≤ 1.0 (issue 5: time ours / img2pdf)',
      },
      {
        name: 'PDF assembly: peak memory for 500 pages (/usr/bin/time -v, each in its own process)',
        ours: { label: `station writer in node+tsx (output ${megabytes('big.pdf')} MB)`, value: ourRss, unit: 'MB RSS' },
        peer: { label: `img2pdf (output ${megabytes('big-peer.pdf')} MB)`, value: peerRss, unit: 'MB RSS' },
        ratio: ourRss / peerRss,
        target: 'ours ≤ 500 MB (issue 5)',
      },
    ];
  } finally {
    tmp.cleanup();
  }
}
