// Issue 20, points 1 and 2, through the real `sohoa import`, on files the outside producers made
// (ImageMagick, img2pdf, qpdf) and then damaged the way the issue found them: a damaged image is
// refused, not truncated; pages under PDF/A's 3 units are refused; a stated 72 dpi is kept; a
// lying /Count, a billion-unit MediaBox and a page tree that lists itself get truthful messages,
// said once; a compression bomb is stopped by its inflation ceiling with little memory; a tool
// past its memory limit is stopped with its own code; a long PDF reports every page.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireError } from '../../electron/contract';
import { runCli } from '../helpers/cli';
import { runCliMeasured } from '../helpers/cli-rss';
import { tempDir } from '../helpers/paths';

const tmp = tempDir('import-damaged');
const env = { ...process.env, SOHOA_DATA_DIR: join(tmp.path, 'data') };
const f = (name: string) => join(tmp.path, name);
afterAll(() => tmp.cleanup());

/** The PNG's IDAT chunk changed by `damage`, its CRC made right again (so only the data is wrong). */
function damagedPng(src: string, out: string, damage: (idat: Buffer) => void): void {
  const png = Buffer.from(readFileSync(src));
  const at = png.indexOf('IDAT') - 4;
  const length = png.readUInt32BE(at);
  const idat = png.subarray(at + 8, at + 8 + length);
  damage(idat);
  png.writeUInt32BE(crc32(png.subarray(at + 4, at + 8 + length)), at + 8 + length);
  writeFileSync(out, png);
}

/** A qpdf-made PDF (QDF form, editable as text) with `edit` applied, then fixed up by fix-qdf. */
function editedPdf(src: string, out: string, edit: (qdf: string) => string): void {
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', src, f('edit.qdf')]);
  writeFileSync(f('edit2.qdf'), Buffer.from(edit(readFileSync(f('edit.qdf'), 'latin1')), 'latin1'));
  writeFileSync(out, execFileSync('fix-qdf', [f('edit2.qdf')]));
}

async function importJson(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  const r = await runCli(['import', ...args, '--json', '--no-ocr', '--lang', 'en'], { ...env, ...extraEnv });
  expect(r.code, r.stderr).not.toBe(1);
  return { ...r, json: JSON.parse(r.stdout) as { error?: WireError; pages?: number; id?: string } };
}

beforeAll(() => {
  // An 800×600 photograph-like page (ImageMagick's plasma), 150 dpi.
  execFileSync('convert', ['-seed', '7', '-size', '800x600', 'plasma:', '-density', '150', '-units', 'PixelsPerInch', f('photo.png')]);
  damagedPng(f('photo.png'), f('one-byte.png'), (d) => (d[Math.floor(d.length / 3)]! ^= 0x55));
  damagedPng(f('photo.png'), f('half-zeroed.png'), (d) => d.fill(0, Math.floor(d.length / 2)));
  execFileSync('convert', ['-size', '1x1', 'xc:white', f('one-pixel.png')]);
  execFileSync('convert', ['-size', '720x360', 'xc:white', '-fill', 'black', '-draw', 'rectangle 72,72 648,288', '-density', '72', '-units', 'PixelsPerInch', f('at72.png')]);
  // img2pdf PDFs: one page, and 30 pages.
  execFileSync('convert', ['-size', '300x400', 'xc:white', '-fill', 'black', '-draw', 'rectangle 30,30 270,370', '-density', '100', '-units', 'PixelsPerInch', f('page.jpg')]);
  execFileSync('img2pdf', [f('page.jpg'), '-o', f('one.pdf')]);
  execFileSync('img2pdf', [...Array.from({ length: 30 }, () => f('page.jpg')), '-o', f('thirty.pdf')]);
  editedPdf(f('one.pdf'), f('count-million.pdf'), (q) => q.replace(/\/Count 1\b/, '/Count 1000000'));
  editedPdf(f('one.pdf'), f('mediabox-1e9.pdf'), (q) => q.replace(/\/MediaBox \[[^\]]*\]/, '/MediaBox [ 0 0 1000000000 1000000000 ]'));
  // The page tree's root lists itself among its kids.
  editedPdf(f('one.pdf'), f('tree-loop.pdf'), (q) => {
    const at = q.indexOf('/Type /Pages');
    const root = [...q.slice(0, at).matchAll(/(\d+) 0 obj/g)].at(-1)![1]!;
    return q.replace(/\/Kids \[\s*(\d+) 0 R\s*\]/, (_m, k: string) => `/Kids [ ${root} 0 R ${k} 0 R ]`).replace(/\/Count 1\b/, '/Count 2');
  });
});

describe('images from outside', () => {
  it.each([
    ['one damaged byte in its IDAT', 'one-byte.png'],
    ['its IDAT’s second half zeroed', 'half-zeroed.png'],
  ])('refuses a PNG with %s instead of keeping a sliver', async (_what, name) => {
    const { code, json } = await importJson([f(name)]);
    expect(code).toBe(2);
    expect(json.error!.code).toBe('import-damaged-image');
    expect(json.error!.message.en.split(f(name)).length - 1).toBe(1);
  });

  it('refuses a 1×1 PNG: a page under PDF/A’s minimum of 3 units', async () => {
    const { code, json } = await importJson([f('one-pixel.png')]);
    expect(code).toBe(2);
    expect(json.error!.code).toBe('import-page-too-small');
    // ImageMagick states 72 dpi: one pixel is one unit.
    expect(json.error!.message.en).toContain('(1 × 1 units), below PDF/A’s minimum of 3 units');
  });

  it('takes a 72 dpi PNG at the 72 dpi it states: 10 × 5 inches', async () => {
    const { code, json } = await importJson([f('at72.png')]);
    expect(code).toBe(0);
    const shown = await runCli(['show', json.id!, '--json'], env);
    const page = (JSON.parse(shown.stdout) as { pages: { dpi: number; widthPx: number; heightPx: number }[] }).pages[0]!;
    expect(page.dpi).toBe(72);
    expect((page.widthPx / page.dpi) * 25.4).toBeCloseTo(254, 0);
    expect((page.heightPx / page.dpi) * 25.4).toBeCloseTo(127, 0);
  });
});

describe('PDFs from outside', () => {
  it('imports the one real page of a PDF whose /Count says a million', async () => {
    const { code, json } = await importJson([f('count-million.pdf')]);
    expect(code, JSON.stringify(json)).toBe(0);
    expect(json.pages).toBe(1);
  });

  it('refuses a MediaBox of a billion units with the page’s size, not “no pages”', async () => {
    const { code, json } = await importJson([f('mediabox-1e9.pdf')]);
    expect(code).toBe(2);
    expect(json.error!.code).toBe('import-too-large');
    expect(json.error!.message.en).toContain('page 1 is 352,777,778 × 352,777,778 mm, larger than 3000 mm');
  });

  it('refuses a page tree that lists itself, saying so once', async () => {
    const { code, json } = await importJson([f('tree-loop.pdf')]);
    expect(code).toBe(2);
    expect(json.error!.message.en).toBe(`Cannot read “${f('tree-loop.pdf')}”: its page tree lists itself. Check the file (it may be damaged, or not an image or PDF) and try again.`);
  });

  it('stops a 1 MB PDF whose content inflates to 1 GiB at its ceiling, with little memory', async () => {
    // qpdf writes the bomb: a page whose content stream is 1 GiB of spaces, deflated.
    const content = deflateSync(Buffer.alloc(1 << 30, 0x20), { level: 9 });
    editedPdf(f('one.pdf'), f('bomb-plain.pdf'), (q) => q);
    const qdf = readFileSync(f('edit.qdf'), 'latin1');
    const page = /\/Contents (\d+) 0 R/.exec(qdf)![1]!;
    const start = qdf.indexOf(`${page} 0 obj`);
    const end = qdf.indexOf('endobj', start) + 'endobj'.length;
    const bomb = `${page} 0 obj\n<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`;
    writeFileSync(f('edit2.qdf'), Buffer.concat([Buffer.from(qdf.slice(0, start) + bomb, 'latin1'), content, Buffer.from(`\nendstream\nendobj${qdf.slice(end)}`, 'latin1')]));
    // (qpdf rebuilds the cross-reference table the new stream moved, with a warning.)
    execFileSync('qpdf', ['--warning-exit-0', f('edit2.qdf'), f('bomb.pdf')], { stdio: 'ignore' });
    const r = await runCliMeasured(['import', f('bomb.pdf'), '--json', '--no-ocr', '--lang', 'en'], env, 120_000);
    expect(r.code, r.stderr).toBe(2);
    expect((JSON.parse(r.stdout) as { error: WireError }).error.code).toBe('import-inflates-too-much');
    // The whole command, its tools included, far under 1 GB at its peak (the issue saw 3.16 GB).
    expect(r.maxRssKb).toBeLessThan(1024 * 1024);
  }, 180_000);

  it('stops a tool past its memory limit with its own code (exit 2)', async () => {
    // Ghostscript's born-digital page, rasterised at 600 dpi: a 100 MB bitmap for the renderer
    // (PDFium in WebAssembly by default: its memory's maximum is the limit, 24 MB here).
    execFileSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-sDEVICE=pdfwrite', `-sOutputFile=${f('gs.pdf')}`, '-c', '/Helvetica findfont 24 scalefont setfont 72 720 moveto (Giay khai sinh) show showpage']);
    const { code, json } = await importJson([f('gs.pdf'), '--dpi', '600'], { SOHOA_TOOL_MEMORY_MB: '24' });
    expect(code).toBe(2);
    expect(json.error!.code).toBe('tool-memory-limit');
    expect(json.error!.message.en).toContain('The tool “pdfium” needed more than 24 MB of memory');
  });

  it('reports every page of a long PDF as it reads it, with the size it will be saved at', async () => {
    const r = await runCli(['import', f('thirty.pdf'), '--no-ocr', '--lang', 'en'], env);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('Reading page'));
    // img2pdf's pages: 300 × 400 pixels at 100 dpi.
    expect(lines).toEqual(Array.from({ length: 30 }, (_, i) => `Reading page ${i + 1}/30 (${f('thirty.pdf')}): 76.2 × 101.6 mm, 100 dpi`));
  });
});
