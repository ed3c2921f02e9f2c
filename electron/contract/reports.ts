// The rates a supervisor reports (domain.md: national index 766, group 4), per unit and level,
// over the dossiers received in a period; and the dossiers they count.
import { z } from 'zod';
import { DossierCode } from './metadata';
import { Level } from './settings';

export const RateRow = z.object({
  unitCode: z.string().nullable(),
  level: Level.nullable(),
  dossiers: z.number().int(),
  /** Dossiers whose components all have digitized files, and whose result is digitized where one is issued. */
  digitized: z.number().int(),
  digitizationRate: z.number().nullable(),
  /** Dossiers whose procedure issues a result. */
  issuingResult: z.number().int(),
  electronicResults: z.number().int(),
  electronicResultRate: z.number().nullable(),
  reused: z.number().int(),
  reuseRate: z.number().nullable(),
  /** The digitization target for the level (settings.rateTargets), and whether it is met. */
  target: z.number().nullable(),
  meetsTarget: z.boolean().nullable(),
});
export type RateRow = z.infer<typeof RateRow>;

export const RatesReport = z.object({ from: z.string(), to: z.string(), rows: z.array(RateRow), total: RateRow });
export type RatesReport = z.infer<typeof RatesReport>;

export const DossierInput = z
  .object({
    code: DossierCode,
    procedureCode: z.string().trim().min(1).max(64).optional(),
    /** Default: now. */
    receivedAt: z.iso.datetime({ offset: true }).optional(),
    channel: z.enum(['counter', 'online', 'post']).optional(),
    issuesResult: z.boolean().optional(),
  })
  .strict()
  // A few minutes of clock difference between PCs is tolerated; a reception tomorrow is a typo.
  .refine((d) => !d.receivedAt || Date.parse(d.receivedAt) <= Date.now() + 10 * 60_000, { path: ['receivedAt'], message: 'the reception time is in the future' });

export const Dossier = z.object({
  code: z.string(),
  procedureCode: z.string().nullable(),
  unitCode: z.string().nullable(),
  level: Level.nullable(),
  receivedAt: z.string(),
  channel: z.enum(['counter', 'online', 'post']),
  issuesResult: z.boolean().nullable(),
});
export type Dossier = z.infer<typeof Dossier>;
