// The audit log: every create, view, export, sign, sync and delete of a document, every sign-in,
// account, setting and configuration change, with who (the account's immutable id and user name,
// and the name shown) and when, in an append-only chain.
//
// Each row's hash is an HMAC, under a key derived from the station's data key, of its content and
// the previous row's hash. The key is not in the database file, so someone holding the files (even
// one who drops the triggers, edits rows and rewrites the head file) cannot write a chain that
// verifies. Rows written before the chain was keyed keep their plain SHA-256 links; the first
// keyed row covers the last of them, which seals them too. The head (last seq and hash) is also
// kept outside the table, and travels to the provincial store with every sync (sync/manifest.ts):
// cutting rows off the end, even by someone who can run the station, shows against the store's copy.
import type { Database } from 'better-sqlite3';
import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { vietnamIso } from '../time';

export type AuditAction =
  | 'create' | 'view' | 'export' | 'sign' | 'sync' | 'delete' | 'reuse' | 'update' | 'purge' | 'backup' | 'restore'
  | 'login' | 'logout' | 'login-failed' | 'user-create' | 'user-update'
  | 'unlock-failed' | 'settings-update' | 'sync-configure' | 'catalogue-install' | 'reuse-lookup' | 'preferences-update'
  | 'reuse-detach';

/** Who a row is about: the account (immutable id and user name) and the name shown then. */
export interface AuditActor {
  readonly name: string;
  readonly userId: string | null;
  readonly username: string | null;
}

export interface AuditRow {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly userId: string | null;
  readonly username: string | null;
  readonly action: AuditAction;
  readonly documentId: string | null;
  readonly details: string;
  readonly prevHash: string;
  readonly hash: string;
  readonly keyed: boolean;
}

export interface AuditProblem {
  readonly seq: number;
  /** edited: the row's content does not give its hash; broken-link: it does not follow the row
   * before it (a row deleted or inserted there); missing-tail: rows after it were removed;
   * unkeyed: a row after the chain was keyed that is not (written by someone without the key). */
  readonly kind: 'edited' | 'broken-link' | 'missing-tail' | 'unkeyed';
  readonly detail: string;
}

export interface AuditVerdict {
  readonly ok: boolean;
  readonly rows: number;
  readonly head: { seq: number; hash: string } | null;
  readonly problems: readonly AuditProblem[];
}

const GENESIS = '0'.repeat(64);

/** The chain's key: derived from the data key for this one purpose. */
export function auditKey(dataKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'sohoa-station audit chain v1', 32));
}

type Content = Omit<AuditRow, 'hash' | 'prevHash' | 'keyed'>;

/** The rows written before version 13: plain SHA-256 over their fields of then. */
function plainHash(prev: string, r: Content): string {
  return createHash('sha256').update(prev).update(JSON.stringify([r.seq, r.at, r.actor, r.action, r.documentId, r.details])).digest('hex');
}

function keyedHash(key: Buffer, prev: string, r: Content): string {
  // A fixed field order, so that the same row always hashes the same.
  return createHmac('sha256', key).update(prev).update(JSON.stringify([r.seq, r.at, r.actor, r.userId, r.username, r.action, r.documentId, r.details])).digest('hex');
}

interface DbRow {
  seq: number;
  at: string;
  actor: string;
  user_id: string | null;
  username: string | null;
  action: AuditAction;
  document_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
  keyed: 0 | 1;
}

const fromDb = (r: DbRow): AuditRow => ({
  seq: r.seq,
  at: r.at,
  actor: r.actor,
  userId: r.user_id,
  username: r.username,
  action: r.action,
  documentId: r.document_id,
  details: r.details,
  prevHash: r.prev_hash,
  hash: r.hash,
  keyed: r.keyed === 1,
});

export class AuditLog {
  constructor(
    private readonly db: Database,
    /** Who is acting now (the signed-in user, else the station's operator). */
    private readonly actor: () => AuditActor,
    /** A file outside the database where every new head is appended. */
    private readonly headFile: string,
    /** The chain's key (auditKey of the station's data key). */
    private readonly key: Buffer,
  ) {}

  /** Appends a row. Inside a caller's write transaction it joins it; otherwise it takes the write
   * lock first, so that two processes never chain onto the same head. */
  append(action: AuditAction, documentId: string | null, details: Record<string, unknown> = {}, actor?: AuditActor): void {
    const write = () => {
      const last = this.db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
      const who = actor ?? this.actor();
      const row: Content = { seq: (last?.seq ?? 0) + 1, at: vietnamIso(), actor: who.name, userId: who.userId, username: who.username, action, documentId, details: JSON.stringify(details) };
      const prev = last?.hash ?? GENESIS;
      const hash = keyedHash(this.key, prev, row);
      this.db
        .prepare('INSERT INTO audit (seq, at, actor, user_id, username, action, document_id, details, prev_hash, hash, keyed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)')
        .run(row.seq, row.at, row.actor, row.userId, row.username, action, documentId, row.details, prev, hash);
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

  /** Rows written before the chain was keyed (a station older than version 13) keep their plain
   * SHA-256 links; how far they go is sealed, once, with the key, at the first open that has it.
   * Without that seal no row may be unkeyed: a chain rewritten whole in the old form shows. */
  sealLegacyRows(): void {
    // Under the write lock: two processes opening the station at once seal it once, the same way.
    this.db.transaction(() => {
      if (this.db.prepare("SELECT 1 FROM station WHERE key = 'audit.legacy-end'").get()) return;
      if (this.db.prepare('SELECT 1 FROM audit WHERE keyed = 1 LIMIT 1').get()) return; // keyed already: the seal was removed, verify says so
      const last = this.db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
      const seq = last?.seq ?? 0;
      const hash = last?.hash ?? GENESIS;
      this.db.prepare("INSERT INTO station (key, value) VALUES ('audit.legacy-end', ?)").run(`${seq}:${hash}:${this.legacySeal(seq, hash)}`);
    }).immediate();
  }

  private legacySeal(seq: number, hash: string): string {
    return createHmac('sha256', this.key).update(`legacy-end:${seq}:${hash}`).digest('hex');
  }

  /** The last row allowed to be unkeyed, as sealed; null when the seal is missing or forged. */
  private legacyEnd(problems: AuditProblem[]): { seq: number; hash: string } | null {
    const raw = this.db.prepare("SELECT value FROM station WHERE key = 'audit.legacy-end'").pluck().get() as string | undefined;
    const [seq, hash, seal] = (raw ?? '').split(':');
    if (raw === undefined) return null;
    if (!seq || !hash || seal !== this.legacySeal(Number(seq), hash)) {
      problems.push({ seq: 0, kind: 'edited', detail: 'the seal of the rows written before the chain was keyed is not the station’s' });
      return null;
    }
    return { seq: Number(seq), hash };
  }

  /** Rows noted by a process without the key (a restore, before the restored station first
   * opens): appended now, in the order noted, under the names they were noted with. */
  appendPending(): number {
    // Read and cleared under the write lock: two processes opening at once append them once.
    return this.db.transaction(() => {
      const raw = this.db.prepare("SELECT value FROM station WHERE key = 'audit.pending'").pluck().get() as string | undefined;
      if (!raw) return 0;
      const pending = JSON.parse(raw) as { action: AuditAction; details: Record<string, unknown>; actor: AuditActor }[];
      for (const p of pending) this.append(p.action, null, p.details, p.actor);
      this.db.prepare("DELETE FROM station WHERE key = 'audit.pending'").run();
      return pending.length;
    }).immediate();
  }

  /** The chain's last row, as the provincial store is told of it. */
  head(): { seq: number; hash: string } | null {
    return (this.db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined) ?? null;
  }

  /** Best effort outside the database: a lost line only weakens the tail check, never the chain
   * (a crash between the commit and this write leaves the file one row behind, which is fine). */
  private recordHead(head: { seq: number; hash: string }): void {
    try {
      appendFileSync(this.headFile, `${head.seq}:${head.hash}\n`, { mode: 0o600 });
    } catch {
      // the data folder is read-only or full: the database row stands
    }
  }

  rows(opts: { documentId?: string; limit: number; beforeSeq?: number }): AuditRow[] {
    const where = [opts.documentId ? 'document_id = @documentId' : null, opts.beforeSeq ? 'seq < @beforeSeq' : null].filter(Boolean);
    return (this.db.prepare(`SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT @limit`).all(opts) as DbRow[]).map(fromDb);
  }

  /** Walks the whole chain and names every row that is not as it was written. `anchors` are heads
   * kept elsewhere (the provincial store's receipt): each must be a row of the chain as it is. */
  verify(anchors: readonly { seq: number; hash: string; where: string }[] = []): AuditVerdict {
    const problems: AuditProblem[] = [];
    const legacy = this.legacyEnd(problems);
    let prev = GENESIS;
    let expected = 1;
    let rows = 0;
    let last: { seq: number; hash: string } | null = null;
    for (const raw of this.db.prepare('SELECT * FROM audit ORDER BY seq').iterate() as IterableIterator<DbRow>) {
      const r = fromDb(raw);
      rows++;
      if (r.seq !== expected || r.prevHash !== prev)
        problems.push({ seq: r.seq, kind: 'broken-link', detail: r.seq !== expected ? `expected row ${expected} here: rows were deleted or inserted` : 'it does not follow the row before it' });
      if (!r.keyed && (legacy === null || r.seq > legacy.seq)) problems.push({ seq: r.seq, kind: 'unkeyed', detail: 'not chained with the station’s key' });
      if (!r.keyed && legacy !== null && r.seq === legacy.seq && r.hash !== legacy.hash) problems.push({ seq: r.seq, kind: 'edited', detail: 'the row differs from the one sealed when the chain was keyed' });
      const hash = r.keyed ? keyedHash(this.key, r.prevHash, r) : plainHash(r.prevHash, r);
      if (hash !== r.hash) problems.push({ seq: r.seq, kind: 'edited', detail: 'its content does not give its hash' });
      prev = r.hash;
      expected = r.seq + 1;
      last = { seq: r.seq, hash: r.hash };
    }
    // The heads recorded outside the table (the station table, the head file, the store's copy)
    // must each be a row of the chain.
    const local = [this.db.prepare("SELECT value FROM station WHERE key = 'audit.head'").pluck().get() as string | undefined, this.lastFileHead()]
      .filter((h): h is string => Boolean(h))
      .map((h) => ({ seq: Number(h.split(':')[0]), hash: h.split(':')[1] ?? '', where: 'recorded' }));
    for (const head of [...local, ...anchors]) {
      if (!last || head.seq > last.seq) {
        problems.push({ seq: head.seq, kind: 'missing-tail', detail: `the log reached row ${head.seq} (${head.where}); rows after ${last?.seq ?? 0} are gone` });
        continue;
      }
      const then = this.db.prepare('SELECT hash FROM audit WHERE seq = ?').pluck().get(head.seq) as string | undefined;
      if (then !== head.hash) problems.push({ seq: head.seq, kind: 'edited', detail: `the row differs from the head ${head.where} when it was written` });
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

/** Notes a row for the chain without its key (restore.ts): the station appends it when it opens. */
export function noteAuditRow(db: Database, action: AuditAction, details: Record<string, unknown>, actor: AuditActor): void {
  const raw = db.prepare("SELECT value FROM station WHERE key = 'audit.pending'").pluck().get() as string | undefined;
  const pending = raw ? (JSON.parse(raw) as unknown[]) : [];
  pending.push({ action, details: { ...details, notedAt: vietnamIso() }, actor });
  db.prepare("INSERT INTO station (key, value) VALUES ('audit.pending', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify(pending));
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
