// PDFium compiled to WebAssembly (@hyzyla/pdfium, MIT; PDFium BSD-3-Clause), called through its
// C API inside the engine's worker thread: which images a page draws and at what resolution, the
// page's words with their boxes, and the page rendered. One instance serves the worker; its
// memory maximum is the engine's memory limit (wasm-memory.ts), and an instance that aborted is
// dropped for a new one. PDFium reads the file from disk as it needs it (a callback reading byte
// ranges, wasm-callback.ts): a 229 MB scan is never copied whole into its memory, which would keep
// it that large for the thread's life (WebAssembly memory never shrinks).
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import type { PageWord } from './engine';
import { addI32x4Function, withTableRoom } from './wasm-callback';
import { wasmFile } from './wasm-file';
import { withMemoryMaximum } from './wasm-memory';

/** The slice of PDFium's C API the engine calls (pointers and handles are numbers). */
interface Pdfium {
  HEAPU8: Uint8Array;
  wasmExports: { malloc(n: number): number; free(p: number): void; __indirect_function_table: { grow(n: number): number; set(i: number, f: unknown): void } };
  _FPDF_InitLibrary(): void;
  _FPDF_LoadCustomDocument(access: number, password: number): number;
  _FPDF_CloseDocument(doc: number): void;
  _FPDF_GetLastError(): number;
  _FPDF_GetPageCount(doc: number): number;
  _FPDF_LoadPage(doc: number, index: number): number;
  _FPDF_ClosePage(page: number): void;
  _FPDF_GetPageWidthF(page: number): number;
  _FPDF_GetPageHeightF(page: number): number;
  _FPDFPage_GetMediaBox(page: number, l: number, b: number, r: number, t: number): number;
  _FPDFPage_SetCropBox(page: number, l: number, b: number, r: number, t: number): void;
  _FPDFPage_CountObjects(page: number): number;
  _FPDFPage_GetObject(page: number, i: number): number;
  _FPDFPageObj_GetType(obj: number): number;
  _FPDFFormObj_CountObjects(obj: number): number;
  _FPDFFormObj_GetObject(obj: number, i: number): number;
  _FPDFImageObj_GetImageMetadata(obj: number, page: number, meta: number): number;
  _FPDFText_LoadPage(page: number): number;
  _FPDFText_ClosePage(text: number): void;
  _FPDFText_CountChars(text: number): number;
  _FPDFText_GetUnicode(text: number, i: number): number;
  _FPDFText_GetLooseCharBox(text: number, i: number, rect: number): number;
  _FPDF_PageToDevice(page: number, x: number, y: number, w: number, h: number, rotate: number, px: number, py: number, dx: number, dy: number): number;
  _FPDFBitmap_Create(w: number, h: number, alpha: number): number;
  _FPDFBitmap_FillRect(bmp: number, l: number, t: number, w: number, h: number, color: number): void;
  _FPDFBitmap_GetBuffer(bmp: number): number;
  _FPDFBitmap_GetStride(bmp: number): number;
  _FPDFBitmap_Destroy(bmp: number): void;
  _FPDF_RenderPageBitmap(bmp: number, page: number, x: number, y: number, w: number, h: number, rotate: number, flags: number): void;
}

/** The instance, and the C function pointer of its one reading callback (`readBlock`). */
let instance: { limit: number; m: Pdfium; getBlock: number } | null = null;

export class PdfiumOutOfMemory extends Error {}

async function pdfium(limitBytes: number): Promise<Pdfium> {
  if (instance?.limit === limitBytes) return instance.m;
  closeDocument();
  const { PDFiumModule } = (await import('@hyzyla/pdfium')) as unknown as { PDFiumModule: (o: object) => Promise<Pdfium> };
  const wasm = withTableRoom(withMemoryMaximum(new Uint8Array(readFileSync(wasmFile('@hyzyla/pdfium/pdfium.wasm'))), limitBytes), 1);
  // Its complaints (a refused growth past the limit, mostly) are answered by the call's error.
  const m = await PDFiumModule({ wasmBinary: wasm.buffer, locateFile: () => '', print: () => {}, printErr: () => {} });
  m._FPDF_InitLibrary();
  const getBlock = addI32x4Function(m.wasmExports.__indirect_function_table, (_param, position, buf, size) => readBlock(m, position >>> 0, buf >>> 0, size >>> 0));
  instance = { limit: limitBytes, m, getBlock };
  return m;
}

/** After an abort the instance's state is unknown: the next call starts a new one. */
export function dropPdfium(): void {
  instance = null;
  open = null;
}

/** The document last opened (its file and size), kept for the next per-page call on it, with its
 * FPDF_FILEACCESS. */
let open: { key: string; file: string; doc: number; access: number; size: number; calls: number } | null = null;

/** The document is closed and opened again after this many calls on it: what PDFium keeps of the
 * pages it has read (their objects, the images' data) is let go, and the memory reused for the next
 * pages, instead of growing by about twice the file over a long scan. Opening it again reads only
 * its cross-reference table. */
const CALLS_PER_OPENING = 48;

/** m_GetBlock: `size` bytes at `position` of the open file into PDFium's memory at `buf`; 0 (a
 * failed read, which PDFium reports as a damaged file) when they are not all there. The file is
 * opened for each read (a dozen a page): a thread terminated past its deadline leaves no
 * descriptor open, which on Windows would keep the import from removing its copy. */
function readBlock(m: Pdfium, position: number, buf: number, size: number): number {
  if (!open || position + size > open.size) return 0;
  const fd = openSync(open.file, 'r');
  try {
    let done = 0;
    while (done < size) {
      const n = readSync(fd, m.HEAPU8, buf + done, size - done, position + done);
      if (n <= 0) return 0;
      done += n;
    }
    return 1;
  } finally {
    closeSync(fd);
  }
}

function closeDocument(): void {
  if (open && instance) {
    instance.m._FPDF_CloseDocument(open.doc);
    instance.m.wasmExports.free(open.access);
  }
  open = null;
}

const PDFIUM_ERRORS: Record<number, string> = { 2: 'file not found or could not be opened', 3: 'not a PDF or damaged', 4: 'needs a password', 5: 'unsupported security', 6: 'page not found or content error' };

async function document(file: string, limitBytes: number): Promise<{ m: Pdfium; doc: number }> {
  const m = await pdfium(limitBytes);
  // The same file as the last call's (a page after another) is not read again.
  const { size, mtimeMs } = statSync(file);
  const key = `${file}\0${size}\0${mtimeMs}`;
  if (open?.key === key && open.calls++ < CALLS_PER_OPENING) return { m, doc: open.doc };
  closeDocument();
  // FPDF_FILEACCESS's length is a 32-bit unsigned long in this build.
  if (size >= 2 ** 32) throw new Error(`PDFium cannot open a file of ${size} bytes`);
  const access = m.wasmExports.malloc(12);
  if (!access) throw new PdfiumOutOfMemory('no memory left');
  // { unsigned long m_FileLen; m_GetBlock; void* m_Param }, little-endian 32-bit.
  const view = new DataView(m.HEAPU8.buffer);
  view.setUint32(access, size, true);
  view.setUint32(access + 4, instance!.getBlock, true);
  view.setUint32(access + 8, 0, true);
  open = { key, file, doc: 0, access, size, calls: 0 };
  const doc = m._FPDF_LoadCustomDocument(access, 0);
  if (!doc) {
    const why = PDFIUM_ERRORS[m._FPDF_GetLastError()] ?? 'unknown error';
    m.wasmExports.free(access);
    open = null;
    throw new Error(`PDFium cannot open it: ${why}`);
  }
  open.doc = doc;
  return { m, doc };
}

/** A scratch allocation, freed after `use`. */
function scratch<T>(m: Pdfium, bytes: number, use: (p: number) => T): T {
  const p = m.wasmExports.malloc(bytes);
  if (!p) throw new PdfiumOutOfMemory('no memory left');
  try {
    return use(p);
  } finally {
    m.wasmExports.free(p);
  }
}
const f32 = (m: Pdfium, p: number, i: number) => new DataView(m.HEAPU8.buffer).getFloat32(p + 4 * i, true);
const i32 = (m: Pdfium, p: number, i: number) => new DataView(m.HEAPU8.buffer).getInt32(p + 4 * i, true);

/** Page `n` (1-based), shown as its media box (as pdftoppm and pdftotext do by default: a crop
 * box hides nothing from the station, and the pixel budget counts the media box). */
function loadPage(m: Pdfium, doc: number, n: number): number {
  let page = m._FPDF_LoadPage(doc, n - 1);
  if (!page) throw new Error(`page ${n} cannot be read`);
  const box = scratch(m, 16, (p) => (m._FPDFPage_GetMediaBox(page, p, p + 4, p + 8, p + 12) ? [0, 1, 2, 3].map((i) => f32(m, p, i)) : null));
  if (box) {
    m._FPDFPage_SetCropBox(page, box[0]!, box[1]!, box[2]!, box[3]!);
    m._FPDF_ClosePage(page);
    page = m._FPDF_LoadPage(doc, n - 1);
  }
  return page;
}

export async function pageCount(file: string, limitBytes: number): Promise<number> {
  const { m, doc } = await document(file, limitBytes);
  return m._FPDF_GetPageCount(doc);
}

export interface DrawnImage {
  readonly page: number;
  readonly width: number;
  readonly height: number;
  readonly xppi: number;
  readonly yppi: number;
}

/** The images each page draws (inside its forms too), with the resolution they are drawn at. */
export async function drawnImages(file: string, limitBytes: number): Promise<DrawnImage[]> {
  const { m, doc } = await document(file, limitBytes);
  const out: DrawnImage[] = [];
  const count = m._FPDF_GetPageCount(doc);
  for (let n = 1; n <= count; n++) {
    const page = m._FPDF_LoadPage(doc, n - 1);
    if (!page) continue;
    try {
      const visit = (obj: number, depth: number) => {
        const type = m._FPDFPageObj_GetType(obj);
        if (type === 3)
          scratch(m, 28, (p) => {
            if (m._FPDFImageObj_GetImageMetadata(obj, page, p)) out.push({ page: n, width: i32(m, p, 0), height: i32(m, p, 1), xppi: f32(m, p, 2), yppi: f32(m, p, 3) });
          });
        else if (type === 5 && depth < 8) for (let i = 0; i < m._FPDFFormObj_CountObjects(obj); i++) visit(m._FPDFFormObj_GetObject(obj, i), depth + 1);
      };
      for (let i = 0; i < m._FPDFPage_CountObjects(page); i++) visit(m._FPDFPage_GetObject(page, i), 0);
    } finally {
      m._FPDF_ClosePage(page);
    }
  }
  return out;
}


/** Device units per point when mapping boxes (PDFium answers in whole device units). */
const FINE = 20;

/** The page's words: PDFium's characters in reading order, cut at spaces and line ends. */
export async function pageWords(file: string, n: number, limitBytes: number): Promise<PageWord[]> {
  const { m, doc } = await document(file, limitBytes);
  const page = loadPage(m, doc, n);
  const text = m._FPDFText_LoadPage(page);
  const words: PageWord[] = [];
  try {
    const [W, H] = [Math.round(m._FPDF_GetPageWidthF(page) * FINE), Math.round(m._FPDF_GetPageHeightF(page) * FINE)];
    scratch(m, 24, (p) => {
      const toDevice = (x: number, y: number): [number, number] => {
        m._FPDF_PageToDevice(page, 0, 0, W, H, 0, x, y, p + 16, p + 20);
        return [i32(m, p, 4) / FINE, i32(m, p, 5) / FINE];
      };
      let line = 1;
      let chars = '';
      let box: [number, number, number, number] | null = null;
      const end = () => {
        if (chars.trim() && box) words.push({ text: chars.normalize('NFC'), x: box[0], y: box[1], w: box[2] - box[0], h: box[3] - box[1], line });
        chars = '';
        box = null;
      };
      const count = m._FPDFText_CountChars(text);
      for (let i = 0; i < count; i++) {
        const u = m._FPDFText_GetUnicode(text, i);
        if (u === 0x0a || u === 0x0d) {
          end();
          if (u === 0x0a || m._FPDFText_GetUnicode(text, i + 1) !== 0x0a) line++;
          continue;
        }
        if (u === 0x20 || u === 0x09 || u === 0xa0 || u === 0 || u === 0xfffe) {
          end();
          continue;
        }
        chars += String.fromCodePoint(u);
        if (!m._FPDFText_GetLooseCharBox(text, i, p)) continue;
        // FS_RECTF: left, top, right, bottom in page space; mapped corner by corner.
        const [l, t, r, b] = [f32(m, p, 0), f32(m, p, 1), f32(m, p, 2), f32(m, p, 3)];
        const pts = [toDevice(l, t), toDevice(r, b)];
        const x0 = Math.min(pts[0]![0], pts[1]![0]);
        const x1 = Math.max(pts[0]![0], pts[1]![0]);
        const y0 = Math.min(pts[0]![1], pts[1]![1]);
        const y1 = Math.max(pts[0]![1], pts[1]![1]);
        box = box ? [Math.min(box[0], x0), Math.min(box[1], y0), Math.max(box[2], x1), Math.max(box[3], y1)] : [x0, y0, x1, y1];
      }
      end();
    });
  } finally {
    m._FPDFText_ClosePage(text);
    m._FPDF_ClosePage(page);
  }
  return words;
}

/** The pixel size of page `n` rendered at `dpi` (rounded up, as pdftoppm does; PDFium answers in
 * 32-bit floats, so 595.2 pt is 595.20001: a thousandth of a pixel over is not a pixel more). */
export async function renderSize(file: string, n: number, dpi: number, limitBytes: number): Promise<{ width: number; height: number }> {
  const { m, doc } = await document(file, limitBytes);
  const page = loadPage(m, doc, n);
  try {
    return { width: Math.max(1, Math.ceil((m._FPDF_GetPageWidthF(page) / 72) * dpi - 1e-3)), height: Math.max(1, Math.ceil((m._FPDF_GetPageHeightF(page) / 72) * dpi - 1e-3)) };
  } finally {
    m._FPDF_ClosePage(page);
  }
}

/** FPDF_ANNOT: annotations (earlier signatures' appearances, stamps) are drawn, as pdftoppm does. */
const FPDF_ANNOT = 0x01;

/** Renders page `n` at `dpi` band by band (each at most `bandPixels`), handing each band's rows
 * on as RGB or grey bytes: the page's whole bitmap is never held at once. */
export async function renderBands(file: string, n: number, dpi: number, grey: boolean, bandPixels: number, limitBytes: number, onBand: (rows: Uint8Array, width: number, height: number) => void): Promise<{ width: number; height: number }> {
  const { m, doc } = await document(file, limitBytes);
  const page = loadPage(m, doc, n);
  try {
    const width = Math.max(1, Math.ceil((m._FPDF_GetPageWidthF(page) / 72) * dpi - 1e-3));
    const height = Math.max(1, Math.ceil((m._FPDF_GetPageHeightF(page) / 72) * dpi - 1e-3));
    const bandRows = Math.max(1, Math.min(height, Math.floor(bandPixels / width)));
    const channels = grey ? 1 : 3;
    for (let top = 0; top < height; top += bandRows) {
      const rows = Math.min(bandRows, height - top);
      const bmp = m._FPDFBitmap_Create(width, rows, 0);
      if (!bmp) throw new PdfiumOutOfMemory(`no memory for a ${width} × ${rows} band`);
      try {
        m._FPDFBitmap_FillRect(bmp, 0, 0, width, rows, 0xffffffff);
        m._FPDF_RenderPageBitmap(bmp, page, 0, -top, width, height, 0, FPDF_ANNOT);
        const stride = m._FPDFBitmap_GetStride(bmp);
        const src = m.HEAPU8.subarray(m._FPDFBitmap_GetBuffer(bmp), m._FPDFBitmap_GetBuffer(bmp) + stride * rows);
        const out = new Uint8Array(width * rows * channels);
        for (let y = 0; y < rows; y++) {
          let s = y * stride;
          let d = y * width * channels;
          for (let x = 0; x < width; x++, s += 4) {
            // BGRx → RGB, or grey by luminance (Rec. 601, as libvips' greyscale).
            if (grey) out[d++] = (src[s + 2]! * 299 + src[s + 1]! * 587 + src[s]! * 114 + 500) / 1000;
            else {
              out[d++] = src[s + 2]!;
              out[d++] = src[s + 1]!;
              out[d++] = src[s]!;
            }
          }
        }
        onBand(out, width, height);
      } finally {
        m._FPDFBitmap_Destroy(bmp);
      }
    }
    return { width, height };
  } finally {
    m._FPDF_ClosePage(page);
  }
}
