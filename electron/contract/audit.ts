// The audit log as the contract shows it: rows (who did what to which document, when) and the
// verdict of walking the hash chain.
import { z } from 'zod';

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  /** The account behind the row (immutable, unlike the name shown); null for the station's own
   * work and rows written before accounts were recorded. */
  userId: z.string().nullable(),
  username: z.string().nullable(),
  action: z.string(),
  documentId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditVerdict = z.object({
  ok: z.boolean(),
  rows: z.number().int(),
  head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  problems: z.array(z.object({ seq: z.number().int(), kind: z.enum(['edited', 'broken-link', 'missing-tail', 'unkeyed']), detail: z.string() })),
  /** The head the provincial store kept from this station's last sync: whether the chain still
   * holds it (a rewrite by someone holding the station's files and key shows here). */
  remote: z.object({
    status: z.enum(['matched', 'mismatch', 'none', 'not-configured', 'offline']),
    head: z.object({ seq: z.number().int(), hash: z.string(), receivedAt: z.string() }).nullable(),
  }),
});
export type AuditVerdict = z.infer<typeof AuditVerdict>;
