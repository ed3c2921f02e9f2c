// Text recognition in the background: after a document is saved, each page without text is
// recognised (one engine run per core, each on one thread at the lowest priority; one core fewer
// while the scanner or the imaging pool is at work), its words kept, and the record rewritten with
// its invisible text layer. The document is "pending" until then; a station that stops leaves it
// pending, and a later one resumes it. Memory is bounded too: the runs in flight hold at most a
// budget of pixels between them, and a page too large for one run goes in bands (bands.ts).
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { PageInfo } from '../../contract';
import { StationError, errorMessage } from '../errors';
import type { Logger } from '../log';
import type { BlobStore } from '../records/blob-store';
import type { DocumentRepository } from '../records/documents';
import { vietnamIso } from '../time';
import { type BandLimits, DEFAULT_BAND_LIMITS, recognisePage } from './bands';
import type { OcrEngine } from './engine';
import { DEFAULT_PIXEL_BUDGET, NATIVE_BYTES_PER_PIXEL, OcrSlots, type SlotLimits } from './slots';

const zip = promisify(gzip);

export interface OcrQueueDeps extends SlotLimits {
  readonly documents: DocumentRepository;
  readonly blobs: BlobStore;
  readonly log: Logger;
  /** Rewrites the record with the text now known; false if the record changed meanwhile. */
  readonly rebuild: (documentId: string) => Promise<boolean>;
  readonly changed: (documentId: string) => void;
  /** Where large pages' bands are cropped to. */
  readonly workDir: string;
  /** The station's engine (engines.ts: the portable one unless asked otherwise). */
  readonly engine: OcrEngine;
}

/** The budget and the bands are in pixels, set for Debian's tesseract (10 bytes a pixel): an
 * engine that needs more per pixel gets fewer pixels, so that the bytes stay the same (the A0 job
 * within 1 GB). */
function pixelScale(engine: OcrEngine): number {
  return NATIVE_BYTES_PER_PIXEL / (engine.bytesPerPixel ?? NATIVE_BYTES_PER_PIXEL);
}

/** The bands the queue cuts large pages into for this engine. Pages recognised whole stay those
 * up to 20 Mpx: such a page runs alone when it is over the budget. */
export function bandLimitsFor(engine: OcrEngine): BandLimits {
  return { ...DEFAULT_BAND_LIMITS, bandPixels: DEFAULT_BAND_LIMITS.bandPixels * pixelScale(engine) };
}

export class OcrQueue {
  private readonly jobs = new Map<string, Promise<void>>();
  private pagesOpen = 0;
  private readonly pageWaiters: (() => void)[] = [];
  private readonly stop = new AbortController();
  private readonly slots: OcrSlots;
  private readonly bandLimits: BandLimits;

  constructor(private readonly deps: OcrQueueDeps) {
    const scale = pixelScale(deps.engine);
    this.slots = new OcrSlots({ ...deps, pixelBudget: (deps.pixelBudget ?? DEFAULT_PIXEL_BUDGET) * scale }, this.stop.signal);
    this.bandLimits = bandLimitsFor(deps.engine);
  }

  /** Recognises a document's pages; resolves when its record has its text layer (or failed). */
  enqueue(documentId: string): Promise<void> {
    let job = this.jobs.get(documentId);
    if (!job) {
      job = this.run(documentId).finally(() => this.jobs.delete(documentId));
      this.jobs.set(documentId, job);
    }
    return job;
  }

  /** Whether this process is recognising the document now. */
  running(documentId: string): boolean {
    return this.jobs.has(documentId);
  }

  /** Stops recognition; documents in progress stay pending for the next start. */
  async close(): Promise<void> {
    this.stop.abort();
    this.slots.wake();
    for (const release of this.pageWaiters.splice(0)) release();
    await Promise.allSettled([...this.jobs.values()]);
  }

  private async recognisePage(page: PageInfo): Promise<void> {
    // As many pages open as engine runs: a page's decrypted image exists only while it is worked on.
    while (this.pagesOpen >= this.deps.concurrency) {
      if (this.stop.signal.aborted) throw new StationError('cancelled');
      await new Promise<void>((r) => this.pageWaiters.push(r));
    }
    this.pagesOpen++;
    try {
      await this.recogniseOpenPage(page);
    } finally {
      this.pagesOpen--;
      this.pageWaiters.shift()?.();
    }
  }

  private async recogniseOpenPage(page: PageInfo): Promise<void> {
    if (this.stop.signal.aborted) throw new StationError('cancelled');
    const image = await this.deps.blobs.materialise(page.sha256);
    const result = await recognisePage(image.path, {
      engine: this.deps.engine,
      options: { dpi: page.dpi, signal: this.stop.signal },
      workDir: this.deps.workDir,
      slot: this.slots.run,
      limits: this.bandLimits,
    }).finally(() => image.done());
    const words = await this.deps.blobs.write(await zip(JSON.stringify(result.words)));
    this.deps.documents.addPageText(page.id, { origin: 'ocr', text: result.text, words, confidence: result.confidence }, vietnamIso());
  }

  private async run(documentId: string): Promise<void> {
    const { documents, log } = this.deps;
    try {
      const known = documents.pageTexts(documentId);
      const pages = documents.pages(documentId).filter((p) => !known.has(p.id));
      await Promise.all(pages.map((p) => this.recognisePage(p)));
      if (this.stop.signal.aborted) return;
      if (!(await this.deps.rebuild(documentId))) log.warn('the record changed during OCR; its text is kept for the next rewrite', { documentId });
    } catch (e) {
      if (this.stop.signal.aborted) return; // stopped: stays pending
      log.error('OCR failed', e, { documentId });
      documents.setOcrStatus(documentId, 'failed', vietnamIso());
      if (!(e instanceof StationError)) throw new StationError('ocr-failed', { detail: errorMessage(e) }, { cause: e });
    } finally {
      this.deps.changed(documentId);
    }
  }
}
