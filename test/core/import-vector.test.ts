// Issue 20, point 1 (born-digital): a PDF page that PDF/A-2 lets us carry as it is drawn stays
// vectors in the record — its fonts embedded as given, its text the same text — and the record
// stays about the size of what was given, not fifty times it. A page that cannot be carried
// (a font not embedded, CMYK colour under our sRGB intent) is rasterised, and the answer says
// which page and why. On files the outside producers made here: pdfTeX (a manual with links,
// maths, a table and colour), Ghostscript's pdfwrite (fonts embedded, not embedded, CMYK),
// img2pdf (a scanned page, kept as its JPEG beside the vector pages).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/paths';
import { ghostscript as gsRender, pdfsig, qdf, renderGray } from '../helpers/pdf-tools';
import { type TestStation, openTestStation } from '../helpers/station';
import { type TestPki, createTestPki } from '../pki/test-pki';

const tmp = tempDir('import-vector');
const f = (name: string) => join(tmp.path, name);
let t: TestStation;
let pki: TestPki;

const pdftotext = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
/** The record's text without the conversion mark's line (the one thing the station adds). */
const withoutMark = (text: string) =>
  text
    .split('\n')
    .filter((l) => !l.includes('Bản điện tử chuyển đổi'))
    .join('\n')
    .replace(/\s+/g, ' ')
    .trim();
/** pdffonts' rows: [name, emb] for every font of the file. */
const fonts = (file: string) =>
  execFileSync('pdffonts', [file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      return [cols[0]!, cols.at(-5)!] as const;
    });

/** A pdfTeX manual: ten pages of sections, cross-references and web links, maths, a table, colour. */
function pdfTexManual(dir: string): string {
  const body: string[] = [];
  for (let s = 1; s <= 8; s++) {
    body.push(`\\section{Section ${s}: procedure number ${s}}\\label{sec${s}}`);
    for (let p = 0; p < 6; p++) {
      body.push(`Paragraph ${p} of section ${s} says how the counter officer scans each component, checks the images against the originals and signs the set. `.repeat(3));
      body.push(`See section \\ref{sec${s}} and \\href{https://example.org/${s}/${p}}{the portal}. $\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}$.`);
    }
    body.push('\\begin{tabular}{|l|r|}\\hline Item & Value\\\\\\hline dpi & 200\\\\ colour & 24\\\\\\hline\\end{tabular}');
  }
  const tex = `\\documentclass{article}\\usepackage{amsmath}\\usepackage{color}\\usepackage[hidelinks]{hyperref}
\\begin{document}\\title{Station manual}\\author{SoHoa}\\date{7 December 2026}\\maketitle\\tableofcontents
${body.join('\n\n')}
\\textcolor{red}{Red text} and \\textcolor{blue}{blue text}.
\\end{document}`;
  writeFileSync(join(dir, 'manual.tex'), tex);
  // Twice: the second run writes the table of contents the first one collected.
  for (let i = 0; i < 2; i++) execFileSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'manual.tex'], { cwd: dir, stdio: 'ignore' });
  return join(dir, 'manual.pdf');
}

/** Ghostscript's pdfwrite of a PostScript page with text in Helvetica and Times and a blue rule. */
function ghostscript(out: string, ps: string, settings: string[]): string {
  writeFileSync(`${out}.ps`, ps);
  execFileSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-sDEVICE=pdfwrite', ...settings, `-sOutputFile=${out}`, `${out}.ps`]);
  return out;
}
const LETTER = `%!PS
/Helvetica findfont 24 scalefont setfont 72 720 moveto (Giay khai sinh so 123) show
/Times-Roman findfont 14 scalefont setfont 72 690 moveto (Noi dang ky: UBND xa Hoa Thuan) show
0 0 1 setrgbcolor 72 600 moveto 300 600 lineto 4 setlinewidth stroke
showpage
`;
const CMYK = `%!PS
/Helvetica findfont 24 scalefont setfont 0 1 1 0 setcmykcolor 72 720 moveto (Con dau do) show
showpage
`;

let manual: string;
beforeAll(async () => {
  t = await openTestStation();
  pki = await createTestPki();
  manual = pdfTexManual(tmp.path);
  // /prepress embeds every font, the standard 14 too; the default leaves Helvetica and Times out.
  ghostscript(f('gs-embedded.pdf'), LETTER, ['-dPDFSETTINGS=/prepress']);
  ghostscript(f('gs-not-embedded.pdf'), LETTER, []);
  ghostscript(f('gs-cmyk.pdf'), CMYK, ['-dPDFSETTINGS=/prepress']);
  execFileSync('convert', ['-size', '1240x1754', 'xc:white', '-fill', 'navy', '-draw', 'rectangle 100,100 1140,300', '-density', '150', '-units', 'PixelsPerInch', '-quality', '85', f('scan.jpg')]);
  execFileSync('img2pdf', [f('scan.jpg'), '-o', f('scan.pdf')]);
}, 180_000);
afterAll(async () => {
  await t?.close();
  await pki?.close();
  tmp.cleanup();
});

describe('a born-digital page stays vectors', () => {
  let record: string;
  let docId: string;

  it('carries a pdfTeX manual as drawn: small, the same text, every font embedded, clean for qpdf and pdfinfo', async () => {
    const doc = await t.call('documents.import', { paths: [manual], ocr: 'skip' });
    docId = doc.id;
    expect(doc.pageCount).toBe(10);
    expect(doc.rasterised).toEqual([]);
    expect(doc.carried).toEqual([{ file: manual, pages: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], linksDropped: expect.any(Number) as number }]);
    expect(doc.carried[0]!.linksDropped).toBeGreaterThan(50); // the contents' entries, \ref and \href
    record = f('manual-record.pdf');
    await t.call('documents.export', { id: doc.id, path: record });
    const [given, kept] = [readFileSync(manual).length, readFileSync(record).length];
    // The issue saw ×50 (rasterised pages); the record adds the sRGB profile, the mark's font and XMP.
    expect(kept).toBeLessThan(2 * given);
    expect(withoutMark(pdftotext(record))).toBe(withoutMark(pdftotext(manual)));
    const rows = fonts(record);
    expect(rows.length).toBeGreaterThanOrEqual(5); // Computer Modern faces, and the mark's font
    expect(rows.filter(([, emb]) => emb !== 'yes')).toEqual([]);
    expect(rows.map(([n]) => n)).toEqual(expect.arrayContaining([expect.stringMatching(/\+CMR10$/), expect.stringMatching(/\+CMMI10$/)]));
    const check = spawnSync('qpdf', ['--check', record], { encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    const info = spawnSync('pdfinfo', [record], { encoding: 'utf8' });
    expect([info.status, info.stderr]).toEqual([0, '']);
    expect(info.stdout).toMatch(/Pages:\s+10/);
    // Ghostscript renders it without a word; nothing PDF/A forbids came along with the pages.
    expect(gsRender(record)).toEqual({ status: 0, output: '' });
    const inside = qdf(record);
    for (const forbidden of ['/Encrypt', '/JavaScript', '/JS ', '/Launch', '/URI', '/EmbeddedFile', '/LZWDecode', '/Interpolate true', '/DeviceCMYK'])
      expect(inside, forbidden).not.toContain(forbidden);
    // No links, no actions: nothing of the source but what it draws.
    const loaded = await PDFDocument.load(readFileSync(record), { updateMetadata: false });
    expect(loaded.getPages().map((p) => p.node.Annots()?.size() ?? 0)).toEqual(Array(10).fill(0));
  }, 240_000);

  it('draws every page as the source does (pdftoppm, page 2 and page 1 above the mark)', () => {
    for (const page of [1, 2]) {
      const [a, b] = [renderGray(manual, page, 50), renderGray(record, page, 50)];
      expect([b.width, b.height]).toEqual([a.width, a.height]);
      // Page 1's bottom band holds the conversion mark; everything above it is the same drawing.
      const rows = page === 1 ? Math.floor(a.height * 0.95) : a.height;
      let differing = 0;
      let ink = 0;
      for (let i = 0; i < rows * a.width; i++) {
        if (Math.abs(a.pixels[i]! - b.pixels[i]!) > 48) differing++;
        if (b.pixels[i]! < 128) ink++;
      }
      expect(ink).toBeGreaterThan(1000); // the page is drawn, not blank
      expect(differing / (rows * a.width)).toBeLessThan(0.001);
    }
  });

  it('adds no second text layer: OCR leaves the carried page’s own text alone', async () => {
    const doc = await t.call('documents.import', { paths: [f('gs-embedded.pdf')], ocr: 'wait' });
    expect(doc.ocr).toBe('done');
    const texts = t.station.documents.pageTexts(doc.id);
    expect([...texts.values()].map((x) => x.origin)).toEqual(['pdf']);
    const out = f('gs-ocr-record.pdf');
    await t.call('documents.export', { id: doc.id, path: out });
    const text = pdftotext(out);
    expect(text.match(/Giay khai sinh so 123/g)).toHaveLength(1);
    expect(text.match(/UBND xa Hoa Thuan/g)).toHaveLength(1);
  }, 120_000);

  it('gives a page whose words are outlines (no text of its own) OCR’s invisible layer: its only one', async () => {
    const outlines = ghostscript(f('gs-outlines.pdf'), LETTER, ['-dNoOutputFonts']);
    expect(pdftotext(outlines).trim()).toBe('');
    const doc = await t.call('documents.import', { paths: [outlines], ocr: 'wait' });
    expect(doc.carried).toEqual([{ file: outlines, pages: [1], linksDropped: 0 }]);
    expect([...t.station.documents.pageTexts(doc.id).values()].map((x) => x.origin)).toEqual(['ocr']);
    const out = f('gs-outlines-record.pdf');
    await t.call('documents.export', { id: doc.id, path: out });
    expect(pdftotext(out).match(/khai sinh/g)).toHaveLength(1);
  }, 120_000);

  it('signs a record whose first page is vectors: the box finds its free place, pdfsig verifies', async () => {
    await t.call('settings.update', { agencyName: 'UBND xã Hòa Thuận', trustStore: [pki.caPem] });
    const unsigned = f('manual-unsigned.pdf');
    await t.call('documents.export', { id: docId, path: unsigned });
    const signed = await t.call('documents.sign', { id: docId, key: { kind: 'p12', path: pki.signer.p12, password: pki.p12Password }, level: 'B-B' });
    expect(signed.signatures).toHaveLength(1);
    const out = f('manual-signed.pdf');
    await t.call('documents.export', { id: docId, path: out });
    const sig = await pdfsig(out);
    expect(sig.signatures.map((s) => [s.valid, s.wholeDocument])).toEqual([[true, true]]);
    // The box is on page 1, over no ink of the unsigned page (the title page's top right is blank).
    const doc = await PDFDocument.load(readFileSync(out), { updateMetadata: false });
    const page = doc.getPage(0);
    const annots = (page.node.lookup(PDFName.of('Annots'), PDFArray)?.asArray() ?? []).map((r) => doc.context.lookup(r) as PDFDict);
    const rect = annots
      .find((a) => a.get(PDFName.of('FT')) === PDFName.of('Sig'))!
      .lookup(PDFName.of('Rect'), PDFArray)
      .asArray()
      .map((n) => (doc.context.lookup(n) as PDFNumber).asNumber());
    expect(rect[2]! - rect[0]!).toBeGreaterThan(50);
    const mb = page.getMediaBox();
    const render = renderGray(unsigned, 1, 72);
    let dark = 0;
    for (let y = Math.max(0, Math.floor(mb.y + mb.height - rect[3]!)); y < Math.min(render.height, Math.ceil(mb.y + mb.height - rect[1]!)); y++)
      for (let x = Math.max(0, Math.floor(rect[0]! - mb.x)); x < Math.min(render.width, Math.ceil(rect[2]! - mb.x)); x++) if (render.pixels[y * render.width + x]! < 160) dark++;
    expect(dark).toBe(0);
    expect(withoutMark(pdftotext(out))).toContain('Station manual');
  }, 120_000);
});

describe('an HTML page printed by Chromium (Skia: CID TrueType fonts, transparency, a link)', () => {
  it('is carried as drawn, its Vietnamese text the same, its transparency intact', async () => {
    const html = f('page.html');
    writeFileSync(
      html,
      `<!doctype html><html lang="vi"><meta charset="utf-8"><style>body{font-family:'Liberation Serif';font-size:14pt}.box{background:rgba(0,0,255,.3);padding:1em;border-radius:8px}h1{color:#a00}</style>
<h1>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</h1><p>Độc lập - Tự do - Hạnh phúc</p>
<div class="box">Giấy xác nhận tình trạng hôn nhân — Nguyễn Văn Đức, sinh ngày 12/03/1980.</div>
<p><a href="https://dichvucong.gov.vn">Cổng dịch vụ công quốc gia</a></p>
<svg width="200" height="100"><circle cx="50" cy="50" r="40" fill="green" opacity="0.5"/></svg></html>`,
    );
    const printed = f('chromium.pdf');
    execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${printed}`, `file://${html}`], { stdio: 'ignore', timeout: 120_000 });
    const doc = await t.call('documents.import', { paths: [printed], ocr: 'skip' });
    expect(doc.rasterised).toEqual([]);
    expect(doc.carried).toEqual([{ file: printed, pages: [1], linksDropped: 1 }]);
    const out = f('chromium-record.pdf');
    await t.call('documents.export', { id: doc.id, path: out });
    expect(readFileSync(out).length).toBeLessThan(2 * readFileSync(printed).length + 200_000); // + profile, mark font, XMP
    expect(withoutMark(pdftotext(out))).toBe(withoutMark(pdftotext(printed)));
    expect(withoutMark(pdftotext(out))).toContain('Nguyễn Văn Đức');
    expect(fonts(out).filter(([, emb]) => emb !== 'yes')).toEqual([]);
    expect(spawnSync('qpdf', ['--check', out]).status).toBe(0);
    const [a, b] = [renderGray(printed, 1, 50), renderGray(out, 1, 50)];
    const rows = Math.floor(a.height * 0.95);
    let differing = 0;
    for (let i = 0; i < rows * a.width; i++) if (Math.abs(a.pixels[i]! - b.pixels[i]!) > 48) differing++;
    expect(differing / (rows * a.width)).toBeLessThan(0.001);
  }, 180_000);
});

describe('the PDF a page is carried from', () => {
  it('is kept with its document and leaves with it; an edit of the image makes the page its image', async () => {
    const a = await t.call('documents.import', { paths: [f('gs-embedded.pdf')], ocr: 'skip' });
    const b = await t.call('documents.import', { paths: [f('gs-embedded.pdf'), f('scan.pdf')], ocr: 'skip' });
    const [va, vb] = [t.station.documents.pageVectors(a.id), t.station.documents.pageVectors(b.id)];
    expect([...va.values()].map((v) => v.pageNumber)).toEqual([1]);
    expect([...vb.values()].map((v) => v.pageNumber)).toEqual([1]); // the scan is its image
    const [sha, shaB] = [[...va.values()][0]!.sha256, [...vb.values()][0]!.sha256];
    expect([sha, shaB].map((x) => existsSync(t.station.blobs.pathOf(x)))).toEqual([true, true]);

    // Deleting a document takes the PDF its pages were carried from; another document's stays.
    expect(await t.call('documents.delete', { id: a.id, reason: 'thử' })).toEqual({ deleted: a.id });
    expect([sha, shaB].map((x) => existsSync(t.station.blobs.pathOf(x)))).toEqual([false, true]);

    // A page's image replaced (as an officer's turn or crop does): the page is that image now.
    const db = new Database(join(t.dataDir, 'station.sqlite'));
    db.prepare('UPDATE pages SET image_sha256 = thumb_sha256 WHERE id = ?').run(b.pages[0]!.id);
    db.close();
    expect(t.station.documents.pageVectors(b.id).size).toBe(0);
  }, 120_000);
});

describe('retention', () => {
  it('deletes the PDF pages were carried from with their images, after the store’s receipt', async () => {
    // A file of its own: no other document's page is carried from the same bytes.
    const own = ghostscript(f('gs-retention.pdf'), LETTER.replace('so 123', 'so 456'), ['-dPDFSETTINGS=/prepress']);
    const doc = await t.call('documents.import', { paths: [own], ocr: 'skip' });
    const pdf = t.station.blobs.pathOf([...t.station.documents.pageVectors(doc.id).values()][0]!.sha256);
    const image = t.station.blobs.pathOf(doc.pages[0]!.sha256);
    expect([existsSync(pdf), existsSync(image)]).toEqual([true, true]);
    const db = new Database(join(t.dataDir, 'station.sqlite'));
    db.prepare("INSERT INTO outbox (document_id, version, sha256, bytes, state, created_at, updated_at, synced_at) VALUES (?, 1, ?, ?, 'synced', 'x', 'x', ?)").run(
      doc.id,
      doc.pdf!.sha256,
      doc.pdf!.bytes,
      new Date(Date.now() - 10 * 86_400_000).toISOString().replace('Z', '+07:00'),
    );
    db.close();
    await t.call('settings.update', { purgeImagesAfterDays: 7 });
    expect(await t.call('records.purge', {})).toMatchObject({ documents: 1, pages: 1 });
    expect([existsSync(pdf), existsSync(image)]).toEqual([false, false]);
    await t.call('documents.export', { id: doc.id, path: f('purged-record.pdf') }); // the record stays
  }, 120_000);
});

describe('a page that cannot be carried is rasterised, and the answer says why', () => {
  it('mixes vector, scanned and rasterised pages in one record: each kept as the rules allow', async () => {
    const files = [f('gs-embedded.pdf'), f('scan.pdf'), f('gs-not-embedded.pdf'), f('gs-cmyk.pdf')];
    const doc = await t.call('documents.import', { paths: files, ocr: 'skip', dpi: 150 });
    expect(doc.pageCount).toBe(4);
    expect(doc.carried).toEqual([{ file: files[0], pages: [1], linksDropped: 0 }]);
    expect(doc.rasterised).toEqual([
      { file: files[2], page: 1, dpi: 150, reason: 'font-not-embedded' },
      { file: files[3], page: 1, dpi: 150, reason: 'cmyk-colour' },
    ]);
    const out = f('mixed-record.pdf');
    await t.call('documents.export', { id: doc.id, path: out });
    // Only the carried page's fonts (and the mark's): Helvetica and Times embedded, none missing.
    const rows = fonts(out);
    expect(rows.filter(([, emb]) => emb !== 'yes')).toEqual([]);
    expect(rows.map(([n]) => n.replace(/^[A-Z]{6}\+/, ''))).toEqual(expect.arrayContaining(['Helvetica', 'Times-Roman']));
    // The scanned page is still its JPEG, the rasterised ones images; page 1 is text.
    const images = execFileSync('pdfimages', ['-list', out], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim());
    expect(images.map((l) => l.trim().split(/\s+/)[0])).toEqual(['2', '3', '4']);
    expect(execFileSync('pdftotext', ['-f', '1', '-l', '1', out, '-'], { encoding: 'utf8' })).toContain('Giay khai sinh so 123');
    expect(spawnSync('qpdf', ['--check', out]).status).toBe(0);
  }, 180_000);

  it('rasterises a pdfTeX form field’s page and a Ghostscript page with a transfer function, each with its reason', async () => {
    writeFileSync(f('form.tex'), '\\documentclass{article}\\usepackage{hyperref}\\begin{document}\\begin{Form}Ho ten: \\TextField[name=ten,width=6cm,value={Nguyen Van Duc}]{}\\end{Form}\\end{document}');
    // (pdfTeX complains that the Dingbats metrics for the field's check marks are missing, exits 1,
    // and writes the PDF with its field all the same.)
    spawnSync('pdflatex', ['-interaction=nonstopmode', 'form.tex'], { cwd: tmp.path, stdio: 'ignore' });
    expect(existsSync(f('form.pdf'))).toBe(true);
    ghostscript(f('gs-transfer.pdf'), `%!PS\n{1 exch sub} settransfer /Helvetica findfont 24 scalefont setfont 72 720 moveto (Transfer) show showpage\n`, ['-dPDFSETTINGS=/prepress', '-dPreserveTransfer=true']);
    const files = [f('form.pdf'), f('gs-transfer.pdf')];
    const doc = await t.call('documents.import', { paths: files, ocr: 'skip', dpi: 150 });
    expect(doc.carried).toEqual([]);
    expect(doc.rasterised).toEqual([
      { file: files[0], page: 1, dpi: 150, reason: 'annotations' },
      { file: files[1], page: 1, dpi: 150, reason: 'transfer-function' },
    ]);
    // Nothing of either came along: no transfer function, no field, every font embedded.
    const out = f('form-record.pdf');
    await t.call('documents.export', { id: doc.id, path: out });
    expect(qdf(out)).not.toContain('/TR ');
    expect(fonts(out).filter(([, emb]) => emb !== 'yes')).toEqual([]);
  }, 180_000);

  it('says the reason in Vietnamese and English on the command line', async () => {
    const { runCli } = await import('../helpers/cli');
    const env = { ...process.env, SOHOA_DATA_DIR: f('cli-data') };
    const en = await runCli(['import', f('gs-not-embedded.pdf'), f('gs-embedded.pdf'), '--no-ocr', '--lang', 'en'], env);
    expect(en.code, en.stderr).toBe(0);
    expect(en.stderr).toContain(`Page 1 of “${f('gs-not-embedded.pdf')}” was rasterised at 200 dpi because it uses a font that is not embedded in the file`);
    expect(en.stderr).toContain(`1 page(s) of “${f('gs-embedded.pdf')}” kept as drawn (vectors, fonts and text).`);
    const vi = await runCli(['import', f('gs-cmyk.pdf'), '--no-ocr'], env);
    expect(vi.code, vi.stderr).toBe(0);
    expect(vi.stderr).toContain('vì trang dùng màu CMYK, hồ sơ màu sRGB của bản lưu không mang được');
  }, 180_000);
});
