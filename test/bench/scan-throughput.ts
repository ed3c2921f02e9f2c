// SANE worker → store (TIFF spool, JPEG and thumbnail in the blob store, rows in SQLite) against
// Debian's scanimage writing the same scans to TIFF files. Figure: raw pixel megabytes per second.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResult } from './run';
import { median } from './measure';
import { tempDir } from '../helpers/paths';
import { saneEnv, writeSaneConfig } from '../helpers/sane';
import { openTestStation } from '../helpers/station';

const PAGES = 6;
const ROUNDS = 3;
const DPI = 300;

export async function scanThroughput(): Promise<BenchResult> {
  const tmp = tempDir('bench-scan');
  const saneDir = writeSaneConfig(join(tmp.path, 'sane.d'));
  const t = await openTestStation({ dataDir: join(tmp.path, 'data'), env: saneEnv(saneDir) });
  const ours: number[] = [];
  const peer: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      const run = await t.scan({ device: 'sane:test:0', paper: { preset: 'a4' }, dpi: DPI, mode: 'color', pages: PAGES });
      const seconds = (performance.now() - started) / 1000;
      if (run.outcome.name !== 'scan.done') throw new Error(`scan failed: ${JSON.stringify(run.outcome.payload)}`);
      const rawBytes = run.events.filter((e) => e.name === 'scan.page-start').reduce((n, e) => n + (e.payload as { widthPx: number; heightPx: number }).widthPx * (e.payload as { heightPx: number }).heightPx * 3, 0);
      ours.push(rawBytes / 1e6 / seconds);

      const out = join(tmp.path, `scanimage-${round}`);
      mkdirSync(out);
      const peerStarted = performance.now();
      execFileSync('scanimage', ['-d', 'test:0', '--mode', 'Color', '--resolution', String(DPI), '-x', '210', '-y', '297', '--test-picture', 'Color pattern', '--format=tiff', `--batch=${out}/p%d.tiff`, `--batch-count=${PAGES}`], { env: saneEnv(saneDir), stdio: 'ignore' });
      peer.push(rawBytes / 1e6 / ((performance.now() - peerStarted) / 1000));
      rmSync(out, { recursive: true });
    }
  } finally {
    await t.close();
    tmp.cleanup();
  }
  const o = median(ours);
  const p = median(peer);
  return {
    name: `Scan throughput: ${PAGES} A4 pages, ${DPI} dpi colour, SANE test backend (median of ${ROUNDS} alternating rounds)`,
    ours: { label: 'station (worker → spool → JPEG + thumbnail in the blob store → SQLite)', value: o, unit: 'MB/s raw' },
    peer: { label: 'scanimage → uncompressed TIFF files', value: p, unit: 'MB/s raw' },
    ratio: o / p,
    target: '≥ 0.9 (issue 3)',
    notes: 'The test backend generates pages in memory far faster than any scanner feeds, so this measures the station\'s per-page processing.',
  };
}
