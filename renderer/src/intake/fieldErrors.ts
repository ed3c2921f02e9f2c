// Where a station error about opening a dossier belongs: beside the field it concerns (the code,
// the procedure, the owner's id), in the officer's words — never the contract's field names —
// or, for anything else, in the banner above the Open button.
import type { WireError } from '../../../electron/contract';
import type { MessageKey } from '../i18n';

export type OpenField = 'code' | 'procedure' | 'owner';

/** A message beside a field: one of ours, or a station error's own words. */
export type FieldMessage = { readonly key: MessageKey; readonly values?: Readonly<Record<string, string | number>> } | { readonly vi: string; readonly en: string };

const FIELD_OF_INPUT: Readonly<Record<string, OpenField>> = { code: 'code', dossierCode: 'code', procedureCode: 'procedure', ownerIdNumber: 'owner', 'remote.ownerIdNumber': 'owner' };

/** The field a station error concerns, with what to say there; null: it is not about one field. */
export function fieldOfError(error: WireError): { field: OpenField; message: FieldMessage } | null {
  const d = error.details ?? {};
  if (error.code === 'invalid-input') {
    const field = FIELD_OF_INPUT[String(d.field ?? '')];
    // The detail alone: the catalogue's sentence would name the field by its contract name.
    if (field) return { field, message: { vi: String(d.detail_vi ?? d.detail ?? ''), en: String(d.detail ?? '') } };
    return null;
  }
  if (error.code === 'procedure-unknown') return { field: 'procedure', message: error.message };
  if (error.code === 'dossier-exists' || error.code === 'dossier-not-found') return { field: 'code', message: error.message };
  return null;
}
