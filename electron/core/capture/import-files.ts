// Making a document from files on the station's disk: images (JPEG, PNG, TIFF — multi-page
// too — WebP) and PDFs, or folders of them. The import is all or nothing: every page is read and
// stored first, and the document appears in one transaction only when all of them succeeded.
import { execFile } from 'node:child_process';
import { mkdir, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { ColorMode, DocumentDetail, MetadataInput } from '../../contract';
import { StationError, errorMessage } from '../errors';
import { uuidv7 } from '../ids';
import { type EncodedPage, MAX_INPUT_PIXELS, type ImageInput, encodePage, imageError, openImage } from '../imaging/page-encoder';
import { assemblePdf } from '../pdf/assemble';
import type { BlobStore } from '../records/blob-store';
import type { DocumentRepository } from '../records/documents';
import { vietnamIso } from '../time';

const run = promisify(execFile);

const IMPORTABLE = new Set(['.jpg', '.jpeg', '.png', '.tif', '.tiff', '.webp', '.pdf']);
/** A guard against PDF bombs until PDF import proper (issue: PDF production) lands. */
export const MAX_PDF_PAGES = 2000;

export interface ImportDeps {
  readonly documents: DocumentRepository;
  readonly blobs: BlobStore;
  /** This process's temporary folder. */
  readonly tmpDir: string;
  readonly producer: string;
}

interface SourcePage {
  readonly input: ImageInput;
  readonly mode: ColorMode;
  readonly dpi: number;
}

const unreadable = (file: string, detail: string, detail_vi: string) => new StationError('import-unreadable', { file, detail, detail_vi });

/** Files to import, in the order given; a folder contributes its importable files by name. */
async function expand(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths.map((x) => resolve(x))) {
    const s = await stat(p).catch(() => null);
    if (!s) throw unreadable(p, 'no such file or folder', 'không có tệp hoặc thư mục này');
    if (s.isDirectory()) {
      const names = (await readdir(p)).filter((n) => IMPORTABLE.has(extname(n).toLowerCase()));
      names.sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
      files.push(...names.map((n) => join(p, n)));
    } else {
      files.push(p);
    }
  }
  if (files.length === 0)
    throw new StationError('invalid-input', { field: 'paths', detail: 'no images or PDFs were found', detail_vi: 'không tìm thấy ảnh hoặc tệp PDF nào' });
  return files;
}

async function isPdf(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(5);
    await fh.read(head, 0, 5, 0);
    return head.toString('latin1') === '%PDF-';
  } finally {
    await fh.close();
  }
}

/** Rasterises a PDF's pages with poppler's pdftoppm. Interim: PDF import proper keeps the
 * original bytes and rasterises only where needed. */
async function pdfPages(file: string, dpi: number, workDir: string): Promise<SourcePage[]> {
  let pages: number;
  try {
    const { stdout } = await run('pdfinfo', [file]);
    pages = Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1] ?? 0);
  } catch (e) {
    throw unreadable(file, `not a readable PDF (${errorMessage(e).split('\n').slice(-2).join(' ').trim()})`, 'không phải tệp PDF đọc được');
  }
  if (pages < 1) throw unreadable(file, 'the PDF has no pages', 'tệp PDF không có trang nào');
  if (pages > MAX_PDF_PAGES)
    throw unreadable(file, `the PDF declares ${pages} pages (at most ${MAX_PDF_PAGES})`, `tệp PDF khai báo ${pages} trang (tối đa ${MAX_PDF_PAGES})`);
  const dir = join(workDir, uuidv7());
  await mkdir(dir, { recursive: true });
  try {
    await run('pdftoppm', ['-r', String(dpi), '-png', file, join(dir, 'p')], { maxBuffer: 1 << 20 });
  } catch (e) {
    throw unreadable(file, `cannot render the PDF (${errorMessage(e).split('\n').slice(-2).join(' ').trim()})`, 'không hiển thị được tệp PDF');
  }
  const names = (await readdir(dir)).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  return names.map((n) => ({ input: { file: join(dir, n) }, mode: 'color' as const, dpi }));
}

async function imagePages(file: string, fallbackDpi: number): Promise<SourcePage[]> {
  const meta = await openImage({ file }).metadata().catch((e: unknown) => {
    throw imageError(e, file);
  });
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (pixels > MAX_INPUT_PIXELS) throw new StationError('image-too-large', { file, pixels, limit: MAX_INPUT_PIXELS });
  if (!meta.width || !meta.height) throw unreadable(file, 'the image has no size', 'ảnh không có kích thước');
  const mode: ColorMode = (meta.channels ?? 3) >= 3 ? 'color' : meta.bitsPerSample === 1 ? 'bw' : 'gray';
  // 72 dpi is what most software writes when it does not know; a real scan never has it.
  const stated = meta.density && meta.density >= 50 && meta.density !== 72 ? Math.round(meta.density) : undefined;
  const count = meta.pages ?? 1;
  return Array.from({ length: count }, (_, page) => ({ input: { file, page }, mode, dpi: stated ?? fallbackDpi }));
}

export async function importFiles(deps: ImportDeps, paths: readonly string[], metadata: MetadataInput, dpi: number): Promise<DocumentDetail> {
  const files = await expand(paths);
  const workDir = join(deps.tmpDir, `import-${uuidv7()}`);
  try {
    const sources: SourcePage[] = [];
    for (const file of files) sources.push(...((await isPdf(file)) ? await pdfPages(file, dpi, workDir) : await imagePages(file, dpi)));

    const pages: (SourcePage & EncodedPage)[] = [];
    for (const s of sources) pages.push({ ...s, ...(await encodePage(s.input, s.mode, s.dpi, deps.blobs)) });
    const pdf = await deps.blobs.write(
      await assemblePdf(
        pages.map((p) => ({ sha256: p.image.sha256, mediaType: p.image.mediaType, widthPx: p.widthPx, heightPx: p.heightPx, dpi: p.dpi })),
        (sha) => readFile(deps.blobs.pathOf(sha)),
        { title: metadata.title, subject: metadata.docTypeCode, producer: deps.producer, created: new Date() },
      ),
    );
    const id = uuidv7();
    const now = vietnamIso();
    deps.documents.inTransaction(() => {
      deps.documents.createDraft(id, 'import', metadata, now);
      pages.forEach((p, i) =>
        deps.documents.addPage({ id: uuidv7(), documentId: id, seq: i + 1, image: p.image, thumb: p.thumb, widthPx: p.widthPx, heightPx: p.heightPx, dpi: p.dpi, mode: p.mode, createdAt: now }),
      );
      deps.documents.finish(id, {}, pdf, now);
    });
    return deps.documents.get(id)!;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
