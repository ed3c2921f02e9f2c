// Importing existing PDFs: scanned pages keep their own JPEG, text pages their own words, the
// original bytes are kept, damage is repaired where qpdf can, bombs are refused.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { tempDir } from '../helpers/paths';
import { pdftotext, qpdfCheck } from '../helpers/pdf-tools';
import { type TestStation, openTestStation, refused } from '../helpers/station';

const tmp = tempDir('import-pdf');
let t: TestStation;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
let jpegs: string[];

beforeAll(async () => {
  t = await openTestStation();
  jpegs = [];
  for (const n of [1, 2]) {
    const png = join(tmp.path, `p${n}.png`);
    await vietnamesePage(png, { dpi: 200, lines: [`Trang ${n} của sổ đăng ký hộ tịch`], mode: 'color' });
    const jpg = join(tmp.path, `p${n}.jpg`);
    await sharp(png).withMetadata({ density: 200 }).jpeg({ quality: 80 }).toFile(jpg);
    jpegs.push(jpg);
  }
});
afterAll(async () => {
  await t.close();
  tmp.cleanup();
});

describe('PDF import', () => {
  it('reads a long PDF page by page: every page in its place, one progress line each for reading and for storing', async () => {
    // 30 scanned pages from img2pdf with a drawn page put in at 26 by qpdf: the kept JPEGs and the
    // drawn page (carried as vectors), stored several at a time, must not shift or lose a page.
    const scanned = join(tmp.path, 'long-scanned.pdf');
    execFileSync('img2pdf', [...Array.from({ length: 30 }, (_, i) => jpegs[i % 2]!), '-o', scanned]);
    const drawnDoc = await PDFDocument.create();
    drawnDoc.addPage([595, 842]).drawRectangle({ x: 100, y: 400, width: 300, height: 200 });
    const drawn = join(tmp.path, 'drawn.pdf');
    writeFileSync(drawn, await drawnDoc.save());
    const long = join(tmp.path, 'long.pdf');
    execFileSync('qpdf', ['--empty', '--pages', scanned, '1-25', drawn, '1', scanned, '26-z', '--', long]);
    const reading: number[] = [];
    const processing: string[] = [];
    const doc = await t.call('documents.import', { paths: [long], ocr: 'skip' }, {
      emit: (name, p) => {
        const progress = p as { stage: string; done: number; total: number; file: string };
        if (name !== 'documents.import-progress') return;
        if (progress.stage === 'reading') reading.push(progress.done);
        else processing.push(`${progress.done}/${progress.total} ${progress.file}`);
      },
    });
    expect(reading).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    // then each page stored, named by the file the person gave (not a work file)
    expect(processing).toEqual(Array.from({ length: 31 }, (_, i) => `${i + 1}/31 ${long}`));
    expect(doc.rasterised).toEqual([]);
    expect(doc.carried.map((c) => c.pages)).toEqual([[26]]);
    const expected = Array.from({ length: 31 }, (_, i) => (i === 25 ? null : sha(readFileSync(jpegs[(i < 25 ? i : i - 1) % 2]!))));
    expect(doc.pages.map((p, i) => (i === 25 ? null : p.sha256))).toEqual(expected);
    expect(doc.pages[25]!.sha256).not.toBe(expected[24]);
  });

  it('takes a scanned PDF’s own JPEGs unchanged, keeps the original, and recognises the text', async () => {
    const scanned = join(tmp.path, 'scanned.pdf');
    execFileSync('img2pdf', [...jpegs, '-o', scanned]); // an earlier scan, made by a tool we did not write
    const doc = await t.call('documents.import', { paths: [scanned], ocr: 'wait' });
    expect(doc.pages.map((p) => [p.dpi, p.mode, p.widthPx])).toEqual([
      [200, 'color', 1654],
      [200, 'color', 1654],
    ]);
    // No second lossy encoding: the page image is the JPEG that was in the PDF.
    expect(doc.pages.map((p) => p.sha256)).toEqual(jpegs.map((j) => sha(readFileSync(j))));
    expect(doc.source).toEqual({ sha256: sha(readFileSync(scanned)), bytes: readFileSync(scanned).length });
    expect(doc.ocr).toBe('done');
    const out = join(tmp.path, 'scanned-record.pdf');
    await t.call('documents.export', { id: doc.id, path: out });
    expect(pdftotext(out)).toContain('Trang 2 của sổ đăng ký hộ tịch');
  });

  it('rasterises a scanned page that also shows drawn content, so nothing visible is lost', async () => {
    // Our own record: page 1 is its scan plus the drawn conversion mark.
    const doc = await t.call('documents.import', { paths: [jpegs[0]!, jpegs[1]!], ocr: 'skip' });
    const record = join(tmp.path, 'record-with-mark.pdf');
    await t.call('documents.export', { id: doc.id, path: record });
    const again = await t.call('documents.import', { paths: [record], ocr: 'skip' });
    const jpeg = (p: { sha256: string }) => doc.pages.some((q) => q.sha256 === p.sha256);
    expect(jpeg(again.pages[0]!)).toBe(false); // rasterised: the mark is kept in the image
    expect(jpeg(again.pages[1]!)).toBe(true); // page 2 shows only its scan: taken as it is
  });

  it('keeps a PDF’s own text and positions instead of recognising it again', async () => {
    const doc = await t.call('documents.import', { paths: [jpegs[0]!], ocr: 'wait' });
    const first = join(tmp.path, 'with-text.pdf');
    await t.call('documents.export', { id: doc.id, path: first });
    const again = await t.call('documents.import', { paths: [first], ocr: 'skip' });
    const texts = t.station.documents.pageTexts(again.id);
    expect([...texts.values()].map((x) => x.origin)).toEqual(['pdf']);
    expect([...texts.values()][0]!.text).toContain('Trang 1 của sổ đăng ký hộ tịch');
    const out = join(tmp.path, 'again.pdf');
    await t.call('documents.export', { id: again.id, path: out });
    expect(pdftotext(out)).toContain('Trang 1 của sổ đăng ký hộ tịch');
  });

  it('rasterises a drawn page and keeps its words', async () => {
    const drawn = await PDFDocument.create();
    const page = drawn.addPage([595, 842]);
    page.drawText('Invoice 2021 / 0042', { x: 72, y: 700, size: 18 });
    const file = join(tmp.path, 'drawn.pdf');
    writeFileSync(file, await drawn.save());
    const doc = await t.call('documents.import', { paths: [file], dpi: 150, ocr: 'skip' });
    expect(doc.pages[0]).toMatchObject({ dpi: 150, widthPx: 1240 });
    expect([...t.station.documents.pageTexts(doc.id).values()][0]?.text).toBe('Invoice 2021 / 0042');
  });

  it('repairs a PDF whose cross-reference table is lost', async () => {
    const scanned = join(tmp.path, 'scanned.pdf');
    const bytes = readFileSync(scanned);
    const xref = bytes.lastIndexOf('xref');
    const broken = join(tmp.path, 'no-xref.pdf');
    writeFileSync(broken, bytes.subarray(0, xref));
    expect(() => qpdfCheck(broken)).toThrow();
    const doc = await t.call('documents.import', { paths: [broken], ocr: 'skip' });
    expect(doc.pageCount).toBe(2);
    expect(doc.source!.sha256).toBe(sha(readFileSync(broken))); // the original, as it came
  });

  it.each([
    ['too many pages', async () => {
      const d = await PDFDocument.create();
      for (let i = 0; i < 2001; i++) d.addPage([100, 100]);
      return d.save();
    }],
    ['a page 10 m wide', async () => {
      const d = await PDFDocument.create();
      d.addPage([28_346, 1000]);
      return d.save();
    }],
  ])('refuses a PDF bomb (%s) and creates nothing', async (_name, make) => {
    const file = join(tmp.path, `bomb-${Math.random()}.pdf`);
    writeFileSync(file, await make());
    const before = (await t.call('documents.list', {})).length;
    const error = await refused(t.call('documents.import', { paths: [file] }));
    expect(error.code).toBe('import-too-large');
    expect((await t.call('documents.list', {})).length).toBe(before);
  });

  it('refuses a truncated PDF that cannot be repaired, creating nothing', async () => {
    const file = join(tmp.path, 'stub.pdf');
    writeFileSync(file, '%PDF-1.7\n1 0 obj\n<< /Type /Catalog');
    const before = (await t.call('documents.list', {})).length;
    expect((await refused(t.call('documents.import', { paths: [file] }))).code).toBe('import-unreadable');
    expect((await t.call('documents.list', {})).length).toBe(before);
  });
});
