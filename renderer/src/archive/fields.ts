// The indexing form's fields: their labels, how a value is shown and typed (dates as dd/mm/yyyy,
// "vĩnh viễn" for permanent, retention in years), and a check of one value by the contract's own
// metadata rules (contract/metadata.ts), the same ones the core applies when the form is sent.
// What is kept and sent stays the contract's: ISO dates, 'permanent', a number of years.
import { type IndexField, MetadataInput, type WireError, formatDate, invalidInput, parseDisplayDate } from '../../../electron/contract';
import type { MessageKey } from '../i18n/vi';

type T = (key: MessageKey, values?: Readonly<Record<string, string | number>>) => string;

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

/** Retention periods of the archive rules (Thông tư 10/2022/TT-BNV's terms), longest first. */
export const RETENTION_CHOICES = ['permanent', '70', '50', '20', '10', '5'] as const;

/** Placeholders that show the expected shape, in the reader's language (the examples are data). */
export function placeholderOf(field: IndexField, t: T): string {
  if (field === 'issueDate') return t('archivePlaceholderDate');
  if (field === 'validUntil') return t('archivePlaceholderValidUntil');
  if (field === 'ownerIdNumber') return '001203004567';
  if (field === 'dossierCode') return '000.00.01.H12-190315-0001';
  return '';
}

/** What "permanent" may be typed as: the word in either language, with or without diacritics. */
const PERMANENT_WORDS = new Set(['permanent', 'vĩnh viễn', 'vinh vien', 'vv']);

/** A retention period in words: "vĩnh viễn", "10 năm"; anything else as it was typed. */
export function retentionText(value: string, t: T): string {
  if (value === 'permanent') return t('archiveRetentionPermanent');
  return /^\d+$/.test(value) ? t('archiveRetentionYears', { n: Number(value) }) : value;
}

/** A kept value as the form shows it: dates dd/mm/yyyy, permanent in words. */
export function shownValue(field: IndexField, kept: string, t: T): string {
  if (field === 'issueDate' || field === 'validUntil') {
    if (field === 'validUntil' && kept === 'permanent') return t('archiveRetentionPermanent');
    return /^\d{4}-\d{2}-\d{2}$/.test(kept) ? formatDate(kept) : kept;
  }
  if (field === 'retention') return retentionText(kept, t);
  return kept;
}

/** What the person typed, as the contract keeps it: a date read as dd/mm/yyyy becomes ISO; one
 * that is not a date stays as typed (kept, and refused when sent, so nothing typed is lost). */
export function keptValue(field: IndexField, typed: string): string {
  const trimmed = typed.trim();
  if (!trimmed || (field !== 'issueDate' && field !== 'validUntil')) return typed;
  if (field === 'validUntil' && PERMANENT_WORDS.has(trimmed.normalize('NFC').toLowerCase())) return 'permanent';
  return parseDisplayDate(trimmed) ?? typed;
}

/** The complaint when a date field holds something that is not a date (said beside the field,
 * in the person's words, instead of the contract's "YYYY-MM-DD"); null when it is one or blank. */
export function notADate(field: IndexField, typed: string, t: T): string | null {
  if ((field !== 'issueDate' && field !== 'validUntil') || !typed.trim()) return null;
  const kept = keptValue(field, typed);
  if (kept === 'permanent' || /^\d{4}-\d{2}-\d{2}$/.test(kept)) return null;
  return t(field === 'validUntil' ? 'archiveNotAValidUntil' : 'archiveNotADate', { field: t(FIELD_LABELS[field]), value: typed.trim() });
}

/** The rule's complaint about one kept value on its own (as the core would word it, in both
 * languages), or null when it passes or is blank. */
export function fieldProblem(field: IndexField, value: string): WireError | null {
  const trimmed = value.trim();
  if (!trimmed) return null;
  const parsed = MetadataInput.safeParse({ [field]: trimmed });
  return parsed.success ? null : invalidInput(parsed.error, ['entries']);
}
