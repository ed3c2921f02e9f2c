// Issue 22, point 4: the station as a Windows PC sees it. Every `sohoa` run here has a PATH that
// holds only `node` and `sh` (test/helpers/stripped-path.ts) — no tesseract, poppler, qpdf or
// Ghostscript — and does the whole of a counter's work: scan through the native SANE worker, OCR,
// a PDF/A record with a Vietnamese text layer, import of PDFs from three producers (img2pdf,
// Ghostscript, pdfTeX), sign with a PKCS#12 file and a SoftHSM token, verify. The checks (pdftotext,
// qpdf, pdfsig) and the files' producers run in this test process, with its normal PATH.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { type CliResult, runCli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { pdfsig, pdftotext, qdf } from '../helpers/pdf-tools';
import { saneEnv, writeSaneConfig } from '../helpers/sane';
import { strippedBin, strippedEnv, toolsFound } from '../helpers/stripped-path';
import { type SoftToken, createSoftToken } from '../pki/soft-token';
import { type TestPki, createTestPki } from '../pki/test-pki';

/** Lines of the scanned page: short, with the diacritics that tell Vietnamese OCR from a guess. */
const SCANNED_LINES = ['GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN', 'Ông Nguyễn Văn Đức, thôn Phước Thượng', 'Ủy ban nhân dân xã Hòa Thuận'];
const IMPORTED_LINE = 'Trang 1 của sổ đăng ký hộ tịch';

/** Real scans, OCR, PDF engines and signing on two shared cores (after issue 22's merge, in
 * WebAssembly): generous, and never a timing assertion. */
const SLOW = 300_000;

let tmp: ReturnType<typeof tempDir>;
let pki: TestPki;
let token: SoftToken;
let env: NodeJS.ProcessEnv;
const f = (name: string) => join(tmp.path, name);
const sohoa = (...args: string[]) => runCli([...args, '--data-dir', f('data')], env);
const ok = (r: CliResult) => {
  expect(r.code, `exit ${r.code}\n${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
};
/** Text of a PDF, with runs of white space as one space (the text layer puts one word per run). */
const textOf = (file: string) => pdftotext(file).replace(/\s+/g, ' ');

beforeAll(async () => {
  tmp = tempDir('stripped');
  pki = await createTestPki();
  token = createSoftToken([pki.signer]); // sets SOFTHSM2_CONF in this process, inherited below
  const base = saneEnv(writeSaneConfig(f('sane.d')), { SOHOA_P12_PASSWORD: pki.p12Password, SOHOA_PIN: token.pin });
  env = strippedEnv(strippedBin(tmp.path), base);
});

afterAll(async () => {
  await pki?.close();
  token?.cleanup();
  tmp?.cleanup();
});

describe('the station with nothing but node and sh on PATH', () => {
  let scannedId = '';

  it('offers no PDF, OCR or image program on that PATH', () => {
    expect(toolsFound(env)).toEqual([]);
    // …and node itself runs from it (the CLI is started by absolute path, as the app starts).
    expect(execFileSync(join(env.PATH!, 'node'), ['-e', 'process.stdout.write("ok")'], { env, encoding: 'utf8' })).toBe('ok');
  });

  it('scans from the SANE test backend through the native worker, recognises the page and saves a PDF/A record', async () => {
    const out = f('test-backend.pdf');
    const r = ok(await sohoa('scan', '--device', 'sane:test:0', '--preset', 'a4', '--dpi', '150', '--mode', 'gray', '--pages', '2', '--out', out, '--json'));
    expect(r).toMatchObject({ pages: 2, ocr: 'done' });
    expect(qdf(out)).toContain('<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>');
  }, SLOW);

  it('scans a Vietnamese page (SANE pnm through the native worker): OCR gives the record a Vietnamese text layer', async () => {
    const png = f('page.png');
    await vietnamesePage(png, { dpi: 200, lines: SCANNED_LINES });
    const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
    const pgm = f('page.pgm');
    writeFileSync(pgm, Buffer.concat([Buffer.from(`P5\n${info.width} ${info.height}\n255\n`), data]));
    // The profile that keeps the page whole (`auto` looks for a paper's edges, which white paper on
    // the pnm backend's white has none of).
    const out = f('scanned.pdf');
    const r = ok(await sohoa('scan', '--device', 'sane:pnm:0', '--preset', 'auto', '--profile', 'default', '--dpi', '200', '--mode', 'gray', '--driver-option', `filename=${pgm}`, '--title', 'Giấy xác nhận tình trạng hôn nhân', '--out', out, '--json'));
    scannedId = String(r.id); // saved, whatever its OCR: the signing below needs a record
    expect(r).toMatchObject({ pages: 1, ocr: 'done' });
    expect(qdf(out)).toContain('<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>');
    const text = textOf(out);
    for (const line of SCANNED_LINES) expect(text).toContain(line);
  }, SLOW);

  it('imports an img2pdf scan: its JPEG kept, its text recognised', async () => {
    const png = f('imported.png');
    await vietnamesePage(png, { dpi: 200, lines: [IMPORTED_LINE], mode: 'color' });
    await sharp(png).withMetadata({ density: 200 }).jpeg({ quality: 85 }).toFile(f('imported.jpg'));
    execFileSync('img2pdf', [f('imported.jpg'), '-o', f('img2pdf.pdf')]);
    const out = f('img2pdf-record.pdf');
    const r = ok(await sohoa('import', f('img2pdf.pdf'), '--out', out, '--json'));
    expect(r).toMatchObject({ pages: 1, ocr: 'done', rasterised: [] });
    expect(textOf(out)).toContain(IMPORTED_LINE);
  }, SLOW);

  it('imports Ghostscript’s born-digital page: rasterised, its own words kept', async () => {
    execFileSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-sDEVICE=pdfwrite', `-sOutputFile=${f('gs.pdf')}`, '-c', '/Helvetica findfont 24 scalefont setfont 72 720 moveto (Giay khai sinh so 0123) show showpage']);
    const out = f('gs-record.pdf');
    const r = ok(await sohoa('import', f('gs.pdf'), '--out', out, '--json'));
    expect(r).toMatchObject({ pages: 1, rasterised: [{ page: 1 }] });
    expect(textOf(out)).toContain('Giay khai sinh so 0123');
  }, SLOW);

  it('imports a pdfTeX (pdflatex) document: carried as it is drawn (fonts embedded), its own words kept', async () => {
    // texlive-latex-base is in .ci/debian-packages.txt: pdfTeX is one of the producers issue 22 names.
    writeFileSync(f('tex.tex'), '\\documentclass{article}\\pagestyle{empty}\\begin{document}\\section*{Giay khai sinh}Ho ten: Nguyen Van Duc, so dinh danh 049080001234.\\end{document}\n');
    execFileSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'tex.tex'], { cwd: tmp.path, stdio: 'ignore', timeout: 120_000 });
    const out = f('tex-record.pdf');
    const r = ok(await sohoa('import', f('tex.pdf'), '--out', out, '--json'));
    // Since issue 20's vector pages, a pdfTeX page PDF/A allows as it is stays vector, not rasterised.
    expect(r).toMatchObject({ pages: 1, rasterised: [] });
    expect(textOf(out)).toContain('Nguyen Van Duc, so dinh danh 049080001234.');
  }, SLOW);

  it('signs the scanned record with a PKCS#12 file (B-T), its export with the SoftHSM token, and verifies both', async () => {
    expect(scannedId, 'the scan above saved a record').not.toBe('');
    const signed = ok(await sohoa('sign', scannedId, '--p12', pki.signer.p12, '--password-env', 'SOHOA_P12_PASSWORD', '--level', 'B-T', '--tsa', pki.tsaUrl, '--json'));
    expect(signed).toMatchObject({ signatures: [{ signer: 'Nguyễn Văn An', level: 'B-T' }] });
    const exported = f('signed.pdf');
    ok(await sohoa('export', scannedId, '--out', exported, '--json'));
    const twice = f('twice.pdf');
    const byToken = await sohoa('sign', exported, '--out', twice, '--pkcs11', token.module, '--pin-env', 'SOHOA_PIN', '--position', 'bottom-right');
    expect(byToken.code, byToken.stderr).toBe(0);

    const report = ok(await sohoa('verify', twice, '--trust', pki.caPem, '--json')) as { valid: boolean; signatures: { valid: boolean; coversWholeDocument: boolean; level: string; trusted: boolean }[] };
    expect(report.valid).toBe(true);
    expect(report.signatures.map((s) => [s.valid, s.coversWholeDocument, s.level, s.trusted])).toEqual([
      [true, false, 'B-T', true],
      [true, true, 'B-B', true],
    ]);
    // An independent checker agrees, and the signed file still carries the text layer.
    expect((await pdfsig(twice, pki.nssDir)).signatures.map((s) => s.valid)).toEqual([true, true]);
    expect(textOf(twice)).toContain(SCANNED_LINES[1]);
    expect(readFileSync(twice).length).toBeGreaterThan(readFileSync(exported).length);
  }, SLOW);
});
