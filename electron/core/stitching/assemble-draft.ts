// `stitch.assemble`: a draft's pages — the parts of one large sheet, in the order scanned — become
// one page at the sheet's true size (issue 18). Each part is read from the page's kept capture
// where it has one (what the scanner saw: the processed page was cropped to the paper and
// straightened, which the registration must not be handed), else from the page's image.
//
// The assembled page enters the draft as a capture does (capture/raw-capture.ts): stored as
// composed, its row committed with the pipeline still to run, then taken by the imaging pipeline
// behind it (background-imaging.ts) with the profile `none`. Cropping to the paper and
// straightening are done already, and better, by the assembly itself (sheet-locate.ts finds the
// paper among the parts, lid and all; the composed page has no lid left for the page analysis to
// see); and the parts fix the sheet's orientation — the pipeline's guess at quarter turns, made
// for a letter, turned a generated A3 map sideways. The page's own original
// (page_steps.original_sha256) is the composed sheet; the parts, each as captured (the very blob
// each part page kept), are kept beside it in page_parts (migration 18) until the document is
// signed, as any capture is: the evidence behind the assembled page.
//
// All or nothing: everything that can fail (reading the parts, the assembly, storing the page)
// happens before the one transaction that swaps the draft's pages; a refusal leaves the draft as
// it was, its parts still there.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AssembledPart, AssemblyReport, DocumentDetail, PageInfo, SheetChoice } from '../../contract';
import { StationError } from '../errors';
import { uuidv7 } from '../ids';
import { storeRawCapture } from '../capture/raw-capture';
import { openImage } from '../imaging/page-encoder';
import type { KeptPart } from '../records/page-content';
import { vietnamIso } from '../time';
import type { BackgroundImaging } from '../imaging/background-imaging';
import type { BlobStore } from '../records/blob-store';
import type { DocumentRepository } from '../records/documents';
import { type AssembledSheet, assembleSheet } from './assemble';
import { MM_PER_INCH } from './sheet-geometry';
import { sheetSize, typedOrientation } from './sheets';
import type { AssemblyProgress, PartImage, SheetSize } from './types';

/** What the pipeline does to an assembled page (see above): store it as composed. */
export const ASSEMBLED_PROFILE = 'none';

export interface AssembleDraftDeps {
  readonly documents: DocumentRepository;
  readonly blobs: BlobStore;
  readonly background: BackgroundImaging;
  /** The page's "before" image: its kept original capture, else its own image (page-hand-edits.ts). */
  readonly captureOf: (pageId: string) => { sha256: string; mediaType: string } | null;
  readonly tmpDir: string;
  readonly signal?: AbortSignal | undefined;
  /** Where the assembly is (stitch.progress): the parts read, matched, the paper found, the page composed. */
  readonly onProgress?: ((p: AssemblyProgress) => void) | undefined;
}

export interface AssembleDraftInput {
  readonly documentId: string;
  readonly sheet: SheetChoice;
  readonly landscape?: boolean | undefined;
  readonly seams?: boolean | undefined;
}

export async function assembleDraft(deps: AssembleDraftDeps, input: AssembleDraftInput): Promise<{ document: DocumentDetail; report: AssemblyReport }> {
  const { documents, blobs, background } = deps;
  const sheet = sheetSize(input.sheet); // a size no paper has is refused before anything is read
  const id = documents.resolveId(input.documentId, 'write');
  await background.settled(id);
  const doc = documents.get(id);
  if (!doc || doc.status !== 'draft') throw new StationError('document-not-draft', { id });
  if (doc.pages.length < 2) throw new StationError('stitch-too-few-parts', { count: doc.pages.length });
  const started = performance.now();

  const workDir = join(deps.tmpDir, `assemble-${uuidv7()}`);
  await mkdir(workDir, { recursive: true });
  const opened: { done: () => Promise<void> }[] = [];
  try {
    const parts: PartImage[] = [];
    const fromCapture: boolean[] = [];
    const kept: KeptPart[] = [];
    for (const [k, page] of doc.pages.entries()) {
      const capture = deps.captureOf(page.id);
      const sha = capture?.sha256 ?? page.sha256;
      const file = await blobs.materialise(sha);
      opened.push(file);
      parts.push({ index: k, path: file.path, dpi: page.dpi, widthPx: page.widthPx, heightPx: page.heightPx });
      fromCapture.push(sha !== page.sha256);
      const meta = await openImage({ file: file.path }).metadata();
      kept.push({ sha256: sha, mediaType: capture?.mediaType ?? page.mediaType, widthPx: meta.width ?? page.widthPx, heightPx: meta.height ?? page.heightPx, dpi: page.dpi });
    }
    const landscape = input.landscape ?? (typedOrientation(input.sheet) === 'landscape' ? true : undefined);
    const out = join(workDir, 'sheet.tif');
    const sheetPage = await assembleSheet({ parts, sheet, landscape, out, workDir }, { signal: deps.signal, onProgress: deps.onProgress });
    const mode = sheetPage.channels === 3 ? 'color' : 'gray';
    const raw = await storeRawCapture(out, mode, blobs);
    let page: PageInfo;
    try {
      // The page and its parts in the one transaction that swaps the draft's pages: the parts'
      // blobs are named again before the part pages' rows go, so none of them is removed.
      const swapped = documents.replacePagesBy(id, () => {
        const added = background.commitRaw(id, 1, raw, { dpi: sheetPage.dpi, mode }, ASSEMBLED_PROFILE);
        documents.keepPageParts(added.id, kept, vietnamIso());
        return added;
      });
      page = swapped.added;
      for (const sha of swapped.gone) blobs.removeFile(sha);
    } catch (e) {
      background.discard(raw);
      throw e;
    }
    // The pipeline reads the composed file from the work folder (not decrypted again), then removes it.
    background.queue(page.id, out);
    await background.settled(id);
    const report = assemblyReport(sheetPage, sheet, doc.pages.map((p) => p.id), fromCapture, input.seams === true, (performance.now() - started) / 1000);
    return { document: documents.get(id)!, report };
  } finally {
    await Promise.all(opened.map((f) => f.done()));
    await rm(workDir, { recursive: true, force: true });
  }
}

/** What the officer (and a preview) is told of an assembly. `pageIds[k]` is part k's page (null: a file). */
export function assemblyReport(a: AssembledSheet, sheet: SheetSize, pageIds: readonly (string | null)[], fromCapture: readonly boolean[], withSeams: boolean, seconds: number): AssemblyReport {
  const mm = (px: number) => Math.round((px / a.dpi) * MM_PER_INCH * 10) / 10;
  const parts: AssembledPart[] = pageIds.map((pageId, k) => {
    const placement = a.placements.find((p) => p.index === k);
    const pairs = a.pairs.filter((p) => p.a === k || p.b === k);
    const rms = pairs.length ? Math.sqrt(pairs.reduce((s, p) => s + p.residualRmsPx ** 2, 0) / pairs.length) : 0;
    return {
      number: k + 1,
      pageId,
      fromCapture: fromCapture[k] ?? false,
      placed: placement !== undefined,
      quarterTurns: a.turned.find((t) => t.index === k)?.quarterTurns ?? 0,
      xMm: placement ? mm(placement.dx) : 0,
      yMm: placement ? mm(placement.dy) : 0,
      angleDeg: placement ? Math.round(placement.angleDeg * 100) / 100 : 0,
      rmsPx: rms,
      maxPx: pairs.reduce((m, p) => Math.max(m, p.residualMaxPx), 0),
    };
  });
  return {
    sheet: { name: sheet.name, widthMm: sheet.widthMm, heightMm: sheet.heightMm, orientation: a.landscape ? 'landscape' : 'portrait' },
    dpi: a.dpi,
    widthPx: a.widthPx,
    heightPx: a.heightPx,
    paperFound: a.paperFound,
    parts,
    ...(withSeams ? { seams: a.seams.map((s) => ({ parts: [s.parts[0] + 1, s.parts[1] + 1] as [number, number], points: s.points.map(([x, y]) => [x, y] as [number, number]) })) } : {}),
    uncovered: a.uncovered.map((u) => ({ leftMm: u.leftMm, topMm: u.topMm, widthMm: u.widthMm, heightMm: u.heightMm, where: { vi: u.where.vi, en: u.where.en } })),
    seconds,
  };
}
