// The PDF engine: every reading of an outside PDF the station does — check, repair, decrypt,
// rebuild, page count, page boxes, the images a page draws and their coded bytes, the words with
// their positions, a page rendered — behind one interface, so that how it is done can change
// without the import changing. The default is the portable engine (portable.ts: qpdf and PDFium
// in WebAssembly, pdf-lib), which runs inside the app on every platform — a counter's Windows PC
// has no poppler and no qpdf. The system tools (native.ts) remain as an optional path, taken only
// when SOHOA_PDF_ENGINE=native says so (a Linux station that has them; a comparison in the bench).
import { nativeEngine } from './native';
import { portableEngine } from './portable';

export type Encryption = 'none' | 'permissions' | 'password';

export interface RebuildResult {
  /** The copy was written (repaired if it had to be). */
  readonly ok: boolean;
  /** What the engine said (its last line explains a failure). */
  readonly complaint: string;
}

export interface PageBoxPt {
  /** The page as shown: its crop box, clipped to its media box (as pdfinfo reports a page's size). */
  readonly width: number;
  readonly height: number;
  /** The media box, which a renderer draws (and may be far larger than the crop box). */
  readonly mediaWidth: number;
  readonly mediaHeight: number;
}

/** An image a page draws, in the terms pdfimages -list uses. */
export interface ListedImage {
  readonly page: number;
  readonly width: number;
  readonly height: number;
  /** gray, rgb, icc, cmyk, index, …; '-' when unknown. */
  readonly color: string;
  readonly components: number;
  /** jpeg, ccitt, jpx, jbig2, or image (anything else). */
  readonly enc: string;
  readonly bpc: number;
  /** The image's object number (0 for an inline image). */
  readonly object: number;
  readonly xppi: number;
  readonly yppi: number;
}

/** A CCITT fax image's coded bytes and how they are coded. */
export interface CcittImage {
  readonly data: Buffer;
  /** < 0: Group 4; 0: Group 3 one-dimensional; > 0: Group 3 two-dimensional. */
  readonly k: number;
  readonly blackIs1: boolean;
  /** Rows start on a byte (EncodedByteAlign). */
  readonly byteAlign: boolean;
  readonly columns: number;
  /** An inverting /Decode: the image shows as its negative. */
  readonly inverted: boolean;
  readonly imageMask: boolean;
}

/** A word on a page, in points from the top-left corner of the page as rendered (its rotation
 * applied). */
export interface PageWord {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** Words of one line share its number (1-based, in reading order). */
  readonly line: number;
}

export type RenderResult = { readonly file: string } | { readonly complaint: string };

/** Every operation names `original`, the file the person chose, in its errors (tool-timeout,
 * tool-memory-limit, …); `file` is the copy it works on. Pages are 1-based. */
export interface PdfEngine {
  readonly name: 'portable' | 'native';
  encryption(file: string, original: string): Promise<Encryption>;
  /** Writes `file` without its encryption to `out`; false when that cannot be done. */
  decrypt(file: string, out: string, original: string): Promise<boolean>;
  /** Writes to `out` a copy with the pages really there in a new tree, no object streams, the
   * cross-reference table rebuilt where it is damaged or missing. */
  rebuild(file: string, out: string, original: string): Promise<RebuildResult>;
  pageCount(file: string, original: string): Promise<number>;
  /** Where each object not in an object stream starts (a rebuilt copy has all of them so). */
  objectOffsets(file: string, original: string): Promise<number[]>;
  /** Each page's boxes, in points (unrotated); fewer than `count` when they cannot be read. */
  pageBoxes(file: string, count: number, original: string): Promise<PageBoxPt[]>;
  images(file: string, original: string): Promise<ListedImage[]>;
  /** Writes image `object` of `page` to `out` as the JPEG it holds; false when it holds none. */
  jpeg(file: string, page: number, object: number, out: string, original: string): Promise<boolean>;
  ccitt(file: string, page: number, object: number, workDir: string, original: string): Promise<CcittImage | null>;
  words(file: string, page: number, original: string): Promise<PageWord[]>;
  /** Renders `page` at `dpi` (its media box, annotations drawn) to a file named `outBase` plus
   * the engine's extension, in colour or 8-bit grey. */
  render(file: string, page: number, dpi: number, grey: boolean, outBase: string, original: string): Promise<RenderResult>;
}

/** The engine the station uses: portable unless SOHOA_PDF_ENGINE=native asks for the system
 * tools (read at each call, so that a test or the bench can compare both in one process). */
export function pdfEngine(env: NodeJS.ProcessEnv = process.env): PdfEngine {
  return env.SOHOA_PDF_ENGINE === 'native' ? nativeEngine : portableEngine;
}
