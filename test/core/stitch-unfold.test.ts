// stitch.unfold through the dispatcher (issue 18): a draft holding the two sides of a folded A3
// as a duplex feeder and the imaging pipeline leave them (cut to the paper; the back upside down,
// the "calendar" convention) becomes one page at the A3's true size; a draft of another shape is
// refused with what to do, and nothing changes.
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../electron/core/ids';
import { encodePage } from '../../electron/core/imaging/page-encoder';
import { vietnamIso } from '../../electron/core/time';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation, refused } from '../helpers/station';

const DPI = 150;
const px = (mm: number) => Math.round((mm * DPI) / 25.4);
const [W, H] = [px(420), px(297)];

let t: TestStation;
let tmp: ReturnType<typeof tempDir>;

/** A draft whose pages are these image files, as a scan would have stored them. */
async function draftOf(files: readonly string[]): Promise<string> {
  const id = uuidv7();
  const { documents, blobs } = t.station;
  documents.createDraft(id, 'scan:test', {}, vietnamIso());
  for (const [i, file] of files.entries()) {
    const e = await encodePage({ file }, 'color', DPI, blobs);
    documents.addPage({ id: uuidv7(), documentId: id, seq: i + 1, image: e.image, thumb: e.thumb, widthPx: e.widthPx, heightPx: e.heightPx, dpi: DPI, mode: 'color', createdAt: vietnamIso() });
  }
  return id;
}

beforeAll(async () => {
  t = await openTestStation();
  tmp = tempDir('unfold');
}, 120_000);
afterAll(async () => {
  await t?.close();
  tmp?.cleanup();
});

describe('stitch.unfold', () => {
  it('makes the front and the upside-down back of a folded A3 one A3 page', async () => {
    const lines = Array.from({ length: 12 }, (_, i) => `<text x="90" y="${160 + i * 120}" font-family="Liberation Sans" font-size="44">Bản đồ địa chính tờ số ${i + 18} — ranh giới thửa đất chạy qua nếp gấp giữa tờ giấy ${i}</text>`).join('');
    const page = await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="#fff"/>${lines}</svg>`)).png().toBuffer();
    const front = join(tmp.path, 'front.png');
    const back = join(tmp.path, 'back.png');
    await sharp(page).extract({ left: 0, top: 0, width: W / 2, height: H }).png().toFile(front);
    await sharp(await sharp(page).extract({ left: W / 2, top: 0, width: W / 2, height: H }).png().toBuffer()).rotate(180).png().toFile(back);
    const id = await draftOf([front, back]);

    const doc = await t.call('stitch.unfold', { id });
    expect(doc.pages).toHaveLength(1);
    const [only] = doc.pages;
    expect(Math.abs(only!.widthPx - (420 * DPI) / 25.4) / ((420 * DPI) / 25.4)).toBeLessThanOrEqual(0.002);
    expect(Math.abs(only!.heightPx - (297 * DPI) / 25.4) / ((297 * DPI) / 25.4)).toBeLessThanOrEqual(0.002);
    // The page stored equals the sheet (its encoding is lossy: a few grey levels on average).
    const stored = await t.station.blobs.materialise(only!.sha256);
    try {
      const [a, b] = [await sharp(stored.path).resize(W, H).greyscale().raw().toBuffer(), await sharp(page).greyscale().raw().toBuffer()];
      let sum = 0;
      for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
      expect(sum / a.length).toBeLessThan(4);
    } finally {
      await stored.done();
    }
  });

  it('refuses a draft that is not two sides, leaving it as it was', async () => {
    const one = join(tmp.path, 'one.png');
    await sharp({ create: { width: W / 2, height: H, channels: 3, background: '#ffffff' } }).png().toFile(one);
    const id = await draftOf([one, one, one]);
    const e = await refused(t.call('stitch.unfold', { id }));
    expect(e.code).toBe('folded-pages');
    expect(e.message.vi).toBe('Tờ gấp đôi cần đúng hai trang, mặt trước và mặt sau, nhưng bản nháp có 3 trang. Xóa các trang thừa, hoặc quét lại tờ gấp qua khay nạp hai mặt.');
    expect((await t.call('documents.get', { id })).pages).toHaveLength(3);
  });
});
