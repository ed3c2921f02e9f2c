// The station's own settings: who and where it is, and how its records look. Stored by the core,
// validated here, changed through the contract.
import { z } from 'zod';

export const Level = z.enum(['tinh', 'huyen', 'xa']);

/** Unknown keys are dropped when reading (settings written by a later version). */
export const Settings = z
  .object({
    /** Full name written in the conversion mark when a call does not name the officer. */
    operatorName: z.string().trim().min(1).max(200).nullable().default(null),
    /** The digitizing unit (mã đơn vị) and its administrative level. */
    unitCode: z.string().trim().min(1).max(64).nullable().default(null),
    agencyName: z.string().trim().min(1).max(300).nullable().default(null),
    level: Level.nullable().default(null),
    /** Where the converted-from-paper mark goes on page 1 (it never covers the document). */
    conversionMarkPosition: z.enum(['bottom', 'top']).default('bottom'),
  });
export type Settings = z.output<typeof Settings>;

export const SettingsUpdate = Settings.partial().strict();
export type SettingsUpdate = z.input<typeof SettingsUpdate>;
