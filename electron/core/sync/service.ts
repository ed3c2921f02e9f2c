// Sync as the station offers it: status for the supervisor, a drain now, Retry, configuration
// (the secret to the keychain, or to memory outside the app), and the reuse lookup.
import type { Database } from 'better-sqlite3';
import type { RemoteLookup, Settings, SettingsUpdate, SyncRunResult, SyncStatus } from '../../contract';
import type { Logger } from '../log';
import type { AuditLog } from '../records/audit';
import type { BlobStore } from '../records/blob-store';
import type { DocumentRepository } from '../records/documents';
import { OutboxRepository } from '../records/outbox';
import type { SecretStore } from '../secrets';
import { vietnamIso } from '../time';
import { displayUrl, syncConfig } from './config';
import { SyncEngine } from './engine';
import { ReuseLookup } from './reuse-lookup';
import { syncStatus } from './status';

export interface StationSync {
  status(): Promise<SyncStatus>;
  /** Sends what is due now and returns when nothing more is (`sohoa sync --once`). */
  run(): Promise<SyncRunResult>;
  retry(id: number | undefined): number;
  configure(change: { url: string; clientId: string; clientSecret?: string | undefined }): Promise<SyncStatus>;
  /** The settings changed: a blocked engine may try again. */
  settingsChanged(change: SettingsUpdate): void;
  lookupOwner(idNumber: string): Promise<RemoteLookup>;
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
}

const SYNC_SETTINGS = new Set(['syncUrl', 'syncClientId', 'syncCaFile', 'syncBandwidthKbps']);

export function createSyncService(deps: SyncServiceDeps): StationSync {
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
  const engine = new SyncEngine({ ...deps, outbox, changed });
  const lookup = new ReuseLookup(deps.settings, deps.env, deps.secrets);
  return {
    async status() {
      const config = await syncConfig(deps.settings(), deps.env, deps.secrets).catch(() => null);
      const url = deps.env.SOHOA_SYNC_URL || deps.settings().syncUrl;
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
      deps.updateSettings({ syncUrl: url, syncClientId: clientId });
      if (clientSecret !== undefined) await deps.secrets.set('sync.clientSecret', clientSecret);
      engine.unblock();
      return this.status();
    },
    settingsChanged(change) {
      if (Object.keys(change).some((k) => SYNC_SETTINGS.has(k))) engine.unblock();
    },
    lookupOwner: (idNumber) => lookup.ownerDocuments(idNumber),
    start: () => engine.start(),
    kick: () => engine.kick(),
    async stop() {
      if (pending) clearTimeout(pending);
      lookup.close();
      await engine.stop();
    },
  };
}
