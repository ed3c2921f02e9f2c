// Making a document from files on the station's disk: images (JPEG, PNG, TIFF — multi-page too —
// WebP) and PDFs, or folders of them. All or nothing: every page is read and stored before the
// document appears, and it is discarded again if its record cannot be written.
import { createReadStream } from 'node:fs';
import { open, readdir, rm, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { ColorMode, DocumentDetail, MetadataInput } from '../../contract';
import { StationError } from '../errors';
import { uuidv7 } from '../ids';
import { type EncodedPage, MAX_INPUT_PIXELS, type ImageInput, encodePage, imageError, openImage } from '../imaging/page-encoder';
import type { PageImaging, StagedPage } from '../imaging/page-imaging';
import { type ProfileName, profileFor } from '../imaging/profiles';
import { vietnamIso } from '../time';
import { type FinishDeps, type FinishOptions, finishDocument } from './finish';
import { type ImportedPage, readPdf } from './import-pdf';

const zip = promisify(gzip);
const IMPORTABLE = new Set(['.jpg', '.jpeg', '.png', '.tif', '.tiff', '.webp', '.pdf']);

export interface ImportDeps extends FinishDeps {
  /** This process's temporary folder. */
  readonly tmpDir: string;
  /** The imaging pipeline for image files; absent: they are stored as they are (re-encoded). */
  readonly imaging?: PageImaging | undefined;
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

async function imagePages(file: string, fallbackDpi: number): Promise<ImportedPage[]> {
  const meta = await openImage({ file }).metadata().catch((e: unknown) => {
    throw imageError(e, file);
  });
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (pixels > MAX_INPUT_PIXELS) throw new StationError('image-too-large', { file, pixels, limit: MAX_INPUT_PIXELS });
  if (!meta.width || !meta.height) throw unreadable(file, 'the image has no size', 'ảnh không có kích thước');
  const mode: ColorMode = (meta.channels ?? 3) >= 3 ? 'color' : meta.bitsPerSample === 1 ? 'bw' : 'gray';
  // 72 dpi is what most software writes when it does not know; a real scan never has it.
  const stated = meta.density && meta.density >= 50 && meta.density !== 72 ? Math.round(meta.density) : undefined;
  const input = (page: number): ImageInput => ({ file, page });
  const mediaType = `image/${meta.format === 'jpeg' ? 'jpeg' : (meta.format ?? 'octet-stream')}`;
  return Array.from({ length: meta.pages ?? 1 }, (_, page) => ({ input: input(page), mode, dpi: stated ?? fallbackDpi, keepJpeg: false, mediaType }));
}

/** Pages written into the blob store at once: each write streams, so memory stays small. */
const STAGE_AT_ONCE = 4;

/** Every image page through the imaging pool at once (in parallel), each page's files into the
 * blob store as soon as it is processed — the store's hashing and cipher work while the pool
 * goes on with the next pages (written only after the whole stack was processed, they kept the
 * pool idle for a fifth of an import). All or nothing still: if any page fails, the files this
 * import wrote that no row names are removed again, and the first failure is reported. */
async function imagedPages(imaging: PageImaging, sources: readonly ImportedPage[], profile: ProfileName): Promise<Map<ImportedPage, StagedPage>> {
  const imaged = sources.filter((s) => s.mediaType);
  const staged = new Map<ImportedPage, StagedPage>();
  const writing = gate(STAGE_AT_ONCE);
  let failed = false;
  const outcomes = await Promise.allSettled(
    imaged.map(async (s) => {
      const capture = { ...s, mediaType: s.mediaType! };
      const processed = await imaging.process(capture, profile).catch((e: unknown) => {
        failed = true;
        throw e;
      });
      if (failed) {
        // another page failed: nothing more is written (a large page's file in the work folder goes)
        for (const part of processed.parts) if ('file' in part.image) await rm(part.image.file, { force: true });
        return;
      }
      staged.set(s, await writing(() => imaging.stage(capture, processed)));
    }),
  );
  const failure = outcomes.find((o) => o.status === 'rejected');
  if (failure) {
    imaging.discardStaged([...staged.values()]);
    throw failure.reason;
  }
  return staged;
}

/** Runs at most `n` of the tasks given to it at once, the others waiting in turn. */
function gate(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= n) await new Promise<void>((go) => waiting.push(go));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

export async function importFiles(deps: ImportDeps, paths: readonly string[], metadata: MetadataInput, dpi: number, opts: FinishOptions): Promise<DocumentDetail> {
  const files = await expand(paths);
  const workDir = join(deps.tmpDir, `import-${uuidv7()}`);
  try {
    const sources: ImportedPage[] = [];
    for (const file of files) sources.push(...((await isPdf(file)) ? await readPdf(file, dpi, workDir) : await imagePages(file, dpi)));

    const { imaging } = deps;
    const staged = imaging ? await imagedPages(imaging, sources, profileFor(opts.profile).name) : new Map<ImportedPage, StagedPage>();
    const pages: (ImportedPage & EncodedPage)[] = [];
    for (const s of sources) if (!staged.has(s)) pages.push({ ...s, ...(await encodePage(s.input, s.mode, s.dpi, deps.blobs, { keepJpeg: s.keepJpeg })) });
    const texts = await Promise.all(pages.map(async (p) => (p.text ? { text: p.text.text, words: await deps.blobs.write(await zip(JSON.stringify(p.text.words))) } : null)));
    // A single PDF is kept as it came, beside the record made from it.
    const single = files.length === 1 && (await isPdf(files[0]!)) ? await deps.blobs.write(createReadStream(files[0]!, { highWaterMark: 1 << 20 })) : null;

    const id = uuidv7();
    const now = vietnamIso();
    // If this process dies before the import answers, the next start-up discards the draft: an
    // import is all or nothing (a scan's draft, by contrast, keeps every page it reported).
    deps.blobs.noteDraft(id);
    deps.documents.inTransaction(() => {
      deps.documents.createDraft(id, 'import', metadata, now);
      let seq = 0;
      const encoded = new Map(pages.map((p, i) => [p.input, { p, text: texts[i] }] as const));
      for (const source of sources) {
        const s = staged.get(source);
        if (s && imaging) {
          seq += imaging.commit(deps.documents, id, seq + 1, s, now).length;
          continue;
        }
        const { p, text: t } = encoded.get(source.input)!;
        const page = deps.documents.addPage({ id: uuidv7(), documentId: id, seq: ++seq, image: p.image, thumb: p.thumb, widthPx: p.widthPx, heightPx: p.heightPx, dpi: p.dpi, mode: p.mode, createdAt: now });
        if (t) deps.documents.addPageText(page.id, { origin: 'pdf', text: t.text, words: t.words, confidence: null }, now);
      }
      if (seq === 0) throw new StationError('document-empty', { id });
      if (single) deps.documents.setSource(id, single, 'application/pdf', now);
    });
    try {
      return await finishDocument(deps, id, {}, opts);
    } catch (e) {
      for (const sha of deps.documents.discardDraft(id, 'import failed')) deps.blobs.removeFile(sha);
      throw e;
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
