// Sync as the station offers it: status for the supervisor, a drain now, Retry, configuration
// (the secret to the keychain, or to memory outside the app), the reuse lookup, and the audit head
// the store keeps. A secret belongs to the address it was given for: when the address changes the
// secret is forgotten, and must be given again with the new one.
import type { Database } from 'better-sqlite3';
import { type RemoteLookup, type Settings, type SettingsUpdate, type SyncCheck, type SyncRunResult, type SyncStatus, isSecureSyncUrl } from '../../contract';
import { StationError } from '../errors';
import type { Logger } from '../log';
import type { AuditLog } from '../records/audit';
import type { BlobStore } from '../records/blob-store';
import type { DocumentRepository } from '../records/documents';
import { OutboxRepository } from '../records/outbox';
import type { SecretStore } from '../secrets';
import { checkSync } from '../settings/sync-check';
import { vietnamIso } from '../time';
import { displayUrl, normalAddress, syncAddress } from './address';
import { syncConfig } from './config';
import { SyncEngine } from './engine';
import { SyncFailure } from './failure';
import { type AuditHead, type Receipt, type RemoteAuditHead, StoreClient } from './store-client';
import { ReuseLookup } from './reuse-lookup';
import { syncStatus } from './status';

export interface StationSync {
  status(): Promise<SyncStatus>;
  /** Sends what is due now and returns when nothing more is (`sohoa sync --once`). */
  run(): Promise<SyncRunResult>;
  retry(id: number | undefined): number;
  /** A new address needs its secret (sync-secret-needed otherwise); the old one is forgotten. */
  configure(change: { url: string; clientId: string; clientSecret?: string | undefined }): Promise<SyncStatus>;
  /** The settings changed: a blocked engine may try again; a new address forgets the secret. */
  settingsChanged(change: SettingsUpdate): void;
  lookupOwner(idNumber: string): Promise<RemoteLookup>;
  /** "Test connection" with the secret in force. */
  check(): Promise<SyncCheck>;
  /** The last audit head the store received from this station (null: none yet). */
  remoteAuditHead(): Promise<RemoteAuditHead | null>;
  /** The store's receipts for these document versions (null: it has none), a few at a time. */
  storeReceipts(versions: readonly { documentId: string; version: number }[]): Promise<(Receipt | null)[]>;
  /** Runs in the background until stop (the app, browser mode, `sohoa sync`). */
  start(): void;
  stop(): Promise<void>;
  /** A signed record was queued: a running engine picks it up now. */
  kick(): void;
}

export interface SyncServiceDeps {
  readonly db: Database;
  readonly audit: AuditLog;
  readonly documents: DocumentRepository;
  readonly blobs: BlobStore;
  readonly settings: () => Settings;
  readonly updateSettings: (change: SettingsUpdate) => Settings;
  readonly secrets: SecretStore;
  readonly env: NodeJS.ProcessEnv;
  readonly stationId: string;
  readonly log: Logger;
  readonly changed: () => void;
  /** The audit chain's head now (records/audit.ts), sent with each commit; null: none yet. */
  readonly auditHead?: () => AuditHead | null;
}

const SYNC_SETTINGS = new Set(['syncUrl', 'syncClientId', 'syncCaFile', 'syncBandwidthKbps']);

/** From one address to another (or to none). A first address takes the secret already given
 * (SOHOA_SYNC_CLIENT_SECRET before any address): it was for no other. */
const isMove = (from: string | null, to: string | null) => from !== null && to !== from;

export function createSyncService(deps: SyncServiceDeps): StationSync {
  /** A short-lived client for one question to the store; its failures said as station errors. */
  const withClient = async <T>(work: (client: StoreClient) => Promise<T>): Promise<T> => {
    let client: StoreClient | null = null;
    try {
      const config = await syncConfig(deps.settings(), deps.env, secrets);
      if (!config) throw new StationError('sync-not-configured', {});
      client = new StoreClient(config, 15_000);
      return await work(client);
    } catch (e) {
      if (e instanceof SyncFailure) throw new StationError(e.error.code, e.error.details ?? {});
      throw e;
    } finally {
      client?.close();
    }
  };
  // The address the stored secret was given for. Once it changes, this process reads no secret
  // (even if the secret store failed to delete it) until one is given with the new address.
  let address = normalAddress(syncAddress(deps.settings(), deps.env));
  let secretVoid = false;
  const secrets: SecretStore = {
    kind: deps.secrets.kind,
    get: async (name) => (secretVoid ? null : deps.secrets.get(name)),
    set: (name, value) => deps.secrets.set(name, value),
  };
  const forgetSecret = async () => {
    secretVoid = true;
    await deps.secrets.set('sync.clientSecret', null);
  };
  const outbox = new OutboxRepository(deps.db, deps.audit);
  // Tell the screens at most every 250 ms: a drain of thousands of small documents must not
  // flood them.
  let pending: NodeJS.Timeout | null = null;
  const changed = () => {
    pending ??= setTimeout(() => {
      pending = null;
      deps.changed();
    }, 250);
  };
  const engine = new SyncEngine({ ...deps, secrets, outbox, changed });
  const lookup = new ReuseLookup(deps.settings, deps.env, secrets);
  return {
    async status() {
      const config = await syncConfig(deps.settings(), deps.env, secrets).catch(() => null);
      const url = syncAddress(deps.settings(), deps.env);
      return syncStatus(deps.db, { configured: config !== null, url: url ? displayUrl(url) : null, running: engine.isRunning, blocked: engine.blocked, clockSkewSeconds: engine.clockSkewSeconds });
    },
    run() {
      // A person asked: a pause for bad credentials or TLS gets one more try (not a storm).
      engine.unblock();
      return engine.drain();
    },
    retry(id) {
      const n = outbox.retry(id, vietnamIso());
      engine.unblock();
      changed();
      return n;
    },
    async configure({ url, clientId, clientSecret }) {
      // The contract checks this too; said again for callers of the core itself.
      if (!isSecureSyncUrl(url)) throw new StationError('sync-insecure-url', { url: displayUrl(url) });
      const next = normalAddress(syncAddress({ syncUrl: url }, deps.env));
      const moved = isMove(address, next);
      if (moved && clientSecret === undefined) throw new StationError('sync-secret-needed', { url: displayUrl(url) });
      // In this order: the old secret is gone before anything points at the new address, and the
      // new one is kept only once the address is: a failure on the way leaves the station without
      // a secret, never a secret with an address it was not given for.
      if (moved) await forgetSecret();
      deps.updateSettings({ syncUrl: url, syncClientId: clientId });
      address = next;
      if (clientSecret !== undefined) {
        await deps.secrets.set('sync.clientSecret', clientSecret);
        secretVoid = false;
      }
      engine.unblock();
      return this.status();
    },
    settingsChanged(change) {
      if (!Object.keys(change).some((k) => SYNC_SETTINGS.has(k))) return;
      const next = normalAddress(syncAddress(deps.settings(), deps.env));
      if (isMove(address, next))
        forgetSecret().catch((e: unknown) => deps.log.error('the sync secret could not be deleted after the address changed; it is not used here', e));
      address = next;
      engine.unblock();
    },
    lookupOwner: (idNumber) => lookup.ownerDocuments(idNumber),
    check: () => checkSync(deps.settings(), deps.env, secrets),
    remoteAuditHead: () => withClient((client) => client.auditHead()),
    storeReceipts: (versions) =>
      withClient(async (client) => {
        const found: (Receipt | null)[] = new Array<Receipt | null>(versions.length).fill(null);
        let next = 0;
        // Four requests in flight: a month's results in seconds, without hammering a thin uplink.
        const worker = async () => {
          for (let i = next++; i < versions.length; i = next++) found[i] = await client.receipt(versions[i]!.documentId, versions[i]!.version);
        };
        await Promise.all(Array.from({ length: Math.min(4, versions.length) }, worker));
        return found;
      }),
    start: () => engine.start(),
    kick: () => engine.kick(),
    async stop() {
      if (pending) clearTimeout(pending);
      lookup.close();
      await engine.stop();
    },
  };
}
