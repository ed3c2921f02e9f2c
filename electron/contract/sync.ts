// Sync with the provincial store, as the contract shows it: the outbox's state for the
// supervisor, and the store's answer to a reuse lookup.
import { z } from 'zod';
import { WireError } from './errors';
import { bilingual } from './metadata';

/** This computer only: 127.0.0.0/8, ::1 and the name localhost (a URL's hostname, as the WHATWG
 * parser leaves it: 0x7f.1 and 2130706433 are already 127.0.0.1 there, IPv6 is in brackets). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return v4 !== null && v4[1] === '127' && v4.slice(2).every((n) => Number(n) <= 255);
}

/** Where the station may send its records, its secret and its bearer token: https anywhere,
 * plain http only to this computer (a test store, a local TLS-terminating relay). */
export function isSecureSyncUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return u.protocol === 'https:' || (u.protocol === 'http:' && isLoopbackHost(u.hostname));
}

export const INSECURE_SYNC_URL = bilingual(
  'the provincial store must be reached over https (plain http only for this computer: localhost, 127.0.0.1, ::1): enter the https:// address the province gave',
  'kho dữ liệu tỉnh phải dùng https (http chỉ dùng cho chính máy này: localhost, 127.0.0.1, ::1): nhập địa chỉ https:// do tỉnh cấp',
);

/** The provincial store's address as a person enters it (sync.configure). */
export const SyncUrl = z.url({ protocol: /^https?$/ }).max(2048).refine(isSecureSyncUrl, { error: INSECURE_SYNC_URL });

export const OutboxState = z.enum(['pending', 'uploading', 'committing', 'synced', 'failed', 'superseded']);
export type OutboxState = z.infer<typeof OutboxState>;

export const OutboxItem = z.object({
  id: z.number().int(),
  documentId: z.string(),
  title: z.string().nullable(),
  version: z.number().int(),
  sha256: z.string(),
  bytes: z.number().int(),
  state: OutboxState,
  attempts: z.number().int(),
  /** Why the last attempt failed, in both languages. */
  error: WireError.nullable(),
  /** When the engine tries again by itself; null: it waits for a person (Retry). */
  nextAttemptAt: z.string().nullable(),
  receiptId: z.string().nullable(),
  createdAt: z.string(),
  syncedAt: z.string().nullable(),
  digitizedBy: z.string().nullable(),
});
export type OutboxItem = z.infer<typeof OutboxItem>;

export const SyncStatus = z.object({
  /** Whether the station knows the store's address and its credentials. */
  configured: z.boolean(),
  url: z.string().nullable(),
  /** Whether an engine runs in this process (the app, browser mode, `sohoa sync`). */
  running: z.boolean(),
  /** A problem that stops every upload until a person acts (wrong credentials, TLS). */
  blocked: WireError.nullable(),
  counts: z.object({ pending: z.number().int(), uploading: z.number().int(), committing: z.number().int(), synced: z.number().int(), failed: z.number().int() }),
  oldestPendingAt: z.string().nullable(),
  lastSyncedAt: z.string().nullable(),
  /** Bytes per second over the last hour's synced documents (null: none). */
  throughputBytesPerSecond: z.number().nullable(),
  syncedLastHour: z.number().int(),
  failures: z.array(OutboxItem),
  byOfficer: z.array(z.object({ officer: z.string(), pending: z.number().int(), synced: z.number().int(), failed: z.number().int() })),
  /** The store's clock minus ours, in seconds, when the store said (large values break TLS and tokens). */
  clockSkewSeconds: z.number().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const SyncRunResult = z.object({
  synced: z.number().int(),
  failed: z.number().int(),
  remaining: z.number().int(),
  blocked: WireError.nullable(),
});
export type SyncRunResult = z.infer<typeof SyncRunResult>;

export const RemoteDocument = z.object({
  documentId: z.string(),
  version: z.number().int(),
  sha256: z.string(),
  bytes: z.number().int().nullable(),
  storedAt: z.string(),
  title: z.string().nullable(),
  kind: z.string().nullable(),
  docTypeCode: z.string().nullable(),
  docNumber: z.string().nullable(),
  issueDate: z.string().nullable(),
  issuer: z.string().nullable(),
  validUntil: z.string().nullable(),
  ownerName: z.string().nullable(),
  unitCode: z.string().nullable(),
});
export type RemoteDocument = z.infer<typeof RemoteDocument>;

/** The province-wide answer to "what does this owner already have": offline is an answer too. */
export const RemoteLookup = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), documents: z.array(RemoteDocument) }),
  z.object({ status: z.literal('offline'), reason: WireError }),
  z.object({ status: z.literal('not-configured') }),
]);
export type RemoteLookup = z.infer<typeof RemoteLookup>;
