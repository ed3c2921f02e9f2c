// Running scans: a job drives one device through its driver, stores each page as it arrives
// (while the scanner goes on feeding), and reports progress to whoever started it.
//
// Each page is committed AS CAPTURED the moment the worker delivers it (capture/raw-capture.ts:
// one pass of the spool file into the blob store, a thumbnail picked from the same pass), in the
// order the scanner delivered them, while the worker goes on scanning the next; the imaging
// pipeline then replaces each page's image in the background (imaging/background-imaging.ts), so
// neither the scanner nor the counter's screen ever waits for it. If the scan fails — a jam, a
// hung driver, a cancel — every page already delivered is still stored before the failure is
// reported, and stays in the draft.
import { mkdir, rm } from 'node:fs/promises';
import type { EventSink, MethodParsedInput } from '../../contract';
import { StationError, toWireError } from '../errors';
import { uuidv7 } from '../ids';
import type { Logger } from '../log';
import type { BlobStore } from '../records/blob-store';
import type { DocumentRepository } from '../records/documents';
import type { DeviceRegistry } from '../scan/device-registry';
import type { DriverEvent, DriverScanSettings, ScanDriver } from '../scan/driver';
import type { BackgroundImaging } from '../imaging/background-imaging';
import type { PageImaging } from '../imaging/page-imaging';
import { type ImagingProfile, profileFor } from '../imaging/profiles';
import { vietnamIso } from '../time';
import { storeRawCapture } from './raw-capture';
import { resolveScanSettings } from './scan-settings';
import { storePage } from './store-page';
import { Limiter } from '../limiter';

export type Emit = EventSink;

export interface ScanJobsDeps {
  readonly registry: DeviceRegistry;
  readonly documents: DocumentRepository;
  readonly blobs: BlobStore;
  readonly spoolDir: string;
  readonly log: Logger;
  /** Told when a document changed, for every client's lists. */
  readonly changed: (documentId: string) => void;
  /** Releases the original captures of signed or deleted pages after a scan. */
  readonly imaging?: PageImaging | undefined;
  /** The imaging pipeline behind the scanner; absent: pages are stored plainly encoded. */
  readonly background?: BackgroundImaging | undefined;
  /** Puts pages just committed before the page at a seq (a rescan inserted: `insertAt`), inside
   * the transaction that committed them; returns the first one's seq. */
  readonly placePages?: ((documentId: string, pageIds: readonly string[], toSeq: number) => number) | undefined;
}

interface RunningJob {
  readonly documentId: string;
  readonly controller: AbortController;
  readonly finished: Promise<void>;
}

export class ScanJobs {
  private readonly running = new Map<string, RunningJob>();

  constructor(private readonly deps: ScanJobsDeps) {}

  /** Checks the request against the device, opens or creates the draft, and starts scanning.
   * Returns at once; the job reports through `emit` and ends with scan.done or scan.failed. */
  async start(req: MethodParsedInput<'scan.start'>, emit: Emit): Promise<{ jobId: string; documentId: string }> {
    const { documents } = this.deps;
    const driver = this.deps.registry.driverFor(req.device);
    // Through the registry: a listed device that is gone says so (device-registry.ts caps).
    const settings = resolveScanSettings(req, await this.deps.registry.caps(req.device));

    let documentId: string;
    const now = vietnamIso();
    if (req.documentId) {
      documentId = documents.resolveId(req.documentId, 'write');
      if (documents.summary(documentId)?.status !== 'draft') throw new StationError('document-not-draft', { id: documentId });
      if (this.isScanning(documentId)) throw new StationError('scan-running', { id: documentId });
      if (req.metadata) documents.updateDraftMetadata(documentId, req.metadata, now);
    } else {
      documentId = uuidv7();
      documents.createDraft(documentId, `scan:${req.device}`, req.metadata ?? {}, now);
      this.deps.changed(documentId);
    }
    const jobId = uuidv7();
    const controller = new AbortController();
    const profile = profileFor(req.profile, 'preset' in req.paper ? req.paper.preset : undefined);
    const finished = this.run(jobId, documentId, !req.documentId, req.device, driver, settings, profile, controller, emit, req.documentId ? req.insertAt : undefined);
    this.running.set(jobId, { documentId, controller, finished });
    return { jobId, documentId };
  }

  /** Stops a job of the caller's (one whose document they may change); another person's job
   * answers as one already finished. */
  cancel(jobId: string): boolean {
    const job = this.running.get(jobId);
    if (!job || !this.deps.documents.permits(job.documentId, 'write')) return false;
    job.controller.abort();
    return true;
  }

  isScanning(documentId: string): boolean {
    return [...this.running.values()].some((j) => j.documentId === documentId);
  }

  /** Cancels every running job and waits until each has stored what it had. */
  async stopAll(): Promise<void> {
    const jobs = [...this.running.values()];
    for (const j of jobs) j.controller.abort();
    await Promise.all(jobs.map((j) => j.finished));
  }

  private async run(
    jobId: string,
    documentId: string,
    /** This job created the draft (rather than continuing one). */
    createdDraft: boolean,
    deviceId: string,
    driver: ScanDriver,
    settings: DriverScanSettings,
    profile: ImagingProfile,
    controller: AbortController,
    emit: Emit,
    /** Insert the pages before this seq of the draft (absent: after its last page). */
    insertAt?: number,
  ): Promise<void> {
    const { documents, log, imaging, background, placePages } = this.deps;
    // Where the next page goes when inserting: right before the page that was at insertAt when the
    // job started, looked up at each commit (the background pipeline may split or remove pages
    // of the draft meanwhile); if that page is gone, after the last one this job put there.
    const before = insertAt !== undefined && placePages ? (documents.get(documentId)?.pages.find((p) => p.seq === insertAt)?.id ?? null) : null;
    let lastPlaced: string | null = null;
    const place = <P extends { id: string; seq: number }>(pages: readonly P[]): P[] => {
      if (before === null || !placePages || pages.length === 0) return [...pages];
      const now = documents.get(documentId)?.pages ?? [];
      const anchor = now.find((p) => p.id === before)?.seq ?? (now.find((p) => p.id === lastPlaced)?.seq ?? now.length) + 1;
      const first = placePages(documentId, pages.map((p) => p.id), anchor);
      lastPlaced = pages[pages.length - 1]!.id;
      return pages.map((p, i) => ({ ...p, seq: first + i }));
    };
    let saved = 0;
    let storing = Promise.resolve();
    let storeError: unknown = null;
    // Two captures written at once: enough to overlap one's fsync with the next one's hashing and
    // encryption, few enough that the first page is not slowed by the ones behind it.
    const writing = new Limiter(2);

    const onEvent = (ev: DriverEvent) => {
      if (ev.type === 'page-start') {
        emit('scan.page-start', { jobId, documentId, page: ev.page, widthPx: ev.widthPx, heightPx: ev.heightPx, dpi: ev.dpi, mode: ev.mode });
      } else if (ev.type === 'progress') {
        emit('scan.progress', { jobId, documentId, page: ev.page, bytes: ev.bytes, expected: ev.expected });
      } else {
        // The pipeline starts no page while a capture waits to be stored: the scanner's pages first.
        const held = background?.hold();
        // The capture's files are written at once, beside the page before it (its fsync and the
        // next page's hashing overlap); only the commits wait their turn, in scan order.
        const raw = background ? writing.run(() => storeRawCapture(ev.file, ev.mode, this.deps.blobs)) : null;
        raw?.catch(() => undefined);
        storing = storing.then(async () => {
          let spoolKept = false;
          try {
            if (storeError) {
              // The job is failing; pages after a gap are not kept: their files go (no row names them).
              const written = await raw?.catch(() => null);
              if (written) background?.discard(written);
              return;
            }
            if (background && raw) {
              const stored = await raw;
              const page = documents.inTransaction(() => place([background.commitRaw(documentId, documents.lastSeq(documentId) + 1, stored, ev, profile.name)])[0]!);
              saved++;
              emit('scan.page', { jobId, documentId, page });
              spoolKept = true; // the pipeline reads it rather than decrypting the stored copy
              background.queue(page.id, ev.file, (e) => emit('scan.page-processed', { jobId, ...e, pages: [...e.pages] }));
            } else {
              const page = place([await storePage(this.deps, documentId, documents.lastSeq(documentId) + 1, { file: ev.file, mode: ev.mode, dpi: ev.dpi })])[0]!;
              saved++;
              emit('scan.page', { jobId, documentId, page });
            }
          } catch (e) {
            storeError = e;
            controller.abort(); // stop the scanner: pages it delivers now could not be stored
          } finally {
            held?.();
            if (!spoolKept) await rm(ev.file, { force: true });
          }
        });
      }
    };

    const scanEnded = background?.scanStarted();
    try {
      await mkdir(this.deps.spoolDir, { recursive: true });
      const outcome = await driver.scan({ deviceId, settings, spoolDir: this.deps.spoolDir, prefix: jobId, onEvent, signal: controller.signal });
      await storing;
      if (storeError) throw storeError;
      imaging?.sweepReleasedOriginals();
      log.info('scan finished', { jobId, documentId, deviceId, pages: saved, end: outcome.end });
      emit('scan.done', { jobId, documentId, pages: saved, end: outcome.end });
    } catch (e) {
      await storing;
      const error = inContext(storeError ?? e, settings.source);
      if (error instanceof StationError) log.warn('scan failed', { jobId, documentId, deviceId, code: error.code, saved });
      else log.error('scan failed unexpectedly', error, { jobId, documentId, deviceId, saved });
      // A draft this job created that never received a page is nothing to keep.
      const draftDiscarded = createdDraft && saved === 0 && documents.deleteEmptyDraft(documentId);
      emit('scan.failed', { jobId, documentId, error: toWireError(error, log.path), pagesSaved: saved, draftDiscarded });
    } finally {
      scanEnded?.();
      this.running.delete(jobId);
      this.deps.changed(documentId);
    }
  }
}

/** A device's report said for where the paper was: drivers report a jam the same way from the
 * glass as from the feeder, and a flatbed has no feeder cover to open. */
export function inContext(error: unknown, source: DriverScanSettings['source']): unknown {
  if (error instanceof StationError && error.code === 'jammed' && source === 'flatbed') return new StationError('jammed-flatbed', error.details, { cause: error });
  return error;
}

