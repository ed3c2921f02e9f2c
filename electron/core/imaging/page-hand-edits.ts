// Rotate, crop, undo and back to the capture, by hand, on a draft's page (issue 4, item 10).
//
// Each edit appends to (or drops from) the page's hand steps and derives the page again from its
// kept original (rederive.ts): never from the image shown, so ten edits are one encoding, and
// undo is exact. A page stored as its capture (no original kept) gets its current image as the
// original at the first edit. The new image replaces the old through PageSwap: one transaction,
// drafts only, and `expectSha256` — the image the edit started from — so an edit and the
// background processing of the same page (a raw capture swapped later) never overwrite each other:
// the later one is refused with `page-changed`. Edits of one page in this process run one at a time.
import { createReadStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { Database } from 'better-sqlite3';
import type { ColorMode } from '../../contract';
import { type PageImageSwap, PageSwap } from '../capture/page-swap';
import { StationError } from '../errors';
import type { AuditLog } from '../records/audit';
import type { BlobStore, StoredBlob } from '../records/blob-store';
import type { Box } from './analysis';
import type { PageSteps } from './apply';
import { type HandStep, type HandSteps, cropProblem, effectiveSteps } from './hand-steps';
import { thumbnail } from './apply';
import { imageError, openImage } from './page-encoder';
import { type Rederived, rederive } from './rederive';

/** A derived page, or (stored) an image already in the blob store. */
type Derived = Omit<Rederived, 'image' | 'mediaType' | 'result'> & { readonly image: Rederived['image'] | StoredBlob; readonly mediaType: string };

interface PageRow {
  readonly documentId: string;
  readonly status: string;
  readonly image: string;
  readonly widthPx: number;
  readonly heightPx: number;
  readonly dpi: number;
  readonly mode: ColorMode;
  readonly steps: string | null;
  readonly original: string | null;
}

/** A page's steps as the review screen shows them. */
export interface PageHandState {
  readonly pageId: string;
  readonly steps: PageSteps;
  readonly hand: HandSteps;
  /** The hand steps in force (those after the last "back to capture"). */
  readonly handSteps: readonly HandStep[];
  readonly canUndo: boolean;
  /** The page is its capture as scanned: nothing automatic or by hand applies. */
  readonly atCapture: boolean;
  /** A "before" image other than the page itself is kept. */
  readonly hasOriginal: boolean;
  readonly image: string;
  readonly widthPx: number;
  readonly heightPx: number;
}

/** One page's edit, derived and written, waiting for its transaction. */
interface Prepared {
  readonly pageId: string;
  readonly documentId: string;
  /** The image it was derived from: the swap is refused if the page has another by then. */
  readonly expect: string;
  readonly swap: PageImageSwap;
}

export type HandEdit = { kind: 'rotate'; quarterTurns: 1 | 2 | 3 } | { kind: 'crop'; box: Box } | { kind: 'undo' } | { kind: 'revert' };

/** Steps for a page the pipeline never recorded (an imported JPEG kept as it is, a composed card). */
function unrecorded(mode: ColorMode): PageSteps {
  return { profile: 'none', exifOrientation: 1, quarterTurns: 0, deskewDegrees: 0, crop: null, part: 'whole', capturedMode: mode, storedMode: mode, blank: false, inkFraction: null, hasColour: null };
}

/** Whether the automatic steps changed anything (else the page is its capture, re-encoded). */
function automaticChanged(s: PageSteps): boolean {
  return s.quarterTurns !== 0 || s.deskewDegrees !== 0 || s.crop !== null || s.storedMode !== s.capturedMode || s.exifOrientation > 1;
}

export class PageHandEdits {
  private readonly running = new Map<string, Promise<unknown>>();
  /** Swaps whose old files are removed only once the whole batch's transaction has committed: a
   * later page's failure rolls every row back, and the files those rows name must still be there. */
  private readonly pageSwap: PageSwap;
  private deferred: { shas: readonly string[]; listed: (sha: string) => boolean }[] = [];

  constructor(
    private readonly db: Database,
    private readonly blobs: BlobStore,
    private readonly audit: Pick<AuditLog, 'append'> | null,
    /** This process's tmp folder (swept if the process dies). */
    private readonly workDir: string,
    /** Resolves once the page's background processing is done (edits apply to the processed page). */
    private readonly settled: (pageId: string) => Promise<void> = async () => {},
  ) {
    this.pageSwap = new PageSwap(db, { noteRemoval: (shas) => blobs.noteRemoval(shas), removeUnlisted: (shas, listed) => (this.deferred.push({ shas, listed }), 0) });
  }

  state(pageId: string): PageHandState {
    const row = this.row(pageId);
    const steps = row.steps ? (JSON.parse(row.steps) as PageSteps) : unrecorded(row.mode);
    const hand = steps.hand ?? { base: row.original ? 'capture' : 'stored', steps: [] };
    const { reverted, steps: inForce } = effectiveSteps(hand);
    return {
      pageId,
      steps,
      hand,
      handSteps: inForce,
      canUndo: hand.steps.length > 0,
      atCapture: inForce.length === 0 && (reverted || hand.base === 'stored' || !automaticChanged(steps)),
      hasOriginal: row.original !== null && row.original !== row.image,
      image: row.image,
      widthPx: row.widthPx,
      heightPx: row.heightPx,
    };
  }

  /** The "before" image: the kept original, else (nothing kept: the page is its capture) the
   * page's own image. Null: no such page. */
  beforeBlob(pageId: string): { sha256: string; mediaType: string } | null {
    const row = this.db
      .prepare(
        `SELECT b.sha256, b.media_type AS mediaType FROM pages p LEFT JOIN page_steps s ON s.page_id = p.id
           JOIN blobs b ON b.sha256 = COALESCE(s.original_sha256, p.image_sha256) WHERE p.id = ?`,
      )
      .get(pageId) as { sha256: string; mediaType: string } | undefined;
    return row ?? null;
  }

  /** Applies one edit; returns the page's document id. `expectSha256`: the image the person saw
   * (a crop box is drawn on it), refused with `page-changed` if the page has another by now.
   * Edits of a page queue behind each other, and behind the page's background processing. */
  edit(pageId: string, change: HandEdit, now: string, expectSha256?: string): Promise<string> {
    return this.queued([pageId], () => this.applyAgainIfProcessed([pageId], change, now, expectSha256)).then(([id]) => id!);
  }

  /** One turn (or undo, or back to the capture) of several pages of one draft: every page is
   * derived first, then all are swapped in ONE transaction — a failure on any page (a page gone,
   * an image that cannot be read) leaves every page as it was. Returns the document id. */
  async editMany(pageIds: readonly string[], change: Exclude<HandEdit, { kind: 'crop' }>, now: string): Promise<string> {
    const ids = [...new Set(pageIds)];
    const documents = await this.queued(ids, () => this.applyAgainIfProcessed(ids, change, now, undefined));
    return documents[0]!;
  }

  /** Runs `work` once every page's earlier edits and background processing are done; later edits
   * of those pages wait for it. */
  private queued<T>(pageIds: readonly string[], work: () => Promise<T>): Promise<T> {
    const before = Promise.all(pageIds.map((id) => (this.running.get(id) ?? Promise.resolve()).catch(() => undefined)));
    const next = before.then(() => Promise.all(pageIds.map((id) => this.settled(id)))).then(work);
    for (const id of pageIds) this.running.set(id, next);
    return next.finally(() => {
      for (const id of pageIds) if (this.running.get(id) === next) this.running.delete(id);
    });
  }

  /** A turn, an undo or a revert means the same on the page the background processing has just
   * replaced (a raw capture swapped for its processed image): asked without `expectSha256`, it is
   * derived again from the new state rather than refused. */
  private async applyAgainIfProcessed(pageIds: readonly string[], change: HandEdit, now: string, expectSha256: string | undefined): Promise<string[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.apply(pageIds, change, now, expectSha256);
      } catch (e) {
        const retry = e instanceof StationError && e.code === 'page-changed' && expectSha256 === undefined && change.kind !== 'crop' && attempt < 2;
        if (!retry) throw e;
      }
    }
  }

  private async apply(pageIds: readonly string[], change: HandEdit, now: string, expectSha256: string | undefined): Promise<string[]> {
    const rows = pageIds.map((id) => this.row(id));
    const documentIds = [...new Set(rows.map((r) => r.documentId))];
    if (documentIds.length > 1) throw new StationError('invalid-input', { field: 'pageIds', detail: 'pages of one document' });
    const prepared: Prepared[] = [];
    const written: string[] = [];
    try {
      for (const [i, pageId] of pageIds.entries()) {
        const p = await this.prepare(pageId, rows[i]!, change, expectSha256, written);
        if (p) prepared.push(p);
      }
      this.deferred = [];
      try {
        this.db.transaction(() => {
          for (const p of prepared) this.pageSwap.swap(p.pageId, p.swap, now, p.expect);
        })();
      } catch (e) {
        this.deferred = []; // rolled back: the old files are named again
        throw e;
      }
      written.length = 0;
      for (const r of this.deferred.splice(0)) this.blobs.removeUnlisted(r.shas, r.listed);
    } finally {
      // A refused swap leaves files no row names: remove them now rather than at the next start.
      if (written.length > 0) {
        const listed = this.db.prepare('SELECT 1 FROM blobs WHERE sha256 = ?');
        this.blobs.removeUnlisted(written, (sha) => listed.get(sha) !== undefined);
      }
    }
    for (const p of prepared) this.audit?.append('update', p.documentId, { page: p.pageId, change: `hand-${change.kind}`, ...(change.kind === 'rotate' ? { quarterTurns: change.quarterTurns } : change.kind === 'crop' ? { box: change.box } : {}) });
    return rows.map((r) => r.documentId);
  }

  /** The page's new image derived and written to the blob store (its files listed in `written`
   * until committed); null when the edit changes nothing. */
  private async prepare(pageId: string, row: PageRow, change: HandEdit, expectSha256: string | undefined, written: string[]): Promise<Prepared | null> {
    if (row.status !== 'draft') throw new StationError('page-edit-not-draft', { id: row.documentId });
    if (expectSha256 !== undefined && expectSha256 !== row.image) throw new StationError('page-changed', { id: pageId });
    const current = this.state(pageId);
    if (current.hand.base === 'capture' && row.original === null) throw new StationError('page-original-gone', { id: pageId });
    const hand = this.nextHand(pageId, current, change);
    if (hand === null) return null; // already at the capture: nothing to do
    const original = row.original ?? row.image;
    await mkdir(this.workDir, { recursive: true });
    const plain = await this.blobs.materialise(original);
    try {
      const out: Derived = hand.base === 'stored' && effectiveSteps(hand).steps.length === 0
        ? await this.storedAsItWas(original, plain.path, current.steps.storedMode)
        : await rederive({ original: { file: plain.path }, steps: current.steps, hand, dpi: row.dpi, workDir: this.workDir }).catch((e: unknown) => {
        throw e instanceof StationError ? e : imageError(e, plain.path);
      });
      const stored = out.image;
      const large = 'file' in stored ? stored.file : null;
      const [image, thumb] = await Promise.all([
        'sha256' in stored ? stored : this.blobs.write(large ? createReadStream(large, { highWaterMark: 1 << 20 }) : (stored as Buffer)),
        this.blobs.write(out.thumb),
      ]).finally(() => (large ? rm(large, { force: true }) : undefined));
      written.push(...('sha256' in stored ? [] : [image.sha256]), thumb.sha256);
      const { hand: _previous, ...automatic } = current.steps;
      return {
        pageId,
        documentId: row.documentId,
        expect: row.image,
        swap: {
          image: { ...image, mediaType: out.mediaType },
          thumb: { ...thumb, mediaType: 'image/jpeg' },
          widthPx: out.widthPx,
          heightPx: out.heightPx,
          mode: out.mode,
          steps: { ...automatic, hand },
          originalSha256: original,
        },
      };
    } finally {
      await plain.done();
    }
  }

  /** No step in force on a page whose original is its first stored image: that image itself, not
   * a re-encoding of it (so undoing every edit gives back the very bytes). */
  private async storedAsItWas(sha256: string, file: string, mode: ColorMode): Promise<Derived> {
    const blob = this.db.prepare('SELECT bytes, media_type AS mediaType FROM blobs WHERE sha256 = ?').get(sha256) as { bytes: number; mediaType: string };
    const meta = await openImage({ file }).metadata();
    return { image: { sha256, bytes: blob.bytes }, mediaType: blob.mediaType, thumb: await thumbnail(file, mode), widthPx: meta.width ?? 0, heightPx: meta.height ?? 0, mode };
  }

  /** The hand steps after `change`; null when it changes nothing. */
  private nextHand(pageId: string, current: PageHandState, change: HandEdit): HandSteps | null {
    const { hand } = current;
    switch (change.kind) {
      case 'rotate':
        return { ...hand, steps: [...hand.steps, { kind: 'rotate', quarterTurns: change.quarterTurns }] };
      case 'crop': {
        // The box is in the page as shown: its size now is what the steps fold to.
        const size = { width: current.widthPx, height: current.heightPx };
        const problem = cropProblem(change.box, size);
        if (problem) throw new StationError('page-crop-invalid', { id: pageId, detail: problem, width: size.width, height: size.height });
        return { ...hand, steps: [...hand.steps, { kind: 'crop', box: change.box }] };
      }
      case 'undo':
        if (hand.steps.length === 0) throw new StationError('page-nothing-to-undo', { id: pageId });
        return { ...hand, steps: hand.steps.slice(0, -1) };
      case 'revert':
        return current.atCapture ? null : { ...hand, steps: [...hand.steps, { kind: 'revert' }] };
    }
  }

  private row(pageId: string): PageRow {
    const row = this.db
      .prepare(
        `SELECT p.document_id AS documentId, d.status, p.image_sha256 AS image, p.width_px AS widthPx, p.height_px AS heightPx, p.dpi, p.mode,
                s.steps, s.original_sha256 AS original
           FROM pages p JOIN documents d ON d.id = p.document_id LEFT JOIN page_steps s ON s.page_id = p.id WHERE p.id = ?`,
      )
      .get(pageId) as PageRow | undefined;
    if (!row) throw new StationError('page-not-found', { id: pageId });
    return row;
  }
}
