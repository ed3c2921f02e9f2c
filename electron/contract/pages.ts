// Hand changes to a draft's pages (issue 4, item 10): move one page, delete one page; rotate,
// crop, undo and back to the capture (each derives the page again from its kept original). Only
// on drafts; a saved record is refused with `page-edit-not-draft`.
import { z } from 'zod';
import { ColorMode, DocumentDetail, Sha256 } from './model';

const PageId = z.string().trim().min(1).max(64);
/** The page image the person looked at (PageInfo.sha256): an edit of a page changed since is
 * refused with `page-changed`. */
const Seen = Sha256.optional();
const Px = z.number().int().min(0).max(1_000_000);
/** In the page's pixels as shown (its widthPx × heightPx); at least 32 px a side, inside the page. */
export const CropBox = z.object({ left: Px, top: Px, width: Px.min(32), height: Px.min(32) }).strict();
export type CropBox = z.infer<typeof CropBox>;

const HandStep = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rotate'), quarterTurns: z.union([z.literal(1), z.literal(2), z.literal(3)]) }),
  z.object({ kind: z.literal('crop'), box: CropBox }),
  z.object({ kind: z.literal('revert') }),
]);

/** What was done to a page: by the pipeline (automatic) and by hand, and what the review can show. */
export const PageStepsInfo = z.object({
  pageId: z.string(),
  automatic: z.object({
    profile: z.string(),
    quarterTurns: z.number().int(),
    deskewDegrees: z.number(),
    crop: z.object({ left: z.number(), top: z.number(), width: z.number(), height: z.number() }).nullable(),
    part: z.enum(['whole', 'left', 'right']),
    capturedMode: ColorMode,
    storedMode: ColorMode,
    blank: z.boolean(),
  }),
  /** Every hand step, oldest first (undo drops the last). */
  hand: z.array(HandStep),
  /** The hand steps in force: those after the last "back to capture". */
  handInForce: z.array(HandStep),
  canUndo: z.boolean(),
  /** The page is its capture: nothing automatic or by hand applies. */
  atCapture: z.boolean(),
  /** A "before" image (/pages/<id>/original) other than the page itself is kept. */
  hasOriginal: z.boolean(),
  /** A large sheet's page: the parts it was assembled from, kept as captured until signing
   * (0: not assembled, or signed since). */
  partsKept: z.number().int().nonnegative(),
  sha256: Sha256,
  widthPx: z.number().int().positive(),
  heightPx: z.number().int().positive(),
});
export type PageStepsInfo = z.infer<typeof PageStepsInfo>;

/** What a batch does to every page of the selection (the page grid's multi-select). */
export const PageBatchChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rotate'), quarterTurns: z.union([z.literal(1), z.literal(2), z.literal(3)]) }).strict(),
  z.object({ kind: z.literal('delete') }).strict(),
  /** The pages, in their present order, go before the page now at `toSeq` (beyond the end: last). */
  z.object({ kind: z.literal('move'), toSeq: z.number().int().min(1).max(100_000) }).strict(),
]);
export type PageBatchChange = z.infer<typeof PageBatchChange>;

export const pagesMethods = {
  /** Puts a page at a 1-based position (beyond the end: last); returns the document as it is now. */
  'pages.move': { input: z.object({ pageId: PageId, toSeq: z.number().int().min(1).max(100_000) }).strict(), output: DocumentDetail },
  /** Removes a page from a draft; the pages after it move up one. */
  'pages.delete': { input: z.object({ pageId: PageId }).strict(), output: DocumentDetail },
  /** Turns a page clockwise by quarter turns (3: one to the left). */
  'pages.rotate': { input: z.object({ pageId: PageId, quarterTurns: z.union([z.literal(1), z.literal(2), z.literal(3)]), sha256: Seen }).strict(), output: DocumentDetail },
  /** Crops a page to a box drawn on it as shown (`sha256`: that image). */
  'pages.crop': { input: z.object({ pageId: PageId, box: CropBox, sha256: Seen }).strict(), output: DocumentDetail },
  /** Drops the page's last hand step (`page-nothing-to-undo` when there is none). */
  'pages.undo': { input: z.object({ pageId: PageId, sha256: Seen }).strict(), output: DocumentDetail },
  /** Back to the capture as scanned: no automatic and no hand steps (undo brings them back). */
  'pages.revert': { input: z.object({ pageId: PageId, sha256: Seen }).strict(), output: DocumentDetail },
  /** One change to several pages of one draft, in ONE transaction: all of them change, or (on any
   * refusal: a page gone, of another document, an image unreadable) none. */
  'pages.batch': {
    input: z.object({ documentId: z.string().trim().min(1).max(64), pageIds: z.array(PageId).min(1).max(10_000), change: PageBatchChange }).strict(),
    output: DocumentDetail,
  },
  /** A page's steps, and whether a "before" image is kept. */
  'pages.steps': { input: z.object({ pageId: PageId }).strict(), output: PageStepsInfo },
} as const;
