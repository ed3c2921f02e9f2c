// The record as the rules want it (domain.md): PDF/A-2b, a searchable Vietnamese text layer,
// the metadata the database holds, and a conversion mark that never covers the document. Every
// claim is checked by a tool we did not write: qpdf, poppler, Ghostscript.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentDetail } from '../../electron/contract';
import { characterAccuracy, vietnamesePage } from '../fixtures/vietnamese-pages';
import { tempDir } from '../helpers/paths';
import { ghostscript, pageWordBoxes, pdffonts, pdfinfo, pdftotext, qdf, qpdfCheck } from '../helpers/pdf-tools';
import { type TestStation, openTestStation } from '../helpers/station';

const tmp = tempDir('record');
let t: TestStation;
let reference: string;
let doc: DocumentDetail;
let file: string;

beforeAll(async () => {
  t = await openTestStation();
  await t.call('settings.update', { operatorName: 'Nguyễn Thị Hoa', unitCode: '000.00.01.H12', level: 'xa' });
  reference = await vietnamesePage(join(tmp.path, 'page.png'), { dpi: 200, mode: 'color' });
  doc = await t.call('documents.import', {
    paths: [join(tmp.path, 'page.png')],
    metadata: { title: 'Giấy xác nhận tình trạng hôn nhân', dossierCode: '000.00.01.H12-250123-0001', issuer: 'UBND xã Hòa Thuận', kind: 'result', ownerIdNumber: '049080001234', ownerName: 'Nguyễn Văn Đức' },
    ocr: 'wait',
  });
  file = join(tmp.path, 'record.pdf');
  await t.call('documents.export', { id: doc.id, path: file });
});
afterAll(async () => {
  await t.close();
  tmp.cleanup();
});

describe('PDF/A-2b record', () => {
  it('is sound (qpdf), renders without a word from Ghostscript, and embeds every font', () => {
    expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors/);
    expect(ghostscript(file)).toEqual({ status: 0, output: '' });
    const fonts = pdffonts(file);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f, f.name).toMatchObject({ embedded: true, unicode: true });
    // The visible mark: a tagged subset of Liberation Serif. The invisible text layer: the
    // two-glyph glyphless font, embedded whole (glyphless-font.ts).
    expect(fonts.filter((f) => f.subset && /^[A-Z]{6}\+LiberationSerif$/.test(f.name))).toHaveLength(1);
    expect(fonts.filter((f) => !f.subset).map((f) => f.name)).toEqual(['GlyphLessFont']);
  });

  it('identifies itself as PDF/A-2b and carries the database’s metadata in XMP and Info alike', () => {
    const xmp = pdfinfo(file, '-meta');
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>');
    const values = Object.fromEntries([...xmp.matchAll(/<sohoa:(\w+)>([^<]*)<\/sohoa:\1>/g)].map((m) => [m[1], m[2]]));
    expect(values).toMatchObject({
      documentId: doc.id,
      dossierCode: doc.metadata.dossierCode,
      kind: 'result',
      ownerIdNumber: '049080001234',
      ownerIdType: 'citizen',
      digitizedBy: 'Nguyễn Thị Hoa',
      digitizedAt: doc.digitizedAt, // exactly as the database holds it
      unitCode: '000.00.01.H12',
      level: 'xa',
      pageCount: '1',
      dpi: '200',
      colorDepth: '24',
      pdfaPart: '2',
      ocr: 'done',
    });
    // Every property used is declared in the file's own extension schema.
    for (const name of Object.keys(values)) expect(xmp).toContain(`<pdfaProperty:name>${name}</pdfaProperty:name>`);
    const info = pdfinfo(file);
    expect(info).toMatch(/Title:\s+Giấy xác nhận tình trạng hôn nhân/);
    expect(xmp).toContain('<rdf:li xml:lang="x-default">Giấy xác nhận tình trạng hôn nhân</rdf:li>');
    expect(info).toMatch(/Author:\s+UBND xã Hòa Thuận/);
    expect(info).toMatch(/Keywords:\s+000\.00\.01\.H12-250123-0001/);
  });

  it('has an sRGB OutputIntent, a file ID, and nothing PDF/A forbids', () => {
    const raw = readFileSync(file);
    expect(raw.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect([...raw.subarray(10, 14)].every((b) => b > 127)).toBe(true);
    const inside = qdf(file);
    expect(inside).toMatch(/\/OutputIntents/);
    expect(inside).toMatch(/\/S \/GTS_PDFA1/);
    expect(inside).toMatch(/\/N 3/);
    expect(inside).toMatch(/\/ID \[/);
    for (const forbidden of ['/Encrypt', '/JavaScript', '/JS ', '/Launch', '/URI', '/EmbeddedFile', '/LZWDecode', '/Interpolate true'])
      expect(inside, forbidden).not.toContain(forbidden);
  });

  it('weighs what its parts need: the page JPEG as stored (Flate on top only when that pays), compact structure', async () => {
    // The image a reader decodes is the stored page, byte for byte.
    const dir = join(tmp.path, 'images');
    mkdirSync(dir);
    execFileSync('pdfimages', ['-j', file, join(dir, 'p')]);
    const stored = await t.station.blobs.readBuffer(doc.pages[0]!.sha256);
    expect(readFileSync(join(dir, 'p-000.jpg')).equals(stored)).toBe(true);
    // The counter's progressive mozjpeg page deflates by ≈ 14 %: it is Flate-compressed on top.
    expect(readFileSync(file).toString('latin1')).toMatch(/\/Filter \[ \/FlateDecode \/DCTDecode \]/);
    const inside = qdf(file);
    // Dictionaries in object streams, a cross-reference stream (qpdf lists them as compressed).
    const xref = execFileSync('qpdf', ['--show-xref', file], { encoding: 'utf8' });
    expect(xref).toMatch(/compressed; stream = \d+/);
    // The text layer in image pixels, each word placed by Td: no 16-digit coordinates.
    expect(inside).not.toMatch(/\d\.\d{5,} /);
    expect(inside).toMatch(/\/T0 [\d.]+ Tf/);
  });

  it('carries a Vietnamese text layer that search and copy find, with its diacritics', () => {
    const text = pdftotext(file);
    expect(text).toContain('GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN');
    expect(text).toContain('Ủy ban nhân dân xã Hòa Thuận');
    // Page 1 also carries the conversion mark; measure the document's own lines.
    const body = text.split('\n').filter((l) => !l.startsWith('Bản điện tử chuyển đổi')).join('\n');
    expect(characterAccuracy(reference, body)).toBeGreaterThanOrEqual(0.98);
  });

  it('marks page 1 as converted from paper — when, by whom — in its blank bottom margin', () => {
    const { height, words } = pageWordBoxes(file, 1);
    expect(Math.round(height)).toBe(842); // A4 kept: the mark fitted in the margin
    const mark = words.filter((w) => w.yMin > height - 20);
    const line = mark.map((w) => w.text).join(' ');
    expect(line).toContain('Bản điện tử chuyển đổi từ bản giấy lúc');
    expect(line).toContain(doc.digitizedAt!.replace(/\.\d+/, ''));
    expect(line).toMatch(/\+07:00/);
    expect(line).toContain('Nguyễn Thị Hoa');
  });
});

describe('the conversion mark never covers the document', () => {
  it('goes onto a strip below the image when the paper is inked to its edges, leaving the image at 100%', async () => {
    const run = await t.scan({ device: 'sane:test:0', dpi: 100, driverOptions: { 'test-picture': 'Color pattern' } });
    const saved = await t.call('documents.finish', { id: run.documentId, ocr: 'skip', digitizedBy: 'Trần Văn Bình' });
    const out = join(tmp.path, 'inked.pdf');
    await t.call('documents.export', { id: saved.id, path: out });
    const { height, words } = pageWordBoxes(out, 1);
    const imageHeight = (saved.pages[0]!.heightPx / 100) * 72;
    expect(height).toBeGreaterThan(imageHeight + 10);
    const mark = words.filter((w) => w.text.includes('Bình') || w.text.includes('chuyển'));
    expect(mark.length).toBeGreaterThan(0);
    for (const w of mark) expect(w.yMin).toBeGreaterThanOrEqual(imageHeight); // below the image, on the strip
    qpdfCheck(out);
  });

  it('goes to the top margin when the station says so', async () => {
    await t.call('settings.update', { conversionMarkPosition: 'top' });
    try {
      const run = await t.scan({ device: 'sane:test:0', dpi: 100, driverOptions: { 'test-picture': 'Solid white' } });
      const saved = await t.call('documents.finish', { id: run.documentId, ocr: 'skip' });
      const out = join(tmp.path, 'top.pdf');
      await t.call('documents.export', { id: saved.id, path: out });
      const { height, words } = pageWordBoxes(out, 1);
      expect(Math.round(height)).toBe(842);
      const mark = words.filter((w) => w.text === 'chuyển');
      expect(mark.length).toBeGreaterThan(0);
      for (const w of mark) expect(w.yMax).toBeLessThan(20);
    } finally {
      await t.call('settings.update', { conversionMarkPosition: 'bottom' });
    }
  });
});
