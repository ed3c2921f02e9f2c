// The metadata of a digitized document that the skeleton carries (domain.md, "Metadata"), with
// the validation the counter needs: dossier codes, owner ids and dates that make sense.
import { z } from 'zod';

/** A calendar date, YYYY-MM-DD, that exists. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date as YYYY-MM-DD' })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, { error: 'no such date' });

/** Mã hồ sơ: `<agency id>-YYMMDD-<seq>`, e.g. 000.00.01.H12-250123-0001. */
export const DossierCode = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9.]*-\d{6}-\d{1,6}$/, { error: 'expected <agency id>-YYMMDD-<sequence>, e.g. 000.00.01.H12-250123-0001' })
  .refine((s) => {
    const ymd = s.split('-').at(-2) ?? '';
    return IsoDate.safeParse(`20${ymd.slice(0, 2)}-${ymd.slice(2, 4)}-${ymd.slice(4, 6)}`).success;
  }, { error: 'the YYMMDD part is not a real date' });

/** A citizen's 12-digit personal identification number, or an organisation's tax code. */
export const OwnerIdNumber = z
  .string()
  .regex(/^(\d{12}|\d{10}(-\d{3})?)$/, { error: 'expected a 12-digit personal id or a 10-digit tax code (optionally -NNN)' });

export function ownerIdType(idNumber: string): 'citizen' | 'organisation' {
  return /^\d{12}$/.test(idNumber) ? 'citizen' : 'organisation';
}

export const DocumentKind = z.enum(['component', 'result']);

const Text = (max: number) => z.string().trim().min(1).max(max);

export const MetadataInput = z
  .object({
    dossierCode: DossierCode.optional(),
    kind: DocumentKind.optional(),
    title: Text(500).optional(),
    docTypeCode: Text(64).optional(),
    docNumber: Text(100).optional(),
    issueDate: IsoDate.optional(),
    issuer: Text(300).optional(),
    validUntil: z.union([IsoDate, z.literal('permanent')]).optional(),
    ownerIdNumber: OwnerIdNumber.optional(),
    ownerName: Text(200).optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    // Dates in Vietnam time: a document issued "tomorrow" is a typing error.
    const today = vietnamToday();
    if (m.issueDate && m.issueDate > today)
      ctx.addIssue({ code: 'custom', path: ['issueDate'], message: `the issue date ${m.issueDate} is in the future` });
    if (m.issueDate && m.validUntil && m.validUntil !== 'permanent' && m.validUntil < m.issueDate)
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'valid-until is before the issue date' });
  });
export type MetadataInput = z.infer<typeof MetadataInput>;

export const Metadata = z.object({
  dossierCode: z.string().nullable(),
  kind: DocumentKind.nullable(),
  title: z.string().nullable(),
  docTypeCode: z.string().nullable(),
  docNumber: z.string().nullable(),
  issueDate: z.string().nullable(),
  issuer: z.string().nullable(),
  validUntil: z.string().nullable(),
  ownerIdType: z.enum(['citizen', 'organisation']).nullable(),
  ownerIdNumber: z.string().nullable(),
  ownerName: z.string().nullable(),
});
export type Metadata = z.infer<typeof Metadata>;

/** Today's date in Vietnam (UTC+7, no daylight saving), as YYYY-MM-DD. */
export function vietnamToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}
