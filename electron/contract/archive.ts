// Archive batches (domain.md, "Archivist"): a stack through the feeder split into documents by
// separator sheets, each document indexed from the keyboard, checked by a second person, then
// saved as a ready record with its archival fields.
import { z } from 'zod';
import { MetadataInput } from './metadata';
import { ColorMode, SourceKind } from './model';
import { Paper } from './presets';

/** What ends a document in the stack: a sheet with Kodak patch code T, a sheet with a barcode
 * whose text starts with the batch's prefix, or a blank page. The separator sheet is not kept. */
export const SeparatorKind = z.enum(['patch-t', 'barcode', 'blank']);
export type SeparatorKind = z.infer<typeof SeparatorKind>;

/** indexing: scanned, waiting for (or in) indexing; review: indexed, waiting for a second
 * person; sent-back: returned with a reason, to index again; approved: a ready record. */
export const ArchiveDocState = z.enum(['indexing', 'review', 'sent-back', 'approved']);
export type ArchiveDocState = z.infer<typeof ArchiveDocState>;

/** The fields the indexing form offers, in its tab order. */
export const INDEX_FIELDS = [
  'title',
  'docNumber',
  'issueDate',
  'issuer',
  'ownerName',
  'ownerIdNumber',
  'dossierCode',
  'validUntil',
  'fonds',
  'box',
  'fileNumber',
  'retention',
  'physicalCondition',
  'summary',
] as const satisfies readonly (keyof MetadataInput)[];
export type IndexField = (typeof INDEX_FIELDS)[number];

/** What has been typed so far, as typed: kept even when not yet valid, so nothing is lost. */
export const IndexEntries = z.partialRecord(z.enum(INDEX_FIELDS), z.string().max(2000));
export type IndexEntries = z.infer<typeof IndexEntries>;

export const ArchiveCounts = z.object({
  documents: z.number().int(),
  pages: z.number().int(),
  separators: z.number().int(),
  indexing: z.number().int(),
  review: z.number().int(),
  sentBack: z.number().int(),
  approved: z.number().int(),
  /** Pages of approved documents: the batch's progress, page by page. */
  approvedPages: z.number().int(),
});
export type ArchiveCounts = z.infer<typeof ArchiveCounts>;

export const ArchiveBatch = z.object({
  id: z.string(),
  name: z.string(),
  separator: SeparatorKind,
  barcodePrefix: z.string().nullable(),
  /** Archival fields every document of the batch starts with (phông, hộp…). */
  defaults: IndexEntries,
  createdBy: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
  /** The document the archivist was indexing last (its seq in the batch): where work resumes. */
  position: z.number().int().nullable(),
  /** idle; scanning (now, in this process); interrupted (a scan this station did not see end). */
  scanState: z.enum(['idle', 'scanning', 'interrupted']),
  counts: ArchiveCounts,
});
export type ArchiveBatch = z.infer<typeof ArchiveBatch>;

export const ArchiveDocument = z.object({
  documentId: z.string(),
  batchId: z.string(),
  seq: z.number().int().positive(),
  state: ArchiveDocState,
  pageCount: z.number().int(),
  entries: IndexEntries,
  /** Values found in the document's text by OCR, offered where the archivist typed nothing. */
  hints: IndexEntries.nullable(),
  indexedBy: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewReason: z.string().nullable(),
  firstPageId: z.string().nullable(),
  /** Pages (1-based) the blank test found empty: the QC pass sees them before approving. */
  blankPages: z.array(z.number().int().positive()),
  updatedAt: z.string(),
});
export type ArchiveDocument = z.infer<typeof ArchiveDocument>;

const Id = z.string().trim().min(1).max(64);

export const ArchiveCreateInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    separator: SeparatorKind.default('patch-t'),
    barcodePrefix: z.string().trim().min(1).max(40).optional(),
    defaults: IndexEntries.default({}),
  })
  .strict();

export const ArchiveScanInput = z
  .object({
    batchId: Id,
    device: z.string().min(1).max(300),
    source: SourceKind.default('feeder'),
    paper: Paper.default({ preset: 'a4' }),
    dpi: z.number().int().min(50).max(4800).default(200),
    mode: ColorMode.default('color'),
    pages: z.number().int().min(1).max(10000).optional(),
    driverOptions: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  })
  .strict();

export const ArchiveScanResult = z.object({
  pages: z.number().int(),
  separators: z.number().int(),
  documentsStarted: z.number().int(),
  end: z.enum(['count', 'no-documents']),
});

export const ArchiveDocumentsQuery = z
  .object({
    batchId: Id,
    state: ArchiveDocState.optional(),
    limit: z.number().int().min(1).max(1000).default(200),
    offset: z.number().int().min(0).default(0),
  })
  .strict();

export const ArchiveReviewInput = z
  .object({
    documentId: Id,
    decision: z.enum(['approve', 'send-back']),
    reason: z.string().trim().min(3).max(500).optional(),
    /** Approve although pages are blank (`archive-blank-pages` otherwise): the checker looked. */
    keepBlankPages: z.boolean().optional(),
  })
  .strict()
  .refine((r) => r.decision === 'approve' || r.reason !== undefined, { path: ['reason'], message: 'a document sent back needs a reason' });

const DocumentRef = z.object({ documentId: Id }).strict();

/** What the QC pass should look at on a page: blank (the imaging pipeline's own verdict), skewed
 * (tilted by a degree or more as scanned), dark (the paper reads under 60 % of white). */
export const PageWarning = z.enum(['blank', 'skewed', 'dark']);
export type PageWarning = z.infer<typeof PageWarning>;

export const ArchivePageCheck = z.object({
  pageId: z.string(),
  seq: z.number().int().positive(),
  warnings: z.array(PageWarning),
  /** The tilt as scanned, clockwise positive, in degrees (0: straight, or too little text to tell). */
  skewDegrees: z.number(),
  /** How light the paper reads, 0 (black) to 1 (white). */
  paperLightness: z.number().min(0).max(1),
});
export type ArchivePageCheck = z.infer<typeof ArchivePageCheck>;

/** The archive batch methods (spread into methods.ts). */
export const archiveMethods = {
  /** A new batch: its name, how its stack is split, the archival fields its documents start with. */
  'archive.create': { input: ArchiveCreateInput, output: ArchiveBatch },
  'archive.list': { input: z.object({}).strict(), output: z.array(ArchiveBatch) },
  /** One batch with its counts by state: the progress bar's figures. */
  'archive.get': { input: z.object({ batchId: Id }).strict(), output: ArchiveBatch },
  'archive.documents': { input: ArchiveDocumentsQuery, output: z.array(ArchiveDocument) },
  /** Scans a stack into the batch (returns when the feeder is empty or the count is reached);
   * separator sheets end documents and are not kept. */
  'archive.scan': { input: ArchiveScanInput, output: ArchiveScanResult },
  /** Stops the batch's running scan; the pages already stored stay in their documents. */
  'archive.cancelScan': { input: z.object({ batchId: Id }).strict(), output: z.object({ cancelled: z.boolean() }) },
  /** Sheets already scanned to files (a scanner's capture software, a folder of TIFFs), in the
   * order given, split like a scan. */
  'archive.import': {
    input: z.object({ batchId: Id, paths: z.array(z.string().min(1).max(4096)).min(1).max(10000), dpi: z.number().int().min(50).max(1200).default(200) }).strict(),
    output: ArchiveScanResult,
  },
  /** Keeps what was typed so far (valid or not) and the archivist's place in the batch. */
  'archive.save': { input: z.object({ documentId: Id, entries: IndexEntries }).strict(), output: ArchiveDocument },
  'archive.position': { input: z.object({ batchId: Id, seq: z.number().int().positive() }).strict(), output: ArchiveBatch },
  /** Validates the entries with the records' rules and sends the document to the QC pass. */
  'archive.submit': { input: z.object({ documentId: Id, entries: IndexEntries }).strict(), output: ArchiveDocument },
  /** The QC pass, by someone other than the indexer: approve (a ready record) or send back. */
  'archive.review': { input: ArchiveReviewInput, output: ArchiveDocument },
  /** Values OCR finds on the document's first page (a date, an id number…), for the form. */
  'archive.prefill': { input: DocumentRef, output: ArchiveDocument },
  /** Each page of the document looked at for the QC pass: blank, skewed, dark (in page order). */
  'archive.pageChecks': { input: DocumentRef, output: z.array(ArchivePageCheck) },
} as const;
