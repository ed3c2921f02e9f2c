// The indexing form's fields: their labels, and a check of one value by the contract's own
// metadata rules (contract/metadata.ts), the same ones the core applies when the form is sent.
import { type IndexField, MetadataInput, type WireError, invalidInput } from '../../../electron/contract';
import type { MessageKey } from '../i18n/vi';

export const FIELD_LABELS: Readonly<Record<IndexField, MessageKey>> = {
  title: 'archiveFieldTitle',
  docNumber: 'archiveFieldDocNumber',
  issueDate: 'archiveFieldIssueDate',
  issuer: 'archiveFieldIssuer',
  ownerName: 'archiveFieldOwnerName',
  ownerIdNumber: 'archiveFieldOwnerId',
  dossierCode: 'archiveFieldDossierCode',
  validUntil: 'archiveFieldValidUntil',
  fonds: 'archiveFieldFonds',
  box: 'archiveFieldBox',
  fileNumber: 'archiveFieldFileNumber',
  retention: 'archiveFieldRetention',
  physicalCondition: 'archiveFieldCondition',
  summary: 'archiveFieldSummary',
};

/** Placeholders that show the expected shape. */
export const FIELD_PLACEHOLDERS: Partial<Record<IndexField, string>> = {
  issueDate: 'YYYY-MM-DD',
  validUntil: 'YYYY-MM-DD | permanent',
  ownerIdNumber: '001203004567',
  dossierCode: '000.00.01.H12-190315-0001',
  retention: '10 | permanent',
};

/** The rule's complaint about one value on its own (as the core would word it, in both
 * languages), or null when it passes or is blank. */
export function fieldProblem(field: IndexField, value: string): WireError | null {
  const trimmed = value.trim();
  if (!trimmed) return null;
  const parsed = MetadataInput.safeParse({ [field]: trimmed });
  return parsed.success ? null : invalidInput(parsed.error, ['entries']);
}
