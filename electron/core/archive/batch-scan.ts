// A stack through the feeder into an archive batch, stored first and processed behind (issue 17).
// Each sheet the scanner delivers is committed as captured at once (its raw capture hashed,
// encrypted and fsynced into the blob store, a row with its feeder seq: sheet-rows.ts), while the
// scanner goes on feeding; the sheet line (sheet-line.ts) then tells separators from pages,
// measures and encodes the sheets in parallel, and places them into documents strictly in feeder
// order: a separator ends the document being filled (and is not kept); any other page joins it,
// or starts the next document. The scan answers once every sheet it captured is placed (the
// stack is ready for indexing). A crash at sheet 412 keeps sheets 1–411 stored, placed or not.
import { mkdir, rm } from 'node:fs/promises';
import type { z } from 'zod';
import type { ArchiveScanInput, ArchiveScanResult } from '../../contract';
import { type RawCapture, storeRawCapture } from '../capture/raw-capture';
import { resolveScanSettings } from '../capture/scan-settings';
import { StationError } from '../errors';
import { uuidv7 } from '../ids';
import type { Logger } from '../log';
import type { BlobStore } from '../records/blob-store';
import type { DeviceRegistry } from '../scan/device-registry';
import type { DriverEvent } from '../scan/driver';
import type { ArchiveRepository } from './batches';
import type { SheetLines } from './sheet-line';
import type { SheetOutcome } from './sheet-rows';
import { Limiter } from '../limiter';

export interface BatchScanDeps {
  readonly registry: DeviceRegistry;
  readonly blobs: BlobStore;
  readonly archive: ArchiveRepository;
  readonly lines: SheetLines;
  readonly spoolDir: string;
  readonly log: Logger;
}

type ScanInput = z.output<typeof ArchiveScanInput>;
type ScanResult = z.output<typeof ArchiveScanResult>;

/** What a stack (a scan or an import) did, counted as its sheets are placed. */
export class StackTally {
  pages = 0;
  separators = 0;
  documentsStarted = 0;

  readonly count = (outcome: SheetOutcome): void => {
    if (outcome === 'separator') this.separators++;
    else this.pages++;
    if (outcome === 'new-document') this.documentsStarted++;
  };
}


export async function scanIntoBatch(deps: BatchScanDeps, req: ScanInput, signal: AbortSignal): Promise<ScanResult> {
  const { archive, lines, log } = deps;
  const batch = archive.get(req.batchId);
  if (!batch) throw new StationError('archive-batch-not-found', { id: req.batchId });
  const driver = deps.registry.driverFor(req.device);
  const settings = resolveScanSettings({ ...req, documentId: undefined, metadata: undefined }, await driver.caps(req.device));

  const tally = new StackTally();
  let lastSeq = 0;
  let failure: unknown = null;
  let storing = Promise.resolve();
  // Two captures written at once (one's fsync overlaps the next one's hashing and encryption);
  // the commits wait their turn, in feeder order.
  const writing = new Limiter(2);
  const controller = new AbortController();
  const stop = () => controller.abort();
  signal.addEventListener('abort', stop, { once: true });

  const onEvent = (ev: DriverEvent) => {
    if (ev.type !== 'page') return;
    const held = lines.hold(); // no raw file is removed while this one is not yet committed
    const raw: Promise<RawCapture> = writing.run(() => storeRawCapture(ev.file, ev.mode, deps.blobs));
    raw.catch(() => undefined);
    storing = storing.then(async () => {
      let kept = false;
      try {
        failure ??= lines.failure(batch.id); // a sheet could not be processed: the feeder stops
        if (failure) {
          controller.abort();
          // The stack is failing: sheets after a gap are not kept (no row names their files).
          const written = await raw.catch(() => null);
          if (written) lines.discardRaw(written);
          return;
        }
        const stored = await raw;
        try {
          lastSeq = lines.commit(batch, stored, { dpi: ev.dpi, mode: ev.mode }, { path: ev.file, owned: true }, tally.count);
        } catch (e) {
          lines.discardRaw(stored);
          throw e;
        }
        kept = true; // the line reads the spool file rather than decrypting the stored copy, then removes it
      } catch (e) {
        failure = e;
        controller.abort(); // sheets the feeder delivers now could not be stored
      } finally {
        held();
        if (!kept) await rm(ev.file, { force: true });
      }
    });
  };

  archive.setScanState(batch.id, 'scanning');
  lines.retry(batch); // sheets left over from an earlier stack go first
  try {
    await mkdir(deps.spoolDir, { recursive: true });
    const outcome = await driver.scan({ deviceId: req.device, settings, spoolDir: deps.spoolDir, prefix: `archive-${uuidv7()}`, onEvent, signal: controller.signal });
    await storing;
    if (failure) throw failure;
    await lines.drain(batch.id, lastSeq);
    const { pages, separators, documentsStarted } = tally;
    log.info('archive scan finished', { batchId: batch.id, pages, separators, documentsStarted, end: outcome.end });
    return { pages, separators, documentsStarted, end: outcome.end };
  } catch (e) {
    await storing;
    // Every sheet stored is placed before the failure is reported (unless the line itself failed).
    const placing = await lines.drain(batch.id, lastSeq).then(() => null, (err: unknown) => err);
    log.warn('archive scan stopped', { batchId: batch.id, pages: tally.pages, separators: tally.separators, code: e instanceof StationError ? e.code : 'internal' });
    throw failure ?? placing ?? e;
  } finally {
    signal.removeEventListener('abort', stop);
    archive.setScanState(batch.id, 'idle');
  }
}
