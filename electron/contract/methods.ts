// The station's API: every method's input and output. One table, served unchanged over Electron
// IPC, the browser-mode WebSocket and the CLI; each transport validates input against it.
import { z } from 'zod';
import { MetadataInput } from './metadata';
import { ColorMode, Device, DocumentDetail, DocumentStatus, DocumentSummary, FileRef, ImportResult, SourceKind } from './model';
import { CameraImport, Paper } from './presets';
import { ImagingProfileName } from './imaging';
import { Level, Settings, SettingsUpdate } from './settings';
import { CertificateSummary, SignRequestFields, TokenInfo, VerifyOptionsInput, VerifyReport } from './signing';
import { Dossier, DossierInput, RateDossierFilter, RateDossierPage, RatesReport, RatesTrend, ReconcileReport } from './reports';
import { RemoteLookup, SyncRunResult, SyncStatus, SyncUrl } from './sync';
import { AuditEntry, AuditVerdict } from './audit';
import { ActivityQuery, ActivityReport, AuditPage, AuditQuery, SyncCheck } from './supervision';
import { NewUser, SessionState, User, UserChange } from './auth';
import { DossierDetail, DossierLink, ReuseAttachInput, ReuseCandidates, ReuseCandidatesInput, ReuseDetachInput } from './reuse';
import { DossierCode } from './metadata';
import { IsoDate, OwnerIdNumber } from './metadata';
import { METHOD_NAMES, type MethodName } from './method-names';
import { archiveMethods } from './archive';
import { intakeMethods } from './intake';
import { pagesMethods } from './pages';
import { preferencesMethods } from './preferences';
import { setupMethods } from './setup';
import { AssemblyReport, SheetChoice, stitchMethods } from './stitch';
import { cameraMethods } from './camera';

const Id = z.string().trim().min(1).max(64);
/** The rates as data for a spreadsheet (csv, xlsx), or as the printed report the province asks for (pdf). */
const ReportFormat = z.enum(['csv', 'xlsx', 'pdf']);

const Period = z
  .object({ from: IsoDate, to: IsoDate })
  .strict()
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'the period ends before it starts' });

export const ScanRequest = z
  .object({
    device: z.string().min(1).max(300),
    source: SourceKind.default('flatbed'),
    paper: Paper.default({ preset: 'a4' }),
    /** Dots per inch. The rules ask for at least 200 for papers and 300 for maps (domain.md);
     * the device decides what it can do beyond this sanity range. */
    dpi: z.number().int().min(50).max(4800).default(200),
    mode: ColorMode.default('color'),
    /** How many pages: on a flatbed, that many scans in a row; on a feeder, at most that many
     * sheets (absent: until the feeder is empty). */
    pages: z.number().int().min(1).max(10000).optional(),
    /** Add the pages to this draft document instead of starting a new one. */
    documentId: Id.optional(),
    /** With documentId: insert the new pages before this page (1-based seq), a rescan in place;
     * absent or beyond the last page: after the last page. */
    insertAt: z.number().int().min(1).max(100_000).optional(),
    metadata: MetadataInput.optional(),
    /** Driver-specific options (e.g. the SANE test backend's `test-picture`), for tests and
     * support staff; the station's own settings are applied after them. */
    driverOptions: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    /** What the imaging pipeline does to each page; absent: the paper preset's, else `default`. */
    profile: ImagingProfileName.optional(),
  })
  .strict();
export type ScanRequest = z.input<typeof ScanRequest>;

export const DocumentQuery = z
  .object({
    ownerIdNumber: z.string().max(20).optional(),
    dossierCode: z.string().max(64).optional(),
    status: DocumentStatus.optional(),
    limit: z.number().int().min(1).max(1000).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .strict();

/** Who converts the paper, and when its text is recognised. */
const Digitization = {
  /** Full name for the conversion mark; default: the station's operator setting. */
  digitizedBy: z.string().trim().min(1).max(200).optional(),
  ocr: z.enum(['background', 'wait', 'skip']).default('background'),
};

export const StationInfo = z.object({
  version: z.string(),
  dataDir: z.string(),
  schemaVersion: z.number().int(),
  stationId: z.string(),
  /** What protects the key of the encrypted page images and PDFs on this station. */
  encryption: z.enum(['keychain', 'passphrase', 'key-file']),
});

/** A backup written by station.backup (a new folder inside the folder given). */
export const BackupResult = z.object({
  path: z.string(),
  stationId: z.string(),
  schemaVersion: z.number().int(),
  createdAt: z.string(),
  files: z.number().int(),
  bytes: z.number().int(),
  copiedBytes: z.number().int(),
  linkedFiles: z.number().int(),
  missingBlobs: z.array(z.string()),
  database: z.object({ bytes: z.number().int(), sha256: z.string() }),
  durationMs: z.number().int(),
});

interface MethodSpec {
  readonly input: z.ZodType;
  readonly output: z.ZodType;
}

export const methods = {
  'station.info': { input: z.object({}).strict(), output: StationInfo },
  /** A consistent backup (database snapshot and the files it names) into a new folder in `dir`,
   * while the station keeps working; `incremental`: hard-link files unchanged since the last one. */
  'station.backup': { input: z.object({ dir: z.string().min(1).max(4096), incremental: z.boolean().default(true) }).strict(), output: BackupResult },
  'settings.get': { input: z.object({}).strict(), output: Settings },
  'settings.update': { input: SettingsUpdate, output: Settings },
  /** The last list at once, probed again behind it (a change comes as `devices.changed`);
   * `refresh`: wait for a fresh probe of every driver. */
  'devices.list': { input: z.object({ refresh: z.boolean().optional() }).strict(), output: z.array(Device) },
  'scan.start': { input: ScanRequest, output: z.object({ jobId: z.string(), documentId: z.string() }) },
  'scan.cancel': { input: z.object({ jobId: Id }).strict(), output: z.object({ cancelled: z.boolean() }) },
  'documents.list': { input: DocumentQuery, output: z.array(DocumentSummary) },
  'documents.get': { input: z.object({ id: Id }).strict(), output: DocumentDetail },
  /** Saves a draft: applies metadata, writes its PDF/A record, and makes it ready. Text
   * recognition then runs in the background (`background`), before returning (`wait`), or not. */
  'documents.finish': {
    input: z.object({ id: Id, metadata: MetadataInput.optional(), ...Digitization }).strict(),
    output: DocumentDetail,
  },
  /** Makes a ready document from image files or PDFs (paths on the station's own disk). */
  'documents.import': {
    input: z
      .object({
        paths: z.array(z.string().min(1).max(4096)).min(1).max(10000),
        metadata: MetadataInput.optional(),
        /** Resolution to assume for images that do not state one, and to rasterise PDFs at. */
        dpi: z.number().int().min(50).max(1200).default(200),
        /** What the imaging pipeline does to each page (absent: `default`). */
        profile: ImagingProfileName.optional(),
        /** The files are the parts of one large sheet, in order (a folder's by name): assembled
         * into one page at the sheet's true size first (`sohoa import --stitch`). */
        stitch: z.object({ sheet: SheetChoice, landscape: z.boolean().optional() }).strict().optional(),
        /** The image files are camera photos of pages: corrected before imaging (presets.ts). */
        camera: CameraImport.optional(),
        ...Digitization,
      })
      .strict(),
    /** `assembly`: how the parts were joined, when `stitch` was asked for. */
    output: ImportResult.extend({ assembly: AssemblyReport.optional() }),
  },
  /** Writes a document's PDF to a file on the station's disk. */
  'documents.export': {
    input: z.object({ id: Id, path: z.string().min(1).max(4096), overwrite: z.boolean().default(false) }).strict(),
    output: FileRef.extend({ path: z.string() }),
  },
  /** Signs a saved document (an incremental update: earlier signatures stay valid). */
  'documents.sign': { input: z.object({ id: Id, ...SignRequestFields }).strict(), output: DocumentDetail },
  'documents.verify': { input: z.object({ id: Id, ...VerifyOptionsInput }).strict(), output: VerifyReport },
  /** Signs a PDF file on the station's disk, outside the store. */
  'pdf.sign': {
    input: z.object({ path: z.string().min(1).max(4096), out: z.string().min(1).max(4096), overwrite: z.boolean().default(false), ...SignRequestFields }).strict(),
    output: FileRef.extend({ path: z.string(), signer: z.string(), signedAt: z.string(), level: z.string() }),
  },
  /** Verifies every signature of any PDF on the station's disk. */
  'pdf.verify': { input: z.object({ path: z.string().min(1).max(4096), ...VerifyOptionsInput }).strict(), output: VerifyReport },
  /** The certificate in a PKCS#12 file (its password opens it; nothing is kept but what is returned). */
  'signing.p12Certificate': { input: z.object({ path: z.string().min(1).max(4096), password: z.string().min(1).max(256) }).strict(), output: CertificateSummary },
  /** The PKCS#11 tokens present, with their certificates (no PIN needed). */
  'signing.tokens': { input: z.object({ module: z.string().min(1).max(4096).optional() }).strict(), output: z.array(TokenInfo) },
  /** Finds documents by dossier code, owner id or name (with or without diacritics), number, or
   * their text; best first, each with the words that matched. */
  'documents.search': {
    input: z.object({ text: z.string().trim().min(1).max(200), limit: z.number().int().min(1).max(500).default(50) }).strict(),
    output: z.array(DocumentSummary.extend({ snippet: z.string().nullable() })),
  },
  /** The audit log, newest first (of one document, or all), and the walk of its hash chain. */
  'audit.list': {
    input: z.object({ documentId: Id.optional(), limit: z.number().int().min(1).max(1000).default(100), beforeSeq: z.number().int().positive().optional() }).strict(),
    output: z.array(AuditEntry),
  },
  'audit.verify': { input: z.object({}).strict(), output: AuditVerdict },
  /** Sync with the provincial store: the supervisor's figures, a drain now, Retry, configuration. */
  'sync.status': { input: z.object({}).strict(), output: SyncStatus },
  'sync.run': { input: z.object({}).strict(), output: SyncRunResult },
  'sync.retry': { input: z.object({ id: z.number().int().positive().optional() }).strict(), output: z.object({ retried: z.number().int() }) },
  'sync.configure': {
    input: z.object({ url: SyncUrl, clientId: z.string().trim().min(1).max(200), clientSecret: z.string().min(1).max(1000).optional() }).strict(),
    output: SyncStatus,
  },
  /** What an owner already has in the provincial store (reuse); "offline" is an answer. */
  'reuse.lookup': { input: z.object({ ownerIdNumber: OwnerIdNumber }).strict(), output: RemoteLookup },
  'dossiers.open': { input: DossierInput, output: Dossier },
  /** A dossier with the documents made for it and those attached by reuse. */
  'dossiers.get': { input: z.object({ code: DossierCode }).strict(), output: DossierDetail },
  /** What the owner already has, digitized and still valid: here, and in the provincial store. */
  'reuse.candidates': { input: ReuseCandidatesInput, output: ReuseCandidates },
  /** Attaches one of them to a dossier, flagged for the national portal; no bytes are copied. */
  'reuse.attach': { input: ReuseAttachInput, output: DossierLink },
  /** Takes a reused paper off a dossier (the record itself stays); returns the link removed. */
  'reuse.detach': { input: ReuseDetachInput, output: DossierLink },
  /** Removes a document and its pages from the station (audited). Officers and archivists: only
   * their own, never one already in the provincial store. */
  'documents.delete': { input: z.object({ id: Id, reason: z.string().trim().min(3).max(500) }).strict(), output: z.object({ deleted: z.string() }) },
  /** Both sides of an ID card (a draft's two pages) composed on one A4 page at true size, front above back. */
  'documents.composeIdCard': { input: z.object({ id: Id }).strict(), output: DocumentDetail },
  /** Manual duplex: a draft scanned as its fronts, then the stack turned over (backs last page first), put in reading order. */
  'documents.interleaveBacks': { input: z.object({ id: Id }).strict(), output: DocumentDetail },
  /** Runs the retention purge now (it also runs by itself every six hours in the app). */
  'records.purge': { input: z.object({}).strict(), output: z.object({ documents: z.number().int(), pages: z.number().int(), bytes: z.number().int() }) },
  /** The caller's session: sign in and out, the idle lock. */
  'session.state': { input: z.object({}).strict(), output: SessionState },
  'session.login': { input: z.object({ username: z.string().trim().min(1).max(40), password: z.string().min(1).max(200) }).strict(), output: SessionState },
  'session.unlock': { input: z.object({ password: z.string().min(1).max(200) }).strict(), output: SessionState },
  'session.lock': { input: z.object({}).strict(), output: SessionState },
  'session.logout': { input: z.object({}).strict(), output: SessionState },
  /** Accounts (administrators; everyone may change their own name and password). */
  'users.list': { input: z.object({}).strict(), output: z.array(User) },
  'users.create': { input: NewUser, output: User },
  'users.update': { input: UserChange, output: User },
  /** The index-766 rates over the dossiers received from `from` to `to` (Vietnam dates, both included). */
  'reports.rates': { input: Period, output: RatesReport },
  /** The dossiers behind one figure of the rates (a unit and level, or all), each with what it lacks. */
  'reports.rateDossiers': {
    input: z
      .object({
        from: IsoDate,
        to: IsoDate,
        filter: RateDossierFilter,
        /** One row of the report (absent: every unit and level). */
        unitCode: z.string().trim().min(1).max(64).nullable().optional(),
        level: Level.nullable().optional(),
        limit: z.number().int().min(1).max(1000).default(200),
        offset: z.number().int().min(0).default(0),
      })
      .strict()
      .refine((q) => q.from <= q.to, { path: ['to'], message: 'the period ends before it starts' }),
    output: RateDossierPage,
  },
  /** The rates month by month over a period of at most three years. */
  'reports.trend': {
    input: z
      .object({ from: IsoDate, to: IsoDate })
      .strict()
      .refine((q) => q.from <= q.to, { path: ['to'], message: 'the period ends before it starts' })
      .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 3 * 366 * 86_400_000, { path: ['from'], message: 'a trend covers at most three years' }),
    output: RatesTrend,
  },
  /** The records the period's figures count as sent, checked one by one against the store's receipts. */
  'reports.reconcile': { input: Period, output: ReconcileReport },
  'reports.export': {
    input: z
      .object({ from: IsoDate, to: IsoDate, format: ReportFormat, lang: z.enum(['vi', 'en']).default('vi'), path: z.string().min(1).max(4096), overwrite: z.boolean().default(false) })
      .strict()
      .refine((q) => q.from <= q.to, { path: ['to'], message: 'the period ends before it starts' }),
    output: FileRef.extend({ path: z.string() }),
  },
  /** The same file for the UI to offer as a download (a report is a few kilobytes). */
  'reports.file': {
    input: z
      .object({ from: IsoDate, to: IsoDate, format: ReportFormat, lang: z.enum(['vi', 'en']).default('vi') })
      .strict()
      .refine((q) => q.from <= q.to, { path: ['to'], message: 'the period ends before it starts' }),
    output: z.object({ filename: z.string(), mediaType: z.string(), base64: z.string() }),
  },
  /** Each person's work over a period (Vietnam dates, both included), from the audit log and the records. */
  'reports.activity': { input: ActivityQuery, output: ActivityReport },
  /** The audit log filtered (actor, action, period, document), newest first, a page at a time. */
  'audit.query': { input: AuditQuery, output: AuditPage },
  /** Whether the provincial store answers the saved address and credentials (a token and a read). */
  'sync.check': { input: z.object({}).strict(), output: SyncCheck },
  /** Counter intake: catalogue, checklist, receipt (intake.ts). */
  ...intakeMethods,
  /** Archive batches: split, index, check (archive.ts). */
  ...archiveMethods,
  /** Hand changes to a draft's pages: move, delete, rotate, crop, undo, revert (pages.ts). */
  ...pagesMethods,
  /** A person's own signing choices (preferences.ts). */
  ...preferencesMethods,
  /** The first start: the wizard's own steps, or demonstration mode (setup.ts). */
  ...setupMethods,
  /** Large paper in parts: the plan before the first part (stitch.ts). */
  ...stitchMethods,
  /** Photos from a camera into a draft (camera.ts). */
  ...cameraMethods,
} as const satisfies Record<MethodName, MethodSpec>;

export type Methods = typeof methods;
export { METHOD_NAMES, type MethodName };
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
