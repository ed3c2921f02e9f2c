// The portable OCR engine (tesseract in WebAssembly, npm tesseract-wasm, the station's default)
// beside Debian's tesseract, on the same pages with the same number of jobs (issue 22: time ≤ 1.5× the native
// tool on 2 cores, accuracy not lower, memory within the job's budget). Each run is a fresh child
// process (ocr-engine-child.ts) recognising scan-like A4 pages at 300 dpi colour as the station's
// queue does; the engines take turns, alternating rounds. Figures: pages per second (start-up
// included), character accuracy against the pages' reference text (as ocr-accuracy.ts measures),
// the run's peak memory (its whole process tree: the native engine's tesseract processes count);
// then the A0 job (`sohoa scan --preset a0 --dpi 300` with OCR) with each engine, whose whole
// tree must stay within 1 GB.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { VIETNAMESE_LINES, characterAccuracy } from '../fixtures/vietnamese-pages';
import { CLI, REPO, tempDir } from '../helpers/paths';
import { saneEnv, writeSaneConfig } from '../helpers/sane';
import { median } from './measure';
import { scaled } from './quick';
import type { BenchResult } from './run';
import { scanLikeJpegs } from './scan-like-jpegs';
import { treeMemory } from './tree-memory';

const PAGES = scaled(6, 1);
const ROUNDS = scaled(2, 1);
const DPI = 300;
const JOBS = availableParallelism();
const TSX = join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const CHILD = join(REPO, 'test', 'bench', 'ocr-engine-child.ts');
// Quick mode: an A5 at 100 dpi instead of the A0 (the memory figure is the full bench's).
const BIG = scaled({ preset: 'a0', dpi: '300', label: 'A0 at 300 dpi colour (140 Mpx)' }, { preset: 'a5', dpi: '100', label: 'A5 at 100 dpi colour (quick mode)' });

type Engine = 'portable' | 'native';
interface Run {
  readonly pagesPerSecond: number;
  readonly accuracy: number;
  readonly peakMb: number;
}

async function run(engine: Engine, pages: readonly string[]): Promise<Run> {
  const env = { ...process.env };
  delete env.SOHOA_OCR_ENGINE;
  const m = await treeMemory(process.execPath, [TSX, CHILD, engine, String(DPI), ...pages], env);
  const { seconds, texts } = JSON.parse(m.stdout.trim().split('\n').at(-1)!) as { seconds: number; texts: string[] };
  const reference = VIETNAMESE_LINES.join('\n');
  const accuracy = texts.map((t) => characterAccuracy(reference, t)).reduce((a, b) => a + b, 0) / texts.length;
  return { pagesPerSecond: pages.length / seconds, accuracy: accuracy * 100, peakMb: m.treePeakMb };
}

async function bigPage(tmp: string, engine: Engine): Promise<number> {
  const saneDir = writeSaneConfig(join(tmp, `sane-${engine}.d`));
  const env = saneEnv(saneDir, { SOHOA_DATA_DIR: join(tmp, `data-${engine}`), SOHOA_OCR_ENGINE: engine });
  const args = [CLI, 'scan', '--device', 'sane:test:0', '--preset', BIG.preset, '--dpi', BIG.dpi, '--mode', 'color', '--out', join(tmp, `${engine}.pdf`), '--json'];
  return (await treeMemory(process.execPath, args, env)).treePeakMb;
}

export async function ocrEngines(): Promise<BenchResult[]> {
  const tmp = tempDir('bench-ocr-engines');
  try {
    const pages = await scanLikeJpegs(tmp.path, PAGES, DPI);
    const runs: Record<Engine, Run[]> = { portable: [], native: [] };
    for (let round = 0; round < ROUNDS; round++) {
      // Alternating which goes first, so that neither always meets a warmer or a busier machine.
      const order: Engine[] = round % 2 === 0 ? ['portable', 'native'] : ['native', 'portable'];
      for (const engine of order) runs[engine].push(await run(engine, pages));
    }
    const of = (engine: Engine, key: keyof Run) => median(runs[engine].map((r) => r[key]));
    const big = { portable: await bigPage(tmp.path, 'portable'), native: await bigPage(tmp.path, 'native') };
    const what = `${PAGES} scan-like A4 pages at ${DPI} dpi colour (Vietnamese, the same model file), ${JOBS} jobs`;
    return [
      {
        name: `OCR engines, ${what}: tesseract in WebAssembly (tesseract-wasm, the default) vs Debian's tesseract`,
        ours: { label: 'portable (tesseract-wasm)', value: of('portable', 'pagesPerSecond'), unit: 'pages/s' },
        peer: { label: 'native (tesseract 5.3)', value: of('native', 'pagesPerSecond'), unit: 'pages/s' },
        ratio: of('portable', 'pagesPerSecond') / of('native', 'pagesPerSecond'),
        target: '≥ 0.67: time ≤ 1.5× native (issue 22)',
        notes: `median of ${ROUNDS} alternating rounds, each a fresh process; start-up (the WebAssembly core, the model) included.`,
      },
      {
        name: `OCR engines, character accuracy, ${what}`,
        ours: { label: 'portable (tesseract-wasm)', value: of('portable', 'accuracy'), unit: '% of characters' },
        peer: { label: 'native (tesseract 5.3)', value: of('native', 'accuracy'), unit: '% of characters' },
        ratio: of('portable', 'accuracy') / of('native', 'accuracy'),
        target: '≥ 1.0: not lower (issue 22)',
      },
      {
        name: `OCR engines, peak memory of the recognising process tree, ${what}`,
        ours: { label: 'portable (tesseract-wasm)', value: of('portable', 'peakMb'), unit: 'MB' },
        peer: { label: 'native (tesseract 5.3)', value: of('native', 'peakMb'), unit: 'MB' },
        ratio: of('native', 'peakMb') / of('portable', 'peakMb'),
        notes: 'ratio is native/portable (lower memory is better).',
      },
      {
        name: `OCR engines, ${BIG.label} from the SANE test device, sohoa scan with OCR: peak memory of the whole job (every process summed)`,
        ours: { label: 'portable (tesseract-wasm)', value: big.portable, unit: 'MB' },
        peer: { label: 'native (tesseract 5.3)', value: big.native, unit: 'MB' },
        ratio: big.native / big.portable,
        target: 'portable ≤ 1024 MB (issue 17, 22)',
        notes: 'ratio is native/portable (lower memory is better).',
      },
    ];
  } finally {
    tmp.cleanup();
  }
}
