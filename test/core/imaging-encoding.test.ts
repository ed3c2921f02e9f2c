// The page encoder's settings and the one decoding shared by the analysis and the encoder
// (issue 4, items 7 and the per-stage time). Sizes and SSIM are measured by the bench
// (npm run bench imaging-throughput); here: which settings apply where, and that decoding once
// changes no pixel.
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { processPage } from '../../electron/core/imaging/apply';
import { decodeOnce } from '../../electron/core/imaging/decoded-page';
import { openImage, pageJpegOptions } from '../../electron/core/imaging/page-encoder';
import { tempDir } from '../helpers/paths';

const tmp = tempDir('imaging-encoding');
afterAll(() => tmp.cleanup());

/** A small page: dark lines on off-white paper, a little skewed so that the pipeline turns it. */
async function page(name: string, opts: { icc?: boolean; alpha?: boolean } = {}): Promise<string> {
  const lines = Array.from({ length: 30 }, (_, i) => `<rect x="60" y="${60 + i * 24}" width="${380 - (i % 5) * 40}" height="9" fill="#222"/>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="560" height="800"><rect width="100%" height="100%" fill="#f6f4ee"/><g transform="rotate(2 280 400)">${lines}</g></svg>`;
  let image = sharp(Buffer.from(svg));
  if (!opts.alpha) image = image.removeAlpha();
  if (opts.icc) image = image.withMetadata({ density: 100 });
  const file = join(tmp.path, name);
  await image.tiff({ compression: 'none' }).toFile(file);
  return file;
}

describe('page encoding', () => {
  it('gives counter pages (up to 200 dpi, in memory) mozjpeg with Peterson’s table; feeder resolutions the fast encoder with optimised tables, large pages streamed without them', () => {
    expect(pageJpegOptions(200, true)).toMatchObject({ quality: 85, mozjpeg: true, quantisationTable: 7 });
    expect(pageJpegOptions(150, true)).toMatchObject({ mozjpeg: true });
    expect(pageJpegOptions(300, true)).toEqual({ quality: 85, optimiseCoding: true });
    expect(pageJpegOptions(200, false)).toEqual({ quality: 85, optimiseCoding: false });
  });

  it('stores a 200 dpi colour page as a progressive JPEG (mozjpeg’s optimised scans), a 300 dpi one as a baseline JPEG', async () => {
    const file = await page('plain.tif');
    for (const [dpi, progressive] of [[200, true], [300, false]] as const) {
      const p = await processPage({ input: { file }, mode: 'color', dpi, profile: 'default', workDir: tmp.path });
      const image = p.parts[0]!.image;
      if (!(image instanceof Uint8Array)) throw new Error('a small page is encoded in memory');
      const meta = await sharp(image).metadata();
      expect([meta.format, meta.isProgressive], `${dpi} dpi`).toEqual(['jpeg', progressive]);
    }
  });
});

describe('one decoding for the analysis and the encoder', () => {
  it('reads the same pixels as the file, an embedded ICC profile applied as before', async () => {
    for (const name of ['plain.tif', 'icc.tif']) {
      const file = await page(name, { icc: name === 'icc.tif' });
      const input = { file };
      const decoded = await decodeOnce(input, await openImage(input).metadata(), true);
      expect(typeof decoded.analysisInput, name).toBe('object');
      const [fromMemory, fromFile] = await Promise.all([decoded.open().raw().toBuffer(), openImage(input).toColourspace('srgb').raw().toBuffer()]);
      expect(fromMemory.equals(fromFile), name).toBe(true);
    }
  });

  it('leaves the odd inputs (alpha here; also 16-bit, CMYK, large pages) and the pages no analysis reads to the file', async () => {
    const file = await page('alpha.tif', { alpha: true });
    const input = { file };
    expect((await decodeOnce(input, await openImage(input).metadata(), true)).analysisInput).toBe(file);
    const plain = { file: await page('plain2.tif') };
    expect((await decodeOnce(plain, await openImage(plain).metadata(), false)).analysisInput).toBe(plain.file);
  });
});
