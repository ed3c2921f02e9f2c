// The audit log: every create, view, export, sign, sync and delete of a document, with who and
// when, in an append-only hash chain. Each row's hash covers its content and the previous row's
// hash, so an edited, inserted or deleted row breaks the chain where it happened; the head (last
// seq and hash) is also kept outside the table, so that cutting rows off the end shows too.
import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { vietnamIso } from '../time';

export type AuditAction =
  | 'create' | 'view' | 'export' | 'sign' | 'sync' | 'delete' | 'reuse' | 'update' | 'purge' | 'backup' | 'restore'
  | 'login' | 'logout' | 'login-failed' | 'user-create' | 'user-update';

export interface AuditRow {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: AuditAction;
  readonly documentId: string | null;
  readonly details: string;
  readonly prevHash: string;
  readonly hash: string;
}

export interface AuditProblem {
  readonly seq: number;
  /** edited: the row's content does not give its hash; broken-link: it does not follow the row
   * before it (a row deleted or inserted there); missing-tail: rows after it were removed. */
  readonly kind: 'edited' | 'broken-link' | 'missing-tail';
  readonly detail: string;
}

export interface AuditVerdict {
  readonly ok: boolean;
  readonly rows: number;
  readonly head: { seq: number; hash: string } | null;
  readonly problems: readonly AuditProblem[];
}

const GENESIS = '0'.repeat(64);

function rowHash(prev: string, r: Omit<AuditRow, 'hash' | 'prevHash'>): string {
  // A fixed field order, so that the same row always hashes the same.
  return createHash('sha256').update(prev).update(JSON.stringify([r.seq, r.at, r.actor, r.action, r.documentId, r.details])).digest('hex');
}

interface DbRow {
  seq: number;
  at: string;
  actor: string;
  action: AuditAction;
  document_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

const fromDb = (r: DbRow): AuditRow => ({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, documentId: r.document_id, details: r.details, prevHash: r.prev_hash, hash: r.hash });

export class AuditLog {
  constructor(
    private readonly db: Database,
    /** Who is acting now (the signed-in user, else the station's operator). */
    private readonly actor: () => string,
    /** A file outside the database where every new head is appended. */
    private readonly headFile: string,
  ) {}

  /** Appends a row. Inside a caller's write transaction it joins it; otherwise it takes the write
   * lock first, so that two processes never chain onto the same head. */
  append(action: AuditAction, documentId: string | null, details: Record<string, unknown> = {}, actor?: string): void {
    const write = () => {
      const last = this.db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
      const row = { seq: (last?.seq ?? 0) + 1, at: vietnamIso(), actor: actor ?? this.actor(), action, documentId, details: JSON.stringify(details) };
      const prev = last?.hash ?? GENESIS;
      const hash = rowHash(prev, row);
      this.db.prepare('INSERT INTO audit (seq, at, actor, action, document_id, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(row.seq, row.at, row.actor, action, documentId, row.details, prev, hash);
      this.db.prepare("INSERT INTO station (key, value) VALUES ('audit.head', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(`${row.seq}:${hash}`);
      return { seq: row.seq, hash };
    };
    if (!this.db.inTransaction) return this.recordHead(this.db.transaction(write).immediate());
    // Joined to a caller's transaction: the head goes to the file only once that has committed
    // (transactions here are synchronous, so a microtask runs after the commit or the rollback);
    // a head written for a row that was rolled back would look like a cut-off tail.
    const head = write();
    queueMicrotask(() => {
      if (this.db.open && this.db.prepare('SELECT hash FROM audit WHERE seq = ?').pluck().get(head.seq) === head.hash) this.recordHead(head);
    });
  }

  /** Best effort outside the database: a lost line only weakens the tail check, never the chain
   * (a crash between the commit and this write leaves the file one row behind, which is fine). */
  private recordHead(head: { seq: number; hash: string }): void {
    try {
      appendFileSync(this.headFile, `${head.seq}:${head.hash}\n`);
    } catch {
      // the data folder is read-only or full: the database row stands
    }
  }

  /** The chain's head as append() keeps it ('audit.head' = "seq:hash"), or null when there is
   * none or it is not one (sync sends it to the provincial store with each commit). */
  head(): { seq: number; hash: string } | null {
    const value = this.db.prepare("SELECT value FROM station WHERE key = 'audit.head'").pluck().get() as string | undefined;
    const m = value ? /^(\d+):([0-9a-f]{64})$/.exec(value) : null;
    return m ? { seq: Number(m[1]), hash: m[2]! } : null;
  }

  rows(opts: { documentId?: string; limit: number; beforeSeq?: number }): AuditRow[] {
    const where = [opts.documentId ? 'document_id = @documentId' : null, opts.beforeSeq ? 'seq < @beforeSeq' : null].filter(Boolean);
    return (this.db.prepare(`SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT @limit`).all(opts) as DbRow[]).map(fromDb);
  }

  /** Walks the whole chain and names every row that is not as it was written. */
  verify(): AuditVerdict {
    const problems: AuditProblem[] = [];
    let prev = GENESIS;
    let expected = 1;
    let rows = 0;
    let last: { seq: number; hash: string } | null = null;
    for (const raw of this.db.prepare('SELECT * FROM audit ORDER BY seq').iterate() as IterableIterator<DbRow>) {
      const r = fromDb(raw);
      rows++;
      if (r.seq !== expected || r.prevHash !== prev)
        problems.push({ seq: r.seq, kind: 'broken-link', detail: r.seq !== expected ? `expected row ${expected} here: rows were deleted or inserted` : 'it does not follow the row before it' });
      if (rowHash(r.prevHash, r) !== r.hash) problems.push({ seq: r.seq, kind: 'edited', detail: 'its content does not give its hash' });
      prev = r.hash;
      expected = r.seq + 1;
      last = { seq: r.seq, hash: r.hash };
    }
    // The head recorded outside the table (and in the station table) must be the chain's end.
    const heads = [this.db.prepare("SELECT value FROM station WHERE key = 'audit.head'").pluck().get() as string | undefined, this.lastFileHead()].filter((h): h is string => Boolean(h));
    for (const head of heads) {
      const [seq, hash] = head.split(':');
      const n = Number(seq);
      if (!last || n > last.seq) {
        problems.push({ seq: n, kind: 'missing-tail', detail: `the log reached row ${n}; rows after ${last?.seq ?? 0} are gone` });
        continue;
      }
      const then = this.db.prepare('SELECT hash FROM audit WHERE seq = ?').pluck().get(n) as string | undefined;
      if (then !== hash) problems.push({ seq: n, kind: 'edited', detail: 'the row differs from the head recorded when it was written' });
    }
    return { ok: problems.length === 0, rows, head: last, problems: dedupe(problems) };
  }

  private lastFileHead(): string | undefined {
    if (!existsSync(this.headFile)) return undefined;
    const lines = readFileSync(this.headFile, 'utf8').trim().split('\n');
    // The highest seq written (two processes may append out of order).
    return lines.filter((l) => /^\d+:[0-9a-f]{64}$/.test(l)).sort((a, b) => Number(a.split(':')[0]) - Number(b.split(':')[0])).at(-1);
  }
}

function dedupe(problems: AuditProblem[]): AuditProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.seq}:${p.kind}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
