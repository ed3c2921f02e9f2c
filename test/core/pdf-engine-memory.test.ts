// Issue 22 ("memory within the job budget"): the portable PDF engine does not hold a large PDF in
// its memory. PDFium reads the file through a callback, which needs a free slot in its function
// table (wasm-callback.ts); pdf-lib keeps no large stream's bytes and reads them back from the
// file, byte for byte, when an image is taken. (The bench, test/bench/pdf-engine.ts, prints the
// peak memory of a 230 MB scan's import beside the native tools'.)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { codedBytes, pageImages } from '../../electron/core/pdf-engine/pdf-objects';
import { drawnImages, pageWords, renderBands } from '../../electron/core/pdf-engine/pdfium-wasm';
import { addI32x4Function, withTableRoom } from '../../electron/core/pdf-engine/wasm-callback';
import { tempDir } from '../helpers/paths';

/** A module whose one table holds 1 function and may hold no more, exported as "t". */
const FIXED_TABLE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x04, 0x05, 0x01, 0x70, 0x01, 0x01, 0x01, // table: funcref, min 1, max 1
  0x07, 0x05, 0x01, 0x01, 0x74, 0x01, 0x00, // export "t": table 0
]);

type Table = { grow(n: number): number; set(i: number, f: unknown): void; get(i: number): (...a: number[]) => number; length: number };
// (The station's TypeScript has no DOM library, where WebAssembly's types live.)
const wasm = (globalThis as unknown as { WebAssembly: { Module: new (b: Uint8Array) => object; Instance: new (m: object) => { exports: { t: Table } } } }).WebAssembly;
const tableOf = (bytes: Uint8Array) => new wasm.Instance(new wasm.Module(bytes)).exports.t;

describe('a JavaScript callback as a C function pointer', () => {
  it('gives a fixed table room for one more function, and puts a callable function there', () => {
    expect(() => tableOf(FIXED_TABLE).grow(1)).toThrow();
    const table = tableOf(withTableRoom(FIXED_TABLE, 1));
    const index = addI32x4Function(table, (a, b, c, d) => a * 1000 + b * 100 + c * 10 + d);
    expect(index).toBe(1);
    expect(table.get(index)(1, 2, 3, 4)).toBe(1234);
    // Unsigned arguments arrive signed: the engine reads them with >>> 0.
    expect(table.get(index)(-1, 0, 0, 0) >>> 0).toBe(2 ** 32 - 1000);
  });
});

describe('a scan read by the portable engine', () => {
  const tmp = tempDir('engine-memory');
  afterAll(() => tmp.cleanup());
  const pages = [0, 1, 2].map((i) => {
    const jpg = join(tmp.path, `p${i}.jpg`);
    // Noise: each page's JPEG is far over the 64 KB a stream keeps in memory.
    execFileSync('convert', ['-size', '700x990', 'plasma:', '-seed', String(i + 1), '-attenuate', '2', '+noise', 'Gaussian', '-density', '85', '-units', 'PixelsPerInch', '-quality', '90', jpg]);
    return readFileSync(jpg);
  });
  const pdf = join(tmp.path, 'scan.pdf');
  execFileSync('img2pdf', [...pages.map((_, i) => join(tmp.path, `p${i}.jpg`)), '-o', pdf]);

  it('hands out each page’s JPEG byte for byte, read back from the file', async () => {
    for (const [i, jpeg] of pages.entries()) {
      expect(jpeg.length).toBeGreaterThan(64 << 10);
      const [image] = await pageImages(pdf, i + 1);
      const bytes = await codedBytes(pdf, image!.object, 'DCTDecode');
      expect(Buffer.from(bytes!).equals(jpeg)).toBe(true);
    }
  });

  it('lets PDFium read the pages through its callback, again after reopening the file', async () => {
    const limit = 2 ** 30;
    expect((await drawnImages(pdf, limit)).map((d) => [d.page, d.width, d.height])).toEqual([1, 2, 3].map((p) => [p, 700, 990]));
    // More calls than one opening serves (48): the later ones read a reopened document.
    let rows = 0;
    for (let call = 0; call < 60; call++) {
      const page = (call % 3) + 1;
      if (call % 2) expect(await pageWords(pdf, page, limit)).toEqual([]);
      else await renderBands(pdf, page, 24, true, 1 << 20, limit, (band) => void (rows += band.length));
    }
    expect(rows).toBeGreaterThan(0);
    const size = Math.ceil((700 / 85) * 24 - 1e-3) * Math.ceil((990 / 85) * 24 - 1e-3);
    expect(rows).toBe(30 * size);
  });
});
