// The `auto` paper through the real `sohoa scan` and the SANE pnm backend: a page that fills the
// glass is kept at its size whatever little it carries (a white back, a stamp in a corner, a few
// lines, a solid block of ink), while a card on a white lid and a sheet on a dark glass are still
// cropped to the paper. (The pnm backend cannot choose its area, so `auto` is the paper it takes.)
// The scanned images are left in test-results/scan-auto-paper/ to be looked at.
import sharp from 'sharp';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { RESULTS, tempDir } from '../helpers/paths';
import { saneEnv, writeSaneConfig } from '../helpers/sane';

const DPI = 200;
const px = (mm: number) => Math.round((mm / 25.4) * DPI);
const mm = (pixels: number) => (pixels / DPI) * 25.4;
const A4 = { width: px(210), height: px(297) };
const LOOK = join(RESULTS, 'scan-auto-paper');

const tmp = tempDir('cli-auto-paper');
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  env = saneEnv(writeSaneConfig(join(tmp.path, 'sane.d')), { SOHOA_DATA_DIR: join(tmp.path, 'data') });
  mkdirSync(LOOK, { recursive: true });
});
afterAll(() => tmp.cleanup());

/** An A4 glass at 200 dpi drawn from SVG on `ground`, with a scanner's sensor noise (±4 grey, seeded). */
async function glassImage(name: string, ground: string, body: string): Promise<string> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${A4.width}" height="${A4.height}"><rect width="100%" height="100%" fill="${ground}"/>${body}</svg>`;
  const { data, info } = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let s = 12345;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  for (let i = 0; i < data.length; i++) data[i] = Math.max(0, Math.min(255, data[i]! + Math.round((rand() + rand() - 1) * 4)));
  const file = join(tmp.path, `${name}.ppm`);
  writeFileSync(file, Buffer.concat([Buffer.from(`P6\n${info.width} ${info.height}\n255\n`), data]));
  return file;
}

const text = (xMm: number, yMm: number, sizeMm: number, words: string, extra = '') =>
  `<text x="${px(xMm)}" y="${px(yMm)}" font-size="${px(sizeMm)}" font-family="DejaVu Sans" ${extra}>${words}</text>`;

/** Scans `file` with the auto paper and returns the one page image's size, px, keeping it as PNG to look at. */
async function scanAuto(file: string, name: string, extra: readonly string[] = []): Promise<{ width: number; height: number }> {
  const out = join(tmp.path, `${name}.pdf`);
  const r = await runCli(['scan', '--device', 'sane:pnm:0', '--preset', 'auto', ...extra, '--dpi', String(DPI), '--driver-option', `filename=${file}`, '--out', out, '--json', '--no-ocr'], env);
  expect(r.code, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ pages: 1 });
  execFileSync('pdfimages', ['-png', out, join(LOOK, name)]);
  const meta = await sharp(join(LOOK, `${name}-000.png`)).metadata();
  return { width: meta.width!, height: meta.height! };
}

describe('sohoa scan --preset auto (SANE pnm)', () => {
  it('keeps a white A4 page whole', async () => {
    const file = await glassImage('white', '#fcfcfa', '');
    expect(await scanAuto(file, 'white')).toEqual(A4);
  });

  it('keeps a white page with a small red stamp in one corner whole (it was cropped to the stamp)', async () => {
    const stamp =
      `<rect x="${px(160)}" y="${px(265)}" width="${px(30)}" height="${px(9)}" fill="none" stroke="#c8202a" stroke-width="${px(0.8)}"/>` +
      text(163, 271.5, 5, 'ĐÃ NHẬN', 'font-weight="bold" fill="#c8202a"');
    const file = await glassImage('stamp', '#fcfcfa', stamp);
    // asked for by name too: the profile the preset picks and the one named are the same
    expect(await scanAuto(file, 'stamp')).toEqual(A4);
    expect(await scanAuto(file, 'stamp-profile', ['--profile', 'auto'])).toEqual(A4);
  });

  it('keeps a page with a few lines of text whole (it was cropped to one letter)', async () => {
    const lines = ['Giấy xác nhận tình trạng hôn nhân', 'Họ và tên: Nguyễn Văn Đức', 'Nơi cư trú: thôn Phước Thượng, Hòa Thuận', 'Ngày cấp: 07/12/2026'];
    const file = await glassImage('lines', '#fcfcfa', lines.map((l, i) => text(25, 40 + i * 8, 4.2, l)).join(''));
    expect(await scanAuto(file, 'lines')).toEqual(A4);
  });

  it('keeps a page whose only mark is a solid block of ink whole (the 27 × 7 mm sliver it was cut to)', async () => {
    const file = await glassImage('block', '#fcfcfa', `<rect x="${px(160)}" y="${px(265)}" width="${px(27)}" height="${px(7)}" fill="#222"/>`);
    expect(await scanAuto(file, 'block')).toEqual(A4);
  });

  it('still crops an ID card on a white lid to the card', async () => {
    // the card's tone and the soft shadow its edge casts on the lid, as a flatbed shows them
    const [x, y, w, h, r] = [px(60), px(90), px(85.6), px(53.98), px(3.2)];
    const card =
      `<defs><filter id="soft"><feGaussianBlur stdDeviation="1"/></filter></defs>` +
      `<rect x="${x + 2}" y="${y + 2}" width="${w}" height="${h}" rx="${r}" fill="#000" fill-opacity="0.6" filter="url(#soft)"/>` +
      `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${r}" fill="#dfe9ee"/>` +
      text(60 + 25, 90 + 8, 3.5, 'CĂN CƯỚC CÔNG DÂN', 'font-weight="bold" fill="#b01c24"') +
      text(60 + 27, 90 + 22, 2.6, 'Họ và tên: NGUYỄN VĂN ĐỨC') +
      `<rect x="${px(63.5)}" y="${px(108)}" width="${px(20)}" height="${px(26)}" fill="#8fb3d9"/>`;
    const file = await glassImage('card-lid', '#f8f8f8', card);
    const got = await scanAuto(file, 'card-lid');
    expect(Math.abs(mm(got.width) - 85.6)).toBeLessThanOrEqual(1.5);
    expect(Math.abs(mm(got.height) - 53.98)).toBeLessThanOrEqual(1.5);
  });

  it('still crops an A5 sheet on a dark glass to the sheet', async () => {
    const sheet =
      `<rect x="${px(40)}" y="${px(60)}" width="${px(148)}" height="${px(210)}" fill="#fbfaf6"/>` +
      [0, 1, 2, 3, 4, 5].map((i) => text(55, 85 + i * 7, 4, 'Biên nhận hồ sơ số 0123, dòng ' + String(i + 1))).join('');
    const file = await glassImage('a5-glass', '#282828', sheet);
    const got = await scanAuto(file, 'a5-glass');
    expect(Math.abs(mm(got.width) - 148)).toBeLessThanOrEqual(1.5);
    expect(Math.abs(mm(got.height) - 210)).toBeLessThanOrEqual(1.5);
  });
});
