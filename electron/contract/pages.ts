// Hand changes to a draft's pages (issue 4, item 10): move one page, delete one page. Only on
// drafts; a saved record is refused with `page-edit-not-draft`.
import { z } from 'zod';
import { DocumentDetail } from './model';

const PageId = z.string().trim().min(1).max(64);

export const pagesMethods = {
  /** Puts a page at a 1-based position (beyond the end: last); returns the document as it is now. */
  'pages.move': { input: z.object({ pageId: PageId, toSeq: z.number().int().min(1).max(100_000) }).strict(), output: DocumentDetail },
  /** Removes a page from a draft; the pages after it move up one. */
  'pages.delete': { input: z.object({ pageId: PageId }).strict(), output: DocumentDetail },
} as const;
