// The audit log as the supervisor's viewer reads it: filtered by who, what, when and which
// document, newest first, one page at a time (keyed by seq, so a page is as fast at row 900,000
// as at row 10 and rows appended meanwhile never shift it).
import type { Database } from 'better-sqlite3';
import type { AuditActionName, AuditPage } from '../../contract';
import { auditSeqRange } from './audit-range';
import { vietnamDayRange } from './period';

export interface AuditFilter {
  readonly actor?: string | undefined;
  readonly userId?: string | undefined;
  readonly action?: AuditActionName | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  /** A full document id (the dispatcher resolves a prefix). */
  readonly documentId?: string | undefined;
  readonly limit: number;
  readonly beforeSeq?: number | undefined;
}

interface Row {
  seq: number;
  at: string;
  actor: string;
  user_id: string | null;
  username: string | null;
  action: string;
  document_id: string | null;
  details: string;
  hash: string;
}

export function queryAudit(db: Database, q: AuditFilter): AuditPage {
  const params: Record<string, string | number> = { limit: q.limit + 1 };
  const where: string[] = [];
  const add = (clause: string, name: string, value: string | number | undefined) => {
    if (value === undefined) return;
    where.push(clause);
    params[name] = value;
  };
  add('actor = @actor', 'actor', q.actor);
  add('user_id = @userId', 'userId', q.userId);
  add('action = @action', 'action', q.action);
  add('document_id = @documentId', 'documentId', q.documentId);
  add('seq < @beforeSeq', 'beforeSeq', q.beforeSeq);
  // One side of a period alone is a period too: from a day on, or up to a day.
  if (q.from !== undefined || q.to !== undefined) {
    const range = vietnamDayRange(q.from ?? '2000-01-01', q.to ?? '2999-12-31');
    const seqs = auditSeqRange(db, range);
    add('seq >= @fromSeq', 'fromSeq', seqs.from);
    add('seq < @untilSeq', 'untilSeq', seqs.until);
    add('at >= @from', 'from', range.from);
    add('at < @until', 'until', range.until);
  }
  const rows = db.prepare(`SELECT seq, at, actor, user_id, username, action, document_id, details, hash FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT @limit`).all(params) as Row[];
  const page = rows.slice(0, q.limit);
  return {
    entries: page.map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, userId: r.user_id, username: r.username, action: r.action, documentId: r.document_id, details: JSON.parse(r.details) as Record<string, unknown>, hash: r.hash })),
    nextBeforeSeq: rows.length > q.limit ? page.at(-1)!.seq : null,
  };
}
