// The portable PDF engine (qpdf and PDFium in WebAssembly, pdf-lib: what a Windows counter runs)
// beside the system tools (poppler and qpdf, SOHOA_PDF_ENGINE=native) on the same import: PDFs
// from img2pdf (JPEG and CCITT G4 pages, kept as they are) and Ghostscript (born-digital pages,
// rendered at 200 dpi with their words), read for import in a child process per side, alternating
// rounds. Time (target: the portable engine ≤ 1.5× the native tools) and peak memory. Then one
// large scan (440 img2pdf JPEG pages, about 230 MB, as an archivist's earlier scans are) read once
// by each side: its peak memory must stay within the job's 1 GB budget (issue 22).
import { execFileSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, tempDir } from '../helpers/paths';
import { median, measured } from './measure';
import { scaled } from './quick';
import type { BenchResult } from './run';

const ROUNDS = scaled(3, 1);
/** Pages of each kind: JPEG, G4, born-digital. */
const EACH = scaled(8, 1);
/** Pages of the large scan (each the 0.5 MB JPEG page: 230 MB in all). */
const LARGE_PAGES = scaled(440, 12);
/** The job's memory budget (issue 17's A0 target, issue 22). */
const BUDGET_MB = 1024;

function inputs(dir: string): string[] {
  const f = (n: string) => join(dir, n);
  execFileSync('convert', ['-size', '1654x2339', 'plasma:', '-fill', 'black', '-draw', 'rectangle 150,150 1500,400', '-density', '200', '-units', 'PixelsPerInch', '-quality', '85', f('page.jpg')]);
  execFileSync('convert', ['-size', '2480x3508', 'xc:white', '-fill', 'black', '-draw', 'rectangle 200,200 2280,420', '-draw', 'circle 1240,1754 1240,1000', '-monochrome', '-density', '300', '-units', 'PixelsPerInch', '-compress', 'Group4', f('g4.tif')]);
  execFileSync('img2pdf', [...Array<string>(EACH).fill(f('page.jpg')), ...Array<string>(EACH).fill(f('g4.tif')), '-o', f('img2pdf.pdf')]);
  const lines = Array.from({ length: 50 }, (_, l) => `72 ${760 - l * 14} moveto (So dang ky ${l + 1} - Nguyen Van A, sinh ngay 01/01/1990, thuong tru tai xa Tan Lap) show`).join(' ');
  writeFileSync(f('register.ps'), `/Helvetica findfont 10 scalefont setfont\n${Array<string>(EACH).fill(`${lines} showpage`).join('\n')}\n`);
  execFileSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-sDEVICE=pdfwrite', `-sOutputFile=${f('gs.pdf')}`, f('register.ps')]);
  return [f('img2pdf.pdf'), f('gs.pdf')];
}

/** The large scan: the same JPEG page `LARGE_PAGES` times (img2pdf stores each copy). */
function largeScan(dir: string): string {
  const out = join(dir, 'large.pdf');
  execFileSync('img2pdf', [...Array<string>(LARGE_PAGES).fill(join(dir, 'page.jpg')), '-o', out]);
  return out;
}

export async function pdfEngineBench(): Promise<BenchResult[]> {
  const tmp = tempDir('bench-pdf-engine');
  try {
    const files = inputs(tmp.path);
    const tsx = join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const child = join(REPO, 'test', 'bench', 'pdf-engine-child.ts');
    const side = (engine: 'portable' | 'native', read = files) => {
      process.env.SOHOA_PDF_ENGINE = engine;
      const r = measured(process.execPath, [tsx, child, '200', ...read]);
      const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { seconds: number; pages: number };
      return { ...out, rssMb: r.rssMb };
    };
    const ours: ReturnType<typeof side>[] = [];
    const peer: ReturnType<typeof side>[] = [];
    const large = largeScan(tmp.path);
    let big: { ours: ReturnType<typeof side>; peer: ReturnType<typeof side> };
    try {
      for (let round = 0; round < ROUNDS; round++) {
        // Alternating which goes first: the machine's noise falls on both.
        if (round % 2) peer.push(side('native'));
        ours.push(side('portable'));
        if (!(round % 2)) peer.push(side('native'));
      }
      big = { ours: side('portable', [large]), peer: side('native', [large]) };
    } finally {
      delete process.env.SOHOA_PDF_ENGINE;
    }
    const pages = ours[0]!.pages;
    const [o, p] = [median(ours.map((r) => r.seconds)), median(peer.map((r) => r.seconds))];
    const [om, pm] = [median(ours.map((r) => r.rssMb)), median(peer.map((r) => r.rssMb))];
    const what = `${pages} pages: ${EACH} img2pdf JPEG + ${EACH} img2pdf G4 (kept), ${EACH} Ghostscript born-digital (rendered at 200 dpi, words kept)`;
    return [
      {
        name: `PDF engine, reading for import — ${what} (median of ${ROUNDS} alternating rounds)`,
        ours: { label: 'portable engine (qpdf + PDFium in WebAssembly, pdf-lib)', value: o, unit: 's' },
        peer: { label: 'system tools (qpdf, pdfinfo, pdfimages, pdftotext, pdftoppm)', value: p, unit: 's' },
        ratio: p / o,
        target: '≥ 0.67: the portable engine at most 1.5× the native tools’ time',
      },
      {
        name: `PDF engine, peak memory of the reading process (its children included for the system tools' side: ${what})`,
        ours: { label: 'portable engine, one process (worker thread included)', value: om, unit: 'MB' },
        peer: { label: 'system tools (node process; the largest tool child counted by /usr/bin/time)', value: pm, unit: 'MB' },
        ratio: pm / om,
        notes: 'Each WebAssembly engine is bounded by its own memory maximum (qpdf 1 GiB, PDFium 2 GiB, as the tools’ prlimit); a page is rendered in bands of at most 16 Mpx.',
      },
      ...largeFigures(big.ours, big.peer, Math.round(statSync(large).size / 2 ** 20)),
    ];
  } finally {
    tmp.cleanup();
  }
}

type Side = { seconds: number; pages: number; rssMb: number };

/** The large scan's figures: its peak memory against the budget, and its time. */
function largeFigures(ours: Side, peer: Side, fileMb: number): BenchResult[] {
  const what = `a ${ours.pages}-page img2pdf JPEG scan of ${fileMb} MB, read once by each side`;
  return [
    {
      name: `PDF engine, peak memory of a large import — ${what}`,
      ours: { label: 'portable engine, one process (worker thread included)', value: ours.rssMb, unit: 'MB' },
      peer: { label: 'system tools (node process; the largest tool child counted by /usr/bin/time)', value: peer.rssMb, unit: 'MB' },
      ratio: peer.rssMb / ours.rssMb,
      target: `the portable engine’s peak ≤ ${BUDGET_MB} MB, the job’s budget`,
      notes: 'PDFium reads the file through a callback (never whole in its memory) and reopens it every 48 calls; pdf-lib keeps no large stream’s bytes (read back from the file when one is taken).',
    },
    {
      name: `PDF engine, time of a large import — ${what}`,
      ours: { label: 'portable engine', value: ours.seconds, unit: 's' },
      peer: { label: 'system tools', value: peer.seconds, unit: 's' },
      ratio: peer.seconds / ours.seconds,
      target: '≥ 0.67: the portable engine at most 1.5× the native tools’ time',
    },
  ];
}
