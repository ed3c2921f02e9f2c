// npm run bench [scan|imaging-throughput|pdf|sign|sync|records|imaging|devices|ocr|archive|ocr-engines|pdf-engine|stitch|stitch-compose|camera] [-- --quick]: each
// benchmark runs the station and a peer side by side in this process tree, alternating rounds
// (these machines are noisy: compare the ratio, not the absolute times). --quick: small inputs, to
// prove a bench still runs (npm test does it for every one); its figures are no measure.
import { archiveStack } from './archive-stack';
import { cameraBench } from './camera';
import { deviceList } from './device-list';
import { imagingAccuracy } from './imaging-accuracy';
import { ocrAccuracy } from './ocr-accuracy';
import { ocrEngines } from './ocr-engines';
import { ocrThroughput } from './ocr-throughput';
import { pdfAssembly } from './pdf-assembly';
import { pdfEngineBench } from './pdf-engine';
import { recordsScale } from './records-scale';
import { scanThroughput } from './scan-throughput';
import { imagingThroughput } from './imaging-throughput';
import { signing } from './signing';
import { stitchBench } from './stitch';
import { stitchCompose } from './stitch-compose';
import { syncThroughput } from './sync-throughput';
import { QUICK } from './quick';

export interface BenchResult {
  readonly name: string;
  readonly ours: { label: string; value: number; unit: string };
  readonly peer: { label: string; value: number; unit: string };
  /** ours / peer, oriented so that higher is better for the station. */
  readonly ratio: number;
  readonly target?: string;
  readonly notes?: string;
}

// Outside the tests there is no SOHOA_STATION_PASSPHRASE: the benches' stations keep a development
// key file beside their data, asked for here (records/station-key.ts); child processes inherit it.
process.env.SOHOA_DEV_KEY_FILE ??= '1';
const only = process.argv.slice(2).find((a) => !a.startsWith('--')); // options such as --quick are the benches' own
if (QUICK) console.log('Quick mode: small inputs, to show that each bench runs; the figures are no measure.');
// One bench per line: each helper's bench is its own line.
const benches: Record<string, () => Promise<BenchResult | BenchResult[]>> = {
  scan: scanThroughput,
  'imaging-throughput': imagingThroughput,
  pdf: pdfAssembly,
  sign: signing,
  sync: syncThroughput,
  records: recordsScale,
  imaging: imagingAccuracy,
  devices: deviceList,
  ocr: ocrThroughput,
  archive: archiveStack,
  'ocr-engines': ocrEngines,
  'pdf-engine': pdfEngineBench,
  stitch: stitchBench,
  'stitch-compose': stitchCompose,
  camera: cameraBench,
};
// A name that is no bench (a typo: `archive-stack` for `archive`) must not pass for a run with
// nothing to report.
if (only && !(only in benches)) {
  console.error(`no bench named "${only}": ${Object.keys(benches).join(', ')}`);
  process.exit(2);
}
for (const [key, bench] of Object.entries(benches)) {
  if (only && only !== key) continue;
  for (const r of [await bench()].flat()) {
    const fmt = (x: BenchResult['ours']) => `${x.label}: ${x.value.toFixed(2)} ${x.unit}`;
    console.log(`\n${r.name}\n  ${fmt(r.ours)}\n  ${fmt(r.peer)}\n  ratio ${r.ratio.toFixed(2)}${r.target ? `   (target ${r.target})` : ''}${r.notes ? `\n  ${r.notes}` : ''}`);
  }
}
if (!only || only === 'ocr') {
  // Accuracy has no peer to run beside: the reference text is the measure.
  console.log('\nVietnamese OCR, generated A4 pages at 200 dpi through import → tesseract (vie) → text layer → pdftotext (target ≥ 98%)');
  for (const f of await ocrAccuracy()) console.log(`  ${f.variant}: character accuracy ${(f.accuracy * 100).toFixed(2)}%, ${f.secondsPerPage.toFixed(1)} s per page (import + OCR + record)`);
}
