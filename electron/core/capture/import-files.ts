// Making a document from files on the station's disk: images (JPEG, PNG, TIFF — multi-page too —
// WebP) and PDFs, or folders of them. All or nothing: every page is read and stored before the
// document appears, and it is discarded again if its record cannot be written.
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { CameraImport, CarriedPages, DocumentDetail, ImportProgress, MetadataInput, RasterisedPage } from '../../contract';
import { StationError } from '../errors';
import { uuidv7 } from '../ids';
import { type EncodedPage, encodePage } from '../imaging/page-encoder';
import type { PageImaging, StagedPage } from '../imaging/page-imaging';
import { decodesCleanly } from '../imaging/strict-decode';
import { type ProfileName, profileFor } from '../imaging/profiles';
import { vietnamIso } from '../time';
import { type FinishDeps, type FinishOptions, finishDocument } from './finish';
import { imagePages } from './import-image';
import { cameraPages } from './import-camera';
import { keptG4Page, withOriginalJpeg } from './kept-page';
import { type ImportedPage, readPdf } from './import-pdf';
import { type SkippedEntry, isPdf, walkImport } from './import-walk';
import { Limiter } from '../limiter';
import type { StoredBlob } from '../records/blob-store';

const zip = promisify(gzip);
export interface ImportDeps extends FinishDeps {
  /** This process's temporary folder. */
  readonly tmpDir: string;
  /** The imaging pipeline for image files; absent: they are stored as they are (re-encoded). */
  readonly imaging?: PageImaging | undefined;
}

/** Pages written into the blob store at once: each write streams, so memory stays small. */
const STAGE_AT_ONCE = 4;

/** Every image page through the imaging pool at once (in parallel), each page's files into the
 * blob store as soon as it is processed — the store's hashing and cipher work while the pool
 * goes on with the next pages (written only after the whole stack was processed, they kept the
 * pool idle for a fifth of an import). All or nothing still: if any page fails, the files this
 * import wrote that no row names are removed again, and the first failure is reported. */
async function imagedPages(imaging: PageImaging, sources: readonly ImportedPage[], profile: ProfileName, workDir: string, onProcessed: (file: string) => void): Promise<Map<ImportedPage, StagedPage>> {
  const imaged = sources.filter((s) => s.mediaType);
  const staged = new Map<ImportedPage, StagedPage>();
  const writing = new Limiter(STAGE_AT_ONCE);
  let failed = false;
  const outcomes = await Promise.allSettled(
    imaged.map(async (s) => {
      const capture = { ...s, mediaType: s.mediaType! };
      // strict: the pool's decode of the page is its damage check (an image file from outside)
      const processed = await imaging
        .process(capture, profile, { strict: true })
        .then((r) => withOriginalJpeg(s, r, workDir))
        .catch((e: unknown) => {
          failed = true;
          throw e;
        });
      onProcessed(s.input.file);
      if (failed) {
        // another page failed: nothing more is written (a large page's file in the work folder goes)
        for (const part of processed.parts) if ('file' in part.image) await rm(part.image.file, { force: true });
        return;
      }
      staged.set(s, await writing.run(() => imaging.stage(capture, processed, { keepOriginal: s.keepsOriginal === true })));
    }),
  );
  const failure = outcomes.find((o) => o.status === 'rejected');
  if (failure) {
    imaging.discardStaged([...staged.values()]);
    throw failure.reason;
  }
  return staged;
}


/** Told after each page an import has read or processed (the CLI prints a line per page). */
export type ImportProgressSink = (p: ImportProgress) => void;

export async function importFiles(
  deps: ImportDeps,
  paths: readonly string[],
  metadata: MetadataInput,
  dpi: number,
  opts: FinishOptions,
  progress: ImportProgressSink = () => {},
  camera?: CameraImport,
): Promise<DocumentDetail & { skipped: SkippedEntry[]; rasterised: RasterisedPage[]; carried: CarriedPages[] }> {
  const { files, skipped } = await walkImport(paths);
  const workDir = join(deps.tmpDir, `import-${uuidv7()}`);
  try {
    const sources: ImportedPage[] = [];
    /** The file each page came from, as the person named it (a PDF's pages are work files). */
    const fileOf = new Map<ImportedPage, string>();
    const rasterised: RasterisedPage[] = [];
    const carried: CarriedPages[] = [];
    for (const file of files) {
      const before = sources.length;
      const size = (p: ImportedPage) => (p.sizeMm ? { page: { widthMm: p.sizeMm.width, heightMm: p.sizeMm.height, dpi: p.dpi } } : {});
      if (await isPdf(file)) {
        const read = await readPdf(file, dpi, workDir, (page, pages, p) => progress({ stage: 'reading', done: before + page, total: before + pages, file, ...size(p) }));
        sources.push(...read);
        for (const p of read) fileOf.set(p, file);
        for (const p of read) if (p.rasterisedFrom) rasterised.push({ file, page: p.rasterisedFrom, dpi: p.dpi, reason: p.rasterisedBecause ?? 'unreadable-structure' });
        const vectors = read.filter((p) => p.vector);
        if (vectors.length) carried.push({ file, pages: vectors.map((p) => p.vector!.page), linksDropped: vectors.reduce((n, p) => n + p.vector!.linksDropped, 0) });
      } else {
        const read = camera ? await cameraPages(file, dpi, camera, workDir) : await imagePages(file, dpi);
        sources.push(...read);
        for (const p of read) fileOf.set(p, file);
        read.forEach((p, i) => progress({ stage: 'reading', done: before + i + 1, total: before + read.length, file, ...size(p) }));
      }
    }

    const { imaging } = deps;
    // Without the pool nothing decodes an image file's pages whole before they are kept (the
    // JPEG is kept as it is, or re-encoded from its file): each is checked here, before anything
    // is written. With the pool, its strict decode of each page is the check (imagedPages).
    if (!imaging) for (const s of sources) if (s.mediaType) await decodesCleanly(s.input);
    // Every page is counted as it is processed and stored: the pool's pages, then the others (a
    // PDF's: their storing and thumbnails took a minute for 1000 pages, said by no line).
    let processedCount = 0;
    const toProcess = sources.length;
    const onProcessed = (file: string) => progress({ stage: 'processing', done: ++processedCount, total: toProcess, file: camera ? ([...fileOf].find(([p]) => p.input.file === file)?.[1] ?? file) : file });
    const staged = imaging ? await imagedPages(imaging, sources, profileFor(opts.profile).name, workDir, onProcessed) : new Map<ImportedPage, StagedPage>();
    // The other pages (a PDF's, kept as they are or rasterised; image files without the pool):
    // STAGE_AT_ONCE at a time, in order — one after the other, a 1000-page PDF's thumbnails and
    // writes kept one core busy and the other idle. Each is waited for before a failure is
    // reported, so that no write goes on behind the caller's back.
    const stores = new Limiter(STAGE_AT_ONCE);
    let stopped = false; // after a failure no further page starts
    const outcomes = await Promise.allSettled(
      sources
        .filter((s) => !staged.has(s))
        .map((s) =>
          stores.run(async () => {
            if (stopped) throw new Error('an earlier page failed');
            const encoded = s.keepG4 ? keptG4Page(s.input, deps.blobs) : encodePage(s.input, s.mode, s.dpi, deps.blobs, { keepJpeg: s.keepJpeg });
            const page = { ...s, ...(await encoded.catch((e: unknown) => ((stopped = true), Promise.reject(e)))) };
            onProcessed(fileOf.get(s) ?? s.input.file);
            return page;
          }),
        ),
    );
    const failed = outcomes.find((o) => o.status === 'rejected');
    if (failed) throw failed.reason;
    const pages: (ImportedPage & EncodedPage)[] = outcomes.map((o) => (o as PromiseFulfilledResult<ImportedPage & EncodedPage>).value);
    const texts = await Promise.all(pages.map(async (p) => (p.text ? { text: p.text.text, words: await deps.blobs.write(await zip(JSON.stringify(p.text.words))) } : null)));
    // A single PDF is kept as it came, beside the record made from it.
    const single = files.length === 1 && (await isPdf(files[0]!)) ? await deps.blobs.write(createReadStream(files[0]!, { highWaterMark: 1 << 20 })) : null;
    // The repaired copy of each PDF with pages carried as vectors: what the record draws them from.
    const vectorPdfs = new Map<string, StoredBlob>();
    for (const s of sources) if (s.vector && !vectorPdfs.has(s.vector.file)) vectorPdfs.set(s.vector.file, await deps.blobs.write(createReadStream(s.vector.file, { highWaterMark: 1 << 20 })));

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
        if (source.vector) deps.documents.addPageVector(page.id, vectorPdfs.get(source.vector.file)!, source.vector.page, now);
      }
      if (seq === 0) throw new StationError('document-empty', { id });
      if (single) deps.documents.setSource(id, single, 'application/pdf', now);
    });
    try {
      return { ...(await finishDocument(deps, id, {}, opts)), skipped, rasterised, carried };
    } catch (e) {
      for (const sha of deps.documents.discardDraft(id, 'import failed')) deps.blobs.removeFile(sha);
      throw e;
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
