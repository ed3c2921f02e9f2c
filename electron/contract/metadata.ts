// The metadata of a digitized document that the skeleton carries (domain.md, "Metadata"), with
// the validation the counter needs: dossier codes, owner ids and dates that make sense.
import { z } from 'zod';

// Our own validation messages are written in English (zod's `message`) and registered here with
// their Vietnamese text, so that wire.ts can give an `invalid-input` error both languages, as the
// error catalogue does; zod's built-in messages are translated by its own Vietnamese locale.
const VIETNAMESE = new Map<string, string>();
export function bilingual(en: string, vi: string): string {
  VIETNAMESE.set(en, vi);
  return en;
}
/** The Vietnamese text of one of this module's validation messages, if it is one. */
export function validationMessageVi(en: string): string | undefined {
  return VIETNAMESE.get(en);
}

/** A calendar date, YYYY-MM-DD, that exists. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: bilingual('expected a date as YYYY-MM-DD: type it as year-month-day, e.g. 2024-03-15', 'cần một ngày dạng NNNN-TT-NN: gõ năm-tháng-ngày, ví dụ 2024-03-15') })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, { error: bilingual('no such date: check the day and the month', 'không có ngày này: kiểm tra lại ngày và tháng') });

/** Mã hồ sơ: `<agency id>-YYMMDD-<seq>`, e.g. 000.00.01.H12-250123-0001. */
export const DossierCode = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9.]*-\d{6}-\d{1,6}$/, { error: bilingual('expected <agency id>-YYMMDD-<sequence>, e.g. 000.00.01.H12-250123-0001: copy the code from the receipt', 'cần dạng <mã cơ quan>-YYMMDD-<số thứ tự>, ví dụ 000.00.01.H12-250123-0001: chép lại mã từ giấy tiếp nhận') })
  .refine((s) => {
    const ymd = s.split('-').at(-2) ?? '';
    return IsoDate.safeParse(`20${ymd.slice(0, 2)}-${ymd.slice(2, 4)}-${ymd.slice(4, 6)}`).success;
  }, { error: bilingual('the YYMMDD part is not a real date: check the code on the receipt', 'phần YYMMDD không phải ngày có thật: kiểm tra lại mã trên giấy tiếp nhận') })
  .refine((s) => {
    // Received at the latest tomorrow (a station's clock may lag the one that issued the code).
    const ymd = s.split('-').at(-2) ?? '';
    return `20${ymd.slice(0, 2)}-${ymd.slice(2, 4)}-${ymd.slice(4, 6)}` <= vietnamToday(new Date(Date.now() + 86_400_000));
  }, { error: bilingual('the YYMMDD part is a date in the future: check the code on the receipt', 'phần YYMMDD là ngày trong tương lai: kiểm tra lại mã trên giấy tiếp nhận') });

// The first three digits of a personal id name the province of birth registration (Thông tư
// 59/2021/TT-BCA, Phụ lục I); a number that starts with any other code was mistyped.
const PROVINCE_CODES = new Set(
  ('001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 038 040 042 044 045 046 048 049 ' +
    '051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096').split(' '),
);

/** A tax code's tenth digit checks the first nine (weights 31 29 23 19 17 13 7 5 3, mod 11). */
export function taxCodeChecks(code: string): boolean {
  const d = [...code.slice(0, 10)].map(Number);
  const weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  const check = 10 - (weights.reduce((sum, w, i) => sum + w * d[i]!, 0) % 11);
  return check < 10 && check === d[9];
}

/** A citizen's 12-digit personal identification number, or an organisation's tax code. */
export const OwnerIdNumber = z
  .string()
  .trim()
  .regex(/^(\d{12}|\d{10}(-\d{3})?)$/, { error: bilingual('expected a 12-digit personal id or a 10-digit tax code (optionally -NNN): copy it from the id card or the tax registration', 'cần số định danh cá nhân 12 chữ số hoặc mã số thuế 10 chữ số (có thể kèm -NNN): chép lại từ căn cước hoặc giấy đăng ký thuế') })
  .refine((s) => s.length !== 12 || PROVINCE_CODES.has(s.slice(0, 3)), { error: bilingual('a personal id starts with a province code (001–096); this one does not: check the first three digits', 'số định danh cá nhân bắt đầu bằng mã tỉnh (001–096); số này thì không: kiểm tra ba chữ số đầu') })
  .refine((s) => s.length === 12 || taxCodeChecks(s), { error: bilingual('the tax code’s check digit does not match: check the digits against the tax registration', 'chữ số kiểm tra của mã số thuế không khớp: so lại từng chữ số với giấy đăng ký thuế') });

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
    procedureCode: Text(64).optional(),
    componentCode: Text(64).optional(),
    summary: Text(2000).optional(),
    validityScope: Text(300).optional(),
    // Archival fields, for back-file work (phông, hộp, hồ sơ số, thời hạn bảo quản, tình trạng vật lý).
    fonds: Text(200).optional(),
    box: Text(50).optional(),
    fileNumber: Text(50).optional(),
    retention: z.union([z.literal('permanent'), z.string().regex(/^[1-9]\d{0,2}$/, { error: bilingual('expected a number of years (1–999) or "permanent": type one of them', 'cần số năm (1–999) hoặc "permanent" (vĩnh viễn): nhập một trong hai') })]).optional(),
    physicalCondition: Text(300).optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    // Dates in Vietnam time: a document issued "tomorrow" is a typing error.
    const today = vietnamToday();
    if (m.issueDate && m.issueDate > today)
      ctx.addIssue({ code: 'custom', path: ['issueDate'], message: bilingual('the issue date is in the future: check the year, the month and the day', 'ngày cấp nằm trong tương lai: kiểm tra lại năm, tháng, ngày') });
    if (m.issueDate && m.validUntil && m.validUntil !== 'permanent' && m.validUntil < m.issueDate)
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: bilingual('valid-until is before the issue date: check both dates', 'ngày hết hiệu lực trước ngày cấp: kiểm tra lại cả hai ngày') });
    if (m.validUntil && m.validUntil !== 'permanent' && m.validUntil < '1945-09-02')
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: bilingual('valid-until is before 2 September 1945: check the year', 'ngày hết hiệu lực trước ngày 2/9/1945: kiểm tra lại năm') });
    if (m.issueDate && m.issueDate < '1945-09-02')
      ctx.addIssue({ code: 'custom', path: ['issueDate'], message: bilingual('the issue date is before 2 September 1945: check the year', 'ngày cấp trước ngày 2/9/1945: kiểm tra lại năm') });
  });

/** Issued in 2021 or earlier: the back-file the archivists digitize (domain.md, "legacy"). */
export function isLegacy(issueDate: string | null): boolean {
  return issueDate !== null && issueDate <= '2021-12-31';
}
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
  procedureCode: z.string().nullable(),
  componentCode: z.string().nullable(),
  summary: z.string().nullable(),
  validityScope: z.string().nullable(),
  fonds: z.string().nullable(),
  box: z.string().nullable(),
  fileNumber: z.string().nullable(),
  retention: z.string().nullable(),
  physicalCondition: z.string().nullable(),
});
export type Metadata = z.infer<typeof Metadata>;

/** Today's date in Vietnam (UTC+7, no daylight saving), as YYYY-MM-DD. */
export function vietnamToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}
