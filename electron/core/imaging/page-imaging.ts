// The imaging service the captures use: pages go through the worker pool (analysis, turn, crop,
// split, colour, encoding), then into the blob store, then — with the steps applied and the
// original capture — into SQLite in one transaction. Only then is a page reported to anyone.
//
// The original capture is kept (encrypted like every blob) when the stored page differs from it
// (an imported file: where the file can stand as its page's original, capture/import-image.ts),
// until the document is signed: migration 9's triggers queue it in released_originals when a
// signature is recorded or its page goes, and sweepReleasedOriginals removes the file once no
// row names it (blob-references.ts).
import { createReadStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { Database, Statement } from 'better-sqlite3';
import type { ColorMode, PageInfo } from '../../contract';
import { StationError } from '../errors';
import { uuidv7 } from '../ids';
import type { Logger } from '../log';
import { blobUnused } from '../records/blob-references';
import type { BlobStore, StoredBlob } from '../records/blob-store';
import type { DocumentRepository } from '../records/documents';
import { vietnamIso } from '../time';
import type { PageSteps, ProcessRequest, ProcessedPage } from './apply';
import { type ImageInput, imageError } from './page-encoder';
import { ImagingPool } from './pool';
import type { ProfileName } from './profiles';

export interface CapturedImage {
  readonly input: ImageInput;
  readonly mode: ColorMode;
  readonly dpi: number;
  /** What the capture's file is, for keeping it as the original. */
  readonly mediaType: string;
}

/** A processed capture whose files are in the blob store, ready to be committed as pages. */
export interface StagedPage {
  readonly parts: readonly {
    readonly image: StoredBlob & { mediaType: string };
    readonly thumb: StoredBlob & { mediaType: string };
    readonly widthPx: number;
    readonly heightPx: number;
    readonly mode: ColorMode;
    readonly steps: PageSteps;
    /** The page differs from a plain encoding of the capture (so the capture is worth keeping). */
    readonly changed: boolean;
  }[];
  readonly original: (StoredBlob & { mediaType: string }) | null;
  readonly dpi: number;
  readonly blank: boolean;
  readonly timingsMs: Readonly<Record<string, number>>;
}

export class PageImaging {
  private readonly pool: ImagingPool;
  private readonly insertSteps: Statement;
  private readonly insertBlob: Statement;

  constructor(
    private readonly db: Database,
    private readonly blobs: BlobStore,
    /** This process's tmp folder (swept if the process dies). */
    private readonly workDir: string,
    private readonly log: Logger,
    poolSize?: number,
  ) {
    this.pool = new ImagingPool(log, poolSize);
    this.insertSteps = db.prepare('INSERT INTO page_steps (page_id, profile, steps, original_sha256, created_at) VALUES (?, ?, ?, ?, ?)');
    this.insertBlob = db.prepare(
      'INSERT INTO blobs (sha256, bytes, media_type, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO UPDATE SET purged_at = NULL WHERE purged_at IS NOT NULL',
    );
  }

  /** How many pages the pool processes at once. */
  get workers(): number {
    return Math.max(1, this.pool.size);
  }

  /** Analyses and encodes a capture in the pool; nothing is stored yet. `strict`: a file from
   * outside, refused as import-damaged-image if its decoder warns (apply.ts). */
  async process(capture: CapturedImage, profile: ProfileName, opts: { strict?: boolean } = {}): Promise<ProcessedPage> {
    await mkdir(this.workDir, { recursive: true });
    const req: ProcessRequest = { input: capture.input, mode: capture.mode, dpi: capture.dpi, profile, workDir: this.workDir, strict: opts.strict };
    try {
      return await this.pool.process(req);
    } catch (e) {
      throw e instanceof StationError ? e : imageError(e, capture.input.file);
    }
  }

  /** Writes a processed capture's files (and its original where a page differs from it and
   * `keepOriginal` allows) into the blob store. Files without rows are removed by the start-up
   * sweep if the process dies here. */
  async stage(capture: CapturedImage, processed: ProcessedPage, opts: { keepOriginal: boolean }): Promise<StagedPage> {
    const parts = await this.stageParts(processed);
    const keep = opts.keepOriginal && processed.parts.some((p) => p.changed);
    // Read in 1 MB pieces: with the stream's default 64 KB, hashing, sealing and writing a 26 MB
    // capture (A4 at 300 dpi) took ≈ 84 ms of CPU instead of ≈ 47 (hundreds of calls of each).
    const original = keep ? { ...(await this.blobs.write(createReadStream(capture.input.file, { highWaterMark: 1 << 20 }))), mediaType: capture.mediaType } : null;
    return { parts, original, dpi: capture.dpi, blank: processed.blank, timingsMs: processed.timingsMs };
  }

  /** Removes the files of staged captures that were never committed (an import that failed after
   * some of its pages were written), where no row names them: the same content may be another
   * document's. If the process dies first, the start-up sweep removes them (their intents). */
  discardStaged(staged: readonly StagedPage[]): void {
    const shas = staged.flatMap((s) => [...s.parts.flatMap((p) => [p.image.sha256, p.thumb.sha256]), ...(s.original ? [s.original.sha256] : [])]);
    const listed = this.db.prepare('SELECT 1 FROM blobs WHERE sha256 = ?').pluck();
    this.blobs.removeUnlisted([...new Set(shas)], (sha) => listed.get(sha) !== undefined);
  }

  /** Writes the processed pages' files only: a capture already stored (the raw page a scan
   * committed first, background-imaging.ts) is not written again. */
  async stageParts(processed: ProcessedPage): Promise<StagedPage['parts']> {
    return Promise.all(
      processed.parts.map(async (p) => {
        const large = 'file' in p.image ? p.image.file : null;
        const [image, thumb] = await Promise.all([
          this.blobs.write(large ? createReadStream(large, { highWaterMark: 1 << 20 }) : (p.image as Uint8Array)),
          this.blobs.write(p.thumb),
        ]).finally(() => (large ? rm(large, { force: true }) : undefined));
        return { image: { ...image, mediaType: p.mediaType }, thumb: { ...thumb, mediaType: 'image/jpeg' }, widthPx: p.widthPx, heightPx: p.heightPx, mode: p.mode, steps: p.steps, changed: p.changed };
      }),
    );
  }

  /** Adds a staged capture's pages from position `firstSeq` on; call inside the caller's
   * transaction (documents.inTransaction) so pages and their steps commit together. */
  commit(documents: DocumentRepository, documentId: string, firstSeq: number, staged: StagedPage, now = vietnamIso()): PageInfo[] {
    if (staged.original) this.insertBlob.run(staged.original.sha256, staged.original.bytes, staged.original.mediaType, now);
    return staged.parts.map((p, i) => {
      const page = documents.addPage({
        id: uuidv7(),
        documentId,
        seq: firstSeq + i,
        image: p.image,
        thumb: p.thumb,
        widthPx: p.widthPx,
        heightPx: p.heightPx,
        dpi: staged.dpi,
        mode: p.mode,
        createdAt: now,
      });
      this.insertSteps.run(page.id, p.steps.profile, JSON.stringify(p.steps), staged.original?.sha256 ?? null, now);
      return page;
    });
  }

  /** The steps applied to a page, and whether its original capture is still kept. */
  stepsOf(pageId: string): { steps: PageSteps; originalSha256: string | null; releasedAt: string | null } | null {
    const row = this.db.prepare('SELECT steps, original_sha256, released_at FROM page_steps WHERE page_id = ?').get(pageId) as
      | { steps: string; original_sha256: string | null; released_at: string | null }
      | undefined;
    return row ? { steps: JSON.parse(row.steps) as PageSteps, originalSha256: row.original_sha256, releasedAt: row.released_at } : null;
  }

  /** Removes the files of originals released (document signed, page gone) that nothing names. */
  sweepReleasedOriginals(): number {
    const shas = this.db.prepare('SELECT sha256 FROM released_originals').pluck().all() as string[];
    if (shas.length === 0) return 0;
    this.blobs.noteRemoval(shas);
    const listed = this.db.prepare('SELECT 1 FROM blobs WHERE sha256 = ?').pluck();
    this.db.transaction(() => {
      for (const sha of shas) {
        if (blobUnused(this.db, sha)) this.db.prepare('DELETE FROM blobs WHERE sha256 = ?').run(sha);
        this.db.prepare('DELETE FROM released_originals WHERE sha256 = ?').run(sha);
      }
    })();
    const removed = this.blobs.removeUnlisted(shas, (sha) => listed.get(sha) !== undefined);
    if (removed > 0) this.log.info('original captures released', { removed });
    return removed;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
