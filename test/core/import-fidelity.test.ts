// Issue 20, point 1: an import keeps what it is given. On files the outside producers made
// (ImageMagick's G4 TIFF and JPEGs, img2pdf's PDFs of them): a page that is one CCITT G4 image
// stays G4 at its 300 dpi and its size (not a 200 ppi RGB JPEG), byte for byte in the record; a
// grey JPEG page of a PDF stays that grey JPEG; a JPEG file the profile does not change is stored
// as its own bytes, with or without a profile.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation } from '../helpers/station';

const tmp = tempDir('import-fidelity');
const f = (name: string) => join(tmp.path, name);
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
let t: TestStation;

/** The one image of a PDF's page 1, as pdfimages lists it, and its bytes as pdfimages extracts them. */
function pageImage(pdf: string, as: '-ccitt' | '-j'): { list: string[]; bytes: Buffer } {
  const list = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).split('\n')[2]!.trim().split(/\s+/);
  const prefix = f(`x-${Math.random().toString(36).slice(2)}`);
  execFileSync('pdfimages', [as, '-f', '1', '-l', '1', pdf, prefix]);
  const name = readdirSync(tmp.path).find((n) => join(tmp.path, n).startsWith(prefix) && /\.(ccitt|jpg)$/.test(n))!;
  return { list, bytes: readFileSync(f(name)) };
}

beforeAll(async () => {
  t = await openTestStation();
  execFileSync('convert', ['-size', '2480x3508', 'xc:white', '-fill', 'black', '-draw', 'rectangle 200,200 2280,420', '-draw', 'circle 1240,1754 1240,1000', '-monochrome', '-density', '300', '-units', 'PixelsPerInch', '-compress', 'Group4', f('g4.tif')]);
  execFileSync('img2pdf', [f('g4.tif'), '-o', f('g4.pdf')]);
  execFileSync('convert', ['-size', '1240x1754', 'xc:gray85', '-fill', 'black', '-draw', 'rectangle 100,100 1140,260', '-colorspace', 'Gray', '-density', '150', '-units', 'PixelsPerInch', '-quality', '85', f('grey.jpg')]);
  execFileSync('img2pdf', [f('grey.jpg'), '-o', f('grey.pdf')]);
  // A small card (the default profile finds nothing to turn, straighten or crop on it).
  execFileSync('convert', ['-size', '600x400', 'xc:white', '-fill', 'navy', '-draw', 'rectangle 50,50 550,150', '-fill', 'red', '-draw', 'circle 300,280 300,220', '-density', '150', '-units', 'PixelsPerInch', '-quality', '90', f('colour.jpg')]);
});
afterAll(async () => {
  await t.close();
  tmp.cleanup();
});

describe('an import keeps what it is given', () => {
  it('keeps img2pdf’s 300 dpi CCITT G4 page as G4: its size, its resolution, its coded bytes', async () => {
    const doc = await t.call('documents.import', { paths: [f('g4.pdf')], ocr: 'skip', profile: 'none' });
    const page = doc.pages[0]!;
    expect([page.widthPx, page.heightPx, page.dpi, page.mode]).toEqual([2480, 3508, 300, 'bw']);
    const out = f('g4-record.pdf');
    await t.call('documents.export', { id: doc.id, path: out });
    const given = pageImage(f('g4.pdf'), '-ccitt');
    const kept = pageImage(out, '-ccitt');
    // page num type width height color comp bpc enc … x-ppi y-ppi
    expect([kept.list[3], kept.list[4], kept.list[5], kept.list[7], kept.list[8], kept.list[12]]).toEqual(['2480', '3508', 'gray', '1', 'ccitt', '300']);
    expect(kept.bytes.equals(given.bytes)).toBe(true);
    // A record of some tens of KB, not the 430 KB JPEG the issue found.
    expect(readFileSync(out).length).toBeLessThan(100_000);
  });

  it('keeps img2pdf’s grey JPEG page as that grey JPEG, byte for byte', async () => {
    const doc = await t.call('documents.import', { paths: [f('grey.pdf')], ocr: 'skip' });
    expect([doc.pages[0]!.mode, doc.pages[0]!.dpi, doc.pages[0]!.widthPx]).toEqual(['gray', 150, 1240]);
    const out = f('grey-record.pdf');
    await t.call('documents.export', { id: doc.id, path: out });
    const kept = pageImage(out, '-j');
    expect([kept.list[5], kept.list[6], kept.list[8]]).toEqual(['gray', '1', 'jpeg']);
    expect(kept.bytes.equals(readFileSync(f('grey.jpg')))).toBe(true);
  });

  it('says which pages it rasterised and why: Ghostscript’s page with Helvetica not embedded, not img2pdf’s kept ones', async () => {
    execFileSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-sDEVICE=pdfwrite', `-sOutputFile=${f('gs.pdf')}`, '-c', '/Helvetica findfont 24 scalefont setfont 72 720 moveto (Giay khai sinh) show showpage']);
    const doc = await t.call('documents.import', { paths: [f('g4.pdf'), f('gs.pdf'), f('grey.pdf')], ocr: 'skip', dpi: 150 });
    expect(doc.pageCount).toBe(3);
    // (Ghostscript's default leaves the standard 14 fonts out: PDF/A cannot carry that page as drawn.)
    expect(doc.rasterised).toEqual([{ file: f('gs.pdf'), page: 1, dpi: 150, reason: 'font-not-embedded' }]);
  });

  it.each(['none', 'default'] as const)('stores a JPEG file the %s profile leaves unchanged as its own bytes', async (profile) => {
    const doc = await t.call('documents.import', { paths: [f('colour.jpg')], ocr: 'skip', profile });
    expect(doc.pages[0]!.sha256).toBe(sha(f('colour.jpg')));
    expect([doc.pages[0]!.mode, doc.pages[0]!.dpi]).toEqual(['color', 150]);
  });
});
