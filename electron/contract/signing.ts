// Signing and verification across the contract: which key signs, how, and what a verification
// reports (cli.md: { signatures: [ { valid, coversWholeDocument, signer, signedAt, level,
// timestamp, trusted } ] }, and more).
import { z } from 'zod';
import { FileVerdict, SignatureProblem, SignatureVerdict } from './signature-problems';

const Secret = z.string().min(1).max(256);
const Path = z.string().min(1).max(4096);

/** The key: a PKCS#12 file and its password, or a PKCS#11 token and its PIN. Secrets travel in
 * memory only (the CLI reads them from an environment variable or a prompt). */
export const SigningKeyInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('p12'), path: Path, password: Secret }).strict(),
  z
    .object({
      kind: z.literal('pkcs11'),
      /** The token's PKCS#11 library; default: the station's setting. */
      module: Path.optional(),
      token: z.string().min(1).max(64).optional(),
      certificateId: z.string().regex(/^[0-9a-f]{1,128}$/).optional(),
      pin: Secret,
    })
    .strict(),
]);
export type SigningKeyInput = z.infer<typeof SigningKeyInput>;

export const SignatureLevel = z.enum(['B-B', 'B-T', 'B-LT']);
export const SignatureFormat = z.enum(['pades', 'pkcs7']);
export const SignaturePosition = z.enum(['top-right', 'top-left', 'bottom-right', 'bottom-left']);

export const SignRequestFields = {
  key: SigningKeyInput,
  /** Default: the station's setting (B-T when a TSA is configured, else B-B). */
  level: SignatureLevel.optional(),
  format: SignatureFormat.optional(),
  tsaUrl: z.url().max(2048).optional(),
  /** false: an invisible signature. Default: the station's setting (visible). */
  visible: z.boolean().optional(),
  position: SignaturePosition.optional(),
  reason: z.string().trim().min(1).max(300).optional(),
};

export const SignRequest = z.object(SignRequestFields).strict();
export type SignRequest = z.output<typeof SignRequest>;

export const SignatureInfo = z.object({
  seq: z.number().int().positive(),
  /** The signature field's name in the PDF. */
  field: z.string(),
  signer: z.string(),
  serial: z.string(),
  issuer: z.string(),
  signedAt: z.string(),
  level: z.string(),
  subFilter: z.string(),
});
export type SignatureInfo = z.infer<typeof SignatureInfo>;

/** A signing certificate as a person recognises it: who holds it, who issued it, until when. */
export const CertificateSummary = z.object({ subject: z.string().max(500), issuer: z.string().max(500), notAfter: z.string().max(40) });
export type CertificateSummary = z.infer<typeof CertificateSummary>;

export const TokenInfo = z.object({
  slot: z.number().int(),
  label: z.string(),
  manufacturer: z.string(),
  model: z.string(),
  serial: z.string(),
  pinLow: z.boolean(),
  pinFinalTry: z.boolean(),
  pinLocked: z.boolean(),
  certificates: z.array(z.object({ id: z.string(), label: z.string(), subject: z.string(), issuer: z.string(), notAfter: z.string() })),
});
export type TokenInfo = z.infer<typeof TokenInfo>;

export const SignatureReport = z.object({
  field: z.string(),
  valid: z.boolean(),
  integrity: z.boolean(),
  coversWholeDocument: z.boolean(),
  laterChanges: z.enum(['none', 'allowed', 'disallowed']),
  signer: z.string().nullable(),
  serial: z.string().nullable(),
  issuer: z.string().nullable(),
  signedAt: z.string().nullable(),
  level: z.enum(['B-B', 'B-T', 'B-LT', 'unknown']),
  subFilter: z.string(),
  timestamp: z.object({ time: z.string(), valid: z.boolean(), trusted: z.boolean(), authority: z.string().nullable() }).nullable(),
  trusted: z.boolean(),
  chain: z.array(z.string()),
  revocation: z.enum(['good', 'revoked', 'unknown']),
  revocationSource: z.enum(['dss', 'ocsp', 'crl', 'none']),
  /** Why it is not confirmed: codes with texts in both languages (signature-problems.ts). */
  problems: z.array(SignatureProblem),
  verdict: SignatureVerdict,
});
export type SignatureReport = z.infer<typeof SignatureReport>;

export const VerifyReport = z.object({
  file: z.string(),
  sha256: z.string(),
  /** Every signature confirmed (intact and trusted) — or, with allowUntrusted, at least intact
   * with only its signer not vouched for. The CLI's exit status follows it. */
  valid: z.boolean(),
  /** What a person reads first: confirmed only when every signature is intact and trusted. */
  verdict: FileVerdict,
  trustAnchors: z.number().int(),
  allowUntrusted: z.boolean(),
  /** Bytes after the file's last revision: an unsigned extension no signature covers (readers
   * ignore them); the signed revisions before it are judged as they are. */
  tailBytes: z.number().int().nonnegative(),
  signatures: z.array(SignatureReport),
});
export type VerifyReport = z.infer<typeof VerifyReport>;

export const VerifyOptionsInput = {
  /** PEM or DER files of authorities to trust, besides the station's trust store. */
  trust: z.array(Path).max(100).optional(),
  /** Ask OCSP responders and CRL servers when the file carries no answer (default true). */
  online: z.boolean().optional(),
  /** Accept an intact signature whose signer is not vouched for (no trusted authority, no
   * revocation answer): `valid` then holds. Default false: untrusted is a failure. */
  allowUntrusted: z.boolean().optional(),
};
