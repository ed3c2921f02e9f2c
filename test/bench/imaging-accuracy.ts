// npm run bench imaging: the page analysis against Debian's unpaper on the generated ground-truth
// set (test/fixtures/imaging: A4 at 300 dpi, scanned through the SANE pnm backend). Both answer
// the same pages; test/bench/imaging/unpaper.ts says exactly how each unpaper figure is read.
// unpaper's answers are kept beside the cached pages (it needs minutes); `--fresh-unpaper` reruns it.
import os from 'node:os';
import { blankThreshold } from '../../electron/core/imaging/analysis/blank';
import { groundTruthSet } from '../fixtures/imaging/generate';
import type { BenchResult } from './run';
import { scaled } from './quick';
import { score, type Answer, type Scores } from './imaging/score';
import { osdAnswer } from './imaging/osd';
import { stationAnswer } from './imaging/station';
import { unpaperAnswer, unpaperVersion } from './imaging/unpaper';

const DPI = 300;

function describe(name: string, s: Scores): string {
  const f = (x: number | undefined, d = 3) => (x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(d));
  const kinds = Object.entries(s.deskew.byKind).map(([k, v]) => `${k} ${f(v.mean)}/${f(v.max)}`).join(', ');
  return [
    `  ${name}:`,
    `    deskew error mean ${f(s.deskew.meanError)}°, max ${f(s.deskew.maxError)}° over ${s.deskew.pages} pages (mean/max by kind: ${kinds})`,
    `    crop IoU mean ${f(s.cropIoU?.mean)}, min ${f(s.cropIoU?.min)} over ${s.cropIoU?.pages ?? 0} pages`,
    s.blank ? `    blank pages: precision ${f(s.blank.precision, 2)}, recall ${f(s.blank.recall, 2)} (tp ${s.blank.truePositives}, fp ${s.blank.falsePositives}, fn ${s.blank.falseNegatives})` : '    blank pages: no detection',
    `    orientation accuracy ${f(s.orientation?.accuracy, 2)} over ${s.orientation?.pages ?? 0} pages`,
    s.gutter ? `    spread gutter error mean ${f(s.gutter.meanErrorMm, 2)} mm, max ${f(s.gutter.maxErrorMm, 2)} mm (${s.gutter.found}/${s.gutter.pages} found)` : '',
    s.colour ? `    colour presence accuracy ${f(s.colour.accuracy, 2)} over ${s.colour.pages} pages` : '    colour presence: no detection',
    `    CPU per page ${f(s.cpuMsPerPage, 0)} ms`,
  ].filter(Boolean).join('\n');
}

export async function imagingAccuracy(): Promise<BenchResult[]> {
  const fresh = process.argv.includes('--fresh-unpaper');
  // Quick mode: the first pages of the set only (the figures are then no measure).
  const set = (await groundTruthSet(DPI)).slice(0, scaled(Infinity, 3));
  // the station's process runs all day: its code is compiled before the first page, so three pages warm it up uncounted
  for (const truth of set.slice(0, 3)) await stationAnswer(truth);
  const ours: Answer[] = [];
  const inkFractions: number[] = [];
  const stages: Record<string, number> = {};
  const wallStarted = performance.now();
  for (const truth of set) {
    const { answer, analysis } = await stationAnswer(truth);
    ours.push(answer);
    inkFractions.push(analysis.inkFraction);
    for (const [k, v] of Object.entries(analysis.timingsMs)) stages[k] = (stages[k] ?? 0) + v / set.length;
  }
  const oursWall = (performance.now() - wallStarted) / set.length;
  const peer: Answer[] = [];
  let cached = 0;
  for (const truth of set) {
    const a = await unpaperAnswer(truth, fresh);
    if (a.cached) cached++;
    peer.push(a);
  }
  const s = score(set, ours), u = score(set, peer);
  // orientation: the station's text-line method against tesseract's OSD on the pages with text
  const withText = set.map((t, i) => ({ t, i })).filter(({ t }) => ['text', 'form', 'orientation'].includes(t.spec.kind));
  const osd = withText.map(({ t }) => ({ t, a: osdAnswer(t, fresh) }));
  const osdAccuracy = osd.filter(({ t, a }) => (a.quarterTurns ?? 0) === t.quarterTurns).length / osd.length;
  const osdCpu = osd.reduce((sum, { a }) => sum + a.cpuMs, 0) / osd.length;
  console.log(`\nImaging analysis on ${set.length} generated pages (A4 glass/page at ${DPI} dpi through the SANE pnm backend), ${os.cpus().length} cores`);
  console.log(describe('station (electron/core/imaging/analysis)', s));
  console.log(describe(`${unpaperVersion()} (defaults, --deskew-scan-range 15)${cached ? `, ${cached} of ${set.length} answers from an earlier run (--fresh-unpaper reruns)` : ''}`, u));
  console.log(
    `  orientation on ${osd.length} pages with text: station text lines ${(s.orientation!.accuracy * 100).toFixed(0)} % right, ${stages.orientation?.toFixed(1)} ms (its stage);` +
      ` tesseract OSD ${(osdAccuracy * 100).toFixed(0)} % right, ${osdCpu.toFixed(0)} ms CPU per page`,
  );
  // the sensitivity is a threshold on the ink fraction each page reports: the same pages at other settings
  const sweep = [0.2, 0.35, 0.5, 0.65, 0.8].map((sensitivity) => {
    const called = set.map((_, i) => inkFractions[i]! < blankThreshold(sensitivity));
    const tp = called.filter((c, i) => c && set[i]!.blank).length, fp = called.filter((c, i) => c && !set[i]!.blank).length;
    const fn = called.filter((c, i) => !c && set[i]!.blank).length;
    return `${sensitivity}: P ${(tp / Math.max(1, tp + fp)).toFixed(2)} R ${(tp / Math.max(1, tp + fn)).toFixed(2)}`;
  });
  console.log(`  station blank pages by sensitivity (precision, recall): ${sweep.join('; ')}`);
  console.log(`  station time per stage (wall ms, mean per page): ${Object.entries(stages).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}; wall per page ${oursWall.toFixed(0)} ms (the machine is shared: CPU time is the steadier figure)`);
  const lowerIsBetter = (x: number, y: number) => y / Math.max(x, 1e-3);
  const r = (name: string, o: number, p: number, unit: string, ratio: number, target: string, notes?: string): BenchResult => ({
    name: `Imaging: ${name}`,
    ours: { label: 'station', value: o, unit },
    peer: { label: 'unpaper', value: p, unit },
    ratio,
    target,
    ...(notes ? { notes } : {}),
  });
  return [
    r('deskew mean error', s.deskew.meanError, u.deskew.meanError, '°', lowerIsBetter(s.deskew.meanError, u.deskew.meanError), '> 1 (better than unpaper); max ≤ 0.1°'),
    r('deskew max error', s.deskew.maxError, u.deskew.maxError, '°', lowerIsBetter(s.deskew.maxError, u.deskew.maxError), '> 1, station ≤ 0.1°'),
    r('crop IoU (cards, A5 on the glass, dark borders)', s.cropIoU?.mean ?? 0, u.cropIoU?.mean ?? 0, '', (s.cropIoU?.mean ?? 0) / Math.max(u.cropIoU?.mean ?? 0, 1e-3), '> 1'),
    r('blank-page precision', s.blank?.precision ?? 0, u.blank?.precision ?? 0, '', (s.blank?.precision ?? 0) / Math.max(u.blank?.precision ?? 0, 1e-3), '≥ 1', 'unpaper has no blank detection: its output is called blank when its dark pixels are under 1e-4 of the page (imaging/unpaper.ts)'),
    r('blank-page recall', s.blank?.recall ?? 0, u.blank?.recall ?? 0, '', (s.blank?.recall ?? 0) / Math.max(u.blank?.recall ?? 0, 1e-3), '> 1'),
    r('orientation accuracy', s.orientation?.accuracy ?? 0, u.orientation?.accuracy ?? 0, '', (s.orientation?.accuracy ?? 0) / Math.max(u.orientation?.accuracy ?? 0, 1e-3), '> 1', 'unpaper has no orientation detection: its figure is the share of pages already upright'),
    r('CPU per page', s.cpuMsPerPage, u.cpuMsPerPage, 'ms', lowerIsBetter(s.cpuMsPerPage, u.cpuMsPerPage), '≥ 2 (at least twice as fast); station well under 100 ms'),
  ];
}
