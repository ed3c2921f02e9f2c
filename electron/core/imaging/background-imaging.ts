// The imaging pipeline run behind the scanner (issues 3 and 4): a scan commits each page as
// captured (capture/raw-capture.ts, a pending_imaging row beside it, migration 10), and this
// class works through the pending pages in the order they were queued, replacing each page's
// image in place when its processing is done. The scanner never waits for the pipeline, and the
// counter sees a thumbnail as soon as the capture is stored.
//
// What a finished page becomes, in ONE transaction with the pending row's removal:
//  - one page: its image swapped (capture/page-swap.ts), the raw capture kept as its original
//    until signing when the page differs from it;
//  - a book spread: the first half swapped in, the second inserted right after it;
//  - a blank page the profile removes: deleted like a hand delete (capture/page-edits.ts).
// Files that lose their last row are removed only after that commit (the blob store's removal
// intents cover a process killed in between). A page whose image changed meanwhile (a hand edit)
// is refused by the swap (`page-changed`) and what was computed is dropped.
//
// Anything that reads a draft's pages as final (saving, the ID card, manual duplex) awaits
// settled(documentId) first. A process killed with pages pending leaves their rows: the next
// process takes them up (resume() at start, or settled() for a document it is asked to save).
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Database } from 'better-sqlite3';
import type { ColorMode, PageInfo } from '../../contract';
import { PageEdits } from '../capture/page-edits';
import { PageSwap } from '../capture/page-swap';
import { StationError, errorMessage } from '../errors';
import { uuidv7 } from '../ids';
import type { Logger } from '../log';
import type { AuditLog } from '../records/audit';
import type { BlobStore } from '../records/blob-store';
import type { DocumentRepository } from '../records/documents';
import { vietnamIso } from '../time';
import type { RawCapture } from '../capture/raw-capture';
import type { PageSteps } from './apply';
import type { PageImaging, StagedPage } from './page-imaging';
import type { ProfileName } from './profiles';
import { asStation } from '../auth/caller';

/** A pending page finished: what replaced it (none: a blank page removed; two: a spread split). */
export interface PageProcessed {
  readonly documentId: string;
  readonly pageId: string;
  readonly pages: readonly PageInfo[];
}

export interface BackgroundImagingDeps {
  readonly db: Database;
  readonly documents: DocumentRepository;
  readonly blobs: BlobStore;
  readonly imaging: PageImaging;
  readonly log: Logger;
  /** Told when a document's pages changed for every client's lists (a split, a removal, the last pending page done). */
  readonly changed: (documentId: string) => void;
  /** Where a page the profile removed as blank is recorded: a page left a draft, and the record's
   * history must say why and by what rule, not only an officer's deletions. */
  readonly audit?: Pick<AuditLog, 'append'> | undefined;
}

interface PendingRow {
  readonly pageId: string;
  readonly documentId: string;
  readonly profile: ProfileName;
  readonly rawSha256: string;
}

type Removal = { shas: readonly string[]; listed: (sha: string) => boolean };

export class BackgroundImaging {
  /** Captures still in the spool folder (this process scanned them): read instead of decrypting. */
  private readonly spool = new Map<string, string>();
  /** Pages this process was asked to process; settled() and resume() widen it. */
  private readonly wanted = new Set<string>();
  private readonly wantedDocuments = new Set<string>();
  private all = false;
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly listeners = new Map<string, (e: PageProcessed) => void>();
  private waiters: (() => void)[] = [];
  /** Raw stores under way: the scanner's pages come first, the pipeline waits (see hold). */
  private holds = 0;
  private scanning = 0;
  private closed = false;
  /** File removals deferred until the transaction that dropped the rows has committed. */
  private deferred: Removal[] = [];
  private readonly swapper: PageSwap;
  private readonly deleter: PageEdits;

  constructor(private readonly deps: BackgroundImagingDeps) {
    const later = { noteRemoval: (shas: readonly string[]) => deps.blobs.noteRemoval(shas), removeUnlisted: (shas: readonly string[], listed: (sha: string) => boolean) => (this.deferred.push({ shas, listed }), 0) };
    this.swapper = new PageSwap(deps.db, later);
    this.deleter = new PageEdits(deps.db, later, null); // the pipeline's removal is no officer's edit
  }

  /** Commits a page as captured, with the profile still to apply (call inside the caller's
   * transaction when it places the page too). The identity steps say nothing was done yet; the
   * capture is its own original. */
  commitRaw(documentId: string, seq: number, raw: RawCapture, capture: { dpi: number; mode: ColorMode }, profile: ProfileName): PageInfo {
    const { db, documents } = this.deps;
    const now = vietnamIso();
    return documents.inTransaction(() => {
      const page = documents.addPage({ id: uuidv7(), documentId, seq, image: raw.image, thumb: raw.thumb, widthPx: raw.widthPx, heightPx: raw.heightPx, dpi: capture.dpi, mode: capture.mode, createdAt: now });
      const steps: PageSteps = {
        profile: 'none',
        exifOrientation: 1,
        quarterTurns: 0,
        deskewDegrees: 0,
        crop: null,
        part: 'whole',
        capturedMode: capture.mode,
        storedMode: capture.mode,
        blank: false,
        inkFraction: null,
        hasColour: null,
      };
      db.prepare('INSERT INTO page_steps (page_id, profile, steps, original_sha256, created_at) VALUES (?, ?, ?, ?, ?)').run(page.id, steps.profile, JSON.stringify(steps), raw.image.sha256, now);
      db.prepare('INSERT INTO pending_imaging (page_id, document_id, profile, raw_sha256, queued_at) VALUES (?, ?, ?, ?, ?)').run(page.id, documentId, profile, raw.image.sha256, now);
      return page;
    });
  }

  /** Removes the files of a capture stored but never committed (the scan failed before its turn);
   * a file some row names (the same content stored before) stays. */
  discard(raw: RawCapture): void {
    const hasRow = this.deps.db.prepare('SELECT 1 FROM blobs WHERE sha256 = ?');
    this.deps.blobs.removeUnlisted([raw.image.sha256, raw.thumb.sha256], (sha) => hasRow.get(sha) !== undefined);
  }

  /** Queues a page just committed raw. `spoolFile` (if given) is this class's to remove. */
  queue(pageId: string, spoolFile: string | null, onProcessed?: (e: PageProcessed) => void): void {
    if (spoolFile) this.spool.set(pageId, spoolFile);
    if (onProcessed) this.listeners.set(pageId, onProcessed);
    this.wanted.add(pageId);
    this.pump();
  }

  /** A scan job runs: while it does, the pipeline leaves a core to the scanner and the store. */
  scanStarted(): () => void {
    this.scanning++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.scanning--;
      this.pump();
    };
  }

  /** A raw page is being stored: no new processing starts until it is committed. */
  hold(): () => void {
    this.holds++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.holds--;
      this.pump();
    };
  }

  /** Whether a scan, a raw page's storing or the pool's processing is under way (OCR yields). */
  busy(): boolean {
    return this.scanning > 0 || this.holds > 0 || this.inFlight.size > 0;
  }

  /** Every pending page of every document (a fresh start after a crash). */
  resume(): void {
    this.all = true;
    this.pump();
  }

  pendingCount(documentId: string): number {
    return this.deps.db.prepare('SELECT count(*) FROM pending_imaging WHERE document_id = ?').pluck().get(documentId) as number;
  }

  /** Resolves once no page of the document waits for the pipeline (processing them here if no
   * one else is: pages left by a process that died). */
  async settled(documentId: string): Promise<void> {
    if (this.pendingCount(documentId) === 0) return;
    this.wantedDocuments.add(documentId);
    try {
      for (;;) {
        this.pump();
        if (this.pendingCount(documentId) === 0) return;
        if (this.closed) throw new StationError('imaging-interrupted', { id: documentId });
        await new Promise<void>((resolve) => this.waiters.push(resolve));
      }
    } finally {
      this.wantedDocuments.delete(documentId);
    }
  }

  /** Resolves once the page no longer waits for the pipeline (at once for a processed page): a
   * hand edit applies to the processed page, so the pipeline's work (deskew, blank test) is kept. */
  async pageSettled(pageId: string): Promise<void> {
    const pending = this.deps.db.prepare('SELECT 1 FROM pending_imaging WHERE page_id = ?');
    if (pending.get(pageId) === undefined) return;
    for (;;) {
      this.wanted.add(pageId); // processed here if no one else is (a page left by a process that died)
      this.pump();
      if (pending.get(pageId) === undefined) return;
      if (this.closed) throw new StationError('imaging-interrupted', { id: pageId });
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Stops taking pages and waits for those under way (their rows stay if they did not finish). */
  async close(): Promise<void> {
    this.closed = true;
    await this.deps.imaging.close(); // the pages under way fail at once; their rows stay
    await Promise.allSettled([...this.inFlight.values()]);
    for (const file of this.spool.values()) await rm(file, { force: true });
    this.spool.clear();
    this.wake();
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  private pump(): void {
    if (this.closed || this.holds > 0) return;
    // While a scan runs, one core stays with the scanner and the raw store.
    const limit = this.scanning > 0 ? Math.max(1, this.deps.imaging.workers - 1) : this.deps.imaging.workers;
    if (this.inFlight.size >= limit) return;
    const rows = this.deps.db
      .prepare('SELECT page_id AS pageId, document_id AS documentId, profile, raw_sha256 AS rawSha256 FROM pending_imaging ORDER BY rowid')
      .all() as PendingRow[];
    for (const row of rows) {
      if (this.inFlight.size >= limit) break;
      if (this.inFlight.has(row.pageId)) continue;
      if (!this.all && !this.wanted.has(row.pageId) && !this.wantedDocuments.has(row.documentId)) continue;
      // The station's own work, whoever's call woke the pump: another officer's page must not be
      // processed (and audited) under the name and rights of the call that happened to start it.
      const job = asStation(() => this.process(row)).finally(() => {
        this.inFlight.delete(row.pageId);
        this.wake();
        this.pump();
      });
      this.inFlight.set(row.pageId, job);
    }
  }

  private async process(row: PendingRow): Promise<void> {
    const { blobs, imaging, log } = this.deps;
    const page = this.deps.db.prepare('SELECT dpi, mode FROM pages WHERE id = ?').get(row.pageId) as { dpi: number; mode: ColorMode } | undefined;
    const spooled = this.spool.get(row.pageId);
    try {
      if (!page) return; // deleted meanwhile (the row went with it)
      const plain = spooled && existsSync(spooled) ? { path: spooled, done: async () => {} } : await blobs.materialise(row.rawSha256);
      let staged: StagedPage['parts'];
      try {
        const capture = { input: { file: plain.path }, mode: page.mode, dpi: page.dpi, mediaType: 'image/tiff' };
        const processed = await imaging.process(capture, row.profile).catch((e: unknown) => {
          if (this.closed) throw e;
          // A capture the pipeline cannot analyse is still a page: stored as captured, encoded.
          log.warn('imaging failed; the page is encoded as captured', { pageId: row.pageId, detail: errorMessage(e) });
          return imaging.process(capture, 'none');
        });
        staged = await imaging.stageParts(processed);
      } finally {
        await plain.done();
      }
      if (this.closed) return;
      this.commit(row, staged, page.dpi);
    } catch (e) {
      if (this.closed) return; // the pool was closed under the page: its row stays for the next start
      // Never leave a document waiting for ever: the page stays as captured, and says so in the log.
      log.error('a page could not be processed; it stays as captured', e, { pageId: row.pageId });
      this.deps.db.prepare('DELETE FROM pending_imaging WHERE page_id = ?').run(row.pageId);
    } finally {
      if (spooled && !this.closed) {
        this.spool.delete(row.pageId);
        await rm(spooled, { force: true });
      }
      this.wanted.delete(row.pageId);
      this.listeners.delete(row.pageId);
    }
  }

  /** One transaction: the page swapped, split or removed, and its pending row gone. */
  private commit(row: PendingRow, parts: StagedPage['parts'], dpi: number): void {
    const { db, documents, blobs } = this.deps;
    const now = vietnamIso();
    const written = parts.flatMap((p) => [p.image.sha256, p.thumb.sha256]);
    let ids: string[] = [];
    this.deferred = [];
    try {
      db.transaction(() => {
        const still = db.prepare('SELECT 1 FROM pending_imaging p JOIN pages g ON g.id = p.page_id WHERE p.page_id = ? AND g.image_sha256 = ?').get(row.pageId, row.rawSha256);
        if (!still) throw new StationError('page-changed', { id: row.pageId });
        const [first, second] = parts;
        if (!first) {
          const seq = db.prepare('SELECT seq FROM pages WHERE id = ?').pluck().get(row.pageId) as number;
          this.deleter.delete(row.pageId, now);
          this.deps.audit?.append('update', row.documentId, { page: row.pageId, change: 'blank-removed', seq, profile: row.profile });
          return;
        }
        const original = (p: StagedPage['parts'][number]) => (p.changed ? row.rawSha256 : null);
        this.swapper.swap(row.pageId, { ...first, originalSha256: original(first) }, now, row.rawSha256);
        ids = [row.pageId];
        if (second) {
          const seq = db.prepare('SELECT seq FROM pages WHERE id = ?').pluck().get(row.pageId) as number;
          const added = documents.addPage({ id: uuidv7(), documentId: row.documentId, seq: documents.lastSeq(row.documentId) + 1, image: second.image, thumb: second.thumb, widthPx: second.widthPx, heightPx: second.heightPx, dpi, mode: second.mode, createdAt: now });
          db.prepare('INSERT INTO page_steps (page_id, profile, steps, original_sha256, created_at) VALUES (?, ?, ?, ?, ?)').run(added.id, second.steps.profile, JSON.stringify(second.steps), row.rawSha256, now);
          this.deleter.placeAt(row.documentId, [added.id], seq + 1, now);
          ids.push(added.id);
        }
        db.prepare('DELETE FROM pending_imaging WHERE page_id = ?').run(row.pageId); // the trigger did, unless the swap kept the sha
      })();
    } catch (e) {
      // Nothing committed: the files just written have no row (they were noted as intents).
      const hasRow = db.prepare('SELECT 1 FROM blobs WHERE sha256 = ?');
      blobs.removeUnlisted(written, (sha) => hasRow.get(sha) !== undefined);
      this.deferred = [];
      if (e instanceof StationError && e.code === 'page-changed') {
        this.deps.log.info('a pending page changed before its processing was done; the result is dropped', { pageId: row.pageId });
        return;
      }
      throw e;
    }
    for (const r of this.deferred.splice(0)) blobs.removeUnlisted(r.shas, r.listed);
    const event: PageProcessed = { documentId: row.documentId, pageId: row.pageId, pages: this.pageInfos(ids) };
    try {
      this.listeners.get(row.pageId)?.(event);
    } finally {
      // Every client's lists: when the page count changed, or the document is settled (not once
      // per page of a 500-page batch; the scan screen follows scan.page-processed).
      if (ids.length !== 1 || this.pendingCount(row.documentId) === 0) this.deps.changed(row.documentId);
    }
  }

  private pageInfos(ids: readonly string[]): PageInfo[] {
    const q = this.deps.db.prepare(
      `SELECT p.id, p.document_id AS documentId, p.seq, p.width_px AS widthPx, p.height_px AS heightPx, p.dpi, p.mode,
              b.media_type AS mediaType, b.sha256, b.bytes, b.purged_at AS purgedAt, p.created_at AS createdAt,
              json_extract(s.steps, '$.blank') AS blank
         FROM pages p JOIN blobs b ON b.sha256 = p.image_sha256 LEFT JOIN page_steps s ON s.page_id = p.id WHERE p.id = ?`,
    );
    return ids.map((id) => {
      const { blank, ...page } = q.get(id) as Omit<PageInfo, 'blank'> & { blank: number | null };
      return blank === null ? page : { ...page, blank: blank === 1 };
    });
  }
}
