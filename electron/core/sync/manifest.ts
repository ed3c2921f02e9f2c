// The commit's manifest (openapi.yaml: Manifest) for one outbox row: the document's metadata, the
// signatures that version carries, who sends it, and the head of the station's audit chain as it
// stands at the commit (the store keeps it on the receipt: a copy of the head that whoever holds
// the station's files cannot rewrite).
import type { Settings } from '../../contract';
import type { DocumentRepository } from '../records/documents';
import type { OutboxRow } from '../records/outbox';
import { AuditHead } from './store-client';

export interface Manifest {
  readonly documentId: string;
  readonly version: number;
  readonly sha256: string;
  readonly bytes: number;
  readonly upload: string;
  readonly pageCount: number;
  readonly metadata: Record<string, string | null>;
  readonly digitizedAt: string | null;
  readonly digitizedBy: string | null;
  readonly signatures: { signer: string; serial: string; issuer: string; signedAt: string; level: string; subFilter: string }[];
  readonly station: { id: string; unitCode: string | null; level: string | null };
  /** Left out when the chain is empty (or its head unreadable): the field is optional. */
  readonly auditHead?: AuditHead;
}

export function buildManifest(documents: DocumentRepository, row: OutboxRow, uploadUrl: string, stationId: string, settings: Settings, auditHead: AuditHead | null = null): Manifest {
  const doc = documents.get(row.document_id);
  if (!doc) throw new Error(`document ${row.document_id} is gone`);
  // The signatures this version carries: those recorded up to the one that produced its bytes.
  const upTo = documents.signatureSeqOf(row.document_id, row.sha256) ?? doc.signatures.length;
  const m = doc.metadata;
  return {
    documentId: doc.id,
    version: row.version,
    sha256: row.sha256,
    bytes: row.bytes,
    upload: uploadUrl,
    pageCount: doc.pageCount,
    metadata: {
      dossierCode: m.dossierCode,
      kind: m.kind,
      title: m.title,
      docTypeCode: m.docTypeCode,
      docNumber: m.docNumber,
      issueDate: m.issueDate,
      issuer: m.issuer,
      validUntil: m.validUntil,
      ownerIdType: m.ownerIdType === 'citizen' ? 'cccd' : m.ownerIdType === 'organisation' ? 'mst' : null,
      ownerIdNumber: m.ownerIdNumber,
      ownerName: m.ownerName,
    },
    digitizedAt: doc.digitizedAt,
    digitizedBy: doc.digitizedBy,
    signatures: doc.signatures.filter((s) => s.seq <= upTo).map(({ signer, serial, issuer, signedAt, level, subFilter }) => ({ signer, serial, issuer, signedAt, level, subFilter })),
    station: { id: stationId, unitCode: settings.unitCode, level: settings.level },
    // Only a well-formed head: a damaged one is the audit's finding to report, not the store's.
    ...(auditHead && AuditHead.safeParse(auditHead).success ? { auditHead: { seq: auditHead.seq, hash: auditHead.hash } } : {}),
  };
}
