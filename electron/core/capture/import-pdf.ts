// Reading an existing PDF (an archivist's earlier scans) for import: refuse what is encrypted
// or beyond sane limits, repair what qpdf can, and per page take what is already there — a scanned
// page's own JPEG, extracted as it is (when the page shows nothing else), and a page's own words
// with their positions — carry a born-digital page as it is drawn where PDF/A allows it
// (import-pdf-vector.ts, pdf/vector-check.ts), and rasterise only the other pages, saying why.
// Every page not kept as its own image is rendered all the same: that image serves the screens,
// OCR and the marks' placement. The original bytes are kept by the caller. Every reading goes
// through the PDF engine (pdf-engine/engine.ts: portable WebAssembly engines by default), each
// call under a deadline and a memory limit, and a page is rendered only if its image fits the
// station's pixel budget.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ColorMode } from '../../contract';
import { StationError } from '../errors';
import { uuidv7 } from '../ids';
import { type ImageInput, MAX_INPUT_PIXELS, openImage } from '../imaging/page-encoder';
import { type ListedImage, pdfEngine } from '../pdf-engine/engine';
import type { Word } from '../pdf/text-layer';
import { checkPageSize } from './import-image';
import { extractG4 } from './import-pdf-ccitt';
import { vectorJudge } from './import-pdf-vector';
import type { VectorReason } from '../pdf/vector-check';
import { soundCopy, toolDetail } from './import-pdf-sound';

/** Limits against PDF bombs: a scanned document has far fewer pages, none larger than A0 by much. */
export const MAX_PDF_PAGES = 2000;
export const MAX_PAGE_MM = 3000;

export interface ImportedPage {
  readonly input: ImageInput;
  readonly mode: ColorMode;
  readonly dpi: number;
  /** The page's image is a JPEG taken from the PDF unchanged. */
  readonly keepJpeg: boolean;
  /** The PDF page (1-based) this was drawn from by rasterising it (not kept as its own image). */
  readonly rasterisedFrom?: number | undefined;
  /** Why that page could not be carried as vectors. */
  readonly rasterisedBecause?: VectorReason | undefined;
  /** The page is carried into the record as vectors: page `page` of the repaired copy `file`
   * (its image, rendered as before, serves the screens, OCR and the marks' placement). */
  readonly vector?: { readonly file: string; readonly page: number; readonly linksDropped: number } | undefined;
  /** The page's size as it will be saved, in millimetres (shown while the import reads). */
  readonly sizeMm?: { readonly width: number; readonly height: number } | undefined;
  /** The page's image is the PDF's own CCITT G4 image, in a one-strip TIFF (import-pdf-ccitt.ts). */
  readonly keepG4?: boolean;
  /** The PDF's own text for the page, in pixels of the page image. */
  readonly text?: { readonly text: string; readonly words: Word[] } | undefined;
  /** An image file's type (image/jpeg, …): it goes through the imaging pipeline and is kept as
   * the original. Absent for a PDF's pages, which stay as they are (their text lies on them). */
  readonly mediaType?: string | undefined;
  /** The image file itself can stand as the page's original, kept where the profile changes the
   * page (import-image.ts, `keepsOriginal`). */
  readonly keepsOriginal?: boolean | undefined;
}

const detail = toolDetail;

interface PageBox {
  /** The page as shown (its crop box), which a page-sized scan covers. */
  readonly widthPt: number;
  readonly heightPt: number;
  /** What the renderer draws: the media box, which may be far larger than the crop box. */
  readonly renderWidthPt: number;
  readonly renderHeightPt: number;
}

async function pageBoxes(file: string, count: number, original: string): Promise<PageBox[]> {
  if (count > MAX_PDF_PAGES) throw new StationError('import-too-large', { file: original, detail: `${count} pages, at most ${MAX_PDF_PAGES}`, detail_vi: `${count} trang, tối đa ${MAX_PDF_PAGES}` });
  // The page's size is its crop box, but the renderer draws the media box; a bomb hides behind a
  // small crop box, so the limits apply to both.
  const boxes = (await pdfEngine().pageBoxes(file, count, original)).map((b) => ({ widthPt: b.width, heightPt: b.height, renderWidthPt: Math.max(b.width, b.mediaWidth), renderHeightPt: Math.max(b.height, b.mediaHeight) }));
  if (boxes.length !== count) throw new StationError('import-unreadable', { file: original, detail: `the sizes of its ${count} pages cannot be read`, detail_vi: `không đọc được kích thước ${count} trang của tệp` });
  const maxPt = (MAX_PAGE_MM / 25.4) * 72;
  const big = boxes.findIndex((b) => Math.max(b.widthPt, b.renderWidthPt) > maxPt || Math.max(b.heightPt, b.renderHeightPt) > maxPt);
  if (big >= 0) {
    const b = boxes[big]!;
    const side = (pt: number) => Math.round((pt / 72) * 25.4).toLocaleString('en-US');
    const [w, h] = [Math.max(b.widthPt, b.renderWidthPt), Math.max(b.heightPt, b.renderHeightPt)];
    throw new StationError('import-too-large', {
      file: original,
      detail: `page ${big + 1} is ${side(w)} × ${side(h)} mm, larger than ${MAX_PAGE_MM} mm`,
      detail_vi: `trang ${big + 1} có khổ ${side(w)} × ${side(h)} mm, lớn hơn ${MAX_PAGE_MM} mm`,
    });
  }
  boxes.forEach((b, i) => checkPageSize(original, i + 1, b.widthPt, b.heightPt));
  return boxes;
}

async function listImages(file: string, original: string): Promise<ListedImage[]> {
  return pdfEngine().images(file, original);
}

/** The page's own words (the engine's, in points), converted to pixels at the page image's dpi. */
async function pageWords(file: string, page: number, dpi: number, original: string): Promise<{ text: string; words: Word[] } | undefined> {
  const k = dpi / 72;
  const words: Word[] = [];
  const lines: string[] = [];
  for (const w of await pdfEngine().words(file, page, original)) {
    words.push({ text: w.text, x: w.x * k, y: w.y * k, w: w.w * k, h: w.h * k, line: w.line });
    if (lines.length < w.line) lines.push(...Array<string>(w.line - lines.length).fill(''));
    lines[w.line - 1] = lines[w.line - 1] ? `${lines[w.line - 1]} ${w.text}` : w.text;
  }
  // Words of a line share its extent (see Word.lineY): the union of their boxes.
  const byLine = new Map<number, { top: number; bottom: number }>();
  for (const w of words) {
    const b = byLine.get(w.line!) ?? { top: Infinity, bottom: -Infinity };
    byLine.set(w.line!, { top: Math.min(b.top, w.y), bottom: Math.max(b.bottom, w.y + w.h) });
  }
  for (const [i, w] of words.entries()) {
    const b = byLine.get(w.line!)!;
    words[i] = { ...w, lineY: b.top, lineH: b.bottom - b.top };
  }
  return words.length ? { text: lines.filter(Boolean).join('\n'), words } : undefined;
}

/** Renders one page, once its image is known to fit the pixel budget: a page that would not is
 * refused before the engine runs (sharp refuses to open anything larger anyway). */
async function rasterise(file: string, page: number, box: PageBox, dpi: number, grey: boolean, prefix: string, original: string) {
  const pixels = Math.ceil((box.renderWidthPt / 72) * dpi) * Math.ceil((box.renderHeightPt / 72) * dpi);
  if (pixels > MAX_INPUT_PIXELS) {
    const mpx = (n: number) => Math.round(n / 1e6);
    throw new StationError('import-too-large', {
      file: original,
      detail: `page ${page} at ${dpi} dpi would be ${mpx(pixels)} Mpx, at most ${mpx(MAX_INPUT_PIXELS)} Mpx; import it at a lower resolution`,
      detail_vi: `trang ${page} ở ${dpi} dpi sẽ có ${mpx(pixels)} triệu điểm ảnh, tối đa ${mpx(MAX_INPUT_PIXELS)} triệu; hãy nhập với độ phân giải thấp hơn`,
    });
  }
  return pdfEngine().render(file, page, dpi, grey, prefix, original);
}

/** Whether the page shows more than its image (a stamp, a drawn mark, visible text): the page
 * rendered small, compared with the image scaled to the same size. A rendered pixel counts as
 * different only if no pixel of the image around it (3 × 3) is near it: the renderer and the
 * scaler place an edge up to a pixel apart, which alone is not a mark (an img2pdf page's sharp
 * edges were all "different" before, and the page's JPEG was re-encoded for nothing). */
async function drawsMoreThanItsImage(file: string, page: number, box: PageBox, image: string, workDir: string, original: string): Promise<boolean> {
  const prefix = join(workDir, `${uuidv7()}-v${page}`);
  const r = await rasterise(file, page, box, 36, true, prefix, original);
  if (!('file' in r)) return true;
  const rendered = await openImage({ file: r.file }).greyscale().raw().toBuffer({ resolveWithObject: true });
  const { width, height } = rendered.info;
  const own = await openImage({ file: image }).greyscale().resize({ width, height, fit: 'fill' }).raw().toBuffer();
  let differing = 0;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const v = rendered.data[y * width + x]!;
      let near = false;
      for (let dy = -1; dy <= 1 && !near; dy++)
        for (let dx = -1; dx <= 1 && !near; dx++) {
          const [nx, ny] = [x + dx, y + dy];
          if (nx >= 0 && ny >= 0 && nx < width && ny < height && Math.abs(v - own[ny * width + nx]!) <= 64) near = true;
        }
      if (!near) differing++;
    }
  return differing / rendered.data.length > 0.0005;
}

/** Reads a PDF into pages for import. */
export async function readPdf(original: string, fallbackDpi: number, workDir: string, onPage: (page: number, pages: number, read: ImportedPage) => void = () => {}): Promise<ImportedPage[]> {
  await mkdir(workDir, { recursive: true });
  const { file, pages: count } = await soundCopy(original, workDir);
  const boxes = await pageBoxes(file, count, original);
  const images = await listImages(file, original);
  const judge = vectorJudge(file);
  const pages: ImportedPage[] = [];
  for (const [index, box] of boxes.entries()) {
    const n = index + 1;
    const sizeMm = { width: Math.round((box.widthPt / 72) * 254) / 10, height: Math.round((box.heightPt / 72) * 254) / 10 };
    const own = images.filter((i) => i.page === n);
    const only = own.length === 1 ? own[0]! : undefined;
    // A scanned page: one JPEG covering the page, in grey or RGB (DeviceRGB/Gray or ICC-based,
    // as img2pdf and many scanners write it). Take it as it is.
    const covers = only && only.xppi > 0 && Math.abs((only.width / only.xppi) * 72 - box.widthPt) / box.widthPt < 0.03 && Math.abs((only.height / only.yppi) * 72 - box.heightPt) / box.heightPt < 0.03;
    const plainColour = only && ['gray', 'rgb', 'icc'].includes(only.color) && (only.components === 1 || only.components === 3);
    if (only && covers && plainColour && only.enc === 'jpeg') {
      const jpeg = join(workDir, `${uuidv7()}-p${n}.jpg`);
      if ((await pdfEngine().jpeg(file, n, only.object, jpeg, original)) && !(await drawsMoreThanItsImage(file, n, box, jpeg, workDir, original))) {
        const dpi = Math.round(only.xppi);
        pages.push({ input: { file: jpeg }, mode: only.components === 3 ? 'color' : 'gray', dpi, keepJpeg: true, sizeMm, text: await pageWords(file, n, dpi, original) });
        onPage(n, count, pages.at(-1)!);
        continue;
      }
    }
    // A black-and-white scan: one G4 image covering the page. Kept as G4 at its resolution.
    if (only && covers && only.enc === 'ccitt' && only.bpc === 1 && only.components === 1) {
      const dpi = Math.round(only.xppi);
      const tiff = await extractG4(file, n, only.object, only.width, only.height, dpi, workDir, original);
      if (tiff && !(await drawsMoreThanItsImage(file, n, box, tiff, workDir, original))) {
        pages.push({ input: { file: tiff }, mode: 'bw', dpi, keepJpeg: false, keepG4: true, sizeMm, text: await pageWords(file, n, dpi, original) });
        onPage(n, count, pages.at(-1)!);
        continue;
      }
    }
    // Anything else is drawn: carried as vectors where PDF/A allows it as it is, rasterised at
    // the import's resolution otherwise. Either way the page is rendered: its image is what the
    // screens, OCR and the marks' placement look at.
    const verdict = await judge(n);
    const prefix = join(workDir, `${uuidv7()}-r${n}`);
    const r = await rasterise(file, n, box, fallbackDpi, false, prefix, original);
    if (!('file' in r)) throw new StationError('import-unreadable', { file: original, detail: `page ${n} cannot be rendered: ${detail(r.complaint)}`, detail_vi: `không hiển thị được trang ${n}` });
    const how = verdict.reason ? { rasterisedFrom: n, rasterisedBecause: verdict.reason } : { vector: { file, page: n, linksDropped: verdict.linksDropped } };
    pages.push({ input: { file: r.file }, mode: 'color', dpi: fallbackDpi, keepJpeg: false, sizeMm, ...how, text: await pageWords(file, n, fallbackDpi, original) });
    onPage(n, count, pages.at(-1)!);
  }
  return pages;
}
