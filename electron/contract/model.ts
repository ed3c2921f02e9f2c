// The objects that cross the contract: scanners and their capabilities, pages and documents.
import { z } from 'zod';
import { WireError } from './errors';
import { Metadata } from './metadata';
import { SignatureInfo } from './signing';

export const SourceKind = z.enum(['flatbed', 'feeder', 'feeder-duplex']);
export type SourceKind = z.infer<typeof SourceKind>;
export const ColorMode = z.enum(['color', 'gray', 'bw']);
export type ColorMode = z.infer<typeof ColorMode>;

/** One source of a scanner, normalised whatever the driver family calls it. */
export const SourceCaps = z.object({
  source: SourceKind,
  /** The driver's own name for it ("Automatic Document Feeder"), for support staff. */
  name: z.string(),
  /** Largest and smallest scan area in mm; null when the driver does not say. */
  maxArea: z.object({ width: z.number(), height: z.number() }).nullable(),
  minArea: z.object({ width: z.number(), height: z.number() }).nullable(),
  resolutions: z.array(z.number()),
  resolutionRange: z.object({ min: z.number(), max: z.number(), step: z.number() }).nullable(),
  modes: z.array(ColorMode),
  duplex: z.boolean(),
});
export type SourceCaps = z.infer<typeof SourceCaps>;

/** A feeder's paper as the scanner reports it (eSCL AdfState; SANE's page-loaded/adf-loaded
 * sensor); `unknown` when it has no such sensor — never guessed. */
export const FeederState = z.enum(['loaded', 'empty', 'jammed', 'open', 'unknown']);
export type FeederState = z.infer<typeof FeederState>;

export const Device = z.object({
  /** Carries its driver: `sane:test:0`, `escl:<uuid>`, `twain:<source>`, `wia:<id>`. */
  id: z.string(),
  driver: z.enum(['sane', 'escl', 'twain', 'wia']),
  vendor: z.string(),
  model: z.string(),
  serial: z.string(),
  /** A driver's demonstration device (the SANE test backend), shown as such. */
  demo: z.boolean(),
  sources: z.array(SourceCaps),
  /** Only for a device with a feeder, as it was when the list was read. */
  feeder: FeederState.optional(),
});
export type Device = z.infer<typeof Device>;

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const PageInfo = z.object({
  id: z.string(),
  documentId: z.string(),
  /** 1-based position in the document. */
  seq: z.number().int().positive(),
  widthPx: z.number().int().positive(),
  heightPx: z.number().int().positive(),
  dpi: z.number().positive(),
  mode: ColorMode,
  mediaType: z.string(),
  sha256: Sha256,
  bytes: z.number().int().nonnegative(),
  /** When retention deleted the image (the provincial store holds the record); null: kept. */
  purgedAt: z.string().nullable(),
  createdAt: z.string(),
  /** The imaging found nothing on the page (no ink beyond dust, holes and show-through); absent:
   * not looked at (yet) — a page still being processed, an imported or composed page. */
  blank: z.boolean().optional(),
});
export type PageInfo = z.infer<typeof PageInfo>;

export const DocumentStatus = z.enum(['draft', 'ready']);
export type DocumentStatus = z.infer<typeof DocumentStatus>;

export const FileRef = z.object({ sha256: Sha256, bytes: z.number().int().nonnegative() });
export type FileRef = z.infer<typeof FileRef>;

export const OcrStatus = z.enum(['none', 'pending', 'done', 'failed', 'skipped']);
export type OcrStatus = z.infer<typeof OcrStatus>;

export const SyncState = z.enum(['local', 'pending', 'sending', 'synced', 'failed']);
export type SyncState = z.infer<typeof SyncState>;

export const DocumentSummary = z.object({
  id: z.string(),
  status: DocumentStatus,
  origin: z.string(),
  pageCount: z.number().int().nonnegative(),
  metadata: Metadata,
  pdf: FileRef.nullable(),
  /** The text layer: pending until recognition has run (it runs in the background). */
  ocr: OcrStatus,
  digitizedAt: z.string().nullable(),
  digitizedBy: z.string().nullable(),
  /** An imported PDF's original bytes, kept beside the record made from it. */
  source: FileRef.nullable(),
  signatureCount: z.number().int().nonnegative(),
  /** Where its newest version stands with the provincial store: local (never queued), pending,
   * sending, synced or failed. */
  syncState: SyncState,
  /** Issued in 2021 or earlier (the back-file). */
  legacy: z.boolean(),
  /** Taken from an earlier digitization (a local id, or "remote:<id>"). */
  reusedFrom: z.string().nullable(),
  /** The account that made it (null: before accounts existed). */
  createdBy: z.string().nullable(),
  /** Made in demonstration mode (before the station was set up): never sent to the province. */
  demonstration: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

export const DocumentDetail = DocumentSummary.extend({ pages: z.array(PageInfo), signatures: z.array(SignatureInfo) });
export type DocumentDetail = z.infer<typeof DocumentDetail>;

/** What an import passed over in a folder (a FIFO, a dangling link, a name not in UTF-8…), and why. */
export const SkippedEntry = z.object({ file: z.string(), error: WireError });
/** Why a born-digital PDF page could not be carried into the PDF/A record as it is drawn. */
export const RasterisedReason = z.enum([
  'font-not-embedded',
  'cmyk-colour',
  'optional-content',
  'annotations',
  'postscript',
  'transfer-function',
  'forbidden-filter',
  'external-reference',
  'too-complex',
  'unreadable-structure',
]);
export type RasterisedReason = z.infer<typeof RasterisedReason>;
/** A PDF page the import drew as an image (it was neither one image the station could keep nor a
 * page PDF/A lets it carry as drawn): its words stay as the text layer, but its vector drawing
 * and fonts do not. Said, with the reason, never silent. */
export const RasterisedPage = z.object({ file: z.string(), page: z.number().int(), dpi: z.number(), reason: RasterisedReason });
export type RasterisedPage = z.infer<typeof RasterisedPage>;
/** A PDF's pages carried into the record as drawn (vectors, fonts and text), and the link
 * annotations left behind on them (they print nothing, and PDF/A would want them reworked). */
export const CarriedPages = z.object({ file: z.string(), pages: z.array(z.number().int()), linksDropped: z.number().int() });
export type CarriedPages = z.infer<typeof CarriedPages>;
/** An import's answer: the document made, the folder entries it skipped, the pages it rasterised
 * and those it carried as drawn. */
export const ImportResult = DocumentDetail.extend({ skipped: z.array(SkippedEntry), rasterised: z.array(RasterisedPage), carried: z.array(CarriedPages) });
export type ImportResult = z.infer<typeof ImportResult>;
/** An import's progress; a page read says its size as it will be saved (mm, at its resolution). */
export const ImportProgress = z.object({
  stage: z.enum(['reading', 'processing']),
  done: z.number().int(),
  total: z.number().int(),
  file: z.string(),
  page: z.object({ widthMm: z.number(), heightMm: z.number(), dpi: z.number() }).optional(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

export const ScanEnd = z.enum(['count', 'no-documents']);

export { WireError };
