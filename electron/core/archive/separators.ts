// Is this scanned sheet a separator? Looked at on a reduced greyscale copy that sharp makes in
// bounded memory (about 100 dpi: an A4 page is under a megabyte, an A0 one about 15 MB), never
// on the page itself in JavaScript.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { analysePage } from '../imaging/analysis';
import { openImage } from '../imaging/page-encoder';
import type { SeparatorKind } from '../../contract';
import { type GreyImage, findPatchCode } from './patch-code';

const ANALYSIS_DPI = 100;
/** Barcodes need finer detail than bars 2 mm wide. */
const BARCODE_DPI = 150;
/** The imaging pipeline's blank-page test, at its middle sensitivity: dust, punch holes and
 * bleed-through from the back are not ink (imaging/analysis/blank.ts). */
const BLANK_SENSITIVITY = 0.5;

export interface SeparatorRule {
  readonly kind: SeparatorKind;
  /** For barcode separators: the text the barcode starts with. */
  readonly barcodePrefix: string | null;
}

export interface SheetVerdict {
  readonly separator: boolean;
  /** What was found: the patch code, the barcode's text, or the ink fraction. */
  readonly found: string | null;
}

export interface BlankMeasure {
  readonly blank: boolean;
  readonly inkFraction: number;
}

/** Whether a sheet is blank, by the imaging pipeline's test (QC shows blank pages to the checker). */
export async function measureBlank(file: string, dpi: number): Promise<BlankMeasure> {
  const page = await analysePage(file, { dpi, orientation: false, deskew: false, findPaper: false, trimBorders: true, blankSensitivity: BLANK_SENSITIVITY, splitSpread: false });
  return { blank: page.blank, inkFraction: page.inkFraction };
}

async function reduced(file: string, dpi: number, targetDpi: number): Promise<GreyImage> {
  const meta = await openImage({ file }).metadata();
  const width = meta.width ?? 1;
  const scale = Math.min(1, targetDpi / dpi);
  const { data, info } = await openImage({ file })
    .greyscale()
    .resize({ width: Math.max(1, Math.round(width * scale)) })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, dpi: (dpi * info.width) / width };
}

export async function classifySheet(file: string, dpi: number, rule: SeparatorRule): Promise<SheetVerdict> {
  if (rule.kind === 'barcode') {
    const text = await barcodeText(file, dpi, rule.barcodePrefix ?? '');
    return { separator: text !== null, found: text };
  }
  if (rule.kind === 'patch-t') {
    const code = findPatchCode(await reduced(file, dpi, ANALYSIS_DPI));
    return { separator: code === 'T', found: code };
  }
  const page = await measureBlank(file, dpi);
  return { separator: page.blank, found: page.inkFraction.toFixed(4) };
}

type ReadBarcodes = (input: Uint8Array, opts: { tryHarder: boolean; maxNumberOfSymbols: number }) => Promise<{ text: string; isValid: boolean }[]>;
let reader: Promise<ReadBarcodes> | null = null;

/** zxing-wasm, its WebAssembly read from node_modules (by default it would fetch it from a CDN). */
function barcodeReader(): Promise<ReadBarcodes> {
  reader ??= (async () => {
    const zxing = await import('zxing-wasm/reader');
    const require_ = createRequire(import.meta.url);
    const wasm = readFileSync(require_.resolve('zxing-wasm/reader/zxing_reader.wasm'));
    await zxing.prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) }, fireImmediately: true });
    return (input, opts) => zxing.readBarcodes(input, opts);
  })();
  return reader;
}

/** The text of a barcode on the page that starts with the prefix, or null. */
async function barcodeText(file: string, dpi: number, prefix: string): Promise<string | null> {
  const scale = Math.min(1, BARCODE_DPI / dpi);
  const meta = await openImage({ file }).metadata();
  const png = await openImage({ file })
    .greyscale()
    .resize({ width: Math.max(1, Math.round((meta.width ?? 1) * scale)) })
    .png({ compressionLevel: 1 })
    .toBuffer();
  const read = await barcodeReader();
  const found = await read(new Uint8Array(png), { tryHarder: true, maxNumberOfSymbols: 4 });
  return found.find((b) => b.isValid && b.text.startsWith(prefix))?.text ?? null;
}
