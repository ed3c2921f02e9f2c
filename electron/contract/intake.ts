// Counter intake (issue 9, item 1): the procedure catalogue the province publishes, the checklist
// of a dossier's components, reading the receipt's code, signing the set and the receipt page.
import { z } from 'zod';
import { WireError } from './errors';
import { DossierCode, IsoDate, OwnerIdNumber } from './metadata';
import { DocumentSummary } from './model';
import { PresetName } from './presets';
import { Dossier } from './reports';
import { DossierLink } from './reuse';
import { Level } from './settings';
import { SignRequestFields } from './signing';

const Code = z.string().trim().min(1).max(64);

/** One component (thành phần hồ sơ) a procedure asks for. */
export const CatalogueComponent = z
  .object({
    /** Mã thành phần hồ sơ, as the province's one-stop system knows it. */
    code: Code,
    /** Tên thành phần hồ sơ, as the officer reads it. */
    name: z.string().trim().min(1).max(300),
    /** The document types (mã giấy tờ) that satisfy it: an owner's still-valid document of one of
     * these types is offered for reuse instead of a new scan. */
    docTypeCodes: z.array(Code).max(20).default([]),
    required: z.boolean().default(true),
    /** The one-touch paper preset its scan starts with. */
    preset: PresetName.default('a4'),
  })
  .strict();
export type CatalogueComponent = z.output<typeof CatalogueComponent>;

export const CatalogueProcedure = z
  .object({
    /** Mã thủ tục hành chính (e.g. 1.001193). */
    code: z.string().trim().regex(/^\d\.\d{6}(\.[A-Za-z0-9]+)?$/, { error: 'expected a procedure code like 1.001193' }),
    name: z.string().trim().min(1).max(300),
    /** The levels that receive it (empty: any). */
    levels: z.array(Level).max(3).default([]),
    components: z.array(CatalogueComponent).min(1, { error: 'a procedure needs at least one component' }).max(50),
  })
  .strict()
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.components.forEach((c, i) => {
      if (seen.has(c.code)) ctx.addIssue({ code: 'custom', path: ['components', i, 'code'], message: `component code ${c.code} appears twice in ${p.code}` });
      seen.add(c.code);
    });
  });
export type CatalogueProcedure = z.output<typeof CatalogueProcedure>;

/** The catalogue file (JSON) a province publishes and a station may override. */
export const Catalogue = z
  .object({
    /** Who publishes it and which edition it is. */
    publisher: z.string().trim().min(1).max(300),
    version: z.string().trim().min(1).max(40),
    updatedAt: IsoDate,
    procedures: z.array(CatalogueProcedure).min(1, { error: 'the catalogue lists no procedure' }).max(5000),
  })
  .strict()
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.procedures.forEach((p, i) => {
      if (seen.has(p.code)) ctx.addIssue({ code: 'custom', path: ['procedures', i, 'code'], message: `procedure ${p.code} appears twice` });
      seen.add(p.code);
    });
  });
export type Catalogue = z.output<typeof Catalogue>;

export const CatalogueState = z.object({
  catalogue: Catalogue,
  /** Where the catalogue in use came from: the shipped default, the station's file, or the last
   * good copy of the station's file (kept when a newer one is invalid). */
  source: z.enum(['default', 'station', 'last-good']),
  /** The station's override file (whether or not it exists). */
  stationFile: z.string(),
  /** Why the station's file is not in use (null: it is, or there is none). */
  problem: WireError.nullable(),
});
export type CatalogueState = z.infer<typeof CatalogueState>;

/** What an owner already has that would satisfy a component: one key reuses it. */
export const ReuseOffer = z.object({
  key: z.string(),
  where: z.enum(['here', 'province']),
  title: z.string(),
  /** The type of paper (mã giấy tờ), e.g. CCCD. */
  docTypeCode: z.string().nullable(),
  /** Số, ký hiệu; ngày cấp (ISO date); cơ quan cấp; thời hạn hiệu lực (ISO date or "permanent"):
   * what the officer compares with the paper the citizen holds. */
  docNumber: z.string().nullable(),
  issueDate: z.string().nullable(),
  issuer: z.string().nullable(),
  validUntil: z.string().nullable(),
  /** Page 1 of a record on this station, for a thumbnail (null: in the provincial store, or no page). */
  firstPage: z.object({ id: z.string(), sha256: z.string() }).nullable(),
  attach: z.union([
    z.object({ documentId: z.string(), ownerIdNumber: z.string() }),
    z.object({ remote: z.object({ documentId: z.string(), version: z.number().int(), ownerIdNumber: z.string() }) }),
  ]),
});
export type ReuseOffer = z.infer<typeof ReuseOffer>;

export const ComponentState = z.enum(['todo', 'scanning', 'scanned', 'signed', 'reused']);
export type ComponentState = z.infer<typeof ComponentState>;

export const ChecklistItem = z.object({
  code: z.string(),
  name: z.string(),
  required: z.boolean(),
  preset: PresetName,
  /** The procedure lets an earlier digitization stand for it (it names the document types that
   * satisfy it); a form filled in for this dossier, an original to be certified, is never reused. */
  reusable: z.boolean(),
  /** The document type a scan of it is recorded as (so that it can be reused later), if any. */
  docTypeCode: z.string().nullable(),
  state: ComponentState,
  /** The document made for it here (a draft while scanning). */
  document: DocumentSummary.nullable(),
  /** The link when it was reused. */
  link: DossierLink.nullable(),
  /** Reuse offers, best first (only while the component is to do). */
  offers: z.array(ReuseOffer),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const Checklist = z.object({
  dossier: Dossier,
  procedure: z.object({ code: z.string(), name: z.string() }).nullable(),
  ownerIdNumber: z.string().nullable(),
  items: z.array(ChecklistItem),
  /** Every required component scanned or reused. */
  complete: z.boolean(),
  /** Scanned components saved but not yet signed. */
  unsigned: z.number().int(),
  /** The provincial store's answer to the reuse lookup ("offline" is an answer). */
  province: z.enum(['ok', 'offline', 'not-configured', 'skipped']),
});
export type Checklist = z.infer<typeof Checklist>;

export const IntakeOpenInput = z
  .object({ code: DossierCode, procedureCode: Code, ownerIdNumber: OwnerIdNumber.optional(), online: z.boolean().default(true) })
  .strict();
export const IntakeChecklistInput = z.object({ code: DossierCode, ownerIdNumber: OwnerIdNumber.optional(), online: z.boolean().default(true) }).strict();

export const ReadReceiptInput = z
  .object({ documentId: Code.optional(), path: z.string().min(1).max(4096).optional() })
  .strict()
  .refine((i) => (i.documentId === undefined) !== (i.path === undefined), { path: ['documentId'], message: 'give either documentId or path' });

export const ReceiptRead = z.object({
  code: z.string(),
  /** The symbology it was read from (QRCode, Code128, …). */
  format: z.string(),
});
export type ReceiptRead = z.infer<typeof ReceiptRead>;

/** The printable receipt (phiếu tiếp nhận) of what was digitized for a dossier. */
export const IntakeReceipt = z.object({
  code: z.string(),
  procedure: z.object({ code: z.string(), name: z.string() }).nullable(),
  agencyName: z.string().nullable(),
  unitCode: z.string().nullable(),
  /** The citizen whose dossier it is: the id typed at the counter, and the name the dossier's
   * documents (scanned or reused) give for that owner; null when none says it. */
  ownerIdNumber: z.string().nullable(),
  ownerName: z.string().nullable(),
  officer: z.string(),
  /** Received in demonstration mode: a trial, not sent to the provincial store. */
  demonstration: z.boolean(),
  /** ISO 8601 with +07:00. */
  issuedAt: z.string(),
  receivedAt: z.string(),
  components: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      state: ComponentState,
      pageCount: z.number().int().nullable(),
      sha256: z.string().nullable(),
    }),
  ),
  /** The QR code of the dossier code: one string of 0/1 per row (1: a dark module). */
  qr: z.array(z.string()),
});
export type IntakeReceipt = z.infer<typeof IntakeReceipt>;

export const intakeMethods = {
  /** The procedure catalogue in use, where it came from, and why the station's file is not used. */
  'intake.catalogue': { input: z.object({}).strict(), output: CatalogueState },
  /** Installs a catalogue file (a path on the station's disk) as the station's; refused, with the
   * problem named, when it is not valid. */
  'intake.installCatalogue': { input: z.object({ path: z.string().min(1).max(4096) }).strict(), output: CatalogueState },
  /** Opens a dossier at the counter for a procedure of the catalogue; returns its checklist. */
  'intake.open': { input: IntakeOpenInput, output: Checklist },
  'intake.checklist': { input: IntakeChecklistInput, output: Checklist },
  /** Reads the dossier code from a scanned receipt — a draft's first page, then discarded, or an
   * image file on the station's disk (a scanner's folder, a photo). */
  'intake.readReceipt': { input: ReadReceiptInput, output: ReceiptRead },
  /** Signs every saved, unsigned component of the dossier with one key and one PIN. */
  'intake.signSet': { input: z.object({ code: DossierCode, ...SignRequestFields }).strict(), output: Checklist },
  'intake.receipt': { input: z.object({ code: DossierCode }).strict(), output: IntakeReceipt },
} as const;
