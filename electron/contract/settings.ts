// The station's own settings: who and where it is, and how its records look. Stored by the core,
// validated here, changed through the contract.
import { z } from 'zod';

export const Level = z.enum(['tinh', 'huyen', 'xa']);

/** Unknown keys are dropped when reading (settings written by a later version). */
export const Settings = z
  .object({
    /** Full name written in the conversion mark when a call does not name the officer. */
    operatorName: z.string().trim().min(1).max(200).nullable().default(null),
    /** Minutes of idle after which a signed-in session locks (0: never). */
    lockAfterMinutes: z.number().int().min(0).max(240).default(5),
    /** The digitizing unit (mã đơn vị) and its administrative level. */
    unitCode: z.string().trim().min(1).max(64).nullable().default(null),
    agencyName: z.string().trim().min(1).max(300).nullable().default(null),
    level: Level.nullable().default(null),
    /** Where the converted-from-paper mark goes on page 1 (it never covers the document). */
    conversionMarkPosition: z.enum(['bottom', 'top']).default('bottom'),
    /** Signing: the timestamp authority, the authorities to trust, the token library, and how
     * signatures look by default. */
    tsaUrl: z.url().max(2048).nullable().default(null),
    trustStore: z.array(z.string().min(1).max(4096)).max(100).default([]),
    pkcs11Module: z.string().min(1).max(4096).nullable().default(null),
    signatureLevel: z.enum(['B-B', 'B-T', 'B-LT']).nullable().default(null),
    signatureFormat: z.enum(['pades', 'pkcs7']).default('pades'),
    signatureVisible: z.boolean().default(true),
    signaturePosition: z.enum(['top-right', 'top-left', 'bottom-right', 'bottom-left']).default('top-right'),
    /** The provincial store (sync-api.md): its address and this station's client id (the secret
     * lives in the OS keychain, or SOHOA_SYNC_CLIENT_SECRET); a CA to pin instead of the system's;
     * an upload cap for shared commune uplinks (null: none). */
    syncUrl: z.url({ protocol: /^https?$/ }).max(2048).nullable().default(null),
    syncClientId: z.string().trim().min(1).max(200).nullable().default(null),
    syncCaFile: z.string().min(1).max(4096).nullable().default(null),
    syncBandwidthKbps: z.number().int().min(8).max(10_000_000).nullable().default(null),
    /** Days after the provincial store's receipt for a record when the station deletes its page
     * images (personal data kept no longer than needed); null: keep them. */
    purgeImagesAfterDays: z.number().int().min(0).max(3650).nullable().default(30),
    /** Digitization-rate targets by level (index 766: e.g. 90 / 80 / 75 %). */
    rateTargets: z
      .object({ tinh: z.number().min(0).max(1), huyen: z.number().min(0).max(1), xa: z.number().min(0).max(1) })
      .default({ tinh: 0.9, huyen: 0.8, xa: 0.75 }),
  });
export type Settings = z.output<typeof Settings>;

type WithoutDefault<T> = T extends z.ZodDefault<infer Inner> ? Inner : T;
type UpdateShape = { [K in keyof typeof Settings.shape]: z.ZodOptional<WithoutDefault<(typeof Settings.shape)[K]>> };

/** A change to some settings. Not Settings.partial(): its fields would keep their defaults, and a
 * change of one setting would quietly reset all the others. */
export const SettingsUpdate = z
  .object(
    Object.fromEntries(Object.entries(Settings.shape).map(([key, field]) => [key, (field instanceof z.ZodDefault ? field.unwrap() : field).optional()])) as UpdateShape,
  )
  .strict();
export type SettingsUpdate = z.input<typeof SettingsUpdate>;
