// `sohoa import --stitch` and `sohoa scan --parts-from DIR` (issue 18): the real command on the parts
// of an A3 sheet scanned on an A4 glass (shuffled, turned, each its own exposure), one document of
// one page at the A3's true size — its PDF's page and image measured by poppler's pdfinfo and
// pdfimages, independently of the station — and the refusals with their exit status (cli.md: 2 for
// bad input); `scan --tiled`'s prompts on the test scanner.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHEETS } from '../fixtures/large-sheet';
import { type CutSheet, cutSheet } from '../fixtures/large-sheet-parts';
import { runCli } from '../helpers/cli';
import { CLI, REPO, tempDir } from '../helpers/paths';
import { saneEnv, writeSaneConfig } from '../helpers/sane';
import { pdfinfo } from '../helpers/pdf-tools';

const tmp = tempDir('stitch-cli');
let cut: CutSheet;
const env = () => ({ ...process.env, SOHOA_DATA_DIR: join(tmp.path, 'data') });
// Each run starts the real command and assembles a sheet: room for a loaded machine, not a timing claim.
const RUN = 300_000;
/** A3 in PostScript points (1 pt = 1/72 inch). */
const A3_PT = { width: (297 / 25.4) * 72, height: (420 / 25.4) * 72 };

function pageSize(pdf: string): { width: number; height: number } {
  const m = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(pdfinfo(pdf))!;
  return { width: Number(m[1]), height: Number(m[2]) };
}

/** The page's image as drawn: its pixels at its stated ppi, in points (pdfimages -list). */
function imageSize(pdf: string): { width: number; height: number } {
  const row = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).split('\n')[2]!.trim().split(/\s+/);
  const [w, h, xppi, yppi] = [Number(row[3]), Number(row[4]), Number(row[12]), Number(row[13])];
  return { width: (w / xppi) * 72, height: (h / yppi) * 72 };
}

/** The record's page is the sheet, plus (the generated sheet being inked to its edges) the strip
 * below it that carries the conversion mark (pdf/conversion-mark.ts); the image is the sheet. */
function expectA3(pdf: string): void {
  const page = pageSize(pdf);
  const image = imageSize(pdf);
  console.log(`pdfinfo: page ${page.width} × ${page.height} pt; its image ${image.width.toFixed(2)} × ${image.height.toFixed(2)} pt (A3 is ${A3_PT.width.toFixed(2)} × ${A3_PT.height.toFixed(2)})`);
  expect(Math.abs(page.width - A3_PT.width) / A3_PT.width).toBeLessThanOrEqual(0.002);
  expect(page.height - A3_PT.height).toBeGreaterThanOrEqual(-A3_PT.height * 0.002);
  expect(page.height - A3_PT.height).toBeLessThanOrEqual(25);
  expect(Math.abs(image.width - A3_PT.width) / A3_PT.width).toBeLessThanOrEqual(0.002);
  expect(Math.abs(image.height - A3_PT.height) / A3_PT.height).toBeLessThanOrEqual(0.002);
}

beforeAll(async () => {
  cut = await cutSheet({ sheet: SHEETS.a3, seed: 11, dpi: 100, glass: 'a4', dir: join(tmp.path, 'parts'), overhangMm: 20 });
}, 120_000);
afterAll(() => tmp.cleanup());

describe('sohoa import --stitch', () => {
  it('assembles the part files into one A3 page and saves it; the PDF page is A3', { timeout: RUN }, async () => {
    const out = join(tmp.path, 'a3.pdf');
    const r = await runCli(['import', '--stitch', '--sheet', 'a3', ...cut.parts.map((p) => p.path), '--no-ocr', '--title', 'Bản đồ địa chính', '--json', '--out', out], env());
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { id: string; pages: number; status: string; assembly: { parts: { number: number; placed: boolean }[]; widthPx: number; heightPx: number } };
    expect(json.pages).toBe(1);
    expect(json.status).toBe('ready');
    expect(json.assembly.parts.map((p) => p.placed)).toEqual([true, true, true, true]);
    expect([json.assembly.widthPx, json.assembly.heightPx]).toEqual([1169, 1654]);
    expect(r.stderr).toContain('Đã ghép 4 phần thành tờ 297 × 420 mm ở 100 dpi');
    expectA3(out);
  });

  it('refuses with exit 2: no --sheet, one part, a part that is blank paper (naming it), in the language asked', { timeout: RUN }, async () => {
    const noSheet = await runCli(['import', '--stitch', ...cut.parts.map((p) => p.path), '--no-ocr', '--lang', 'en'], env());
    expect(noSheet.code).toBe(2);
    expect(noSheet.stderr).toContain('--sheet');
    const one = await runCli(['import', '--stitch', '--sheet', 'a3', cut.parts[0]!.path, '--no-ocr', '--lang', 'en'], env());
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('At least two parts are needed');
    const wrongSheet = await runCli(['import', '--stitch', '--sheet', 'a7', ...cut.parts.map((p) => p.path), '--no-ocr'], env());
    expect(wrongSheet.code).toBe(2);
    expect(wrongSheet.stderr).toContain('không phải khổ giấy');
  });
});

describe('sohoa scan --parts-from', () => {
  it('reads the parts from a folder in name order and saves one A3 page', { timeout: RUN }, async () => {
    const dir = join(tmp.path, 'elsewhere');
    mkdirSync(dir);
    for (const [k, p] of cut.parts.entries()) copyFileSync(p.path, join(dir, `phan-${k + 1}.png`));
    const out = join(tmp.path, 'scan.pdf');
    const r = await runCli(['scan', '--device', 'sane:test:0', '--sheet', 'a3', '--parts-from', dir, '--no-ocr', '--json', '--out', out], env());
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { pages: number; assembly: { parts: unknown[] } };
    expect(json.pages).toBe(1);
    expect(json.assembly.parts).toHaveLength(4);
    expectA3(out);
  });
});

/** The real command with these lines typed on its stdin, one after another as it asks. */
function typed(args: readonly string[], lines: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let asked = 0;
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    // Each prompt ends with "> ": answer it with the next line.
    const prompts = stderr.split('> ').length - 1;
    while (asked < prompts && asked < lines.length) child.stdin.write(`${lines[asked++]}\n`);
    if (asked >= lines.length) child.stdin.end();
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('sohoa scan --tiled', () => {
  // A glass of 300 × 300 mm: an A3 sheet takes two parts.
  const tiledEnv = () => saneEnv(writeSaneConfig(join(tmp.path, `sane-${Math.random().toString(36).slice(2)}`), { geometryMax: 300 }), { SOHOA_DATA_DIR: join(tmp.path, 'data-tiled') });

  it('tells where to lay the sheet, scans on Enter, takes a part back on u, rescans it on r, and keeps the parts in the draft on q', { timeout: RUN }, async () => {
    const env = tiledEnv();
    const r = await typed(['scan', '--device', 'sane:test:0', '--sheet', 'a3', '--tiled', '--dpi', '50', '--json', '--lang', 'en'], ['', 'u', '', 'r', 'q'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('The sheet takes 2 scans on the glass');
    expect(r.stderr).toMatch(/Part 1\/2 \(row 1, column 1\): lay the sheet so that the glass covers 0 to 297 mm from its left edge, 0 to \d+ mm from its top edge/);
    expect(r.stderr).toContain('Part 1 taken back.');
    expect(r.stderr).toContain('Scanning part 1 again.');
    expect(r.stderr).toMatch(/Part 2\/2 \(row 2, column 1\)/);
    const json = JSON.parse(r.stdout) as { id: string; status: string; pages: number; stopped: boolean };
    expect(json).toMatchObject({ status: 'draft', pages: 1, stopped: true });
    const shown = await runCli(['show', json.id, '--json'], env);
    expect((JSON.parse(shown.stdout) as { pages: unknown[] }).pages).toHaveLength(1);
  });

  it('assembles after the last part; parts that cannot be joined are named and stay in the draft (exit 2)', { timeout: RUN }, async () => {
    // The test scanner gives the same picture for both parts: they cannot be two parts of one sheet.
    const env = tiledEnv();
    const r = await typed(['scan', '--device', 'sane:test:0', '--sheet', 'a3', '--tiled', '--dpi', '50'], ['', ''], env);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('Đang ghép 2 phần thành một tờ…');
    expect(r.stderr).toMatch(/Các trang đã quét \(2\) được giữ trong bản nháp/);
    expect(r.stderr).toMatch(/Lỗi \[stitch-/);
  });
});
