// The station's OCR beside Debian's ocrmypdf (-l vie --output-type pdfa, the same number of jobs):
// the same scan-like A4 pages at 300 dpi colour, run in turn in this process tree, alternating
// rounds. The station imports the JPEGs as captured (profile none: ocrmypdf does
// no imaging either) and waits for the record with its text layer; ocrmypdf gets the JPEGs the
// station stored, wrapped in a PDF by img2pdf (not timed), and writes its PDF/A. Figures: pages per second, character accuracy
// of each output's text as pdftotext reads it (against the pages' reference text, as
// ocr-accuracy.ts measures), and the output's size. Then the A0 job's memory with OCR on, beside
// the same job without OCR (tree-memory.ts: every process of the job summed).
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { VIETNAMESE_LINES, characterAccuracy } from '../fixtures/vietnamese-pages';
import { CLI, tempDir } from '../helpers/paths';
import { pdftotext } from '../helpers/pdf-tools';
import { saneEnv, writeSaneConfig } from '../helpers/sane';
import { openTestStation } from '../helpers/station';
import { median } from './measure';
import { scaled } from './quick';
import type { BenchResult } from './run';
import { scanLikeJpegs } from './scan-like-jpegs';
import { treeMemory } from './tree-memory';

const PAGES = scaled(6, 1);
const ROUNDS = scaled(2, 1);
const DPI = 300;
const JOBS = availableParallelism();
// Quick mode: an A5 at 100 dpi instead of the A0 (the memory figure is the full bench's).
const BIG = scaled({ preset: 'a0', dpi: '300', label: 'A0 at 300 dpi colour (9933 × 14043 px, 140 Mpx)' }, { preset: 'a5', dpi: '100', label: 'A5 at 100 dpi colour (quick mode)' });

/** Mean character accuracy of each page's text (pages split by pdftotext's form feeds). */
function accuracy(pdf: string): number {
  const reference = VIETNAMESE_LINES.join('\n');
  const pages = pdftotext(pdf).split('\f').slice(0, PAGES);
  // The station's mark line is its own, not recognised text: left out, as ocr-accuracy.ts does.
  const scores = pages.map((p) => characterAccuracy(reference, p.split('\n').filter((l) => !l.startsWith('Bản điện tử chuyển đổi')).join('\n')));
  return scores.reduce((a, b) => a + b, 0) / scores.length;
}

export async function ocrPagesBesideOcrmypdf(): Promise<BenchResult[]> {
  const tmp = tempDir('bench-ocr-throughput');
  const t = await openTestStation();
  try {
    const jpegs = await scanLikeJpegs(tmp.path, PAGES, DPI);
    const input = join(tmp.path, 'scans.pdf');
    const ours: number[] = [];
    const peer: number[] = [];
    let oursPdf = '';
    const peerPdf = join(tmp.path, 'ocrmypdf.pdf');
    for (let round = 0; round < ROUNDS; round++) {
      let started = performance.now();
      const doc = await t.call('documents.import', { paths: jpegs, dpi: DPI, profile: 'none', ocr: 'wait' });
      ours.push(PAGES / ((performance.now() - started) / 1000));
      if (doc.ocr !== 'done') throw new Error(`the station's OCR ended ${doc.ocr}`);
      oursPdf = join(tmp.path, `station-${round}.pdf`);
      await t.call('documents.export', { id: doc.id, path: oursPdf });
      if (round === 0) {
        // The same pages: the very JPEGs the station stored and recognised (pdfimages -j copies
        // them out byte for byte, img2pdf wraps them unchanged), so that the images weigh the
        // same in both outputs and the sizes compare what OCR adds.
        execFileSync('pdfimages', ['-j', oursPdf, join(tmp.path, 'stored')]);
        const stored = jpegs.map((_, i) => join(tmp.path, `stored-${String(i).padStart(3, '0')}.jpg`));
        execFileSync('img2pdf', ['--imgsize', `${DPI}dpix${DPI}dpi`, '-o', input, ...stored]);
      }
      started = performance.now();
      // At its ordinary priority, as people run it (the station's tesseract runs at nice 19): on a
      // busy machine that favours the peer, never the station.
      execFileSync('ocrmypdf', [ '-q', '-l', 'vie', '--output-type', 'pdfa', '-j', String(JOBS), input, peerPdf], { stdio: ['ignore', 'ignore', 'pipe'] });
      peer.push(PAGES / ((performance.now() - started) / 1000));
    }
    const [oursRate, peerRate] = [median(ours), median(peer)];
    const [oursAcc, peerAcc] = [accuracy(oursPdf) * 100, accuracy(peerPdf) * 100];
    const [oursMb, peerMb] = [statSync(oursPdf).size / 1e6, statSync(peerPdf).size / 1e6];
    const what = `${PAGES} scan-like A4 pages at ${DPI} dpi colour (Vietnamese), ${JOBS} jobs`;
    return [
      {
        name: `OCR throughput, ${what}: station (import as captured → OCR → PDF/A record) vs ocrmypdf -l vie --output-type pdfa -j ${JOBS}`,
        ours: { label: 'station', value: oursRate, unit: 'pages/s' },
        peer: { label: 'ocrmypdf', value: peerRate, unit: 'pages/s' },
        ratio: oursRate / peerRate,
        target: '≥ 1.0 (issue 17)',
        notes: `median of ${ROUNDS} alternating rounds; the station's time includes the import and the record written twice (saved, then with its text).`,
      },
      {
        name: `OCR character accuracy, ${what}, each output read back by pdftotext`,
        ours: { label: 'station', value: oursAcc, unit: '% of characters' },
        peer: { label: 'ocrmypdf', value: peerAcc, unit: '% of characters' },
        ratio: oursAcc / peerAcc,
        target: '≥ 1.0: not lower (issue 17)',
      },
      {
        name: `OCR output size, ${what}`,
        ours: { label: 'station record', value: oursMb, unit: 'MB' },
        peer: { label: 'ocrmypdf PDF/A', value: peerMb, unit: 'MB' },
        ratio: peerMb / oursMb,
        target: '≥ 1.0: not larger (issue 17)',
        notes: 'ratio is peer/ours (smaller is better).',
      },
    ];
  } finally {
    await t.close();
    tmp.cleanup();
  }
}

async function bigPageMemory(): Promise<BenchResult> {
  const tmp = tempDir('bench-ocr-a0');
  try {
    const saneDir = writeSaneConfig(join(tmp.path, 'sane.d'));
    const job = async (ocr: boolean) => {
      const env = saneEnv(saneDir, { SOHOA_DATA_DIR: join(tmp.path, ocr ? 'with' : 'without') });
      const args = [CLI, 'scan', '--device', 'sane:test:0', '--preset', BIG.preset, '--dpi', BIG.dpi, '--mode', 'color', ...(ocr ? [] : ['--no-ocr']), '--out', join(tmp.path, `${ocr}.pdf`), '--json'];
      return treeMemory(process.execPath, args, env);
    };
    const ours = await job(true);
    const peer = await job(false);
    return {
      name: `${BIG.label} from the SANE test device, sohoa scan with OCR: peak memory of the whole job (every process summed, sampled through /proc; /usr/bin/time -v gives the largest one)`,
      ours: { label: 'sohoa scan (OCR on)', value: ours.treePeakMb, unit: 'MB' },
      peer: { label: 'sohoa scan --no-ocr', value: peer.treePeakMb, unit: 'MB' },
      ratio: peer.treePeakMb / ours.treePeakMb,
      target: 'OCR on ≤ 1024 MB (issue 17)',
      notes: `ratio is peer/ours (lower memory is better); largest single process (/usr/bin/time -v): ${ours.largestProcessMb.toFixed(0)} MB with OCR, ${peer.largestProcessMb.toFixed(0)} MB without.`,
    };
  } finally {
    tmp.cleanup();
  }
}

export async function ocrThroughput(): Promise<BenchResult[]> {
  return [...(await ocrPagesBesideOcrmypdf()), await bigPageMemory()];
}
