// What a supervisor reads besides sync and rates: each officer's activity over a period, the
// audit log filtered and paged, and whether the provincial store answers with the saved settings.
import { z } from 'zod';
import { IsoDate } from './metadata';
import { Role } from './auth';
import { WireError } from './errors';

/** Every action the audit log records (core/records/audit.ts writes them). */
export const AUDIT_ACTIONS = [
  'create', 'view', 'export', 'sign', 'sync', 'delete', 'reuse', 'update', 'purge', 'backup', 'restore',
  'login', 'logout', 'login-failed', 'user-create', 'user-update',
  'unlock-failed', 'settings-update', 'sync-configure', 'catalogue-install', 'reuse-lookup', 'preferences-update',
  'reuse-detach',
] as const;
export const AuditActionName = z.enum(AUDIT_ACTIONS);
export type AuditActionName = z.infer<typeof AuditActionName>;

const endsAfterStart = (q: { from?: string | undefined; to?: string | undefined }) => !q.from || !q.to || q.from <= q.to;

export const AuditQuery = z
  .object({
    /** The name the log recorded (exactly, as the activity report lists it). */
    actor: z.string().trim().min(1).max(200).optional(),
    /** The account (its id, as the activity report gives it): every row of that person, whatever
     * name they went by. */
    userId: z.string().trim().min(1).max(64).optional(),
    action: AuditActionName.optional(),
    /** Vietnam dates, both included. */
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    /** A document id, or its first 8+ characters. */
    documentId: z.string().trim().min(1).max(64).optional(),
    limit: z.number().int().min(1).max(500).default(50),
    /** The next page: rows older than this one. */
    beforeSeq: z.number().int().positive().optional(),
  })
  .strict()
  .refine(endsAfterStart, { path: ['to'], message: 'the period ends before it starts' });

export const AuditPage = z.object({
  entries: z.array(
    z.object({
      seq: z.number().int(),
      at: z.string(),
      actor: z.string(),
      userId: z.string().nullable(),
      username: z.string().nullable(),
      action: z.string(),
      documentId: z.string().nullable(),
      details: z.record(z.string(), z.unknown()),
      hash: z.string(),
    }),
  ),
  /** Pass as beforeSeq for the next page; null: this was the last. */
  nextBeforeSeq: z.number().int().nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;

export const ActivityQuery = z
  .object({ from: IsoDate, to: IsoDate })
  .strict()
  .refine(endsAfterStart, { path: ['to'], message: 'the period ends before it starts' });

export const ActivityRow = z.object({
  /** The account, when the name is one of the station's accounts (null: a name the log recorded
   * before accounts existed, or an account renamed since). */
  userId: z.string().nullable(),
  username: z.string().nullable(),
  role: Role.nullable(),
  /** The name as the audit log records it. */
  name: z.string(),
  /** Documents saved (PDF/A records written) in the period, and their pages. */
  created: z.number().int(),
  pages: z.number().int(),
  signed: z.number().int(),
  /** Their documents the provincial store confirmed in the period. */
  synced: z.number().int(),
  /** Components taken from an earlier digitization instead of a new scan. */
  reused: z.number().int(),
  /** Failed sign-ins in the period, and their documents whose send failed in the period and is still unsent. */
  failedLogins: z.number().int(),
  syncErrors: z.number().int(),
  errors: z.number().int(),
});
export type ActivityRow = z.infer<typeof ActivityRow>;

export const ActivityReport = z.object({ from: z.string(), to: z.string(), rows: z.array(ActivityRow), total: ActivityRow });
export type ActivityReport = z.infer<typeof ActivityReport>;

/** The provincial store as the saved settings reach it: an answer and a token, or why not. */
export const SyncCheck = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), url: z.string(), clockSkewSeconds: z.number().nullable() }),
  z.object({ ok: z.literal(false), url: z.string().nullable(), error: WireError }),
]);
export type SyncCheck = z.infer<typeof SyncCheck>;
