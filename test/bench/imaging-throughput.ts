// Imaging throughput: A4 300 dpi colour pages as a scanner delivers them (uncompressed TIFF, paper
// grain, a skew of up to ±2°, now and then one upside down) through the full pipeline — analysis,
// turn, crop, colour policy, JPEG and thumbnail in the worker pool, the files encrypted into the
// blob store, the rows in SQLite (an import of the whole batch). The peer does the same work on the
// same pages with standard tools in as many jobs (imaging-peer.ts); the targets are issue 17's:
// the pool ≥ 5.5 pages/s (≤ 360 ms of CPU a page) and the import ≥ 4.67 pages/s, the fastest
// production feeders' pace (280 images per minute) — the station must never be the bottleneck.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { ImagingPool } from '../../electron/core/imaging/pool';
import { type ProcessedPage, processPage } from '../../electron/core/imaging/apply';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { tempDir } from '../helpers/paths';
import { openTestStation } from '../helpers/station';
import { type PeerPage, type PeerRun, runPeer } from './imaging-peer';
import { median } from './measure';
import type { BenchResult } from './run';
import { scaled } from './quick';

const PAGES = scaled(20, 2);
const ROUNDS = scaled(3, 1);
const DPI = scaled(300, 100);
const FEEDER_PAGES_PER_SECOND = 280 / 60;

/** A colour A4 page as a scan gives it: grain, a small skew, sometimes upside down. */
async function scanLikePage(dir: string, i: number, dpi = DPI, straight = false): Promise<string> {
  const png = join(dir, `src${i}.png`);
  await vietnamesePage(png, { dpi, mode: 'color' });
  const skew = straight ? 0 : ((i * 37) % 41) / 10 - 2; // −2.0 … +2.0°
  const turned = sharp(png).rotate(!straight && i % 7 === 3 ? 180 + skew : skew, { background: '#f4f1ea' });
  const { data, info } = await turned.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let seed = 7 + i;
  for (let k = 0; k < data.length; k++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    data[k] = Math.max(0, Math.min(255, data[k]! * 0.94 + (seed / 0x7fffffff - 0.5) * 7));
  }
  const tif = join(dir, `page${i}.tif`);
  // As the scan worker writes it (native/common/tiff_writer.c): the resolution, no ICC profile —
  // sharp's withMetadata would embed sRGB's, which every reader then applies (≈ 60 ms a decoding).
  await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).tiff({ compression: 'none', xres: dpi / 25.4, yres: dpi / 25.4 }).toFile(tif);
  return tif;
}

/** Mean SSIM over greyscale (Wang et al. 2004, 8 × 8 windows every 4 px, the usual constants). */
export function ssim(a: Uint8Array, b: Uint8Array, width: number, height: number): number {
  const C1 = (0.01 * 255) ** 2;
  const C2 = (0.03 * 255) ** 2;
  let sum = 0;
  let windows = 0;
  for (let y = 0; y + 8 <= height; y += 4) {
    for (let x = 0; x + 8 <= width; x += 4) {
      let sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
      for (let j = 0; j < 8; j++) {
        for (let i = (y + j) * width + x, k = 0; k < 8; k++, i++) {
          const p = a[i]!;
          const q = b[i]!;
          sa += p;
          sb += q;
          saa += p * p;
          sbb += q * q;
          sab += p * q;
        }
      }
      const ma = sa / 64, mb = sb / 64;
      const va = saa / 64 - ma * ma, vb = sbb / 64 - mb * mb, cov = sab / 64 - ma * mb;
      sum += ((2 * ma * mb + C1) * (2 * cov + C2)) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
      windows++;
    }
  }
  return sum / windows;
}

/** Mean SSIM of each of the R, G, B planes, averaged. */
function ssimRgb(a: Uint8Array, b: Uint8Array, width: number, height: number): number {
  const plane = (x: Uint8Array, c: number) => {
    const out = new Uint8Array(width * height);
    for (let i = 0; i < out.length; i++) out[i] = x[i * 3 + c]!;
    return out;
  };
  return [0, 1, 2].reduce((sum, c) => sum + ssim(plane(a, c), plane(b, c), width, height), 0) / 3;
}

/** An A4 200 dpi colour text page (black text, a scanner's grain in each channel) through the
 * default profile: the stored page's size, and its SSIM against the capture. The issue's SSIM is
 * read as the luma's (sharp's greyscale: what a reader sees of a text page); beside it, the SSIM
 * against the page without grain (what was printed) and the mean of the R, G, B planes' (which
 * counts the capture's independent chroma noise, below 0.95 at any quality tried). */
async function pageSize(dir: string): Promise<BenchResult> {
  const capture = await scanLikePage(dir, 100, 200, true);
  const req = { input: { file: capture }, mode: 'color', dpi: 200, profile: 'default', workDir: dir } as const;
  await processPage(req); // warm: the CPU below is a page's, not the first call's
  const cpu = process.cpuUsage();
  const page = await processPage(req);
  const used = process.cpuUsage(cpu);
  const image = page.parts[0]!.image;
  if (!(image instanceof Uint8Array)) throw new Error('an A4 page is encoded in memory');
  const grey = (input: string | Uint8Array) => sharp(input).greyscale().raw().toBuffer({ resolveWithObject: true });
  const rgb = (input: string | Uint8Array) => sharp(input).removeAlpha().toColourspace('srgb').raw().toBuffer();
  const [a, b, printed] = await Promise.all([grey(capture), grey(image), grey(join(dir, 'src100.png'))]);
  const { width, height } = a.info;
  const similarity = ssim(a.data, b.data, width, height);
  const toPrinted = ssim(printed.data, b.data, width, height);
  const perChannel = ssimRgb(await rgb(capture), await rgb(image), width, height);
  const kb = image.byteLength / 1024;
  return {
    name: 'Size: an A4 200 dpi colour text page with scanner grain, default profile (JPEG, stored colour)',
    ours: { label: `stored page (SSIM ${similarity.toFixed(4)} against the capture, greyscale)`, value: kb, unit: 'KB' },
    peer: { label: 'target', value: 350, unit: 'KB' },
    ratio: 350 / kb,
    target: '≤ 350 KB at SSIM ≥ 0.97 (issue 4)',
    notes:
      `SSIM against the page without grain ${toPrinted.toFixed(4)} (the capture's own: ${ssim(printed.data, a.data, width, height).toFixed(4)}); ` +
      `mean of the R, G, B planes' SSIM against the capture ${perChannel.toFixed(4)}. CPU for the page (analysis, encoding, thumbnail, in this thread): ${((used.user + used.system) / 1000).toFixed(0)} ms`,
  };
}

export async function imagingThroughput(): Promise<BenchResult[]> {
  const tmp = tempDir('bench-imaging');
  const t = await openTestStation({ dataDir: join(tmp.path, 'data') });
  try {
    const size = await pageSize(tmp.path);
    const pages: string[] = [];
    for (let i = 0; i < PAGES; i++) pages.push(await scanLikePage(tmp.path, i));
    const pool = new ImagingPool({ path: '', info: () => {}, warn: (m, f) => console.warn(m, f), error: () => {} });
    const jobs = pool.size;
    const poolRates: number[] = [];
    // CPU time of this process (the pool's threads included): what a page costs whatever else
    // the machine is doing, so the capacity of two idle cores can be told from a busy machine.
    const cpuMsPerPage: number[] = [];
    const importRates: number[] = [];
    const importCpu: number[] = [];
    const peerRuns: PeerRun[] = [];
    const peerImports: PeerRun[] = [];
    const stages = new Map<string, number[]>();
    try {
      for (let round = 0; round < ROUNDS; round++) {
        let started = performance.now();
        let cpu = process.cpuUsage();
        const done: ProcessedPage[] = await Promise.all(pages.map((file) => pool.process({ input: { file }, mode: 'color', dpi: DPI, profile: 'default', workDir: tmp.path })));
        poolRates.push(PAGES / ((performance.now() - started) / 1000));
        let used = process.cpuUsage(cpu);
        cpuMsPerPage.push((used.user + used.system) / 1000 / PAGES);
        for (const p of done) for (const [k, v] of Object.entries(p.timingsMs)) stages.set(k, [...(stages.get(k) ?? []), v]);

        // the peer, on the same pages with the angles and boxes the station found
        const peerPages = await Promise.all(pages.map(async (file, i) => ({ file, ...(await sharp(file).metadata()), steps: done[i]!.parts[0]!.steps }) as PeerPage));
        peerRuns.push(await runPeer(peerPages, jobs, tmp.path, false));

        started = performance.now();
        cpu = process.cpuUsage();
        const doc = await t.call('documents.import', { paths: pages, dpi: DPI, ocr: 'skip' });
        importRates.push(PAGES / ((performance.now() - started) / 1000));
        used = process.cpuUsage(cpu);
        importCpu.push((used.user + used.system) / 1000 / PAGES);
        if (doc.pageCount !== PAGES) throw new Error(`imported ${doc.pageCount} pages of ${PAGES}`);
        peerImports.push(await runPeer(peerPages, jobs, tmp.path, true));
      }
    } finally {
      await pool.close();
    }
    const perStage = [...stages].map(([k, v]) => `${k} ${median(v).toFixed(0)} ms`).join(', ');
    const cores = availableParallelism();
    const ours = median(poolRates), oursCpu = median(cpuMsPerPage);
    const peer = median(peerRuns.map((r) => r.pagesPerSecond)), peerCpu = median(peerRuns.map((r) => r.cpuMsPerPage));
    const imported = median(importRates), importedCpu = median(importCpu);
    const peerImport = median(peerImports.map((r) => r.pagesPerSecond)), peerImportCpu = median(peerImports.map((r) => r.cpuMsPerPage));
    const idle = (ms: number) => ((cores * 1000) / ms).toFixed(2);
    const what = `${PAGES} A4 ${DPI} dpi colour scans, default profile, ${jobs} jobs (median of ${ROUNDS} rounds)`;
    return [
      {
        name: `Imaging pool: ${what}`,
        ours: { label: 'pool: analysis + turn/crop + JPEG + thumbnail', value: ours, unit: 'pages/s' },
        peer: { label: 'vips affine + vipsthumbnail, the station’s angles given (no analysis)', value: peer, unit: 'pages/s' },
        ratio: ours / peer,
        target: `≥ 5.5 pages/s on 2 idle cores, CPU ≤ 360 ms a page (issue 17); the fastest feeder ${FEEDER_PAGES_PER_SECOND.toFixed(2)} pages/s`,
        notes:
          `CPU per page: the pool ${oursCpu.toFixed(0)} ms (${idle(oursCpu)} pages/s on ${cores} idle cores), the peer ${peerCpu.toFixed(0)} ms (${idle(peerCpu)} pages/s). ` +
          `Per page, median per stage (wall time in its worker): ${perStage}`,
      },
      {
        name: `Imaging pool, CPU per page: ${what}`,
        ours: { label: 'pool (this process, its worker threads included)', value: oursCpu, unit: 'ms CPU/page' },
        peer: { label: 'vips affine + vipsthumbnail (the child processes)', value: peerCpu, unit: 'ms CPU/page' },
        ratio: peerCpu / oursCpu,
        target: '≤ 360 ms a page (issue 17); ratio is peer/ours (less CPU is better)',
      },
      {
        name: `documents.import, end to end: the same ${PAGES} pages (pool, encrypted blobs, SQLite rows, the PDF/A record; an uncompressed TIFF is not kept as the original)`,
        ours: { label: 'documents.import', value: imported, unit: 'pages/s' },
        peer: { label: 'vips + vipsthumbnail + sha256sum + openssl AES-CTR + sync per file, img2pdf record', value: peerImport, unit: 'pages/s' },
        ratio: imported / peerImport,
        target: `≥ 4.67 pages/s (issue 17: the fastest feeder, 280 images/min)`,
        notes: `CPU per page: the import ${importedCpu.toFixed(0)} ms (${idle(importedCpu)} pages/s on ${cores} idle cores), the peer ${peerImportCpu.toFixed(0)} ms (${idle(peerImportCpu)} pages/s).`,
      },
      size,
    ];
  } finally {
    await t.close();
    tmp.cleanup();
  }
}
