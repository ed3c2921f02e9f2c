// The archivist's day over the core: batches, the scan that splits a stack into documents, the
// indexing form's saves and submission, the QC pass by a second person, and OCR hints.
import type { z } from 'zod';
import {
  type ArchiveBatch,
  ArchiveCreateInput,
  type ArchiveDocState,
  type ArchiveDocument,
  type ArchivePageCheck,
  ArchiveDocumentsQuery,
  ArchiveReviewInput,
  ArchiveScanInput,
  ArchiveScanResult,
  type DocumentDetail,
  type IndexEntries,
  MetadataInput,
  invalidInput,
} from '../../contract';
import type { Database } from 'better-sqlite3';
import type { Caller } from '../auth/caller';
import { StationError } from '../errors';
import { uuidv7 } from '../ids';
import type { OcrEngine } from '../ocr/engine';
import type { BlobStore } from '../records/blob-store';
import type { DocumentRepository } from '../records/documents';
import { vietnamIso } from '../time';
import { ArchiveRepository } from './batches';
import { type BatchScanDeps, StackTally, scanIntoBatch } from './batch-scan';
import { storeRawCapture } from '../capture/raw-capture';
import { imageError, openImage } from '../imaging/page-encoder';
import type { PageImaging } from '../imaging/page-imaging';
import type { Logger } from '../log';
import { hintsFromText } from './ocr-hints';
import { PageChecks } from './page-checks';
import { SheetExaminer } from './sheet-examiner';
import { SheetLines } from './sheet-line';
import { SheetRows } from './sheet-rows';

export interface ArchiveServiceDeps extends Omit<BatchScanDeps, 'archive' | 'lines'> {
  readonly db: Database;
  readonly repository: ArchiveRepository;
  /** The imaging pool the sheets are encoded in (shared with the scan screen). */
  readonly imaging: Pick<PageImaging, 'process' | 'stageParts' | 'workers'>;
  /** Take up the sheets a stopped process left (false while another process of the station runs). */
  readonly resume: boolean;
  readonly log: Logger;
  readonly changed: (documentId: string) => void;
  /** Saves a draft as a ready record (station.finish: PDF/A, conversion mark, OCR). */
  readonly finish: (documentId: string, metadata: MetadataInput, digitizedBy: string) => Promise<DocumentDetail>;
  readonly blobs: BlobStore;
  readonly documents: DocumentRepository;
  /** The station's OCR engine (the first page's text prefills the form). */
  readonly ocr: OcrEngine;
}

const STATE_VI: Record<ArchiveDocState, string> = { indexing: 'nhập liệu', review: 'chờ kiểm tra', 'sent-back': 'trả lại', approved: 'đã duyệt' };
const ACTION = {
  edit: { en: 'edited', vi: 'sửa' },
  submit: { en: 'sent for checking', vi: 'gửi kiểm tra' },
  review: { en: 'checked', vi: 'kiểm tra' },
} as const;

/** What the archivist typed, as metadata: blanks dropped, the batch's defaults beneath. */
export function entriesAsMetadata(defaults: IndexEntries, entries: IndexEntries): Record<string, string> {
  const merged: Record<string, string> = { kind: 'result' };
  for (const source of [defaults, entries])
    for (const [k, v] of Object.entries(source)) {
      const value = v?.trim();
      if (value) merged[k] = value;
      else delete merged[k];
    }
  return merged;
}

export class ArchiveService {
  private readonly scanning = new Map<string, { controller: AbortController; done: Promise<unknown> }>();
  readonly repository: ArchiveRepository;
  private readonly checks: PageChecks;
  /** Stacks stored first, processed behind, placed in feeder order (sheet-line.ts). */
  readonly lines: SheetLines;
  private readonly examiner: SheetExaminer;

  constructor(private readonly deps: ArchiveServiceDeps) {
    this.repository = deps.repository;
    this.checks = new PageChecks(deps);
    const rows = new SheetRows(deps.db, deps.documents, deps.repository, deps.blobs);
    this.examiner = new SheetExaminer(deps.log);
    this.lines = new SheetLines({ rows, blobs: deps.blobs, imaging: deps.imaging, examiner: this.examiner, log: deps.log, batch: (id) => this.repository.get(id), changed: deps.changed });
    const interrupted = this.repository.recoverInterrupted();
    if (interrupted.length) deps.log.warn('archive batches whose scan was interrupted', { batches: interrupted });
    if (deps.resume) this.lines.resume();
  }

  /** Resolves once every sheet stored into the batch is placed in its document (sheets left by
   * a process that died are processed here if no one else does). */
  async settled(batchId: string): Promise<void> {
    const batch = this.batch(batchId);
    if (!this.scanning.has(batch.id)) this.lines.retry(batch);
    await this.lines.drain(batch.id);
  }

  create(input: z.output<typeof ArchiveCreateInput>, caller: Caller): ArchiveBatch {
    const id = uuidv7();
    this.repository.create({
      id,
      name: input.name,
      separator: input.separator,
      barcodePrefix: input.separator === 'barcode' ? (input.barcodePrefix ?? '') : null,
      defaults: input.defaults,
      createdBy: caller.userId,
      createdByName: caller.name,
      createdAt: vietnamIso(),
    });
    return this.batch(id);
  }

  batch(id: string): ArchiveBatch {
    const batch = this.repository.get(id);
    if (!batch) throw new StationError('archive-batch-not-found', { id });
    return batch;
  }

  documents(q: z.output<typeof ArchiveDocumentsQuery>): ArchiveDocument[] {
    this.batch(q.batchId);
    return this.repository.documents(q);
  }

  document(documentId: string): ArchiveDocument {
    const doc = this.repository.document(documentId);
    if (!doc) throw new StationError('archive-document-not-found', { id: documentId });
    return doc;
  }

  async scan(req: z.output<typeof ArchiveScanInput>): Promise<z.output<typeof ArchiveScanResult>> {
    const batch = this.batch(req.batchId);
    if (this.scanning.has(batch.id) || batch.scanState === 'scanning') throw new StationError('archive-scan-running', { name: batch.name });
    const controller = new AbortController();
    const done = scanIntoBatch({ ...this.deps, archive: this.repository, lines: this.lines }, req, controller.signal);
    this.scanning.set(batch.id, { controller, done: done.catch(() => undefined) });
    try {
      return await done;
    } finally {
      this.scanning.delete(batch.id);
    }
  }

  /** Sheets a scanner already wrote to files (a production scanner's own capture software saves
   * TIFFs to a folder), taken in the order given, split by the batch's separators like a scan:
   * each file is stored as captured at once, and processed and placed behind, like a scan's. */
  async importFiles(batchId: string, paths: readonly string[], dpi: number): Promise<z.output<typeof ArchiveScanResult>> {
    const batch = this.batch(batchId);
    if (this.scanning.has(batch.id) || batch.scanState === 'scanning') throw new StationError('archive-scan-running', { name: batch.name });
    const controller = new AbortController();
    const work = (async () => {
      const tally = new StackTally();
      let lastSeq = 0;
      this.repository.setScanState(batch.id, 'scanning');
      this.lines.retry(batch);
      try {
        for (const file of paths) {
          if (controller.signal.aborted) throw new StationError('cancelled');
          let meta: { channels?: number; density?: number | undefined };
          try {
            meta = await openImage({ file }).metadata();
          } catch (e) {
            throw imageError(e, file);
          }
          const mode = meta.channels !== undefined && meta.channels <= 2 ? 'gray' : 'color';
          const held = this.lines.hold(); // no raw file is removed while this one is not yet committed
          try {
            const raw = await storeRawCapture(file, mode, this.deps.blobs);
            try {
              lastSeq = this.lines.commit(batch, raw, { dpi: meta.density ?? dpi, mode }, { path: file, owned: false }, tally.count);
            } catch (e) {
              this.lines.discardRaw(raw);
              throw e;
            }
          } finally {
            held();
          }
        }
        await this.lines.drain(batch.id, lastSeq);
        return { pages: tally.pages, separators: tally.separators, documentsStarted: tally.documentsStarted, end: 'count' as const };
      } catch (e) {
        // The files stored before the failure are placed before it is reported.
        const placing = await this.lines.drain(batch.id, lastSeq).then(() => null, (err: unknown) => err);
        throw placing ?? e;
      } finally {
        this.repository.setScanState(batch.id, 'idle');
      }
    })();
    this.scanning.set(batch.id, { controller, done: work.catch(() => undefined) });
    try {
      return await work;
    } finally {
      this.scanning.delete(batch.id);
    }
  }

  private inState(doc: ArchiveDocument, allowed: readonly ArchiveDocState[], action: keyof typeof ACTION): void {
    if (!allowed.includes(doc.state))
      throw new StationError('archive-wrong-state', { seq: doc.seq, state: doc.state, state_vi: STATE_VI[doc.state], action: ACTION[action].en, action_vi: ACTION[action].vi });
  }

  /** Keeps what was typed, valid or not yet, and the archivist's place in the batch. */
  saveEntries(documentId: string, entries: IndexEntries): ArchiveDocument {
    const doc = this.document(documentId);
    this.inState(doc, ['indexing', 'sent-back'], 'edit');
    this.repository.saveEntries(doc.documentId, entries, vietnamIso());
    return this.document(documentId);
  }

  /** Marks where the archivist is, without changing a document (moving through the batch). */
  setPosition(batchId: string, seq: number): ArchiveBatch {
    this.batch(batchId);
    this.repository.setPosition(batchId, seq);
    return this.batch(batchId);
  }

  /** The metadata the entries make, checked by the records layer's own rules. */
  private validated(doc: ArchiveDocument, entries: IndexEntries): MetadataInput {
    const batch = this.batch(doc.batchId);
    const parsed = MetadataInput.safeParse(entriesAsMetadata(batch.defaults, entries));
    if (!parsed.success) throw new StationError('invalid-input', invalidInput(parsed.error, ['entries']).details ?? {});
    return parsed.data;
  }

  submit(documentId: string, entries: IndexEntries, caller: Caller): ArchiveDocument {
    const doc = this.document(documentId);
    this.inState(doc, ['indexing', 'sent-back'], 'submit');
    // The document the feeder is still filling is not finished paper yet.
    const batch = this.batch(doc.batchId);
    if (batch.scanState === 'scanning' && this.repository.openDocument(batch.id) === doc.documentId) throw new StationError('archive-scan-running', { name: batch.name });
    this.validated(doc, entries);
    const now = vietnamIso();
    this.repository.inTransaction(() => {
      this.repository.saveEntries(doc.documentId, entries, now);
      this.repository.setState(doc.documentId, 'review', { indexed: { userId: caller.userId, name: caller.name } }, now);
    });
    return this.document(documentId);
  }

  /** The QC pass: someone other than the indexer approves (the draft becomes a ready record
   * with its archival fields) or sends it back with a reason. */
  async review(input: z.output<typeof ArchiveReviewInput>, caller: Caller): Promise<ArchiveDocument> {
    const doc = this.document(input.documentId);
    this.inState(doc, ['review'], 'review');
    if (caller.userId === null || caller.userId === this.repository.indexedBy(doc.documentId)) throw new StationError('archive-same-person', {});
    const reviewer = { userId: caller.userId, name: caller.name };
    if (input.decision === 'send-back') {
      this.repository.setState(doc.documentId, 'sent-back', { reviewed: reviewer, reason: input.reason ?? null }, vietnamIso());
      return this.document(doc.documentId);
    }
    // Blank pages in a record are mostly a feeder's empty backs or a missed sheet: the checker
    // must have seen them (a 10-blank-page document was once approved unseen).
    if (doc.blankPages.length > 0 && input.keepBlankPages !== true) throw new StationError('archive-blank-pages', { seq: doc.seq, pages: doc.blankPages.join(', '), count: doc.blankPages.length });
    // The conversion mark names who turned the paper into images: the batch's archivist.
    await this.deps.finish(doc.documentId, this.validated(doc, doc.entries), this.batch(doc.batchId).createdByName);
    this.repository.setState(doc.documentId, 'approved', { reviewed: reviewer, reason: null }, vietnamIso());
    return this.document(doc.documentId);
  }

  /** Recognises the document's first page (once) and keeps what it offers for the form. */
  async prefill(documentId: string): Promise<ArchiveDocument> {
    const doc = this.document(documentId);
    if (doc.hints) return doc;
    const first = this.deps.documents.pages(doc.documentId)[0];
    if (!first) return doc;
    const image = await this.deps.blobs.materialise(first.sha256);
    const result = await this.deps.ocr.recognise(image.path, { dpi: first.dpi }).finally(() => image.done());
    this.repository.setHints(doc.documentId, hintsFromText(result.text));
    return this.document(documentId);
  }

  /** Each page of an archive document looked at for the QC pass (blank, skewed, dark). */
  pageChecks(documentId: string): Promise<ArchivePageCheck[]> {
    return this.checks.of(this.document(documentId).documentId);
  }

  /** Stops the batch's scan (the feeder stops; pages stored stay); false if none was running. */
  cancelScan(batchId: string): boolean {
    const job = this.scanning.get(batchId);
    job?.controller.abort();
    return job !== undefined;
  }

  /** Stops running batch scans, keeping the pages they stored. */
  async close(): Promise<void> {
    const jobs = [...this.scanning.values()];
    for (const j of jobs) j.controller.abort();
    await this.lines.close(); // the sheets not placed keep their rows for the next start
    await Promise.all(jobs.map((j) => j.done));
    await this.examiner.close();
  }
}
