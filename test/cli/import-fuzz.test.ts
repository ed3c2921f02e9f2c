// Issue 20's acceptance: a bounded fuzz of `sohoa import`. Seed files made by the outside
// producers (ImageMagick's PNG, JPEG and TIFFs, img2pdf's and Ghostscript's PDFs, qpdf's
// rewrite) are mutated by a seeded generator — the same files on every run — and imported
// through the real command, one document per file (--each), in a few batches. Any exit 1, any
// `internal` answer, a message that repeats itself, a crash (a signal), a hang (a batch past its
// deadline) or a process of the command — its tools included — above 1 GB at its peak fails it.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireError } from '../../electron/contract';
import { runCliMeasured } from '../helpers/cli-rss';
import { tempDir } from '../helpers/paths';
import { random } from '../fixtures/large-sheet';

const tmp = tempDir('import-fuzz');
const f = (name: string) => join(tmp.path, name);
afterAll(() => tmp.cleanup());

const PER_SEED = 32;
const BATCHES = 4;
const GB_KB = 1024 * 1024;

/** mulberry32, seeded, so every run fuzzes the same files. */
const generator = random;

/** One mutation of `src`: bytes flipped, a range zeroed or cut, a chunk repeated, random bytes
 * inserted, or (in a PDF's text) numbers changed — the damage files meet on the way. */
function mutate(src: Buffer, rnd: () => number): Buffer {
  const at = (n = src.length) => Math.floor(rnd() * n);
  const b = Buffer.from(src);
  switch (Math.floor(rnd() * 6)) {
    case 0:
      for (let k = 1 + at(12); k > 0; k--) b[at()] = at(256);
      return b;
    case 1: {
      const from = at();
      return b.fill(0, from, Math.min(b.length, from + 1 + at(4096)));
    }
    case 2:
      return b.subarray(0, at());
    case 3: {
      const from = at();
      const chunk = b.subarray(from, from + 1 + at(2048));
      return Buffer.concat([b.subarray(0, from), chunk, chunk, b.subarray(from + chunk.length)]);
    }
    case 4: {
      const from = at();
      return Buffer.concat([b.subarray(0, from), Buffer.from(Array.from({ length: 1 + at(64) }, () => at(256))), b.subarray(from)]);
    }
    default: {
      // Numbers in the text (a PDF's /Length, /Count, /Width, offsets; an image header's sizes).
      const text = b.toString('latin1');
      const numbers = [...text.matchAll(/\d+/g)];
      if (numbers.length === 0) return b;
      let out = text;
      for (let k = 1 + at(3); k > 0; k--) {
        const m = numbers[at(numbers.length)]!;
        const replacement = ['0', '-1', '999999999', '1e9', String(Number(m[0]) * 1000), ''][at(6)]!;
        out = out.slice(0, m.index) + replacement.padEnd(m[0].length, ' ').slice(0, Math.max(m[0].length, replacement.length)) + out.slice(m.index + m[0].length);
      }
      return Buffer.from(out, 'latin1');
    }
  }
}

const seeds: { name: string; ext: string }[] = [];
const fuzzed: string[] = [];

beforeAll(() => {
  const page = ['-size', '240x320', 'xc:white', '-fill', 'black', '-draw', 'rectangle 20,20 220,60', '-draw', 'circle 120,200 120,120', '-density', '100', '-units', 'PixelsPerInch'];
  execFileSync('convert', [...page, f('seed.png')]);
  execFileSync('convert', [...page, '-quality', '80', f('seed.jpg')]);
  execFileSync('convert', [...page, '-compress', 'LZW', f('seed-lzw.tif')]);
  execFileSync('convert', [...page, '-monochrome', '-compress', 'Group4', f('seed-g4.tif')]);
  execFileSync('img2pdf', [f('seed.jpg'), f('seed.png'), '-o', f('seed-img2pdf.pdf')]);
  execFileSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-sDEVICE=pdfwrite', `-sOutputFile=${f('seed-gs.pdf')}`, '-c', '/Helvetica findfont 24 scalefont setfont 72 720 moveto (Giay khai sinh 0123) show showpage']);
  execFileSync('qpdf', ['--object-streams=generate', f('seed-gs.pdf'), f('seed-qpdf.pdf')]);
  for (const [name, ext] of [
    ['seed.png', 'png'],
    ['seed.jpg', 'jpg'],
    ['seed-lzw.tif', 'tif'],
    ['seed-g4.tif', 'tif'],
    ['seed-img2pdf.pdf', 'pdf'],
    ['seed-gs.pdf', 'pdf'],
    ['seed-qpdf.pdf', 'pdf'],
  ] as const)
    seeds.push({ name, ext });
  const rnd = generator(20);
  for (const seed of seeds) {
    const src = readFileSync(f(seed.name));
    for (let i = 0; i < PER_SEED; i++) {
      const out = f(`fuzz-${seed.name.replace(/\.\w+$/, '')}-${i}.${seed.ext}`);
      writeFileSync(out, mutate(src, rnd));
      fuzzed.push(out);
    }
  }
});

describe('sohoa import under fuzzed files', () => {
  it(`answers ${PER_SEED * 7} mutated PNGs, JPEGs, TIFFs and PDFs with a document or a coded refusal, bounded in time and memory`, async () => {
    const env = { ...process.env, SOHOA_DATA_DIR: f('data'), SOHOA_TOOL_TIMEOUT_MS: '15000' };
    const size = Math.ceil(fuzzed.length / BATCHES);
    const batches = Array.from({ length: BATCHES }, (_, k) => fuzzed.slice(k * size, (k + 1) * size));
    const problems: string[] = [];
    let saved = 0;
    let refused = 0;
    // Two batches at a time (each its own station process on its own data folder).
    for (let k = 0; k < batches.length; k += 2) {
      const runs = await Promise.all(
        batches.slice(k, k + 2).map((files, j) =>
          runCliMeasured(['import', '--each', ...files, '--json', '--no-ocr', '--dpi', '50', '--lang', 'en'], { ...env, SOHOA_DATA_DIR: f(`data-${k + j}`) }, 150_000),
        ),
      );
      for (const [j, r] of runs.entries()) {
        const what = `batch ${k + j}`;
        if (r.timedOut) problems.push(`${what}: hung (killed after 150 s)`);
        if (r.signal) problems.push(`${what}: crashed (${r.signal})`);
        if (r.code === 1) problems.push(`${what}: exit 1\n${r.stderr.slice(-2000)}`);
        if (!(r.maxRssKb < GB_KB)) problems.push(`${what}: a process reached ${Math.round(r.maxRssKb / 1024)} MB`);
        if (r.timedOut || r.signal) continue;
        const out = JSON.parse(r.stdout) as { documents: unknown[]; failed: { path: string; error: WireError }[] };
        saved += out.documents.length;
        refused += out.failed.length;
        for (const x of out.failed) {
          if (x.error.code === 'internal') problems.push(`${x.path}: internal — ${x.error.message.en}`);
          // A message names its file once ("Cannot read “X”: Cannot read “X”: …" was the bug).
          if (x.error.message.en.split(x.path).length > 2 || /Cannot read .*Cannot read/.test(x.error.message.en)) problems.push(`${x.path}: repeats itself — ${x.error.message.en}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(saved + refused).toBe(fuzzed.length);
    // The fuzz reaches both answers (else the mutations or the seeds are not doing their work).
    expect(saved).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  }, 240_000);
});
