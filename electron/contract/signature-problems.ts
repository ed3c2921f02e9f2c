// Why a signature is not (or not yet) to be relied on, as codes with a Vietnamese and an English
// text, so that the app and the command line say it in the reader's language; and the verdict a
// person reads first. Three verdicts, because "the file is unchanged" and "the signer is who the
// certificate says, vouched for by an authority the station trusts, not revoked" are two different
// facts: a signature can be intact and still not trustworthy (an unknown authority, no revocation
// answer, a certificate expired at signing time). Only both together are "confirmed" (green).
import { z } from 'zod';
import type { DisplayLanguage } from './format';

export const SIGNATURE_PROBLEM_CODES = [
  // The signature itself is broken or the file changed: invalid.
  'byte-range-missing',
  'byte-range-not-at-start',
  'byte-range-outside-file',
  'byte-range-not-exact',
  'unreadable',
  'no-signer-certificate',
  'digest-mismatch',
  'value-mismatch',
  'signer-certificate-mismatch',
  'changed-after-signing',
  'timestamp-invalid',
  'revoked',
  // The file is intact, but the signer cannot be relied on yet: unconfirmed.
  'untrusted',
  'no-trust-store',
  'certificate-expired',
  'revocation-unknown',
] as const;
export const SignatureProblemCode = z.enum(SIGNATURE_PROBLEM_CODES);
export type SignatureProblemCode = z.infer<typeof SignatureProblemCode>;

export const SignatureProblem = z.object({
  code: SignatureProblemCode,
  /** How many things (changes after signing); absent when the code says it all. */
  count: z.number().int().nonnegative().optional(),
  /** For experts and logs only (PDF object numbers, a library's words), in English; never shown as the reason. */
  technical: z.string().optional(),
});
export type SignatureProblem = z.infer<typeof SignatureProblem>;

/** confirmed: intact and trusted; unconfirmed: intact, signer not (yet) trustworthy; invalid: broken or revoked. */
export const SignatureVerdict = z.enum(['confirmed', 'unconfirmed', 'invalid']);
export type SignatureVerdict = z.infer<typeof SignatureVerdict>;
/** The file's verdict: its worst signature's, or `unsigned` when it carries none. */
export const FileVerdict = z.enum(['confirmed', 'unconfirmed', 'invalid', 'unsigned']);
export type FileVerdict = z.infer<typeof FileVerdict>;

const TEXTS: Readonly<Record<SignatureProblemCode, { readonly vi: string; readonly en: string }>> = {
  'byte-range-missing': { vi: 'Chữ ký không cho biết nó bảo vệ phần nào của tệp.', en: 'The signature does not say which part of the file it protects.' },
  'byte-range-not-at-start': { vi: 'Phần được ký không bắt đầu từ đầu tệp.', en: 'The signed part does not start at the beginning of the file.' },
  'byte-range-outside-file': { vi: 'Phần được ký vượt ra ngoài tệp.', en: 'The signed part reaches outside the file.' },
  'byte-range-not-exact': { vi: 'Phần được ký không chừa đúng chỗ của giá trị chữ ký.', en: 'The signed part does not leave out exactly the signature value.' },
  unreadable: { vi: 'Không đọc được giá trị chữ ký.', en: 'The signature value cannot be read.' },
  'no-signer-certificate': { vi: 'Chữ ký không kèm chứng thư số của người ký.', en: 'The signer’s certificate is not in the signature.' },
  'digest-mismatch': { vi: 'Tài liệu đã bị sửa sau khi ký (mã băm không khớp).', en: 'The document was changed after it was signed (its digest does not match).' },
  'value-mismatch': { vi: 'Giá trị chữ ký không khớp với chứng thư số của người ký.', en: 'The signature value does not verify with the signer’s certificate.' },
  'signer-certificate-mismatch': {
    vi: 'Chứng thư số kèm theo chữ ký không phải chứng thư mà người ký đã ký cùng (chứng thư bị sửa hoặc bị thay).',
    en: 'The certificate carried with the signature is not the one the signer signed with (it was altered or replaced).',
  },
  'changed-after-signing': {
    vi: 'Tài liệu bị thay đổi sau khi ký theo cách chữ ký không cho phép ({count} thay đổi).',
    en: 'The document was changed after signing in ways the signature does not allow ({count} changes).',
  },
  'timestamp-invalid': { vi: 'Dấu thời gian không hợp lệ.', en: 'The timestamp does not verify.' },
  revoked: { vi: 'Chứng thư số của người ký đã bị thu hồi.', en: 'The signer’s certificate has been revoked.' },
  untrusted: {
    vi: 'Chứng thư số của người ký không do tổ chức chứng thực mà trạm tin cậy cấp.',
    en: 'The signer’s certificate was not issued by an authority the station trusts.',
  },
  'no-trust-store': {
    vi: 'Trạm chưa có danh sách tổ chức chứng thực tin cậy; quản trị thêm trong Cài đặt → Ký số.',
    en: 'The station has no list of trusted authorities yet; an administrator adds them in Settings → Signing.',
  },
  'certificate-expired': { vi: 'Chứng thư số không còn hiệu lực vào lúc ký.', en: 'A certificate of the chain was not valid at the signing time.' },
  'revocation-unknown': {
    vi: 'Chưa kiểm tra được chứng thư số có bị thu hồi hay không (tệp không kèm thông tin thu hồi và không hỏi được máy chủ OCSP/CRL).',
    en: 'Whether the certificate was revoked could not be checked (the file carries no revocation data and no OCSP/CRL server answered).',
  },
};

export function signatureProblemText(p: SignatureProblem, lang: DisplayLanguage): string {
  return TEXTS[p.code][lang].replace('{count}', String(p.count ?? 0));
}

const BREAKING: ReadonlySet<SignatureProblemCode> = new Set(SIGNATURE_PROBLEM_CODES.slice(0, SIGNATURE_PROBLEM_CODES.indexOf('untrusted')));

/** A signature's verdict from its problems: any breaking one makes it invalid; any other, unconfirmed. */
export function signatureVerdictOf(problems: readonly SignatureProblem[]): SignatureVerdict {
  if (problems.some((p) => BREAKING.has(p.code))) return 'invalid';
  return problems.length > 0 ? 'unconfirmed' : 'confirmed';
}

/** What --allow-untrusted forgives: the signer not vouched for, nothing broken or expired. */
const UNVOUCHED: ReadonlySet<SignatureProblemCode> = new Set(['untrusted', 'no-trust-store', 'revocation-unknown']);

/** Whether a signature passes: confirmed, or (allowing untrusted signers) only unvouched for. */
export function signatureAccepted(s: { readonly problems: readonly SignatureProblem[] }, allowUntrusted: boolean): boolean {
  return s.problems.every((p) => allowUntrusted && UNVOUCHED.has(p.code));
}

export function fileVerdictOf(signatures: readonly { readonly verdict: SignatureVerdict }[]): FileVerdict {
  if (signatures.length === 0) return 'unsigned';
  if (signatures.some((s) => s.verdict === 'invalid')) return 'invalid';
  return signatures.some((s) => s.verdict === 'unconfirmed') ? 'unconfirmed' : 'confirmed';
}
