// Bad input to the imaging pipeline (imports): corrupt, truncated and empty files, images that
// declare more pixels than any paper holds, each refused with a coded error and the store left as
// it was — not one document, not one blob file more; 16-bit and CMYK images and photos with an
// EXIF orientation are handled: stored as 8-bit sRGB or grey, turned the way the camera meant.
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { testBlobStore } from '../helpers/blobs';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation, refused } from '../helpers/station';

let t: TestStation;
const files = tempDir('imaging-bad-input');
const at = (name: string) => join(files.path, name);

/** Every file under a folder, by path (the blob store's content). */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out.sort();
}

async function storeState(): Promise<{ documents: number; blobs: string[] }> {
  return { documents: (await t.call('documents.list', {})).length, blobs: filesUnder(join(t.dataDir, 'blobs')) };
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  let c = ~0;
  for (const b of Buffer.concat([Buffer.from(type), data])) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(~c >>> 0);
  return Buffer.concat([len, Buffer.from(type), data, crc]);
}

/** A valid PNG header that declares 80,000 × 80,000 px (6.4 Gpx) over a few bytes of data. */
function bombPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(80_000, 0);
  ihdr.writeUInt32BE(80_000, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(Buffer.alloc(64))), pngChunk('IEND', Buffer.alloc(0))]);
}

/** Ink in both over ink in either (darker than mid-grey), compared at one size: about 1 for the
 * same page (colour conversions lighten thin strokes a little), near 0 for a page turned wrong. */
async function inkAgreement(a: Buffer | string, b: Buffer | string): Promise<number> {
  const mask = async (x: Buffer | string) =>
    (await sharp(x).flatten({ background: '#fff' }).greyscale().resize({ width: 400, height: 566, fit: 'fill' }).raw().toBuffer()).map((v) => (v < 128 ? 1 : 0));
  const [ma, mb] = await Promise.all([mask(a), mask(b)]);
  let same = 0;
  let ink = 0;
  for (let i = 0; i < ma.length; i++) {
    if (ma[i] || mb[i]) ink++;
    if (ma[i] && mb[i]) same++;
  }
  return same / Math.max(1, ink);
}

beforeAll(async () => {
  t = await openTestStation();
  await vietnamesePage(at('page.png'), { dpi: 100, mode: 'color' });
  const good = await sharp(at('page.png')).jpeg({ quality: 90 }).toBuffer();
  writeFileSync(at('good.jpg'), good);
  writeFileSync(at('truncated.jpg'), good.subarray(0, Math.floor(good.length / 2)));
  const png = await sharp(at('page.png')).png().toBuffer();
  writeFileSync(at('truncated.png'), png.subarray(0, Math.floor(png.length / 3)));
  const tiff = await sharp(at('page.png')).tiff({ compression: 'lzw' }).toBuffer();
  writeFileSync(at('truncated.tif'), tiff.subarray(0, Math.floor(tiff.length / 2)));
  writeFileSync(at('empty.png'), Buffer.alloc(0));
  writeFileSync(at('noise.jpg'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)));
  writeFileSync(at('bomb.png'), bombPng());
  // A JPEG header that declares 65,000 × 65,000 px (4.2 Gpx).
  const huge = Buffer.from(good);
  for (let i = 2; i < huge.length - 9; i++) {
    if (huge[i] === 0xff && huge[i + 1] === 0xc0) {
      huge.writeUInt16BE(65_000, i + 5);
      huge.writeUInt16BE(65_000, i + 7);
      break;
    }
  }
  writeFileSync(at('huge.jpg'), huge);
  await sharp(at('page.png')).toColourspace('rgb16').png().toFile(at('rgb16.png'));
  await sharp(at('page.png')).toColourspace('grey16').png().toFile(at('grey16.png'));
  await sharp(at('page.png')).toColourspace('cmyk').jpeg({ quality: 92 }).toFile(at('cmyk.jpg'));
  // The camera held the page sideways (orientation 6: turn 90° clockwise to view) and upside
  // down (3): the pixels lie turned, the EXIF tag says how to view them.
  await sharp(at('page.png')).rotate(-90).withMetadata({ orientation: 6 }).jpeg({ quality: 92 }).toFile(at('exif6.jpg'));
  await sharp(at('page.png')).rotate(180).withMetadata({ orientation: 3 }).jpeg({ quality: 92 }).toFile(at('exif3.jpg'));
}, 60_000);

afterAll(async () => {
  await t?.close();
  files.cleanup();
});

describe('imaging: bad input', () => {
  it.each([
    ['a 0-byte file', 'empty.png', 'import-empty-file'],
    ['bytes that are no image', 'noise.jpg', 'import-unreadable'],
    ['a truncated JPEG', 'truncated.jpg', 'import-damaged-image'],
    ['a truncated PNG', 'truncated.png', 'import-damaged-image'],
    ['a truncated TIFF', 'truncated.tif', 'import-unreadable'],
    ['a PNG that declares 6.4 Gpx', 'bomb.png', 'image-too-large'],
    ['a JPEG that declares 4.2 Gpx', 'huge.jpg', 'image-too-large'],
  ])('refuses %s with a coded error, and nothing in the store changes', async (_what, name, code) => {
    const before = await storeState();
    // A good page first: it is processed too, and must leave nothing behind either.
    const error = await refused(t.call('documents.import', { paths: [at('good.jpg'), at(name)], ocr: 'skip' }));
    expect(error.code, error.message.en).toBe(code); // the message says which decoder complaint it was, should this ever differ
    expect(error.message.vi).toContain(name);
    expect(error.message.en).toContain(name);
    expect(await storeState()).toEqual(before);
  });

  it.each([
    ['16-bit RGB', 'rgb16.png', 'color'],
    ['16-bit grey', 'grey16.png', 'gray'],
    ['CMYK', 'cmyk.jpg', 'color'],
  ])('stores a %s image as an 8-bit page', async (_what, name, mode) => {
    const doc = await t.call('documents.import', { paths: [at(name)], profile: 'none', ocr: 'skip' });
    const [page] = doc.pages;
    expect(page).toMatchObject({ mode, mediaType: 'image/jpeg', widthPx: 827, heightPx: 1169 });
    const stored = await testBlobStore(t.dataDir).readBuffer(page!.sha256);
    const meta = await sharp(stored).metadata();
    expect({ depth: meta.depth, space: meta.space, channels: meta.channels }).toEqual({ depth: 'uchar', space: mode === 'color' ? 'srgb' : 'b-w', channels: mode === 'color' ? 3 : 1 });
    expect(await inkAgreement(stored, at('page.png'))).toBeGreaterThan(0.6);
  });

  it.each([
    ['sideways (EXIF orientation 6)', 'exif6.jpg'],
    ['upside down (EXIF orientation 3)', 'exif3.jpg'],
  ])('turns a photo taken %s as the camera meant', async (_what, name) => {
    const doc = await t.call('documents.import', { paths: [at(name)], ocr: 'skip' });
    const [page] = doc.pages;
    expect([page!.widthPx, page!.heightPx]).toEqual([827, 1169]);
    const stored = await testBlobStore(t.dataDir).readBuffer(page!.sha256);
    expect(await inkAgreement(stored, at('page.png'))).toBeGreaterThan(0.6);
    // No oriented working copy is left in the station's tmp folder.
    expect(filesUnder(join(t.dataDir, 'tmp')).filter((f) => f.includes('oriented-'))).toEqual([]);
  });
});
