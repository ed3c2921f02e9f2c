// What the supervisor sees of sync: how many documents wait in each state, the oldest waiting, the
// failures with their reasons, the last success, throughput, and each officer's share.
import type { Database } from 'better-sqlite3';
import { type ErrorCode, type OutboxItem, type SyncStatus, type WireError, formatError, isErrorCode } from '../../contract';
import { vietnamIso } from '../time';

interface ItemRow {
  id: number;
  document_id: string;
  title: string | null;
  version: number;
  sha256: string;
  bytes: number;
  state: OutboxItem['state'];
  attempts: number;
  error_code: string | null;
  error_details: string | null;
  next_attempt_at: string | null;
  receipt_id: string | null;
  created_at: string;
  synced_at: string | null;
  digitized_by: string | null;
}

function errorOf(row: ItemRow): WireError | null {
  if (!row.error_code) return null;
  const code: ErrorCode = isErrorCode(row.error_code) ? row.error_code : 'internal';
  let details: Record<string, string | number> = {};
  try {
    details = JSON.parse(row.error_details ?? '{}') as Record<string, string | number>;
  } catch {
    // details written by an older version: the message goes without them
  }
  return formatError(code, details);
}

export function toItem(row: ItemRow): OutboxItem {
  return {
    id: row.id,
    documentId: row.document_id,
    title: row.title,
    version: row.version,
    sha256: row.sha256,
    bytes: row.bytes,
    state: row.state,
    attempts: row.attempts,
    error: errorOf(row),
    nextAttemptAt: row.next_attempt_at,
    receiptId: row.receipt_id,
    createdAt: row.created_at,
    syncedAt: row.synced_at,
    digitizedBy: row.digitized_by,
  };
}

const ITEM = `SELECT o.*, d.title, d.digitized_by FROM outbox o JOIN documents d ON d.id = o.document_id`;

export function outboxItems(db: Database, state: OutboxItem['state'] | null, limit: number): OutboxItem[] {
  const rows = (state ? db.prepare(`${ITEM} WHERE o.state = ? ORDER BY o.updated_at DESC LIMIT ?`).all(state, limit) : db.prepare(`${ITEM} ORDER BY o.updated_at DESC LIMIT ?`).all(limit)) as ItemRow[];
  return rows.map(toItem);
}

export function syncStatus(db: Database, base: Pick<SyncStatus, 'configured' | 'url' | 'running' | 'blocked' | 'clockSkewSeconds'>): SyncStatus {
  const counts = { pending: 0, uploading: 0, committing: 0, synced: 0, failed: 0 };
  for (const r of db.prepare("SELECT state, count(*) AS n FROM outbox WHERE state <> 'superseded' GROUP BY state").all() as { state: keyof typeof counts; n: number }[]) counts[r.state] = r.n;
  const hourAgo = vietnamIso(new Date(Date.now() - 3600_000));
  const hour = db.prepare("SELECT count(*) AS n, coalesce(sum(bytes), 0) AS bytes, min(synced_at) AS first FROM outbox WHERE state = 'synced' AND synced_at >= ?").get(hourAgo) as { n: number; bytes: number; first: string | null };
  // Throughput over the span the last hour's documents actually took, not the whole hour.
  const span = hour.first ? Math.max(1, (Date.now() - new Date(hour.first).getTime()) / 1000) : null;
  const byOfficer = db
    .prepare(
      `SELECT coalesce(d.digitized_by, '—') AS officer,
              sum(o.state IN ('pending', 'uploading', 'committing')) AS pending,
              sum(o.state = 'synced') AS synced, sum(o.state = 'failed') AS failed
         FROM outbox o JOIN documents d ON d.id = o.document_id WHERE o.state <> 'superseded'
        GROUP BY officer ORDER BY officer`,
    )
    .all() as SyncStatus['byOfficer'];
  return {
    ...base,
    counts,
    oldestPendingAt: (db.prepare("SELECT min(created_at) FROM outbox WHERE state IN ('pending', 'uploading', 'committing', 'failed')").pluck().get() as string | null) ?? null,
    lastSyncedAt: (db.prepare("SELECT max(synced_at) FROM outbox WHERE state = 'synced'").pluck().get() as string | null) ?? null,
    throughputBytesPerSecond: span && hour.n > 0 ? hour.bytes / span : null,
    syncedLastHour: hour.n,
    failures: outboxItems(db, 'failed', 100),
    byOfficer,
  };
}
