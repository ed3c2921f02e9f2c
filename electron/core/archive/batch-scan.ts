// A stack through the feeder into an archive batch. Each sheet the scanner delivers is looked at
// first: a separator ends the document being filled (and is not kept); any other page joins it,
// or starts the next document. Sheets are handled one after another in feeder order, and each
// page is durable in the blob store and committed with its document before the next is looked at,
// so a crash at page 412 keeps pages 1–411 in their documents.
import { mkdir, rm } from 'node:fs/promises';
import type { z } from 'zod';
import type { ArchiveBatch, ArchiveScanInput, ArchiveScanResult, ColorMode } from '../../contract';
import { resolveScanSettings } from '../capture/scan-settings';
import { StationError } from '../errors';
import { uuidv7 } from '../ids';
import { encodePage } from '../imaging/page-encoder';
import type { Logger } from '../log';
import type { BlobStore } from '../records/blob-store';
import type { DocumentRepository } from '../records/documents';
import type { DeviceRegistry } from '../scan/device-registry';
import type { DriverEvent } from '../scan/driver';
import { vietnamIso } from '../time';
import type { ArchiveRepository } from './batches';
import { classifySheet, measureBlank } from './separators';
import type { PageSteps } from '../imaging/apply';

/** An archive page is stored as scanned: its steps say so, with what the blank test measured. */
const AS_SCANNED: Omit<PageSteps, 'capturedMode' | 'storedMode' | 'blank' | 'inkFraction'> = { profile: 'none', exifOrientation: 1, quarterTurns: 0, deskewDegrees: 0, crop: null, part: 'whole', hasColour: null };

export interface BatchScanDeps {
  readonly registry: DeviceRegistry;
  readonly documents: DocumentRepository;
  readonly blobs: BlobStore;
  readonly archive: ArchiveRepository;
  readonly spoolDir: string;
  readonly log: Logger;
  readonly changed: (documentId: string) => void;
}

type ScanInput = z.output<typeof ArchiveScanInput>;
type ScanResult = z.output<typeof ArchiveScanResult>;
type PageEvent = Extract<DriverEvent, { type: 'page' }>;

export interface Sheet {
  readonly file: string;
  readonly dpi: number;
  readonly mode: ColorMode;
}

/** One sheet of the stack, in feeder order: a separator ends the open document (and is not
 * kept); a page joins it, or starts the next document. The page's files are durable before its
 * row is committed, with its document's, in one transaction. */
export async function addSheet(deps: Omit<BatchScanDeps, 'registry' | 'spoolDir'>, batch: ArchiveBatch, sheet: Sheet): Promise<'separator' | 'page' | 'new-document'> {
  const { archive, documents } = deps;
  const verdict = await classifySheet(sheet.file, sheet.dpi, { kind: batch.separator, barcodePrefix: batch.barcodePrefix });
  if (verdict.separator) {
    archive.separatorSeen(batch.id);
    return 'separator';
  }
  // Kept pages are measured too: a blank page inside a document is what the QC pass must see.
  const measured = batch.separator === 'blank' ? { blank: false, inkFraction: Number(verdict.found) } : await measureBlank(sheet.file, sheet.dpi);
  const encoded = await encodePage({ file: sheet.file }, sheet.mode, sheet.dpi, deps.blobs);
  const now = vietnamIso();
  let started = false;
  const documentId = documents.inTransaction(() => {
    let id = archive.openDocument(batch.id);
    if (!id) {
      id = uuidv7();
      documents.createDraft(id, `archive:${batch.id}`, { kind: 'result' }, now);
      archive.startDocument(batch.id, id, now);
      started = true;
    }
    const pageId = uuidv7();
    documents.addPage({
      id: pageId,
      documentId: id,
      seq: documents.lastSeq(id) + 1,
      image: encoded.image,
      thumb: encoded.thumb,
      widthPx: encoded.widthPx,
      heightPx: encoded.heightPx,
      dpi: sheet.dpi,
      mode: sheet.mode,
      createdAt: now,
    });
    archive.pageAdded(id);
    archive.recordSteps(pageId, { ...AS_SCANNED, capturedMode: sheet.mode, storedMode: sheet.mode, ...measured }, now);
    return id;
  });
  deps.changed(documentId);
  return started ? 'new-document' : 'page';
}

export async function scanIntoBatch(deps: BatchScanDeps, req: ScanInput, signal: AbortSignal): Promise<ScanResult> {
  const { archive, log } = deps;
  const batch = archive.get(req.batchId);
  if (!batch) throw new StationError('archive-batch-not-found', { id: req.batchId });
  const driver = deps.registry.driverFor(req.device);
  const settings = resolveScanSettings({ ...req, documentId: undefined, metadata: undefined }, await driver.caps(req.device));

  let pages = 0;
  let separators = 0;
  let documentsStarted = 0;
  let failure: unknown = null;
  let chain = Promise.resolve();
  const controller = new AbortController();
  const stop = () => controller.abort();
  signal.addEventListener('abort', stop, { once: true });

  const handle = async (ev: PageEvent) => {
    const outcome = await addSheet(deps, batch, { file: ev.file, dpi: ev.dpi, mode: ev.mode });
    if (outcome === 'separator') separators++;
    else {
      pages++;
      if (outcome === 'new-document') documentsStarted++;
    }
  };

  const onEvent = (ev: DriverEvent) => {
    if (ev.type !== 'page') return;
    chain = chain.then(async () => {
      try {
        if (failure === null) await handle(ev);
      } catch (e) {
        failure = e;
        controller.abort(); // pages after a gap would land in the wrong document
      } finally {
        await rm(ev.file, { force: true });
      }
    });
  };

  archive.setScanState(batch.id, 'scanning');
  try {
    await mkdir(deps.spoolDir, { recursive: true });
    const outcome = await driver.scan({ deviceId: req.device, settings, spoolDir: deps.spoolDir, prefix: `archive-${uuidv7()}`, onEvent, signal: controller.signal });
    await chain;
    if (failure) throw failure;
    log.info('archive scan finished', { batchId: batch.id, pages, separators, documentsStarted, end: outcome.end });
    return { pages, separators, documentsStarted, end: outcome.end };
  } catch (e) {
    await chain;
    log.warn('archive scan stopped', { batchId: batch.id, pages, separators, code: e instanceof StationError ? e.code : 'internal' });
    throw failure ?? e;
  } finally {
    signal.removeEventListener('abort', stop);
    archive.setScanState(batch.id, 'idle');
  }
}
