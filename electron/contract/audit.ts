// The audit log as the contract shows it: rows (who did what to which document, when) and the
// verdict of walking the hash chain.
import { z } from 'zod';

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
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
  problems: z.array(z.object({ seq: z.number().int(), kind: z.enum(['edited', 'broken-link', 'missing-tail']), detail: z.string() })),
});
export type AuditVerdict = z.infer<typeof AuditVerdict>;
