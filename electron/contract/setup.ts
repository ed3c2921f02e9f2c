// The station's first start (issue 16): a wizard before the first record — who and where the
// station is, its first administrator, then (signed in as that administrator) the officers, the
// scanner and the signing key through the ordinary methods — or, skipped, a clearly marked
// demonstration mode whose records never leave the station.
import { z } from 'zod';
import { SessionState, Password, Username } from './auth';
import { bilingual } from './metadata';
import { Level, UNIT_CODE_PATTERN } from './settings';

/**
 * - needed: no account yet, the first start not skipped — the wizard comes before anything else;
 * - demonstration: no account yet, the first start skipped — everything works, nothing is real;
 * - continuing: the first administrator exists, the wizard's later steps are not finished;
 * - done: set up (or a station with accounts from before the wizard existed).
 */
export const SetupStatus = z.enum(['needed', 'demonstration', 'continuing', 'done']);
export type SetupStatus = z.infer<typeof SetupStatus>;

export const SetupState = z.object({
  status: SetupStatus,
  /** Who and where the station is, as the receipt prints it (null: not given yet). */
  agencyName: z.string().nullable(),
  unitCode: z.string().nullable(),
  level: Level.nullable(),
});
export type SetupState = z.infer<typeof SetupState>;

export const SetupIdentity = z
  .object({
    agencyName: z.string().trim().min(1).max(300),
    unitCode: z
      .string()
      .trim()
      .regex(UNIT_CODE_PATTERN, {
        message: bilingual('a unit code is four groups like 000.00.01.H12 (QCVN 102:2016): copy it from the province\'s list of unit codes', 'mã đơn vị gồm bốn nhóm như 000.00.01.H12 (QCVN 102:2016): chép đúng từ danh mục mã đơn vị của tỉnh'),
      }),
    level: Level,
  })
  .strict();

/** The first administrator: always an administrator, so no role is asked. */
export const FirstAdmin = z.object({ username: Username, displayName: z.string().trim().min(1).max(200), password: Password }).strict();

export const setupMethods = {
  'setup.state': { input: z.object({}).strict(), output: SetupState },
  'setup.identity': { input: SetupIdentity, output: SetupState },
  /** Makes the first administrator and signs the calling session in as them; refused once any
   * account exists (the wizard's only way to make an account without signing in). */
  'setup.firstAdmin': { input: FirstAdmin, output: SessionState },
  /** Skips the first start: demonstration mode, until the first administrator is made. */
  'setup.demonstration': { input: z.object({}).strict(), output: SetupState },
  'setup.finish': { input: z.object({}).strict(), output: SetupState },
} as const;
