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
  /** Dossiers received without a procedure the catalogue knows ("không xác định thủ tục"): counted
   * among those received, never as digitized, and reported apart. */
  unknownProcedure: z.number().int(),
  /** Results digitized here that the provincial store has not yet acknowledged with a receipt:
   * not counted as electronic results until it does. */
  resultsAwaitingStore: z.number().int(),
});
export type RateRow = z.infer<typeof RateRow>;

/** A component a dossier lacks, as its procedure names it. */
export const MissingComponent = z.object({ code: z.string(), name: z.string() });
export type MissingComponent = z.infer<typeof MissingComponent>;

/** One dossier behind the rates, and how it counts. */
export const RateDossier = z.object({
  code: z.string(),
  procedureCode: z.string().nullable(),
  procedureName: z.string().nullable(),
  unitCode: z.string().nullable(),
  level: Level.nullable(),
  receivedAt: z.string(),
  /** The officer who received it (display name; null: not known, e.g. before accounts). */
  officer: z.string().nullable(),
  /** The catalogue edition it is judged by: the one in force when it was received, or (null) today's,
   * for a dossier received before the station kept it. */
  catalogueVersion: z.string().nullable(),
  unknownProcedure: z.boolean(),
  digitized: z.boolean(),
  /** Required components with no ready record made here or attached by reuse, and optional ones begun but not finished. */
  missing: z.array(MissingComponent),
  issuesResult: z.boolean(),
  resultDigitized: z.boolean(),
  electronicResult: z.boolean(),
  resultAwaitingStore: z.boolean(),
  reused: z.boolean(),
});
export type RateDossier = z.infer<typeof RateDossier>;

/** Which dossiers behind a figure: the numerator's or the denominator's of one rate, or the ones reported apart. */
export const RateDossierFilter = z.enum([
  'received',
  'digitized',
  'not-digitized',
  'issuing-result',
  'electronic-result',
  'no-electronic-result',
  'reused',
  'unknown-procedure',
]);
export type RateDossierFilter = z.infer<typeof RateDossierFilter>;

export const RateDossierPage = z.object({ total: z.number().int(), dossiers: z.array(RateDossier) });
export type RateDossierPage = z.infer<typeof RateDossierPage>;

export const RatesReport = z.object({ from: z.string(), to: z.string(), rows: z.array(RateRow), total: RateRow });
export type RatesReport = z.infer<typeof RatesReport>;

/** The rates month by month: each calendar month of the period (cut at its ends) on its own. */
export const RatesTrend = z.object({
  from: z.string(),
  to: z.string(),
  months: z.array(z.object({ month: z.string(), from: z.string(), to: z.string(), total: RateRow, rows: z.array(RateRow) })),
});
export type RatesTrend = z.infer<typeof RatesTrend>;

/** The period's records counted as sent, checked against the receipts the provincial store holds. */
export const ReconcileReport = z.object({
  from: z.string(),
  to: z.string(),
  /** Records of the period's dossiers the station counts as synced (their latest sent version). */
  checked: z.number().int(),
  /** The store holds the same receipt (id, version and SHA-256). */
  confirmed: z.number().int(),
  /** Counted here but not acknowledged there as the station has it. */
  problems: z.array(
    z.object({
      documentId: z.string(),
      dossierCode: z.string(),
      kind: z.enum(['component', 'result']).nullable(),
      version: z.number().int(),
      problem: z.enum(['missing-at-store', 'different-receipt']),
    }),
  ),
});
export type ReconcileReport = z.infer<typeof ReconcileReport>;

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
