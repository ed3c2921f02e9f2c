// The receipt's code: read from a scanned page (QR code or a linear barcode) and drawn as a QR
// code for the station's own receipt. ZXing-C++ compiled to WebAssembly (zxing-wasm): it runs in
// Node with the .wasm file shipped in the package, no native build and no download.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { type ReadInputBarcodeFormat, prepareZXingModule, readBarcodes, writeBarcode } from 'zxing-wasm/full';

/** The symbologies receipts carry: QR codes, and Code 128/39 or Data Matrix on older printers. */
const RECEIPT_FORMATS: ReadInputBarcodeFormat[] = ['QRCode', 'MicroQRCode', 'Code128', 'Code39', 'DataMatrix'];

let prepared = false;
/** Points zxing-wasm at the package's own .wasm (once); the tests' receipt drawer uses it too. */
export function prepareZxing(): void {
  if (prepared) return;
  // The binary from the package itself: zxing-wasm would otherwise fetch it from a CDN.
  const wasm = createRequire(import.meta.url).resolve('zxing-wasm/full/zxing_full.wasm');
  prepareZXingModule({ overrides: { wasmBinary: readFileSync(wasm).buffer as ArrayBuffer }, fireImmediately: false });
  prepared = true;
}

export interface FoundCode {
  readonly text: string;
  readonly format: string;
}

/** Every code found on an image file (any format sharp reads), in ZXing's order. A page is
 * searched at its own resolution, then at half of it: a large, blurred symbol reads better smaller. */
export async function readCodes(imagePath: string): Promise<FoundCode[]> {
  prepareZxing();
  const meta = await sharp(imagePath).metadata();
  const width = meta.width ?? 0;
  for (const scale of [1, 0.5]) {
    const { data, info } = await sharp(imagePath)
      .resize(Math.max(1, Math.round(width * scale)))
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const image = { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height, colorSpace: 'srgb' as const };
    const results = await readBarcodes(image, { formats: RECEIPT_FORMATS, tryHarder: true, maxNumberOfSymbols: 8 });
    const found = results.filter((r) => r.isValid && r.text.trim()).map((r) => ({ text: r.text.trim(), format: r.format }));
    if (found.length > 0) return found;
  }
  return [];
}

/** A QR code of the text: one string of 0/1 per row (1: a dark module), without the quiet zone. */
export async function qrModules(text: string): Promise<string[]> {
  prepareZxing();
  const out = await writeBarcode(text, { format: 'QRCode', ecLevel: 'M', scale: 1 });
  if (out.error || !out.symbol) throw new Error(`cannot draw a QR code: ${out.error}`);
  const { width, height, data } = out.symbol;
  const rows: string[] = [];
  // The symbol is one byte per module: 0 is dark.
  for (let y = 0; y < height; y++) {
    let row = '';
    for (let x = 0; x < width; x++) row += data[y * width + x] === 0 ? '1' : '0';
    rows.push(row);
  }
  return rows;
}
