// Pages shown turned (/Rotate 90, 180, 270, written by real producers: img2pdf --rotation and from
// a JPEG's EXIF orientation, qpdf --rotate on img2pdf's pages of scans ImageMagick turned): the signature goes to the top right as a person
// sees the page, reads upright, covers nothing printed, and a second one stacks below it. Judged
// only from poppler's renderings of the page as seen (with and without annotations, so each
// box's pixels are exactly what the signature drew), tesseract reading the box, pdfsig, OpenSSL's
// CMS verification and qpdf --check.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignRequest } from '../../electron/contract';
import { administrativePage } from '../fixtures/administrative-page';
import { RESULTS, tempDir } from '../helpers/paths';
import { extractSignatures, opensslCmsVerify } from '../helpers/openssl-cms';
import { pdfsig, qpdfCheck } from '../helpers/pdf-tools';
import { type TestStation, openTestStation } from '../helpers/station';
import { type TestPki, createTestPki } from '../pki/test-pki';

let pki: TestPki;
let t: TestStation;
let tmp: ReturnType<typeof tempDir>;
let upright: string; // the administrative page, upright, 150 dpi

const p12 = (file: string): SignRequest['key'] => ({ kind: 'p12', path: file, password: pki.p12Password });

beforeAll(async () => {
  pki = await createTestPki();
  tmp = tempDir('placement-rotated');
  t = await openTestStation();
  await t.call('settings.update', { agencyName: 'UBND xã Hòa Thuận', trustStore: [pki.caPem] });
  upright = join(tmp.path, 'upright.png');
  await administrativePage(upright, 150);
});

afterAll(async () => {
  await t?.close();
  await pki?.close();
  tmp?.cleanup();
});

interface Render {
  readonly width: number;
  readonly height: number;
  readonly pixels: Buffer;
}

/** Page 1 as poppler shows it (turned by /Rotate), grey, optionally without annotations. */
function render(file: string, dpi: number, annotations = true): Render {
  const pgm = execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-f', '1', '-l', '1', ...(annotations ? [] : ['-hide-annotations']), file], { maxBuffer: 1 << 28 });
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 64).toString('latin1'))!;
  return { width: Number(header[1]), height: Number(header[2]), pixels: pgm.subarray(header[0].length) };
}

interface PxBox {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** The pixels that differ between two renderings of the same size, as a box; null when none. */
function drawn(a: Render, b: Render): PxBox | null {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let [l, tp, r, bt] = [Infinity, Infinity, -1, -1];
  for (let y = 0; y < a.height; y++)
    for (let x = 0; x < a.width; x++)
      if (Math.abs(a.pixels[y * a.width + x]! - b.pixels[y * a.width + x]!) > 32) {
        l = Math.min(l, x);
        tp = Math.min(tp, y);
        r = Math.max(r, x + 1);
        bt = Math.max(bt, y + 1);
      }
  return r < 0 ? null : { left: l, top: tp, right: r, bottom: bt };
}

/** Dark pixels of `page` inside the box grown by `pad` pixels. */
function inkIn(page: Render, box: PxBox, pad: number): number {
  let dark = 0;
  for (let y = Math.max(0, box.top - pad); y < Math.min(page.height, box.bottom + pad); y++)
    for (let x = Math.max(0, box.left - pad); x < Math.min(page.width, box.right + pad); x++) if (page.pixels[y * page.width + x]! < 160) dark++;
  return dark;
}

/** What tesseract reads in the box of the rendering (Vietnamese, as it stands: no turning). */
async function readBox(page: Render, box: PxBox, name: string): Promise<string> {
  const png = join(tmp.path, `${name}.png`);
  await sharp(page.pixels, { raw: { width: page.width, height: page.height, channels: 1 } })
    .extract({ left: box.left, top: box.top, width: box.right - box.left, height: box.bottom - box.top })
    .extend({ top: 20, bottom: 20, left: 20, right: 20, background: '#fff' })
    .png()
    .toFile(png);
  return execFileSync('tesseract', [png, '-', '-l', 'vie', '--psm', '6'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}

const sh = (cmd: string, ...args: string[]): void => void execFileSync(cmd, args, { stdio: 'ignore' });

/** The upright page's pixels turned clockwise by `degrees` (a scan fed sideways or upside down). */
async function turned(degrees: number, name: string): Promise<string> {
  const file = join(tmp.path, `${name}.png`);
  await sharp(upright).rotate(degrees).withMetadata({ density: 150 }).png().toFile(file);
  return file;
}

interface Case {
  readonly name: string;
  readonly rotate: number;
  /** Whether the page as seen is the upright administrative page (the producer's /Rotate puts
   * a sideways scan right): then the motto is at the top right and the box goes onto a strip. */
  readonly uprightAsSeen: boolean;
  readonly make: (out: string) => Promise<void>;
}

const CASES: Case[] = [
  {
    name: 'img2pdf --rotation=90 of a scan fed sideways',
    rotate: 90,
    uprightAsSeen: true,
    make: async (out) => sh('img2pdf', '--rotation=90', await turned(270, 'img2pdf-270'), '-o', out),
  },
  {
    name: 'img2pdf of a camera JPEG whose EXIF orientation says turn it (6)',
    rotate: 90,
    uprightAsSeen: true,
    make: async (out) => {
      const jpeg = join(tmp.path, 'exif-6.jpg');
      await sharp(upright).rotate(270).withMetadata({ orientation: 6, density: 150 }).jpeg({ quality: 90 }).toFile(jpeg);
      sh('img2pdf', jpeg, '-o', out); // --rotation=auto: the EXIF orientation becomes /Rotate 90
    },
  },
  {
    name: 'qpdf --rotate=+90:1 of a scan ImageMagick turned sideways (TIFF, wrapped by img2pdf)',
    rotate: 90,
    uprightAsSeen: true,
    make: async (out) => {
      const tif = join(tmp.path, 'im-270.tif');
      sh('convert', upright, '-alpha', 'off', '-rotate', '270', tif);
      const plain = join(tmp.path, 'im-270.pdf');
      sh('img2pdf', '--rotation=0', tif, '-o', plain);
      sh('qpdf', '--rotate=+90:1', plain, out);
    },
  },
  {
    name: 'qpdf --rotate=+180:1 of img2pdf’s page of an upside-down scan',
    rotate: 180,
    uprightAsSeen: true,
    make: async (out) => {
      const plain = join(tmp.path, 'img2pdf-180.pdf');
      sh('img2pdf', '--rotation=0', await turned(180, 'img2pdf-180'), '-o', plain);
      sh('qpdf', '--rotate=+180:1', plain, out);
    },
  },
  {
    name: 'qpdf --rotate=+270:1 of a scan ImageMagick turned the other way (TIFF, wrapped by img2pdf)',
    rotate: 270,
    uprightAsSeen: true,
    make: async (out) => {
      const tif = join(tmp.path, 'im-90.tif');
      sh('convert', upright, '-alpha', 'off', '-rotate', '90', tif);
      const plain = join(tmp.path, 'im-90.pdf');
      sh('img2pdf', '--rotation=0', tif, '-o', plain);
      sh('qpdf', '--rotate=+270:1', plain, out);
    },
  },
  {
    name: 'qpdf --rotate=+90:1 of an upright page (seen as landscape, lying on its side)',
    rotate: 90,
    uprightAsSeen: false,
    make: async (out) => {
      const plain = join(tmp.path, 'img2pdf-0.pdf');
      sh('img2pdf', '--rotation=0', upright, '-o', plain);
      sh('qpdf', '--rotate=+90:1', plain, out);
    },
  },
];

describe('a signature on a page shown turned', () => {
  for (const [i, c] of CASES.entries())
    it(`${c.name}: top right as seen, upright, over nothing printed; the second below the first, or beside it where below is printed on`, async () => {
      const plain = join(tmp.path, `case-${i}.pdf`);
      await c.make(plain);
      expect(execFileSync('pdfinfo', [plain], { encoding: 'utf8' })).toMatch(new RegExp(`Page rot:\\s+${c.rotate}\\b`));
      const once = join(tmp.path, `case-${i}-1.pdf`);
      const twice = join(tmp.path, `case-${i}-2.pdf`);
      await t.call('pdf.sign', { path: plain, out: once, key: p12(pki.signer.p12), level: 'B-B' });
      await t.call('pdf.sign', { path: once, out: twice, key: p12(pki.ecSigner.p12), level: 'B-B' });

      // For a person to look at.
      mkdirSync(RESULTS, { recursive: true });
      writeFileSync(join(RESULTS, `signature-placement-rotated-${c.rotate}-${i}.txt`), `${c.name}\n`);
      execFileSync('pdftoppm', ['-r', '50', '-png', '-singlefile', twice, join(RESULTS, `signature-placement-rotated-${c.rotate}-${i}`)]);

      // Both valid, for poppler, for OpenSSL's CMS on the extracted bytes and for us.
      const poppler = await pdfsig(twice, pki.nssDir);
      expect(poppler.signatures.map((s) => s.valid), poppler.output).toEqual([true, true]);
      expect(extractSignatures(twice).map((sig) => opensslCmsVerify(sig, pki.caPem).ok)).toEqual([true, true]);
      qpdfCheck(twice);
      const report = await t.call('pdf.verify', { path: twice });
      expect(report.signatures.map((s) => s.verdict)).toEqual(['confirmed', 'confirmed']);

      // Each box is what its signature drew: the rendering with annotations against the one without.
      const dpi = 100;
      const before = render(plain, dpi);
      const page = render(twice, dpi, false); // the page as seen, strip included, no signatures
      const onceShown = render(once, dpi);
      const first = drawn(render(once, dpi, false), onceShown)!;
      const second = drawn(onceShown, render(twice, dpi))!;
      expect(first).not.toBeNull();
      expect(second).not.toBeNull();
      const shown = render(twice, dpi);

      for (const box of [first, second]) {
        // Nothing printed under the box, nor within a millimetre of it.
        expect(inkIn(page, box, 4)).toBe(0);
        // Top right as seen: in the top third, its right edge in the outer 60% of the width (on
        // the upright page, where the motto sends it to the strip, in the right half).
        expect(box.bottom).toBeLessThan(shown.height / 3);
        expect(box.right).toBeGreaterThan(shown.width * 0.4);
        if (c.uprightAsSeen) expect(box.left).toBeGreaterThan(shown.width / 2);
        // Upright: a wide, low box (three lines of text), not a tall, narrow one.
        expect(box.right - box.left).toBeGreaterThan(2.5 * (box.bottom - box.top));
      }
      if (c.uprightAsSeen) {
        // The second stacks below the first (in the strip), right edges together.
        expect(second.top).toBeGreaterThanOrEqual(first.bottom);
        expect(Math.abs(second.right - first.right)).toBeLessThan(0.2 * (first.right - first.left));
      } else {
        // Below the first the page is printed on (its lines, seen on their side): the second
        // goes to blank space beside it, apart from it.
        expect(second.right <= first.left || second.top >= first.bottom).toBe(true);
      }

      // The page as seen kept its width; it grew at its top when the motto left no room there.
      expect(shown.width).toBe(before.width);
      if (c.uprightAsSeen) expect(shown.height).toBeGreaterThan(before.height);
      else expect(shown.height).toBe(before.height);

      // Readable as it stands: tesseract, which does not turn the image, reads the lines.
      const hi = render(twice, 200);
      const k = 2;
      const scaled = (b: PxBox): PxBox => ({ left: b.left * k - 4, top: b.top * k - 4, right: b.right * k + 4, bottom: b.bottom * k + 4 });
      expect(await readBox(hi, scaled(first), `case-${i}-first`)).toMatch(/Ký bởi: Nguyễn Văn An/);
      expect(await readBox(hi, scaled(second), `case-${i}-second`)).toMatch(/Ký bởi: Phạm Thị Bình/);
    });
});
