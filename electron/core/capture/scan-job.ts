// Running scans: a job drives one device through its driver, stores each page as it arrives
// (while the scanner goes on feeding), and reports progress to whoever started it.
//
// Each page goes to the imaging pool as soon as it arrives, so pages are processed in parallel
// while the scanner goes on feeding; they are committed one after another, in the order the
// scanner delivered them. If the scan fails — a jam, a hung driver, a cancel — every page
// already delivered is still stored before the failure is reported, and stays in the draft.
import { mkdir, rm } from 'node:fs/promises';
import type { EventSink, MethodParsedInput } from '../../contract';
import { StationError, toWireError } from '../errors';
import { uuidv7 } from '../ids';
import type { Logger } from '../log';
import type { BlobStore } from '../records/blob-store';
import type { DocumentRepository } from '../records/documents';
import type { DeviceRegistry } from '../scan/device-registry';
import type { DriverEvent, DriverScanSettings, ScanDriver } from '../scan/driver';
import type { PageImaging } from '../imaging/page-imaging';
import { type ImagingProfile, profileFor } from '../imaging/profiles';
import { vietnamIso } from '../time';
import { resolveScanSettings } from './scan-settings';
import { storePage } from './store-page';

export type Emit = EventSink;

export interface ScanJobsDeps {
  readonly registry: DeviceRegistry;
  readonly documents: DocumentRepository;
  readonly blobs: BlobStore;
  readonly spoolDir: string;
  readonly log: Logger;
  /** Told when a document changed, for every client's lists. */
  readonly changed: (documentId: string) => void;
  /** The imaging pipeline; absent: pages are stored as captured (plain encoding). */
  readonly imaging?: PageImaging | undefined;
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
    const settings = resolveScanSettings(req, await driver.caps(req.device));

    let documentId: string;
    const now = vietnamIso();
    if (req.documentId) {
      documentId = documents.resolveId(req.documentId);
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

  cancel(jobId: string): boolean {
    const job = this.running.get(jobId);
    job?.controller.abort();
    return job !== undefined;
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
    const { documents, log, imaging, placePages } = this.deps;
    let seq = documents.lastSeq(documentId);
    // Where the next page goes when inserting: each new page lands after the ones this job put there.
    let nextInsert = insertAt !== undefined && placePages && insertAt <= seq ? insertAt : null;
    const place = <P extends { id: string; seq: number }>(pages: readonly P[]): P[] => {
      if (nextInsert === null || !placePages || pages.length === 0) return [...pages];
      const first = placePages(documentId, pages.map((p) => p.id), nextInsert);
      nextInsert = first + pages.length;
      return pages.map((p, i) => ({ ...p, seq: first + i }));
    };
    let saved = 0;
    let storing = Promise.resolve();
    let storeError: unknown = null;

    const onEvent = (ev: DriverEvent) => {
      if (ev.type === 'page-start') {
        emit('scan.page-start', { jobId, documentId, page: ev.page, widthPx: ev.widthPx, heightPx: ev.heightPx, dpi: ev.dpi, mode: ev.mode });
      } else if (ev.type === 'progress') {
        emit('scan.progress', { jobId, documentId, page: ev.page, bytes: ev.bytes, expected: ev.expected });
      } else {
        const capture = { input: { file: ev.file }, mode: ev.mode, dpi: ev.dpi, mediaType: 'image/tiff' };
        // Processing starts now, beside the pages before it; only the commits wait their turn.
        const staging = imaging ? imaging.process(capture, profile.name).then((p) => imaging.stage(capture, p)) : null;
        staging?.catch(() => undefined);
        storing = storing.then(async () => {
          try {
            if (storeError) return; // the job is failing; do not store pages after a gap
            if (imaging && staging) {
              const staged = await staging;
              const pages = documents.inTransaction(() => place(imaging.commit(documents, documentId, seq + 1, staged)));
              seq += pages.length;
              saved += pages.length;
              for (const page of pages) emit('scan.page', { jobId, documentId, page });
            } else {
              const page = place([await storePage(this.deps, documentId, ++seq, { file: ev.file, mode: ev.mode, dpi: ev.dpi })])[0]!;
              saved++;
              emit('scan.page', { jobId, documentId, page });
            }
          } catch (e) {
            storeError = e;
            controller.abort(); // stop the scanner: pages it delivers now could not be stored
          } finally {
            await rm(ev.file, { force: true });
          }
        });
      }
    };

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
      const error = storeError ?? e;
      if (error instanceof StationError) log.warn('scan failed', { jobId, documentId, deviceId, code: error.code, saved });
      else log.error('scan failed unexpectedly', error, { jobId, documentId, deviceId, saved });
      // A draft this job created that never received a page is nothing to keep.
      const draftDiscarded = createdDraft && saved === 0 && documents.deleteEmptyDraft(documentId);
      emit('scan.failed', { jobId, documentId, error: toWireError(error, log.path), pagesSaved: saved, draftDiscarded });
    } finally {
      this.running.delete(jobId);
      this.deps.changed(documentId);
    }
  }
}
