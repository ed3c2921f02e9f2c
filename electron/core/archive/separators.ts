// Is this scanned sheet a separator? Looked at on a reduced greyscale copy that sharp makes in
// bounded memory (about 100 dpi: an A4 page is under a megabyte, an A0 one about 15 MB), never
// on the page itself in JavaScript.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { analysePage } from '../imaging/analysis';
import type { RawImage } from '../imaging/analysis/raster';
import { imageError, openImage } from '../imaging/page-encoder';
import { StationError } from '../errors';
import type { SeparatorKind } from '../../contract';
import { type GreyImage, findPatchCode } from './patch-code';

const ANALYSIS_DPI = 100;
/** Barcodes need finer detail than bars 2 mm wide. */
const BARCODE_DPI = 150;
/** The imaging pipeline's blank-page test, at its middle sensitivity: dust, punch holes and
 * bleed-through from the back are not ink (imaging/analysis/blank.ts). */
const BLANK_SENSITIVITY = 0.5;

/** The imaging pipeline's blank test within the trimmed borders, measures only (no crop box). */
const MEASURE = (dpi: number) => ({ dpi, orientation: false, deskew: false, findPaper: false, trimBorders: true, blankSensitivity: BLANK_SENSITIVITY, splitSpread: false, measureOnly: true });

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
  const page = await analysePage(file, MEASURE(dpi));
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

/** What the analysis reads (imaging/analysis/raster.ts): about 100 dpi, fewer for a large page. */
const WORKING_PIXELS = 2_400_000;

/** The page reduced ONCE, as the analysis would reduce it itself (the same size, kernel and
 * colour), for both the blank test and the patch search: reading an A4 300 dpi sheet twice cost
 * ≈ 100 ms of CPU a sheet. */
async function workingCopy(file: string, dpi: number): Promise<{ raw: RawImage; dpi: number }> {
  try {
    const opened = openImage({ file });
    const meta = await opened.metadata();
    const width = meta.width ?? 0;
    const height = meta.height ?? 0;
    if (width <= 0 || height <= 0) throw new Error('image has no size');
    const scale = Math.min(1, ANALYSIS_DPI / Math.max(1, dpi), Math.sqrt(WORKING_PIXELS / (width * height)));
    const { data, info } = await opened
      .resize({ width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)), fit: 'fill', kernel: 'linear' })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    return { raw: { data, width: info.width, height: info.height, channels: info.channels === 1 ? 1 : 3 }, dpi: (dpi * info.width) / width };
  } catch (e) {
    throw e instanceof StationError ? e : imageError(e, file);
  }
}

function greyOf(raw: RawImage, dpi: number): GreyImage {
  const n = raw.width * raw.height;
  if (raw.channels === 1) return { data: raw.data, width: raw.width, height: raw.height, dpi };
  const grey = new Uint8Array(n);
  for (let i = 0, p = 0; i < n; i++, p += 3) grey[i] = (raw.data[p]! * 77 + raw.data[p + 1]! * 150 + raw.data[p + 2]! * 29) >> 8;
  return { data: grey, width: raw.width, height: raw.height, dpi };
}

/** A sheet of an archive stack looked at once: is it a separator, and how blank is it (QC shows
 * blank pages to the checker). */
export async function examineSheet(file: string, dpi: number, rule: SeparatorRule): Promise<{ verdict: SheetVerdict; measured: BlankMeasure }> {
  if (rule.kind === 'barcode') {
    const [text, measured] = await Promise.all([barcodeText(file, dpi, rule.barcodePrefix ?? ''), measureBlank(file, dpi)]);
    return { verdict: { separator: text !== null, found: text }, measured };
  }
  const copy = await workingCopy(file, dpi);
  const page = await analysePage(copy.raw, MEASURE(copy.dpi));
  const measured = { blank: page.blank, inkFraction: page.inkFraction };
  if (rule.kind === 'blank') return { verdict: { separator: page.blank, found: page.inkFraction.toFixed(4) }, measured };
  // A large sheet's working copy is coarser than the patch's bars need: read it again for them.
  const grey = copy.dpi >= ANALYSIS_DPI * 0.95 ? greyOf(copy.raw, copy.dpi) : await reduced(file, dpi, ANALYSIS_DPI);
  const code = findPatchCode(grey);
  return { verdict: { separator: code === 'T', found: code }, measured };
}

export async function classifySheet(file: string, dpi: number, rule: SeparatorRule): Promise<SheetVerdict> {
  if (rule.kind === 'barcode') {
    const text = await barcodeText(file, dpi, rule.barcodePrefix ?? '');
    return { separator: text !== null, found: text };
  }
  return (await examineSheet(file, dpi, rule)).verdict;
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
