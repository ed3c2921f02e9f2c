// Issue 22, the PDF half of point 4: `sohoa import` of PDFs from img2pdf, Ghostscript and pdfTeX
// run the way a counter's Windows PC would see it — a PATH holding nothing but `node` (no qpdf, no
// poppler, no Ghostscript, no shell). The portable engine (qpdf and PDFium in WebAssembly, pdf-lib)
// reads them inside the app: img2pdf's JPEG and CCITT G4 pages are kept byte for byte at their
// resolution, the born-digital pages are rendered with their own words kept, a file cut before its
// cross-reference table is repaired. The record is then checked here with the system's poppler,
// which only the test has.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';

const tmp = tempDir('import-portable');
const f = (name: string) => join(tmp.path, name);
const bare = f('bin');
const hasPdflatex = (() => {
  try {
    execFileSync('sh', ['-c', 'command -v pdflatex'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** `sohoa import` with a PATH of only `node`; the data folder of its own. */
async function importBare(files: string[], out: string, extra: string[] = []) {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: bare, SOHOA_DATA_DIR: f('data') };
  delete env.SOHOA_PDF_ENGINE;
  const r = await runCli(['import', ...files, '--no-ocr', '--lang', 'en', '--json', '--out', out, ...extra], env);
  return { ...r, json: JSON.parse(r.stdout || '{}') as { pages?: number; error?: { code: string } } };
}

/** The images of a PDF as pdfimages lists them: [page, enc, width, height, x-ppi] per image. */
const listed = (pdf: string) =>
  execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((l) => l.trim().split(/\s+/))
    .map((c) => [c[0], c[8], c[3], c[4], c[12]]);

/** Page `n`'s one image's coded bytes, as pdfimages takes them out. */
function coded(pdf: string, n: number, as: '-j' | '-ccitt'): Buffer {
  const dir = f(`x-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir);
  execFileSync('pdfimages', [as, '-f', String(n), '-l', String(n), pdf, join(dir, 'i')]);
  return readFileSync(join(dir, readdirSync(dir).find((name) => /\.(jpg|ccitt)$/.test(name))!));
}

beforeAll(() => {
  mkdirSync(bare);
  symlinkSync(process.execPath, join(bare, 'node'));
  execFileSync('convert', ['-size', '2480x3508', 'xc:white', '-fill', 'black', '-draw', 'rectangle 200,200 2280,420', '-monochrome', '-density', '300', '-units', 'PixelsPerInch', '-compress', 'Group4', f('g4.tif')]);
  execFileSync('convert', ['-size', '1240x1754', 'xc:white', '-fill', 'navy', '-draw', 'rectangle 100,100 1140,260', '-density', '150', '-units', 'PixelsPerInch', '-quality', '85', f('colour.jpg')]);
  execFileSync('img2pdf', [f('colour.jpg'), f('g4.tif'), '-o', f('img2pdf.pdf')]);
  execFileSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-sDEVICE=pdfwrite', `-sOutputFile=${f('gs.pdf')}`, '-c', '/Helvetica findfont 24 scalefont setfont 72 720 moveto (Giay khai sinh) show showpage']);
  if (hasPdflatex) {
    writeFileSync(f('tex.tex'), '\\documentclass{article}\\begin{document}\\section*{Quyet dinh}So 42 ngay 07 thang 12.\\end{document}\n');
    execFileSync('pdflatex', ['-interaction=nonstopmode', '-output-directory', tmp.path, f('tex.tex')], { stdio: 'ignore' });
  }
  // Ghostscript's file cut before its cross-reference table: no xref, no startxref, no trailer.
  const gs = readFileSync(f('gs.pdf'));
  writeFileSync(f('gs-cut.pdf'), gs.subarray(0, gs.lastIndexOf('xref')));
});
afterAll(() => tmp.cleanup());

describe('PDF import with no PDF program on the PATH', () => {
  it('finds no PDF program on that PATH', () => {
    for (const tool of ['qpdf', 'pdfinfo', 'pdfimages', 'pdftotext', 'pdftoppm', 'gs', 'sh']) expect(existsSync(join(bare, tool))).toBe(false);
    expect(readdirSync(bare)).toEqual(['node']);
  });

  it('keeps img2pdf’s JPEG and G4 pages byte for byte, renders Ghostscript’s and pdfTeX’s pages with their words', async () => {
    const files = [f('img2pdf.pdf'), f('gs.pdf'), ...(hasPdflatex ? [f('tex.pdf')] : [])];
    const out = f('record.pdf');
    const r = await importBare(files, out, ['--dpi', '150']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json.pages).toBe(files.length + 1);
    // img2pdf's scanned pages are kept as they are, never rendered (the import names any it renders).
    expect(r.stderr).not.toMatch(/img2pdf\.pdf” was rasterised/);
    const images = listed(out);
    expect(images[0]).toEqual(['1', 'jpeg', '1240', '1754', '150']);
    expect(images[1]).toEqual(['2', 'ccitt', '2480', '3508', '300']);
    expect(coded(out, 1, '-j').equals(readFileSync(f('colour.jpg')))).toBe(true);
    expect(coded(out, 2, '-ccitt').equals(coded(f('img2pdf.pdf'), 2, '-ccitt'))).toBe(true);
    // The born-digital pages' own words are the record's text layer (no OCR ran).
    const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' });
    expect(text).toContain('Giay khai sinh');
    if (hasPdflatex) expect(text).toMatch(/Quyet dinh[^]*So 42 ngay 07 thang 12/);
  }, 180_000);

  it('repairs Ghostscript’s file cut before its cross-reference table (no startxref at all)', async () => {
    expect(readFileSync(f('gs-cut.pdf'), 'latin1')).not.toContain('startxref');
    const r = await importBare([f('gs-cut.pdf')], f('cut-record.pdf'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.json.pages).toBe(1);
    expect(execFileSync('pdftotext', [f('cut-record.pdf'), '-'], { encoding: 'utf8' })).toContain('Giay khai sinh');
  }, 120_000);
});
