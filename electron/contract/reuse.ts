// Reuse (tái sử dụng): what an owner already has, digitized and still valid, here and in the
// provincial store; and the link that attaches one to a new dossier without copying it.
import { z } from 'zod';
import { DossierCode, OwnerIdNumber } from './metadata';
import { DocumentSummary } from './model';
import { Dossier } from './reports';
import { RemoteLookup } from './sync';

export const Owner = z.object({
  idNumber: z.string(),
  idType: z.enum(['citizen', 'organisation']),
  name: z.string().nullable(),
});
export type Owner = z.infer<typeof Owner>;

export const ReuseCandidates = z.object({
  /** null: the station has never seen this id. */
  owner: Owner.nullable(),
  /** Ready documents of the owner that are still valid today (or permanent, or without a stated
   * validity), newest first. */
  local: z.array(DocumentSummary),
  /** The provincial store's answer; documents already here are left out of it. */
  province: RemoteLookup,
});
export type ReuseCandidates = z.infer<typeof ReuseCandidates>;

export const ReuseCandidatesInput = z.object({ ownerIdNumber: OwnerIdNumber, online: z.boolean().default(true) }).strict();

export const DossierLink = z.object({
  id: z.number().int(),
  dossierCode: z.string(),
  componentCode: z.string().nullable(),
  documentId: z.string().nullable(),
  remoteDocumentId: z.string().nullable(),
  remoteVersion: z.number().int().nullable(),
  title: z.string().nullable(),
  /** The national portal's flags: DuocSoHoa, DuocTaiSuDung, DuocLayTuKhoDMQG, MaKetQuaThayThe. */
  digitized: z.boolean(),
  reused: z.boolean(),
  fromNationalStore: z.boolean(),
  replacesResult: z.string().nullable(),
  attachedAt: z.string(),
  attachedBy: z.string(),
});
export type DossierLink = z.infer<typeof DossierLink>;

const Code = z.string().trim().min(1).max(64);

export const ReuseAttachInput = z
  .object({
    dossierCode: DossierCode,
    /** A document of this station, or one of the provincial store (from reuse.candidates). */
    documentId: z.string().trim().min(1).max(64).optional(),
    /** With documentId: the owner it was offered for (a colleague's record is attached only for
     * its owner, whose id the counter has). */
    ownerIdNumber: OwnerIdNumber.optional(),
    remote: z.object({ documentId: z.string().trim().min(1).max(64), version: z.number().int().positive(), ownerIdNumber: OwnerIdNumber }).strict().optional(),
    componentCode: Code.optional(),
    /** Taken from the national data store (Kho dữ liệu quốc gia) rather than the province's. */
    fromNationalStore: z.boolean().default(false),
    /** The result this one replaces (MaKetQuaThayThe). */
    replacesResult: Code.optional(),
  })
  .strict()
  .refine((i) => (i.documentId === undefined) !== (i.remote === undefined), { path: ['documentId'], message: 'give either documentId or remote, not both' });

/** Takes a reused paper off a dossier: the link (DossierLink.id) of that dossier. */
export const ReuseDetachInput = z.object({ dossierCode: DossierCode, linkId: z.number().int().positive() }).strict();

export const DossierDetail = Dossier.extend({
  /** Documents made for this dossier at this station. */
  documents: z.array(DocumentSummary),
  /** Documents attached by reuse. */
  links: z.array(DossierLink),
});
export type DossierDetail = z.infer<typeof DossierDetail>;
