// The judge of whether a page can be carried as drawn (pdf/vector-check.ts), on what the outside
// producers in import-vector.test.ts rarely write: content streams whose strings and inline
// images hold bytes that look like operators, optional content, LZW, an ICC-based CMYK space
// (allowed) beside DeviceCMYK (not), a standard font named but not embedded, interpolation.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, PDFName, PDFRawStream, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { judgePage, scanContent } from '../../electron/core/pdf/vector-check';
import { REPO } from '../helpers/paths';

const bytes = (s: string) => Buffer.from(s, 'latin1');

describe('the content tokenizer', () => {
  it('finds operators, never inside strings, hex strings, dictionaries or inline image data', () => {
    const { operators, inlineNames, names } = scanContent(
      bytes('q BT /F1 12 Tf (k K \\) PS (nested k) ) Tj <6b4b> Tj ET /P <</MCID 0>> BDC EMC\nBI /W 2 /H 1 /CS /RGB /BPC 8 ID \x00 k PS\x01 EI Q % k in a comment\n1 0 0 RG'),
    );
    expect([...operators].sort()).toEqual(['BDC', 'BI', 'BT', 'EMC', 'ET', 'ID', 'Q', 'RG', 'Tf', 'Tj', 'q'].sort());
    expect([...inlineNames].sort()).toEqual(['BPC', 'CS', 'H', 'RGB', 'W']);
    expect(names.has('F1')).toBe(true);
  });

  it('sees CMYK colour set by operator or by name', () => {
    expect(scanContent(bytes('0 0 0 1 k 10 10 m 20 20 l S')).operators.has('k')).toBe(true);
    expect(scanContent(bytes('/DeviceCMYK cs 0 0 0 1 sc')).names.has('DeviceCMYK')).toBe(true);
  });
});

async function pageWith(build: (doc: PDFDocument) => Promise<string> | string, resources: (doc: PDFDocument) => Record<string, unknown> = () => ({})): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([200, 200]);
  const content = await build(doc);
  const res = resources(doc);
  const dict = page.node.Resources()!;
  for (const [k, v] of Object.entries(res)) dict.set(PDFName.of(k), doc.context.obj(v as never));
  page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.stream(content)));
  return doc;
}

describe('judging a page', () => {
  it('carries an embedded TrueType font, not a standard font left out', async () => {
    const embedded = await PDFDocument.create();
    embedded.registerFontkit(fontkit);
    const font = await embedded.embedFont(readFileSync(join(REPO, 'assets', 'fonts', 'LiberationSerif-Regular.ttf')), { subset: true });
    embedded.addPage([200, 200]).drawText('Giấy khai sinh', { font, size: 12, x: 10, y: 100 });
    await embedded.flush();
    expect(judgePage(embedded, 0).reason).toBeNull();

    const standard = await PDFDocument.create();
    const helvetica = await standard.embedFont(StandardFonts.Helvetica);
    standard.addPage([200, 200]).drawText('Giay khai sinh', { font: helvetica, size: 12, x: 10, y: 100 });
    await standard.flush();
    expect(judgePage(standard, 0).reason).toBe('font-not-embedded');
  });

  it('allows an ICC-based CMYK space, refuses DeviceCMYK in a colour space or an alternate', async () => {
    const icc = (doc: PDFDocument) => doc.context.register(doc.context.stream(new Uint8Array(16), { N: 4, Alternate: 'DeviceCMYK' }));
    const iccBased = await pageWith(
      () => '/C0 cs 0 0 0 1 sc 0 0 10 10 re f',
      (doc) => ({ ColorSpace: { C0: [PDFName.of('ICCBased'), icc(doc)] } }),
    );
    expect(judgePage(iccBased, 0).reason).toBeNull();
    const separation = await pageWith(
      () => '/C0 cs 1 sc 0 0 10 10 re f',
      (doc) => ({ ColorSpace: { C0: [PDFName.of('Separation'), PDFName.of('Red'), PDFName.of('DeviceCMYK'), doc.context.obj({ FunctionType: 2, Domain: [0, 1], C0: [0, 0, 0, 0], C1: [0, 1, 1, 0], N: 1 })] } }),
    );
    expect(judgePage(separation, 0).reason).toBe('cmyk-colour');
  });

  it('refuses optional content and LZW-compressed forms', async () => {
    const oc = await pageWith(
      () => '/OC /L1 BDC 0 0 10 10 re f EMC',
      (doc) => ({ Properties: { L1: doc.context.register(doc.context.obj({ Type: 'OCG', Name: 'Layer' })) } }),
    );
    expect(judgePage(oc, 0).reason).toBe('optional-content');
    const lzw = await pageWith(
      () => '/Fm0 Do',
      (doc) => ({ XObject: { Fm0: doc.context.register(PDFRawStream.of(doc.context.obj({ Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 10, 10], Filter: 'LZWDecode' }), new Uint8Array([0x80, 0x0b, 0x60, 0x50, 0x22, 0x0c, 0x0c, 0x85, 0x01]))) } }),
    );
    expect(judgePage(lzw, 0).reason).toBe('forbidden-filter');
  });

  it('drops image interpolation when it tidies a page for the record', async () => {
    const doc = await pageWith(
      () => 'q 10 0 0 10 0 0 cm /Im0 Do Q',
      (d) => ({ XObject: { Im0: d.context.register(d.context.stream(new Uint8Array(3), { Type: 'XObject', Subtype: 'Image', Width: 1, Height: 1, ColorSpace: 'DeviceRGB', BitsPerComponent: 8, Interpolate: true })) } }),
    );
    expect(judgePage(doc, 0).reason).toBeNull();
    const image = () => [...doc.context.enumerateIndirectObjects()].map(([, o]) => o).find((o) => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image')) as PDFRawStream;
    expect(image().dict.has(PDFName.of('Interpolate'))).toBe(true);
    expect(judgePage(doc, 0, true).reason).toBeNull();
    expect(image().dict.has(PDFName.of('Interpolate'))).toBe(false);
  });
});
