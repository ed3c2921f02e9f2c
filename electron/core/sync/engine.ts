// The sync engine: takes due rows from the outbox and carries each to a receipt — upload (tus,
// resumed from the server's offset), commit (idempotent), receipt checked against our SHA-256.
// It survives restarts and kills at any step: the row's state and upload URL are in SQLite, a
// commit can be repeated, and a lost answer is reconciled by asking for the receipt.
import { type Hash, createHash } from 'node:crypto';
import { type Settings, type SyncRunResult, type WireError, formatError } from '../../contract';
import { errorMessage, isStationError } from '../errors';
import type { Logger } from '../log';
import type { BlobStore } from '../records/blob-store';
import type { DocumentRepository } from '../records/documents';
import type { OutboxRepository, OutboxRow } from '../records/outbox';
import type { SecretStore } from '../secrets';
import { vietnamIso } from '../time';
import { type SyncConfig, syncConfig } from './config';
import { SyncFailure, failure } from './failure';
import { buildManifest } from './manifest';
import { backoffMs } from './pacing';
import { type AuditHead, type Receipt, StoreClient } from './store-client';

export interface SyncEngineDeps {
  readonly outbox: OutboxRepository;
  readonly documents: DocumentRepository;
  readonly blobs: BlobStore;
  readonly settings: () => Settings;
  readonly secrets: SecretStore;
  readonly env: NodeJS.ProcessEnv;
  readonly stationId: string;
  readonly log: Logger;
  /** The outbox changed (for the supervisor's screen). */
  readonly changed: () => void;
  /** Documents sent at once (each upload streams; the store checks signatures per commit). */
  readonly concurrency?: number;
  readonly timeoutMs?: number;
  /** The audit chain's head now, sent with each commit (null: an empty chain). */
  readonly auditHead?: () => AuditHead | null;
}

const LEASE_MS = 120_000;
const at = (ms: number) => vietnamIso(new Date(Date.now() + ms));

export class SyncEngine {
  private client: { key: string; client: StoreClient } | null = null;
  private blockedBy: WireError | null = null;
  /** After the store failed as a whole (offline, 5xx), nobody tries before this (epoch ms). */
  private pauseUntil = 0;
  private running = false;
  private loops: Promise<void>[] = [];
  private wakers: (() => void)[] = [];
  private readonly owner = process.pid;

  constructor(private readonly deps: SyncEngineDeps) {}

  get blocked(): WireError | null {
    return this.blockedBy;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** The store's clock minus ours, as its last answer said (kept after the connection closes). */
  private skewMs: number | null = null;

  get clockSkewSeconds(): number | null {
    const ms = this.client?.client.clockSkewMs ?? this.skewMs;
    return ms === null ? null : Math.round(ms / 1000);
  }

  /** Runs in the background until stop(): the app and browser mode. */
  start(): void {
    if (this.running) return;
    this.running = true;
    const n = this.deps.concurrency ?? 2;
    this.loops = Array.from({ length: n }, () => this.loop());
  }

  async stop(): Promise<void> {
    this.running = false;
    this.kick();
    await Promise.allSettled(this.loops);
    this.loops = [];
    this.client?.client.close();
    this.client = null;
  }

  /** New work, or a changed configuration: wake up and look again. */
  kick(): void {
    for (const wake of this.wakers.splice(0)) wake();
  }

  /** Forget a blocking problem (after the configuration changed, or a person's Retry). */
  unblock(): void {
    this.blockedBy = null;
    this.pauseUntil = 0;
    this.retire();
    this.kick();
  }

  /** Drops the connection pool; requests still in flight on it (another worker's) may finish. */
  private retire(): void {
    const old = this.client?.client;
    this.client = null;
    if (old) setTimeout(() => old.close(), 60_000).unref();
  }

  /** Sends everything due now, then returns (`sohoa sync --once`). */
  async drain(): Promise<SyncRunResult> {
    let synced = 0;
    let failed = 0;
    // Without an address or credentials nothing can be sent: say so even when nothing waits.
    try {
      await this.storeClient();
    } catch (e) {
      if (!(e instanceof SyncFailure) || e.kind !== 'blocking') throw e;
      this.blockedBy = e.error;
    }
    const worker = async () => {
      for (;;) {
        if (this.blockedBy || Date.now() < this.pauseUntil) return;
        const row = this.deps.outbox.claimNext(this.owner, vietnamIso(), at(LEASE_MS));
        if (!row) return;
        if (await this.process(row)) synced++;
        else failed++;
      }
    };
    await Promise.all(Array.from({ length: this.deps.concurrency ?? 2 }, worker));
    // A one-off drain (`sohoa sync --once`) leaves no sockets open; the background loops keep theirs.
    if (!this.running) {
      this.client?.client.close();
      this.client = null;
    }
    return { synced, failed, remaining: this.deps.outbox.openCount(), blocked: this.blockedBy };
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const row = this.blockedBy || Date.now() < this.pauseUntil ? null : this.deps.outbox.claimNext(this.owner, vietnamIso(), at(LEASE_MS));
      if (row) {
        await this.process(row);
        continue;
      }
      await this.sleep();
    }
  }

  /** Until woken, or until the next row is due (at most a minute: rows other processes add). */
  private sleep(): Promise<void> {
    const due = this.deps.outbox.nextDueAt();
    let ms = 60_000;
    if (due !== null) ms = due === '' ? 0 : Math.max(0, new Date(due).getTime() - Date.now());
    if (this.pauseUntil > Date.now()) ms = Math.max(ms, this.pauseUntil - Date.now());
    if (this.blockedBy) ms = 60_000;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, Math.min(Math.max(ms, 50), 60_000));
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakers.push(done);
    });
  }

  private async storeClient(): Promise<StoreClient> {
    const config: SyncConfig | null = await syncConfig(this.deps.settings(), this.deps.env, this.deps.secrets);
    if (!config) throw failure('blocking', 'sync-not-configured', {});
    const key = JSON.stringify({ ...config, ca: config.ca?.toString('base64') ?? null });
    if (this.client?.key !== key) {
      this.retire();
      this.client = { key, client: new StoreClient(config, this.deps.timeoutMs) };
    }
    return this.client.client;
  }

  /** Carries one row as far as it goes; true when it ended synced. */
  private async process(row: OutboxRow): Promise<boolean> {
    const { outbox, log } = this.deps;
    try {
      const client = await this.storeClient();
      await this.send(client, row);
      return true;
    } catch (e) {
      const f = e instanceof SyncFailure ? e : failure('transient', 'internal', { detail: errorMessage(e), log: log.path });
      if (!(e instanceof SyncFailure)) log.error('sync failed unexpectedly', e, { documentId: row.document_id });
      const error = f.error.code === 'sync-rejected' && f.error.details?.id === '—' ? formatError('sync-rejected', { ...f.error.details, id: row.document_id }) : f.error;
      if (f.kind === 'blocking') {
        this.blockedBy = error;
        outbox.release(row.id, this.owner);
        log.warn('sync blocked', { code: error.code });
      } else if (f.kind === 'needs-person') {
        outbox.markFailed(row.id, error, null, vietnamIso(), { forgetUpload: f.opts.forgetUpload });
      } else {
        const delay = Math.max(backoffMs(row.attempts), f.opts.retryAfterMs ?? 0);
        outbox.markFailed(row.id, error, at(delay), vietnamIso(), { forgetUpload: f.opts.forgetUpload });
        // The store as a whole is unwell: everyone waits, rather than each row hammering it.
        if (error.code === 'sync-offline' || error.code === 'sync-server') this.pauseUntil = Math.max(this.pauseUntil, Date.now() + delay);
      }
      return false;
    } finally {
      this.skewMs = this.client?.client.clockSkewMs ?? this.skewMs;
      this.deps.changed();
    }
  }

  private async send(client: StoreClient, row: OutboxRow): Promise<void> {
    const { outbox, blobs, documents } = this.deps;
    // A row that was committing when its process died may already be stored: ask first.
    if (row.state === 'committing' && (await this.reconcile(client, row))) return;

    // An upload begun at an address the station no longer uses (the store's URL changed) is not
    // resumed there: it starts again at the store in force.
    let url = row.upload_url && client.owns(row.upload_url) ? row.upload_url : null;
    let offset = url ? await client.uploadOffset(url) : null;
    // The store forgets an upload once it is committed: a vanished upload may mean a commit whose
    // answer was lost. The receipt says, before anything is sent again.
    if (url && offset === null && (await this.reconcile(client, row))) return;
    if (!url || offset === null) {
      url = await client.createUpload(row.bytes, { filename: `${row.document_id}.pdf`, filetype: 'application/pdf', documentId: row.document_id, sha256: row.sha256 });
      offset = 0;
    }
    outbox.setUploading(row.id, url, vietnamIso());
    this.deps.changed();
    // Never commit bytes that no longer match their name (the store would refuse them forever):
    // hashed as they are sent when the upload starts from zero in one go, else read again.
    let hash: Hash | null = offset === 0 ? createHash('sha256') : null;
    let hashed = 0;
    let renewed = Date.now();
    const file = blobs.pathOf(row.sha256);
    // The blob store refuses a record whose file was changed before it releases a byte
    // (blob-cipher.ts): that is the record, not the network, and a person must restore it.
    let refusedByStore: unknown = null;
    const source = (start: number, end: number) => blobs.readRange(row.sha256, start, end).once('error', (e) => (refusedByStore = e));
    const corrupt = () => failure('needs-person', 'file-corrupt', { path: file, detail: 'the signed record no longer matches its SHA-256' }, { forgetUpload: true });
    while (offset < row.bytes) {
      const next: number | null = await client
        .patch(url, source, offset, row.bytes, (chunk) => {
          hash?.update(chunk);
          hashed += chunk.length;
          // The lease by time, not by request: one PATCH may take minutes on a capped uplink.
          if (Date.now() - renewed > LEASE_MS / 4) {
            renewed = Date.now();
            outbox.renewLease(row.id, this.owner, at(LEASE_MS));
          }
        })
        .catch((e: unknown) => {
          throw isStationError(refusedByStore) && refusedByStore.code === 'file-corrupt' ? corrupt() : e;
        });
      if (next === null || next < offset) throw failure('transient', 'sync-server', { status: 410, detail: 'the store lost the upload; it will be sent again' }, { forgetUpload: true });
      if (next < row.bytes) hash = null; // the store kept part of it: the stream hash no longer covers the file
      offset = next;
    }
    // (A PATCH sent twice — a token refreshed mid-way — hashed more than the file: read it again.)
    const intact = hash && hashed === row.bytes ? hash.digest('hex') === row.sha256 : await blobs.verify(row.sha256);
    if (!intact) throw corrupt();

    outbox.setCommitting(row.id, vietnamIso());
    const manifest = buildManifest(documents, row, url, this.deps.stationId, this.deps.settings(), this.deps.auditHead?.() ?? null);
    const refusedBefore = client.auditHeadRefused;
    const outcome = await client.commit(row.document_id, row.version, `${this.deps.stationId}:${row.document_id}:${row.version}:${row.sha256}`, manifest);
    if (client.auditHeadRefused && !refusedBefore) this.deps.log.warn('the provincial store does not take the audit head yet: records are sent without it', { url: client.config.url });
    if (outcome.kind === 'upload-lost') throw failure('transient', 'sync-server', { status: 422, detail: outcome.reason }, { forgetUpload: true, retryAfterMs: 1000 });
    if (outcome.kind === 'conflict') {
      if (await this.reconcile(client, row)) return;
      throw failure('needs-person', 'sync-conflict', { id: row.document_id, version: row.version });
    }
    this.accept(row, outcome.receipt);
  }

  /** Marks the row synced if the store holds this version with our hash. */
  private async reconcile(client: StoreClient, row: OutboxRow): Promise<boolean> {
    const receipt = await client.receipt(row.document_id, row.version);
    if (!receipt || receipt.sha256 !== row.sha256) return false;
    this.accept(row, receipt);
    return true;
  }

  private accept(row: OutboxRow, receipt: Receipt): void {
    // The station owns nothing until the store confirms it: a receipt for other bytes is not one.
    if (receipt.sha256 !== row.sha256 || receipt.documentId !== row.document_id || receipt.version !== row.version)
      throw failure('transient', 'sync-receipt-mismatch', { id: row.document_id }, { forgetUpload: true });
    this.deps.outbox.markSynced(row.id, receipt, vietnamIso());
    this.deps.log.info('synced', { documentId: row.document_id, version: row.version, receiptId: receipt.receiptId });
  }
}
