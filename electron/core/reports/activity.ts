// What each person did over a period: documents saved and their pages, signatures, documents the
// provincial store confirmed, components reused, failed sign-ins and failed sends. Counted in SQL
// from the audit log (who did what, when) and the records (pages, the outbox), so that the screen,
// the CLI and a test all read the same figures.
import type { Database } from 'better-sqlite3';
import type { ActivityReport, ActivityRow, Role } from '../../contract';
import { auditSeqRange } from './audit-range';
import { vietnamDayRange } from './period';

interface CountRow {
  name: string;
  created: number;
  pages: number;
  signed: number;
  synced: number;
  reused: number;
  failed_logins: number;
  sync_errors: number;
}

// A document belongs to whoever saved it: the actor of its `create` row (audit_by_document finds
// it), else the name in its conversion mark. Sync runs in the background under the station's
// name, so a confirmation counts for the document's maker, not for the engine. A failed sign-in
// is recorded under the station's name with the account's user name in its details. A failed
// send counts when it last failed in the period and is still unsent (waiting for its next attempt
// or for a person's Retry).
const makerOf = (documentId: string) => `coalesce(
    (SELECT c.actor FROM audit c WHERE c.document_id = ${documentId} AND c.action = 'create' ORDER BY c.seq LIMIT 1),
    (SELECT d.digitized_by FROM documents d WHERE d.id = ${documentId}), '—')`;

// One pass over the period's rows: each row named for the person it counts for, then counted.
const ACTIVITY_SQL = `
  WITH p AS (SELECT seq, actor, action, document_id, details FROM audit
    WHERE seq >= @fromSeq AND seq < @untilSeq AND at >= @from AND at < @until
      AND action IN ('create', 'sign', 'reuse', 'sync', 'login-failed')),
  e AS (
    SELECT p.action, p.document_id, CASE p.action
        WHEN 'sync' THEN ${makerOf('p.document_id')}
        WHEN 'login-failed' THEN coalesce(
          (SELECT u.display_name FROM users u WHERE u.username = json_extract(p.details, '$.username')),
          json_extract(p.details, '$.username'), p.actor)
        ELSE p.actor END AS name
    FROM p),
  counts AS (
    SELECT name, sum(action = 'create') AS created,
      sum(CASE WHEN action = 'create' THEN (SELECT count(*) FROM pages g WHERE g.document_id = e.document_id) ELSE 0 END) AS pages,
      sum(action = 'sign') AS signed, count(DISTINCT CASE WHEN action = 'sync' THEN document_id END) AS synced,
      sum(action = 'reuse') AS reused, sum(action = 'login-failed') AS failed_logins, 0 AS sync_errors
    FROM e GROUP BY name
    UNION ALL
    SELECT ${makerOf('o.document_id')}, 0, 0, 0, 0, 0, 0, 1 FROM outbox o
      WHERE o.state = 'failed' AND o.updated_at >= @from AND o.updated_at < @until)
  SELECT name, sum(created) AS created, sum(pages) AS pages, sum(signed) AS signed, sum(synced) AS synced,
    sum(reused) AS reused, sum(failed_logins) AS failed_logins, sum(sync_errors) AS sync_errors
  FROM counts GROUP BY name ORDER BY name`;

interface Account {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  disabled: number;
}

function toRow(c: CountRow, account: Account | undefined): ActivityRow {
  return {
    userId: account?.id ?? null,
    username: account?.username ?? null,
    role: account?.role ?? null,
    name: c.name,
    created: c.created,
    pages: c.pages,
    signed: c.signed,
    synced: c.synced,
    reused: c.reused,
    failedLogins: c.failed_logins,
    syncErrors: c.sync_errors,
    errors: c.failed_logins + c.sync_errors,
  };
}

/** `from` and `to` are Vietnam dates, both included. Everyone with an account is listed, with
 * zeros when they did nothing (a supervisor asks about the quiet ones too); a disabled account
 * only when it did something in the period. */
export function activityReport(db: Database, from: string, to: string): ActivityReport {
  const range = vietnamDayRange(from, to);
  const seqs = auditSeqRange(db, range);
  const counts = db.prepare(ACTIVITY_SQL).all({ ...range, fromSeq: seqs.from, untilSeq: seqs.until }) as CountRow[];
  const accounts = db.prepare('SELECT id, username, display_name, role, disabled FROM users').all() as Account[];
  // The log records display names: an account's current name finds it.
  const byName = new Map(accounts.map((a) => [a.display_name, a]));
  const zero = (name: string): CountRow => ({ name, created: 0, pages: 0, signed: 0, synced: 0, reused: 0, failed_logins: 0, sync_errors: 0 });
  const seen = new Set(counts.map((c) => c.name));
  const all = [...counts, ...accounts.filter((a) => !a.disabled && !seen.has(a.display_name)).map((a) => zero(a.display_name))];
  const rows = all.map((c) => toRow(c, byName.get(c.name))).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  const sum = (k: keyof Omit<CountRow, 'name'>) => counts.reduce((n, c) => n + c[k], 0);
  const total = toRow(
    { name: '', created: sum('created'), pages: sum('pages'), signed: sum('signed'), synced: sum('synced'), reused: sum('reused'), failed_logins: sum('failed_logins'), sync_errors: sum('sync_errors') },
    undefined,
  );
  return { from, to, rows, total };
}
