// An archive stack stored first and processed behind, like the scan screen's pages (issue 17).
//
// Each sheet is committed as captured the moment it arrives (sheet-rows.ts: raw capture in the
// blob store, a row with its feeder seq); the imaging pool then encodes sheets in parallel, up to
// its size, while the separator test and the blank measure run beside each on the examining
// thread (sheet-examiner.ts: one reduced copy of the sheet serves both), and the next sheets keep
// arriving. A placer puts the processed sheets into documents strictly in feeder order, one
// transaction per sheet, whatever order their processing finished in: a sheet whose turn has not
// come waits (its files staged, a few bytes of description in memory).
//
// A process that dies leaves the rows of the sheets it had not placed; the next start takes them
// up (resume), from their stored raw captures, in the same order: nothing lost, nothing doubled.
// A sheet whose processing fails stops its batch's line there (a sheet after a gap could land in
// the wrong document): its row and those behind it stay, and the next scan or start tries again.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { ArchiveBatch, ColorMode } from '../../contract';
import type { RawCapture } from '../capture/raw-capture';
import { StationError } from '../errors';
import type { Logger } from '../log';
import type { PageImaging } from '../imaging/page-imaging';
import type { BlobStore } from '../records/blob-store';
import { asStation } from '../auth/caller';
import type { SheetExaminer } from './sheet-examiner';
import type { ProcessedSheet, SheetOutcome, SheetRow, SheetRows } from './sheet-rows';

/** A capture that cannot be read as an image: trying again changes nothing. */
const UNREADABLE: ReadonlySet<string> = new Set(['import-unreadable', 'image-too-large']);

export interface SheetLineDeps {
  readonly rows: SheetRows;
  readonly blobs: BlobStore;
  readonly imaging: Pick<PageImaging, 'process' | 'stageParts' | 'workers'>;
  /** The separator test and the blank measure, off the main thread. */
  readonly examiner: Pick<SheetExaminer, 'examine'>;
  readonly log: Logger;
  /** The batch as it is now (its separator rule), or null if it is gone. */
  readonly batch: (batchId: string) => ArchiveBatch | null;
  /** Told when a document received a page, for every client's lists and the archive's progress. */
  readonly changed: (documentId: string) => void;
}

/** Where a sheet's capture is still on disk in the clear: read instead of decrypting the stored copy. */
interface SheetFile {
  readonly path: string;
  /** The spool file is ours to remove once processed (an imported file is the archivist's). */
  readonly owned: boolean;
}

interface Line {
  batch: ArchiveBatch;
  /** Every sheet committed and not placed, in feeder order. */
  readonly order: SheetRow[];
  /** Sheets not yet given to processing. */
  readonly queue: SheetRow[];
  readonly running: Set<number>;
  readonly done: Map<number, ProcessedSheet>;
  readonly files: Map<number, SheetFile>;
  readonly listeners: Map<number, (outcome: SheetOutcome) => void>;
  failure: unknown;
}

export class SheetLines {
  private readonly lines = new Map<string, Line>();
  private readonly inFlight = new Set<Promise<void>>();
  private waiters: (() => void)[] = [];
  private closed = false;
  /** Captures written and not yet committed (see hold). */
  private holds = 0;
  /** Raw files whose rows went while a capture was under way: removed once none is. */
  private readonly released: string[] = [];

  constructor(private readonly deps: SheetLineDeps) {}

  /** How many sheets are processed at once: the pool's workers, and one more whose separator
   * test and blank measure run on this thread meanwhile (the pool never waits for a sheet). */
  private get limit(): number {
    return this.deps.imaging.workers + 1;
  }

  /** Commits a captured sheet next in its batch's feeder order and queues it. Call in feeder
   * order; `file` is the capture in the clear, if still on disk. Throws (nothing committed) once
   * the batch's line has stopped. */
  commit(batch: ArchiveBatch, raw: RawCapture, capture: { dpi: number; mode: ColorMode }, file: SheetFile | null, onPlaced?: (o: SheetOutcome) => void): number {
    const line = this.line(batch);
    // After a sheet that stopped the line, nothing more is stored: the caller discards the capture.
    if (line.failure) throw line.failure;
    const row = this.deps.rows.commit(batch.id, raw, capture);
    line.order.push(row);
    line.queue.push(row);
    if (file) line.files.set(row.seq, file);
    if (onPlaced) line.listeners.set(row.seq, onPlaced);
    this.pump();
    return row.seq;
  }

  /** Takes up the sheets a stopped process left, for every batch (a fresh start). */
  resume(): void {
    for (const batchId of this.deps.rows.batchesWithSheets()) {
      const batch = this.deps.batch(batchId);
      if (batch) this.retry(batch);
    }
  }

  /** Before a new scan or import of the batch: its sheets left over (a failure, a stopped
   * process) are queued again, ahead of the new ones. */
  retry(batch: ArchiveBatch): void {
    const line = this.line(batch);
    line.batch = batch;
    line.failure = null;
    const known = new Set(line.order.map((r) => r.seq));
    const waiting = new Set(line.queue.map((r) => r.seq));
    for (const row of this.deps.rows.pending(batch.id)) {
      if (!known.has(row.seq)) line.order.push(row);
      if (!waiting.has(row.seq) && !line.running.has(row.seq) && !line.done.has(row.seq)) line.queue.push(row);
    }
    line.order.sort((a, b) => a.seq - b.seq);
    line.queue.sort((a, b) => a.seq - b.seq);
    this.pump();
  }

  /** Why the batch's line stopped (null: it runs). */
  failure(batchId: string): unknown {
    return this.lines.get(batchId)?.failure ?? null;
  }

  /** A capture is being written and not yet committed: until it is, no raw file is removed (the
   * same content — a feeder's identical sheets — may be what it just wrote; its row will name it).
   * Returns the release, to call once the capture is committed or discarded. */
  hold(): () => void {
    this.holds++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.holds--;
      this.removeReleased([]);
    };
  }

  /** Removes the files of a capture stored but never committed (its stack failed before its turn). */
  discardRaw(raw: RawCapture): void {
    this.removeReleased([raw.image.sha256, raw.thumb.sha256]);
  }

  private removeReleased(shas: readonly string[]): void {
    this.released.push(...shas);
    if (this.holds > 0 || this.released.length === 0) return;
    this.deps.rows.removeReleased(this.released.splice(0));
  }

  /** Sheets of the batch stored and not placed yet. */
  waiting(batchId: string): number {
    return this.lines.get(batchId)?.order.length ?? this.deps.rows.count(batchId);
  }

  /** Resolves once every sheet of the batch up to `seq` (all of them: Infinity) is placed; fails
   * with the sheet that stopped the line. */
  async drain(batchId: string, seq = Number.POSITIVE_INFINITY): Promise<void> {
    for (;;) {
      const line = this.lines.get(batchId);
      if (!line) return;
      // A failure is reported once the sheets before it, still under way, are placed.
      if (line.failure && line.running.size === 0) throw line.failure;
      const first = line.order[0];
      if (!line.failure && (!first || first.seq > seq)) return;
      if (this.closed) throw new StationError('imaging-interrupted', { id: line.batch.name });
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Stops processing: the sheets under way finish (and are placed if their turn comes); the
   * others keep their rows for the next start. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.inFlight]);
    for (const line of this.lines.values()) {
      for (const sheet of line.done.values()) this.deps.rows.discard(sheet);
      line.done.clear();
      await this.dropFiles(line);
    }
    this.wake();
  }

  private line(batch: ArchiveBatch): Line {
    let line = this.lines.get(batch.id);
    if (!line) {
      line = { batch, order: [], queue: [], running: new Set(), done: new Map(), files: new Map(), listeners: new Map(), failure: null };
      this.lines.set(batch.id, line);
    }
    return line;
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  private pump(): void {
    if (this.closed) return;
    for (const line of this.lines.values()) {
      while (this.inFlight.size < this.limit && line.queue.length > 0 && !line.failure) {
        const row = line.queue.shift()!;
        line.running.add(row.seq);
        // The station's own work, whoever's call woke the pump.
        const job: Promise<void> = asStation(() => this.process(line, row))
          .then(
            (sheet) => {
              if (this.closed || !line.order.some((r) => r.seq === row.seq)) this.deps.rows.discard(sheet);
              else line.done.set(row.seq, sheet);
            },
            (e: unknown) => {
              if (this.closed) return; // the pool closed under the sheet: its row stays for the next start
              this.deps.log.error('an archive sheet could not be processed; its batch stops there', e, { batchId: row.batchId, seq: row.seq });
              if (line.failure) return;
              line.failure = e;
              // A sheet that cannot be read is no page, now or later: it and the sheets fed after it
              // are dropped, as a scan that fails drops what comes after the gap (the archivist feeds
              // them again). Anything else (the disk, memory) leaves them to be tried again.
              if (e instanceof StationError && UNREADABLE.has(e.code)) this.dropFrom(line, row.seq);
            },
          )
          .finally(() => {
            line.running.delete(row.seq);
            this.inFlight.delete(job);
            this.place(line);
            if (line.failure) void this.dropFiles(line);
            this.wake();
            this.pump();
          });
        this.inFlight.add(job);
      }
    }
  }

  /** The separator test, the blank measure and the encoding of one sheet; its files staged. */
  private async process(line: Line, row: SheetRow): Promise<ProcessedSheet> {
    const { blobs, imaging } = this.deps;
    const own = line.files.get(row.seq);
    line.files.delete(row.seq);
    const plain = own && existsSync(own.path) ? { path: own.path, done: async () => {} } : await blobs.materialise(row.rawSha256);
    try {
      const rule = { kind: line.batch.separator, barcodePrefix: line.batch.barcodePrefix };
      const encoding = imaging.process({ input: { file: plain.path }, mode: row.mode, dpi: row.dpi, mediaType: 'image/tiff' }, 'none');
      encoding.catch(() => undefined); // awaited below; a separator's encoding is only waited for
      // One reduced copy of the sheet serves the separator test and the blank measure.
      const { verdict, measured } = await this.deps.examiner.examine(plain.path, row.dpi, rule);
      if (verdict.separator) {
        await encoding.catch(() => undefined);
        return { separator: true };
      }
      const [part] = await imaging.stageParts(await encoding);
      if (!part) throw new StationError('imaging-interrupted', { id: line.batch.name }); // 'none' always gives the page
      return { separator: false, measured, part };
    } finally {
      await plain.done();
      if (own?.owned) await rm(own.path, { force: true });
    }
  }

  /** Places every processed sheet whose turn has come, in feeder order. */
  private place(line: Line): void {
    for (;;) {
      const next = line.order[0];
      const sheet = next && line.done.get(next.seq);
      if (!next || !sheet) return;
      line.done.delete(next.seq);
      let placed: ReturnType<SheetRows['place']>;
      try {
        placed = this.deps.rows.place(line.batch, next, sheet);
      } catch (e) {
        this.deps.rows.discard(sheet);
        this.deps.log.error('an archive sheet could not be placed; its batch stops there', e, { batchId: next.batchId, seq: next.seq });
        line.failure = e;
        return;
      }
      line.order.shift();
      const listener = line.listeners.get(next.seq);
      line.listeners.delete(next.seq);
      if (placed) {
        this.removeReleased(placed.released);
        listener?.(placed.outcome);
        if (placed.documentId) this.deps.changed(placed.documentId);
      }
    }
  }

  private dropFrom(line: Line, seq: number): void {
    this.removeReleased(this.deps.rows.dropFrom(line.batch.id, seq));
    const later = (r: { seq: number }) => r.seq >= seq;
    for (const [s, sheet] of line.done) {
      if (s < seq) continue;
      this.deps.rows.discard(sheet);
      line.done.delete(s);
    }
    for (const list of [line.order, line.queue]) list.splice(0, list.length, ...list.filter((r) => !later(r)));
    for (const s of [...line.listeners.keys()]) if (s >= seq) line.listeners.delete(s);
  }

  /** The clear copies of sheets that will not be processed now (they are in the blob store). */
  private async dropFiles(line: Line): Promise<void> {
    const files = [...line.files.values()];
    line.files.clear();
    for (const f of files) if (f.owned) await rm(f.path, { force: true });
  }
}
