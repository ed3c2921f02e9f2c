// "What does this owner already have, province-wide?" — asked while a citizen waits, so it gets a
// short timeout and "offline" is a normal answer, not an error: the counter goes on with a scan.
import { type RemoteLookup, type Settings, ownerIdType } from '../../contract';
import type { SecretStore } from '../secrets';
import { type SyncConfig, syncConfig } from './config';
import { SyncFailure } from './failure';
import { StoreClient } from './store-client';

const LOOKUP_TIMEOUT_MS = 3_000;

export class ReuseLookup {
  private cached: { key: string; client: StoreClient } | null = null;

  constructor(
    private readonly settings: () => Settings,
    private readonly env: NodeJS.ProcessEnv,
    private readonly secrets: SecretStore,
  ) {}

  async ownerDocuments(idNumber: string): Promise<RemoteLookup> {
    let config: SyncConfig | null;
    try {
      config = await syncConfig(this.settings(), this.env, this.secrets);
    } catch (e) {
      if (e instanceof SyncFailure) return { status: 'offline', reason: e.error };
      throw e;
    }
    if (!config) return { status: 'not-configured' };
    const key = JSON.stringify({ ...config, ca: config.ca?.toString('base64') ?? null });
    if (this.cached?.key !== key) {
      this.cached?.client.close();
      this.cached = { key, client: new StoreClient(config, LOOKUP_TIMEOUT_MS) };
    }
    try {
      const documents = await this.cached.client.ownerDocuments(ownerIdType(idNumber) === 'citizen' ? 'cccd' : 'mst', idNumber);
      return { status: 'ok', documents };
    } catch (e) {
      if (e instanceof SyncFailure) return { status: 'offline', reason: e.error };
      throw e;
    }
  }

  close(): void {
    this.cached?.client.close();
    this.cached = null;
  }
}
