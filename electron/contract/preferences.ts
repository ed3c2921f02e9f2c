// A person's own choices, kept per account: which key they sign with (their PKCS#12 file, or the
// token library, token and certificate they use). The station's way of signing (timestamp
// authority, level, appearance, the libraries it may load) is the administrator's (settings.ts).
import { z } from 'zod';
import { changeOf } from './change-of';
import { AbsolutePath } from './settings';
import { CertificateSummary } from './signing';

/** Unknown keys are dropped when reading (preferences written by a later version). */
export const Preferences = z.object({
  signingKeyKind: z.enum(['pkcs11', 'p12']).default('pkcs11'),
  /** Their PKCS#12 file. */
  p12Path: AbsolutePath.nullable().default(null),
  /** Its certificate (holder, issuer, expiry), read when it last signed: shown before the next
   * signature, since the file cannot be read without its password. Forgotten with a new path. */
  p12Certificate: CertificateSummary.nullable().default(null),
  /** One of the station's allowed token libraries (settings.pkcs11Modules). */
  pkcs11Module: AbsolutePath.nullable().default(null),
  tokenLabel: z.string().min(1).max(64).nullable().default(null),
  certificateId: z.string().regex(/^[0-9a-f]{1,128}$/).nullable().default(null),
});
export type Preferences = z.output<typeof Preferences>;

/** A change to some preferences (change-of.ts: the others stay as they are). */
export const PreferencesUpdate = changeOf(Preferences);
export type PreferencesUpdate = z.input<typeof PreferencesUpdate>;

export const preferencesMethods = {
  'preferences.get': { input: z.object({}).strict(), output: Preferences },
  'preferences.update': { input: PreferencesUpdate, output: Preferences },
} as const;
