// A signature never covers content: on a standard administrative page (motto top right, agency
// block top left, number line) the default box finds no room in the top-right area and goes onto
// a strip added above the page; a second and a third signature stack below the first (the strip
// keeps room for them), never over it nor over the page. Checked on poppler's renderings: no ink
// of the page under any box, the boxes apart and one below the other, all signatures valid for us
// and for pdfsig. A blank top-right corner keeps the box where it was, later ones below it.
// (Pages shown turned by /Rotate: signing-placement-rotated.test.ts.)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignRequest } from '../../electron/contract';
import { administrativePage } from '../fixtures/administrative-page';
import { RESULTS, tempDir } from '../helpers/paths';
import { extractSignatures, opensslCmsVerify } from '../helpers/openssl-cms';
import { pageWordBoxes, pdfsig, renderGray } from '../helpers/pdf-tools';
import { type TestStation, openTestStation, refused } from '../helpers/station';
import { type TestPki, createTestPki } from '../pki/test-pki';

let pki: TestPki;
let t: TestStation;
let tmp: ReturnType<typeof tempDir>;

type Box = [number, number, number, number];
const p12 = (file: string): SignRequest['key'] => ({ kind: 'p12', path: file, password: pki.p12Password });

beforeAll(async () => {
  pki = await createTestPki();
  tmp = tempDir('placement');
  t = await openTestStation();
  await t.call('settings.update', { agencyName: 'UBND xã Hòa Thuận', trustStore: [pki.caPem], tsaUrl: pki.tsaUrl });
});

afterAll(async () => {
  await t?.close();
  await pki?.close();
  tmp?.cleanup();
});

/** Page 1's MediaBox and the boxes of its signature widgets, read by pdf-lib. */
async function pageBoxes(file: string): Promise<{ mediaBox: Box; signatures: Box[] }> {
  const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  const page = doc.getPage(0);
  const nums = (a: PDFArray) => a.asArray().map((n) => (doc.context.lookup(n) as PDFNumber).asNumber()) as Box;
  const annots = (page.node.lookup(PDFName.of('Annots'), PDFArray)?.asArray() ?? []).map((r) => doc.context.lookup(r) as PDFDict);
  const signatures = annots.filter((a) => a.get(PDFName.of('FT')) === PDFName.of('Sig')).map((a) => nums(a.lookup(PDFName.of('Rect'), PDFArray)));
  const mb = page.getMediaBox();
  return { mediaBox: [mb.x, mb.y, mb.x + mb.width, mb.y + mb.height], signatures };
}

/** Dark pixels of the unsigned page's rendering under a box (page points → pixels at dpi). */
function inkUnder(render: ReturnType<typeof renderGray>, mediaBox: Box, box: Box, dpi: number): number {
  const k = dpi / 72;
  const [x0, , , y1] = mediaBox;
  let dark = 0;
  for (let y = Math.max(0, Math.floor((y1 - box[3]) * k)); y < Math.min(render.height, Math.ceil((y1 - box[1]) * k)); y++)
    for (let x = Math.max(0, Math.floor((box[0] - x0) * k)); x < Math.min(render.width, Math.ceil((box[2] - x0) * k)); x++) if (render.pixels[y * render.width + x]! < 160) dark++;
  return dark;
}

/** The image imported, exported and signed three times (two signers). */
async function signedThrice(png: string, name: string): Promise<{ plain: string; signed: string }> {
  const doc = await t.call('documents.import', { paths: [png], ocr: 'skip' });
  const plain = join(tmp.path, `${name}-plain.pdf`);
  await t.call('documents.export', { id: doc.id, path: plain });
  let from = plain;
  for (const [i, key] of [pki.signer, pki.ecSigner, pki.signer].entries()) {
    const out = join(tmp.path, `${name}-${i + 1}.pdf`);
    await t.call('pdf.sign', { path: from, out, key: p12(key.p12), level: 'B-B' });
    from = out;
  }
  return { plain, signed: from };
}

const apart = (a: Box, b: Box) => a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1];

describe('where the visible signature goes', () => {
  it('on a standard administrative page: off the motto, onto a strip; a second and a third signature stacked below the first', async () => {
    const png = join(tmp.path, 'cong-van.png');
    await administrativePage(png, 150);
    const doc = await t.call('documents.import', { paths: [png], ocr: 'skip', metadata: { title: 'Giấy xác nhận tình trạng hôn nhân' } });
    const plain = join(tmp.path, 'plain.pdf');
    await t.call('documents.export', { id: doc.id, path: plain });
    const once = join(tmp.path, 'once.pdf');
    const twice = join(tmp.path, 'twice.pdf');
    const thrice = join(tmp.path, 'thrice.pdf');
    await t.call('pdf.sign', { path: plain, out: once, key: p12(pki.signer.p12), level: 'B-T' });
    await t.call('pdf.sign', { path: once, out: twice, key: p12(pki.ecSigner.p12), level: 'B-B' });
    await t.call('pdf.sign', { path: twice, out: thrice, key: p12(pki.signer.p12), level: 'B-B' });

    const before = await pageBoxes(plain);
    const after = await pageBoxes(thrice);
    expect(after.signatures).toHaveLength(3);
    // The top-right area holds the motto and the date line: the page grew a strip at the top.
    expect(after.mediaBox[3]).toBeGreaterThan(before.mediaBox[3]);
    expect(after.mediaBox.slice(0, 3)).toEqual(before.mediaBox.slice(0, 3));
    expect(after.signatures[0]![1]).toBeGreaterThanOrEqual(before.mediaBox[3]); // inside the strip
    expect(after.signatures[0]![0]).toBeGreaterThan((before.mediaBox[2] - before.mediaBox[0]) / 2); // at the right

    // Nothing printed on the page lies under any box, and the boxes do not touch.
    const dpi = 100;
    const render = renderGray(plain, 1, dpi);
    for (const box of after.signatures) expect(inkUnder(render, before.mediaBox, box, dpi)).toBe(0);
    const [first, second, third] = after.signatures as [Box, Box, Box];
    for (const [a, b] of [[first, second], [first, third], [second, third]] as const) expect(apart(a, b)).toBe(true);
    // A stack: each one below the one before, right edges aligned, not beside it.
    expect(second[3]).toBeLessThanOrEqual(first[1]);
    expect(third[3]).toBeLessThanOrEqual(second[1]);
    expect(second[2]).toBeCloseTo(first[2], 0);
    expect(third[2]).toBeCloseTo(first[2], 0);
    expect(first[1] - second[3]).toBeLessThan(10); // just below, a few points apart
    expect(second[1] - third[3]).toBeLessThan(10);
    // The strip kept room for the stack: no page grew after the first signature.
    expect(after.mediaBox).toEqual((await pageBoxes(once)).mediaBox);

    // Every box can be read whole: each one's three lines are there as text, inside its box.
    const words = pageWordBoxes(thrice, 1);
    const inside = (box: Box) => words.words.filter((w) => w.xMin >= box[0] - 1 && w.xMax <= box[2] + 1 && words.height - w.yMax >= box[1] - 1 && words.height - w.yMin <= box[3] + 1 - 0);
    expect(inside(after.signatures[0]!).map((w) => w.text).join(' ')).toMatch(/UBND xã Hòa Thuận Ký bởi: Nguyễn Văn An Thời gian ký: \S+\+07:00/);
    expect(inside(after.signatures[1]!).map((w) => w.text).join(' ')).toMatch(/Ký bởi: Phạm Thị Bình Thời gian ký: \S+\+07:00/);
    expect(inside(after.signatures[2]!).map((w) => w.text).join(' ')).toMatch(/UBND xã Hòa Thuận Ký bởi: Nguyễn Văn An Thời gian ký: \S+\+07:00/);

    // All still valid, for us and for poppler (the strip came with the first signature's own revision).
    const report = await t.call('pdf.verify', { path: thrice });
    expect(report.signatures.map((s) => [s.signer, s.verdict])).toEqual([
      ['Nguyễn Văn An', 'confirmed'],
      ['Phạm Thị Bình', 'confirmed'],
      ['Nguyễn Văn An', 'confirmed'],
    ]);
    const poppler = await pdfsig(thrice, pki.nssDir);
    expect(poppler.signatures.map((s) => s.valid), poppler.output).toEqual([true, true, true]);
    expect(extractSignatures(thrice).map((sig) => opensslCmsVerify(sig, pki.caPem).ok)).toEqual([true, true, true]);

    // For a person to look at.
    mkdirSync(RESULTS, { recursive: true });
    execFileSync('pdftoppm', ['-r', '60', '-png', '-singlefile', thrice, join(RESULTS, 'signature-placement-administrative-page')]);
  });

  it('with a blank top-right corner the box stays there; the next one below it; with the title below that, a third goes to blank space', async () => {
    const png = join(tmp.path, 'blank-corner.png');
    // The same page without its motto and number line: the corner is blank.
    await administrativePage(png, 150, { motto: false });
    const { plain, signed } = await signedThrice(png, 'blank');
    mkdirSync(RESULTS, { recursive: true });
    execFileSync('pdftoppm', ['-r', '60', '-png', '-singlefile', signed, join(RESULTS, 'signature-placement-blank-corner')]);
    const before = await pageBoxes(plain);
    const after = await pageBoxes(signed);
    expect(after.mediaBox).toEqual(before.mediaBox); // no strip needed
    const [first, second, third] = after.signatures as [Box, Box, Box];
    const mm = 72 / 25.4;
    expect(before.mediaBox[3] - first[3]).toBeCloseTo(10 * mm, 0); // 10 mm from the top
    expect(before.mediaBox[2] - first[2]).toBeCloseTo(10 * mm, 0); // 10 mm from the right
    expect(second[3]).toBeLessThanOrEqual(first[1]); // below the first
    expect(second[2]).toBeCloseTo(first[2], 0);
    // Below the second stands the title: the third goes to blank space in the top third (under
    // the agency block), over nothing printed and apart from the others.
    expect(third[1]).toBeGreaterThan(before.mediaBox[3] * (2 / 3));
    for (const [a, b] of [[first, third], [second, third]] as const) expect(apart(a, b)).toBe(true);
    const render = renderGray(plain, 1, 100);
    for (const box of after.signatures) expect(inkUnder(render, before.mediaBox, box, 100)).toBe(0);
  });

  it('on an empty page the second signature goes below the first, although beside it is blank too', async () => {
    const png = join(tmp.path, 'empty.png');
    await sharp({ create: { width: 827, height: 1169, channels: 3, background: '#fff' } }).withMetadata({ density: 100 }).png().toFile(png);
    const { signed } = await signedThrice(png, 'empty');
    const [first, second, third] = (await pageBoxes(signed)).signatures as [Box, Box, Box];
    expect(second[3]).toBeLessThanOrEqual(first[1]);
    expect(first[1] - second[3]).toBeLessThan(10);
    expect(third[3]).toBeLessThanOrEqual(second[1]);
    expect(second[1] - third[3]).toBeLessThan(10);
  });

  it('where below the first signature is printed on, the next one moves to blank space beside it', async () => {
    // Text fills the right half of the page from 30 mm down, the top-left of the page is blank:
    // the first box fits above the text, a second cannot go below it.
    const dpi = 100;
    const mmPx = (v: number) => (v * dpi) / 25.4;
    const rows = Array.from({ length: 40 }, (_, i) => `<text x="${mmPx(110)}" y="${mmPx(32 + i * 6)}" font-family="Liberation Serif" font-size="${mmPx(4.5)}" fill="#111">Nội dung in sát lề phải ${i + 1}</text>`);
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="827" height="1169"><rect width="100%" height="100%" fill="#fff"/>${rows.join('')}</svg>`;
    const png = join(tmp.path, 'printed-below.png');
    await sharp(Buffer.from(svg)).withMetadata({ density: dpi }).greyscale().png().toFile(png);
    const { plain, signed } = await signedThrice(png, 'printed-below');
    const before = await pageBoxes(plain);
    const after = await pageBoxes(signed);
    expect(after.mediaBox).toEqual(before.mediaBox);
    const [first, second, third] = after.signatures as [Box, Box, Box];
    expect(second[2]).toBeLessThanOrEqual(first[0]); // beside (to the left of) the first
    expect(third[3]).toBeLessThanOrEqual(second[1]); // and the third below the second, in the blank top left
    const render = renderGray(plain, 1, 100);
    for (const box of after.signatures) expect(inkUnder(render, before.mediaBox, box, 100)).toBe(0);
    for (const [a, b] of [[first, second], [first, third], [second, third]] as const) expect(apart(a, b)).toBe(true);
    const poppler = await pdfsig(signed, pki.nssDir);
    expect(poppler.signatures.map((s) => s.valid), poppler.output).toEqual([true, true, true]);
    mkdirSync(RESULTS, { recursive: true });
    execFileSync('pdftoppm', ['-r', '60', '-png', '-singlefile', signed, join(RESULTS, 'signature-placement-printed-below')]);
  });

  it('a page inked to its edges: a strip for the first signature; once signed, no room is said, never drawn over', async () => {
    const png = join(tmp.path, 'inked.png');
    // A photocopy gone dark: grey everywhere, as a scanner gives it.
    await sharp({ create: { width: 827, height: 1169, channels: 3, background: '#555' } }).withMetadata({ density: 100 }).png().toFile(png);
    const doc = await t.call('documents.import', { paths: [png], ocr: 'skip' });
    const plain = join(tmp.path, 'inked-plain.pdf');
    await t.call('documents.export', { id: doc.id, path: plain });
    const visible = join(tmp.path, 'inked-visible.pdf');
    await t.call('pdf.sign', { path: plain, out: visible, key: p12(pki.signer.p12), level: 'B-B' });
    const grown = await pageBoxes(visible);
    expect(grown.mediaBox[3]).toBeGreaterThan((await pageBoxes(plain)).mediaBox[3]);

    const invisible = join(tmp.path, 'inked-invisible.pdf');
    await t.call('pdf.sign', { path: plain, out: invisible, key: p12(pki.signer.p12), level: 'B-B', visible: false });
    const out = join(tmp.path, 'inked-second.pdf');
    const refusal = await refused(t.call('pdf.sign', { path: invisible, out, key: p12(pki.ecSigner.p12), level: 'B-B' }));
    expect(refusal.code).toBe('signature-no-room');
    expect(refusal.message.vi).toMatch(/chữ ký ẩn/);
    expect(existsSync(out)).toBe(false);
  });
});
