// What each person did over a period: documents saved and their pages, signatures, documents the
// provincial store confirmed, components reused, failed sign-ins and failed sends. Counted in SQL
// from the audit log (who did what, when) and the records (pages, the outbox), so that the screen,
// the CLI and a test all read the same figures.
import type { Database } from 'better-sqlite3';
import type { ActivityReport, ActivityRow, Role } from '../../contract';
import { auditSeqRange } from './audit-range';
import { vietnamDayRange } from './period';

interface CountRow {
  /** `id:<account id>` for rows that carry their account (migration 13 on), else `name:<name>`. */
  who: string;
  created: number;
  pages: number;
  signed: number;
  synced: number;
  reused: number;
  failed_logins: number;
  sync_errors: number;
}

// Who a row counts for: its account (id), so that a person who changed their display name is one
// person, and one who took a colleague's name is not that colleague; rows from before accounts
// were recorded, by the name they carry.
const whoOf = (alias: string) => `coalesce('id:' || ${alias}.user_id, 'name:' || ${alias}.actor)`;

// A document belongs to whoever saved it: the author of its `create` row (audit_by_document finds
// it), else the name in its conversion mark. Sync runs in the background under the station's
// name, so a confirmation counts for the document's maker, not for the engine. A failed sign-in
// counts for the account whose user name was tried. A failed send counts when it last failed in
// the period and is still unsent (waiting for its next attempt or for a person's Retry).
const makerOf = (documentId: string) => `coalesce(
    (SELECT ${whoOf('c')} FROM audit c WHERE c.document_id = ${documentId} AND c.action = 'create' ORDER BY c.seq LIMIT 1),
    (SELECT 'name:' || d.digitized_by FROM documents d WHERE d.id = ${documentId}), 'name:—')`;

// One pass over the period's rows: each row named for the person it counts for, then counted.
const ACTIVITY_SQL = `
  WITH p AS (SELECT seq, actor, user_id, action, document_id, details FROM audit
    WHERE seq >= @fromSeq AND seq < @untilSeq AND at >= @from AND at < @until
      AND action IN ('create', 'sign', 'reuse', 'sync', 'login-failed')),
  e AS (
    SELECT p.action, p.document_id, CASE p.action
        WHEN 'sync' THEN ${makerOf('p.document_id')}
        WHEN 'login-failed' THEN coalesce(
          (SELECT 'id:' || u.id FROM users u WHERE u.username = json_extract(p.details, '$.username')),
          'name:' || json_extract(p.details, '$.username'), 'name:' || p.actor)
        ELSE ${whoOf('p')} END AS who
    FROM p),
  counts AS (
    SELECT who, sum(action = 'create') AS created,
      sum(CASE WHEN action = 'create' THEN (SELECT count(*) FROM pages g WHERE g.document_id = e.document_id) ELSE 0 END) AS pages,
      sum(action = 'sign') AS signed, count(DISTINCT CASE WHEN action = 'sync' THEN document_id END) AS synced,
      sum(action = 'reuse') AS reused, sum(action = 'login-failed') AS failed_logins, 0 AS sync_errors
    FROM e GROUP BY who
    UNION ALL
    SELECT ${makerOf('o.document_id')}, 0, 0, 0, 0, 0, 0, 1 FROM outbox o
      WHERE o.state = 'failed' AND o.updated_at >= @from AND o.updated_at < @until)
  SELECT who, sum(created) AS created, sum(pages) AS pages, sum(signed) AS signed, sum(synced) AS synced,
    sum(reused) AS reused, sum(failed_logins) AS failed_logins, sum(sync_errors) AS sync_errors
  FROM counts GROUP BY who`;

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
    // An account is named as it is now; a row without one by the name it carries.
    name: account?.display_name ?? c.who.replace(/^(id|name):/, ''),
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
  const byId = new Map(accounts.map((a) => [`id:${a.id}`, a]));
  // Rows from before accounts were recorded name a person: the account that bears the name now,
  // if one does, is taken as theirs (the best the old rows allow), unless rows by id already count.
  const byName = new Map(accounts.map((a) => [`name:${a.display_name}`, a]));
  const merged = new Map<string, { count: CountRow; account: Account | undefined }>();
  for (const c of counts) {
    const account = byId.get(c.who) ?? byName.get(c.who);
    const key = account ? `id:${account.id}` : c.who;
    const had = merged.get(key);
    merged.set(key, { account, count: had ? add(had.count, c) : { ...c, who: key } });
  }
  const zero = (who: string): CountRow => ({ who, created: 0, pages: 0, signed: 0, synced: 0, reused: 0, failed_logins: 0, sync_errors: 0 });
  for (const a of accounts) if (!a.disabled && !merged.has(`id:${a.id}`)) merged.set(`id:${a.id}`, { account: a, count: zero(`id:${a.id}`) });
  const rows = [...merged.values()].map(({ count, account }) => toRow(count, account)).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  const sum = (k: keyof Omit<CountRow, 'who'>) => counts.reduce((n, c) => n + c[k], 0);
  const total = toRow(
    { who: 'name:', created: sum('created'), pages: sum('pages'), signed: sum('signed'), synced: sum('synced'), reused: sum('reused'), failed_logins: sum('failed_logins'), sync_errors: sum('sync_errors') },
    undefined,
  );
  return { from, to, rows, total };
}

function add(a: CountRow, b: CountRow): CountRow {
  return {
    who: a.who,
    created: a.created + b.created,
    pages: a.pages + b.pages,
    signed: a.signed + b.signed,
    synced: a.synced + b.synced,
    reused: a.reused + b.reused,
    failed_logins: a.failed_logins + b.failed_logins,
    sync_errors: a.sync_errors + b.sync_errors,
  };
}
