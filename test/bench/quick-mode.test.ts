// Every bench in quick mode (small inputs, seconds): a bench that no longer runs fails here, in
// npm test, instead of the day someone needs its figures. Asserts only that each completes and
// prints its figures beside its peer's — never a timing.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/paths';

const TSX = join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const RUN = join(REPO, 'test', 'bench', 'run.ts');

function bench(name: string): string {
  const r = spawnSync(process.execPath, [TSX, RUN, name, '--quick'], { cwd: REPO, encoding: 'utf8', env: { ...process.env, SOHOA_BENCH_QUICK: '1' }, maxBuffer: 1 << 26 });
  expect(r.status, `npm run bench ${name} -- --quick failed:\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-4000)}`).toBe(0);
  expect(r.stdout).toContain('Quick mode');
  return r.stdout;
}

/** Each figure block: a title, the station's figure, the peer's, and their ratio. */
const FIGURES = /\n[^\n]+\n {2}[^\n]+: -?[\d.]+ [^\n]+\n {2}[^\n]+: -?[\d.]+ [^\n]+\n {2}ratio -?[\d.]+/g;

describe('every bench runs in quick mode', () => {
  const cases: readonly (readonly [string, number])[] = [
    ['scan', 2],
    ['imaging-throughput', 4],
    ['pdf', 2],
    ['sign', 1],
    ['sync', 3],
    ['records', 1],
    ['devices', 2],
    ['archive', 1],
    ['ocr-engines', 4],
    ['pdf-engine', 4],
    ['stitch', 3],
    ['stitch-compose', 3],
    ['camera', 4],
  ];
  for (const [name, figures] of cases) {
    it(`${name}: prints its figures beside its peer’s`, { timeout: 600_000 }, () => {
      expect(bench(name).match(FIGURES)?.length ?? 0).toBeGreaterThanOrEqual(figures);
    });
  }

  it('imaging: prints the station’s accuracy beside unpaper’s', { timeout: 600_000 }, () => {
    expect(bench('imaging')).toMatch(/deskew error mean/);
  });

  // One run for both: its figure blocks (speed, accuracy and size beside ocrmypdf's, A0 memory)
  // and the accuracy lines that have no peer.
  it('ocr: prints its figures beside ocrmypdf’s, and the character accuracy', { timeout: 900_000 }, () => {
    const out = bench('ocr');
    expect(out.match(FIGURES)?.length ?? 0).toBeGreaterThanOrEqual(4);
    expect(out).toMatch(/character accuracy \d+\.\d+%/);
  });
});
