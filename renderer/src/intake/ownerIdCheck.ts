// The owner's id as the officer types it (domain.md: a citizen's 12-digit personal identification
// number, or an organisation's tax code — 10 digits, or 13 for a branch, written 10-3). Checked
// key by key so that a wrong digit shows beside the field before Enter, not after a round trip;
// the final word is the contract's own schema (the core checks the same thing again).
import { OwnerIdNumber, invalidInput } from '../../../electron/contract';
import type { MessageKey } from '../i18n';

/** What the field says under it: a problem (red), or how far the typing has got (quiet). */
export type OwnerIdNote =
  | { readonly kind: 'problem'; readonly key: MessageKey; readonly values?: Readonly<Record<string, string | number>> }
  /** The contract's own words for what is wrong (already in both languages). */
  | { readonly kind: 'schema'; readonly vi: string; readonly en: string }
  | { readonly kind: 'progress'; readonly key: MessageKey; readonly values?: Readonly<Record<string, string | number>> }
  | null;

/** The id as the core wants it: spaces dropped, a 13-digit branch tax code written 10-3. */
export function normaliseOwnerId(text: string): string {
  const compact = text.replace(/\s+/g, '');
  return /^\d{13}$/.test(compact) ? `${compact.slice(0, 10)}-${compact.slice(10)}` : compact;
}

/** `final`: the officer has finished (Enter, or left the field); otherwise they are still typing. */
export function checkOwnerId(text: string, final: boolean): OwnerIdNote {
  const id = normaliseOwnerId(text);
  if (id === '') return null;
  if (!/^[\d-]*$/.test(id)) return { kind: 'problem', key: 'ownerIdDigitsOnly' };
  if (id.includes('-') && !/^\d{10}-\d{0,3}$/.test(id)) return { kind: 'problem', key: 'ownerIdDashPlace' };
  const digits = id.replace('-', '').length;
  if (digits > 13) return { kind: 'problem', key: 'ownerIdTooLong', values: { count: digits } };
  // Whole: the schema decides (province code of a personal id, check digit of a tax code).
  const whole = /^(\d{12}|\d{10}(-\d{3})?)$/.test(id);
  if (whole && (final || digits === 12 || id.includes('-'))) {
    const parsed = OwnerIdNumber.safeParse(id);
    if (!parsed.success) {
      const d = invalidInput(parsed.error).details ?? {};
      // A 10-digit number may still be the start of a personal id: say so only once typing ends.
      return { kind: 'schema', vi: String(d.detail_vi ?? d.detail ?? ''), en: String(d.detail ?? '') };
    }
    return { kind: 'progress', key: digits === 12 ? 'ownerIdPersonalOk' : 'ownerIdTaxOk' };
  }
  if (final) return { kind: 'problem', key: 'ownerIdLength', values: { count: digits } };
  if (digits === 10 && OwnerIdNumber.safeParse(id).success) return { kind: 'progress', key: 'ownerIdTaxOrMore' };
  return { kind: 'progress', key: 'ownerIdCount', values: { count: digits } };
}
