// Importing files: what is readable becomes one saved document; anything bad is a coded error
// and nothing is created.
import sharp from 'sharp';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { ImportProgress } from '../../electron/contract';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation, refused } from '../helpers/station';

const files = tempDir('import-files');
let t: TestStation;
beforeAll(async () => {
  t = await openTestStation();
  const page = (label: string) => sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#ffffff' } }).composite([{ input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="300"><text x="100" y="200" font-size="120">${label}</text></svg>`), top: 200, left: 0 }]);
  await page('300').withMetadata({ density: 150 }).jpeg().toFile(join(files.path, 'scan150.jpg'));
  await page('png').png().toFile(join(files.path, 'nodpi.png'));
  mkdirSync(join(files.path, 'folder'));
  for (const n of [10, 2, 1]) await page(`p${n}`).withMetadata({ density: 150 }).jpeg().toFile(join(files.path, 'folder', `page${n}.jpg`));
  writeFileSync(join(files.path, 'empty.jpg'), '');
  const good = readFileSync(join(files.path, 'scan150.jpg'));
  writeFileSync(join(files.path, 'truncated.jpg'), good.subarray(0, Math.floor(good.length / 3)));
});
afterAll(async () => {
  await t.close();
  files.cleanup();
});
afterEach(() => {
  // Whatever happened, no import leaves its working files behind.
  const tmp = join(t.station.paths.tmp, String(process.pid));
  expect(readdirSync(tmp).filter((n) => n !== 'blob-intents' && n !== 'draft-intents')).toEqual([]);
});

/** An ImageMagick PNG (plasma, 8-bit RGB) with one byte of its IDAT changed and the chunk's CRC
 * made right again: only the compressed data is wrong (issue 20's damaged PNG). */
function damagedPng(out: string): void {
  const src = `${out}.good.png`;
  execFileSync('convert', ['-seed', '7', '-size', '800x600', 'plasma:', '-depth', '8', '-density', '150', '-units', 'PixelsPerInch', `PNG24:${src}`]);
  const png = Buffer.from(readFileSync(src));
  const at = png.indexOf('IDAT') - 4;
  const length = png.readUInt32BE(at);
  png[at + 8 + Math.floor(length / 3)]! ^= 0x55;
  png.writeUInt32BE(crc32(png.subarray(at + 4, at + 8 + length)), at + 8 + length);
  writeFileSync(out, png);
}

/** A PNG whose header declares a 100000 × 100000 image (a decompression bomb). */
function bombPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crcInput = Buffer.concat([Buffer.from(type), data]);
    let c = ~0;
    for (const b of crcInput) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    }
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(~c >>> 0);
    return Buffer.concat([len, Buffer.from(type), data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(100_000, 0);
  ihdr.writeUInt32BE(100_000, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(100))), chunk('IEND', Buffer.alloc(0))]);
}

describe('import', () => {
  it('keeps a stated resolution and assumes the given one otherwise', async () => {
    const doc = await t.call('documents.import', { paths: [join(files.path, 'scan150.jpg'), join(files.path, 'nodpi.png')], metadata: { title: 'Bản sao' }, ocr: 'skip' });
    expect(doc.status).toBe('ready');
    expect(doc.pages.map((p) => [p.dpi, p.mode])).toEqual([
      [150, 'color'],
      [200, 'color'],
    ]);
  });

  it('imports a folder in natural name order, and a PDF page by page', async () => {
    const doc = await t.call('documents.import', { paths: [join(files.path, 'folder')], ocr: 'skip' });
    expect(doc.pageCount).toBe(3);
    const out = join(files.path, 'folder.pdf');
    await t.call('documents.export', { id: doc.id, path: out, overwrite: true });
    const again = await t.call('documents.import', { paths: [out], dpi: 150, ocr: 'skip' });
    expect(again.pageCount).toBe(3);
    expect(again.pages.every((p) => p.widthPx === 1240)).toBe(true);
  });

  it.each([
    ['a missing file', 'nothing-here.jpg', 'import-unreadable'],
    ['an empty file', 'empty.jpg', 'import-empty-file'],
    ['a truncated JPEG', 'truncated.jpg', 'import-damaged-image'],
  ])('refuses %s and creates nothing', async (_what, name, code) => {
    const before = (await t.call('documents.list', {})).length;
    const error = await refused(t.call('documents.import', { paths: [join(files.path, 'scan150.jpg'), join(files.path, name)] }));
    expect(error.code).toBe(code);
    expect(error.message.vi).toContain(name);
    expect((await t.call('documents.list', {})).length).toBe(before);
  });

  it.each([
    ['a JPEG cut short', 'truncated.jpg'],
    ['an ImageMagick PNG with one damaged byte in its IDAT', 'one-byte.png'],
  ])('leaves no file of a refused stack in the store: %s found by the pool after good pages', async (_what, bad) => {
    if (bad === 'one-byte.png') damagedPng(join(files.path, bad));
    // pages of their own (no other document holds the same bytes), the bad one last: the stack is
    // read whole (headers only), the pool's strict decode finds the damage while the good pages
    // are processed and written into the store — and the import removes them again
    const stack: string[] = [];
    for (let i = 0; i < 4; i++) {
      const file = join(files.path, `own-${bad}-${i}.png`);
      await sharp({ create: { width: 900, height: 1270, channels: 3, background: { r: 250, g: 248, b: 240 - i - (bad === 'truncated.jpg' ? 0 : 10) } } })
        .composite([{ input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="900" height="300"><text x="60" y="200" font-size="90" transform="rotate(2 450 150)">stack ${i}</text></svg>`), top: 200, left: 0 }])
        .png()
        .toFile(file);
      stack.push(file);
    }
    const blobs = () => readdirSync(t.station.paths.blobs, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
    const before = blobs();
    const progress: ImportProgress[] = [];
    const emit = (name: string, payload: unknown) => void (name === 'documents.import-progress' && progress.push(payload as ImportProgress));
    const error = await refused(t.call('documents.import', { paths: [...stack, join(files.path, bad)], ocr: 'skip' }, { emit }));
    expect(error.code).toBe('import-damaged-image');
    expect(error.message.en.split(join(files.path, bad)).length - 1).toBe(1);
    // the reading stage passed the damaged file (it is the pool's decode that refused it)
    expect(progress.filter((p) => p.stage === 'reading').map((p) => p.file)).toEqual([...stack, join(files.path, bad)]);
    expect(blobs()).toBe(before);
    expect((await t.call('documents.list', {})).some((d) => d.pageCount === 5)).toBe(false);
  });

  it('refuses an image that declares too many pixels', async () => {
    writeFileSync(join(files.path, 'bomb.png'), bombPng());
    const error = await refused(t.call('documents.import', { paths: [join(files.path, 'bomb.png')] }));
    expect(error.code).toBe('image-too-large');
  });

  it('refuses a PDF that needs a password, and decrypts one that only restricts permissions', async () => {
    const plain = join(files.path, 'plain.pdf');
    const doc = await t.call('documents.import', { paths: [join(files.path, 'scan150.jpg')], ocr: 'skip' });
    await t.call('documents.export', { id: doc.id, path: plain, overwrite: true });
    const locked = join(files.path, 'locked.pdf');
    execFileSync('qpdf', ['--encrypt', 'user-pw', 'owner-pw', '256', '--', plain, locked]);
    const error = await refused(t.call('documents.import', { paths: [locked] }));
    expect(error.code).toBe('import-encrypted');
    expect(error.message.vi).toMatch(/được đặt mật khẩu/);
    const restricted = join(files.path, 'restricted.pdf');
    execFileSync('qpdf', ['--encrypt', '', 'owner-pw', '256', '--print=none', '--', plain, restricted]);
    const opened = await t.call('documents.import', { paths: [restricted], ocr: 'skip' });
    expect(opened.pageCount).toBe(1);
  });

  it('refuses a folder with nothing to import', async () => {
    mkdirSync(join(files.path, 'void'), { recursive: true });
    expect(await refused(t.call('documents.import', { paths: [join(files.path, 'void')] }))).toMatchObject({ code: 'invalid-input', details: { field: 'paths' } });
  });
});
