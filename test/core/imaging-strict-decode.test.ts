// Issue 20 (a damaged image is refused, not truncated) without a second decode of every page
// (issue 17): an import's page is decoded strictly (libvips' fail-on-warning) by the imaging
// pipeline's own decode, whichever way the pipeline reads it — decoded once into memory (8-bit
// RGB), through an upright copy (EXIF orientation), or from its file (16-bit, no analysis) — and
// the refusal crosses the pool's worker thread with its code, file and the decoder's words.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProcessRequest, processPage } from '../../electron/core/imaging/apply';
import { ImagingPool } from '../../electron/core/imaging/pool';
import { StationError } from '../../electron/core/errors';
import { decodesCleanly } from '../../electron/core/imaging/strict-decode';
import { tempDir } from '../helpers/paths';

const tmp = tempDir('imaging-strict-decode');
const f = (name: string) => join(tmp.path, name);
const workDir = f('work');
afterAll(() => tmp.cleanup());

/** The PNG's first IDAT chunk with one byte changed, its CRC made right again (only the data is wrong). */
function damagedPng(src: string, out: string): void {
  const png = Buffer.from(readFileSync(src));
  const at = png.indexOf('IDAT') - 4;
  const length = png.readUInt32BE(at);
  png[at + 8 + Math.floor(length / 3)]! ^= 0x55;
  png.writeUInt32BE(crc32(png.subarray(at + 4, at + 8 + length)), at + 8 + length);
  writeFileSync(out, png);
}

beforeAll(() => {
  mkdirSync(workDir);
  // ImageMagick's plasma, 800×600 at 150 dpi: 8-bit RGB (decoded once, in memory) and 16-bit (read from its file)
  const plasma = ['-seed', '7', '-size', '800x600', 'plasma:', '-density', '150', '-units', 'PixelsPerInch'];
  execFileSync('convert', [...plasma, '-depth', '8', 'PNG24:' + f('rgb8.png')]);
  execFileSync('convert', [...plasma, '-depth', '16', 'PNG48:' + f('rgb16.png')]);
  damagedPng(f('rgb8.png'), f('rgb8-damaged.png'));
  damagedPng(f('rgb16.png'), f('rgb16-damaged.png'));
  // a JPEG with an EXIF orientation (turned through a copy), cut short
  execFileSync('convert', [...plasma, '-orient', 'RightTop', '-quality', '90', f('turned.jpg')]);
  const jpeg = readFileSync(f('turned.jpg'));
  writeFileSync(f('turned-cut.jpg'), jpeg.subarray(0, Math.floor(jpeg.length / 2)));
});

const request = (file: string, opts: Partial<ProcessRequest> = {}): ProcessRequest => ({ input: { file }, mode: 'color', dpi: 150, profile: 'default', workDir, strict: true, ...opts });

async function refusal(p: Promise<unknown>): Promise<StationError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(StationError);
  return e as StationError;
}

describe('strict decoding of imported pages in the imaging pipeline', () => {
  it('processes the same files undamaged', async () => {
    for (const name of ['rgb8.png', 'rgb16.png', 'turned.jpg']) expect((await processPage(request(f(name)))).parts).toHaveLength(1);
  });

  it.each([
    ['decoded once in memory (8-bit RGB)', 'rgb8-damaged.png', 'default'],
    ['read from its file (16-bit)', 'rgb16-damaged.png', 'default'],
    ['read from its file (no analysis)', 'rgb8-damaged.png', 'none'],
    ['turned through a copy (EXIF orientation)', 'turned-cut.jpg', 'default'],
  ] as const)('refuses a damaged page %s as import-damaged-image, naming the file once', async (_how, name, profile) => {
    const e = await refusal(processPage(request(f(name), { profile })));
    expect(e.code).toBe('import-damaged-image');
    expect(e.details.file).toBe(f(name));
    expect(String(e.details.detail)).not.toBe('');
    expect(e.message.split(f(name)).length - 1).toBe(1);
    expect(readdirSync(workDir)).toEqual([]); // no upright copy left behind
  });

  it('checks a page no pool decodes (an import without the pipeline) with a decode of its own', async () => {
    await decodesCleanly({ file: f('rgb8.png') });
    for (const name of ['rgb8-damaged.png', 'rgb16-damaged.png', 'turned-cut.jpg']) {
      const e = await refusal(decodesCleanly({ file: f(name) }));
      expect([e.code, e.details.file]).toEqual(['import-damaged-image', f(name)]);
    }
  });

  it('passes the refusal back from a worker thread with its code and details', async () => {
    const pool = new ImagingPool({ path: '', info: () => {}, warn: () => {}, error: () => {} }, 1);
    try {
      const e = await refusal(pool.process(request(f('rgb8-damaged.png'))));
      expect(e.code).toBe('import-damaged-image');
      expect(e.details.file).toBe(f('rgb8-damaged.png'));
      expect((await pool.process(request(f('rgb8.png')))).parts).toHaveLength(1);
    } finally {
      await pool.close();
    }
  });
});
