// How documents and pages are stored as rows and shown through the contract: the metadata
// columns, the row shapes, and the mapping both ways (documents.ts does the SQL around them).
import {
  type ColorMode,
  type DocumentStatus,
  type DocumentSummary,
  type Metadata,
  type MetadataInput,
  type OcrStatus,
  isLegacy,
  ownerIdType,
  type PageInfo,
  type SyncState,
} from '../../contract';
import type { StoredBlob } from './blob-store';

/** Metadata fields and their columns. */
export const COLUMNS = {
  dossierCode: 'dossier_code',
  kind: 'kind',
  title: 'title',
  docTypeCode: 'doc_type_code',
  docNumber: 'doc_number',
  issueDate: 'issue_date',
  issuer: 'issuer',
  validUntil: 'valid_until',
  ownerIdType: 'owner_id_type',
  ownerIdNumber: 'owner_id_number',
  ownerName: 'owner_name',
  procedureCode: 'procedure_code',
  componentCode: 'component_code',
  summary: 'summary',
  validityScope: 'validity_scope',
  fonds: 'fonds',
  box: 'box',
  fileNumber: 'file_number',
  retention: 'retention',
  physicalCondition: 'physical_condition',
} as const satisfies Record<keyof Metadata, string>;

export type MetadataRow = { [K in (typeof COLUMNS)[keyof typeof COLUMNS]]: string | null };

export interface DocumentRow extends MetadataRow {
  id: string;
  status: DocumentStatus;
  origin: string;
  pdf_sha256: string | null;
  pdf_bytes: number | null;
  source_sha256: string | null;
  source_bytes: number | null;
  ocr_status: OcrStatus;
  digitized_at: string | null;
  digitized_by: string | null;
  page_count: number;
  signature_count: number;
  /** The newest version's place in the outbox (null: never queued). */
  sync_state: string | null;
  reused_from: string | null;
  created_by: string | null;
  demonstration: 0 | 1;
  created_at: string;
  updated_at: string;
}

export interface PageTextRow {
  readonly origin: 'ocr' | 'pdf';
  readonly text: string;
  readonly wordsSha256: string;
  readonly confidence: number | null;
}

export interface Digitization {
  readonly digitizedAt: string;
  readonly digitizedBy: string;
  readonly ocr: OcrStatus;
  /** The station's unit and level, for a dossier first seen with this document. */
  readonly unitCode?: string | null;
  readonly level?: 'tinh' | 'huyen' | 'xa' | null;
}

export interface PageRow {
  id: string;
  document_id: string;
  seq: number;
  width_px: number;
  height_px: number;
  dpi: number;
  mode: ColorMode;
  image_sha256: string;
  media_type: string;
  bytes: number;
  purged_at: string | null;
  created_at: string;
  /** json_extract of the page's steps: 1, 0, or null (no steps recorded). */
  blank: number | null;
}

export interface NewPage {
  readonly id: string;
  readonly documentId: string;
  readonly seq: number;
  readonly image: StoredBlob & { readonly mediaType: string };
  readonly thumb: StoredBlob & { readonly mediaType: string };
  readonly widthPx: number;
  readonly heightPx: number;
  readonly dpi: number;
  readonly mode: ColorMode;
  readonly createdAt: string;
}

export interface DocumentQuery {
  ownerIdNumber?: string | undefined;
  dossierCode?: string | undefined;
  status?: DocumentStatus | undefined;
  limit: number;
  offset: number;
}

export const SUMMARY_SELECT = `
  SELECT d.*, b.bytes AS pdf_bytes, s.bytes AS source_bytes,
         (SELECT count(*) FROM pages p WHERE p.document_id = d.id) AS page_count,
         (SELECT count(*) FROM signatures g WHERE g.document_id = d.id) AS signature_count,
         (SELECT o.state FROM outbox o WHERE o.document_id = d.id AND o.state <> 'superseded' ORDER BY o.version DESC LIMIT 1) AS sync_state
  FROM documents d LEFT JOIN blobs b ON b.sha256 = d.pdf_sha256 LEFT JOIN blobs s ON s.sha256 = d.source_sha256`;

export function metadataColumns(input: MetadataInput): Partial<MetadataRow> {
  const values: Partial<MetadataRow> = {};
  const withType = { ...input, ...(input.ownerIdNumber ? { ownerIdType: ownerIdType(input.ownerIdNumber) } : {}) };
  for (const [field, column] of Object.entries(COLUMNS) as [keyof Metadata, keyof MetadataRow][]) {
    const v = (withType as Partial<Record<keyof Metadata, string>>)[field];
    if (v !== undefined) values[column] = v;
  }
  return values;
}

/** The outbox's states, as a person reads them: the two in flight are one "sending". */
function syncStateOf(state: string | null): SyncState {
  if (state === 'uploading' || state === 'committing') return 'sending';
  if (state === 'pending' || state === 'synced' || state === 'failed') return state;
  return 'local';
}

export function toSummary(row: DocumentRow): DocumentSummary {
  const metadata = {} as Metadata;
  for (const [field, column] of Object.entries(COLUMNS) as [keyof Metadata, keyof MetadataRow][])
    (metadata as Record<string, string | null>)[field] = row[column];
  return {
    id: row.id,
    status: row.status,
    origin: row.origin,
    pageCount: row.page_count,
    metadata,
    pdf: row.pdf_sha256 ? { sha256: row.pdf_sha256, bytes: row.pdf_bytes ?? 0 } : null,
    ocr: row.ocr_status,
    digitizedAt: row.digitized_at,
    digitizedBy: row.digitized_by,
    source: row.source_sha256 ? { sha256: row.source_sha256, bytes: row.source_bytes ?? 0 } : null,
    signatureCount: row.signature_count,
    syncState: syncStateOf(row.sync_state),
    legacy: isLegacy(row.issue_date),
    reusedFrom: row.reused_from,
    createdBy: row.created_by,
    demonstration: row.demonstration === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toPage(row: PageRow): PageInfo {
  return {
    id: row.id,
    documentId: row.document_id,
    seq: row.seq,
    widthPx: row.width_px,
    heightPx: row.height_px,
    dpi: row.dpi,
    mode: row.mode,
    mediaType: row.media_type,
    sha256: row.image_sha256,
    bytes: row.bytes,
    purgedAt: row.purged_at,
    createdAt: row.created_at,
    ...(row.blank === null ? {} : { blank: row.blank === 1 }),
  };
}

