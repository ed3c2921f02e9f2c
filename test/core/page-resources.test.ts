// What the station serves the renderer for a page's image: a raw capture not yet processed (an
// uncompressed TIFF of many MB) goes out as a screen-sized JPEG made from a file read in sequence,
// never as a whole-image PNG; the thumbnail is the stored JPEG itself. Real SQLite, real blobs.
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeRawCapture } from '../../electron/core/capture/raw-capture';
import { uuidv7 } from '../../electron/core/ids';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation, servedFile } from '../helpers/station';

let t: TestStation;
const files = tempDir('page-resources');

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  t = await openTestStation();
}, 60_000);

afterAll(async () => {
  await t?.close();
  files.cleanup();
});

describe('page images for the renderer', () => {
  it('sends a raw A3 capture as a JPEG no larger than a screen needs, and its thumbnail as stored', async () => {
    // A3 at 300 dpi colour, uncompressed as the scan workers write it: 3508 × 4961 × 3 ≈ 52 MB.
    const tif = join(files.path, 'a3.tif');
    await sharp({ create: { width: 3508, height: 4961, channels: 3, background: '#f4f1ea' } })
      .composite([{ input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="3000" height="400"><rect width="3000" height="400" fill="#203060"/></svg>'), left: 254, top: 300 }])
      .tiff({ compression: 'none' })
      .toFile(tif);
    const { documents, blobs, background } = t.station;
    const id = uuidv7();
    documents.createDraft(id, 'test:raw', {}, '2026-11-23T10:00:00.000+07:00');
    const raw = await storeRawCapture(tif, 'color', blobs);
    const page = background.commitRaw(id, 1, raw, { dpi: 300, mode: 'color' }, 'none');
    expect(page.mediaType).toBe('image/tiff');

    const image = servedFile(t.station, files.path, `/pages/${page.id}/image`);
    expect(image.contentType).toBe('image/jpeg');
    const meta = await sharp(await bytesOf(image.open())).metadata();
    expect([meta.format, Math.max(meta.width!, meta.height!)]).toEqual(['jpeg', 2400]);
    expect(meta.width! / meta.height!).toBeCloseTo(3508 / 4961, 2); // the whole page, not a part

    const thumb = servedFile(t.station, files.path, `/pages/${page.id}/thumb`);
    expect(thumb.contentType).toBe('image/jpeg');
    expect((await sharp(await bytesOf(thumb.open())).metadata()).format).toBe('jpeg');
    await background.settled(id);
  }, 120_000);
});
