// "Test connection" on the settings screen: the provincial store at the saved address, asked for a
// token with the saved credentials and then for the receipt of a document that cannot exist (a
// 404 is the expected answer). The same client and failure mapping as the sync engine, so the
// message shown here is the one a failed send would show.
import type { Settings, SyncCheck } from '../../contract';
import { formatError } from '../../contract';
import { isStationError } from '../errors';
import type { SecretStore } from '../secrets';
import { displayUrl, syncAddress } from '../sync/address';
import { syncConfig } from '../sync/config';
import { SyncFailure } from '../sync/failure';
import { StoreClient } from '../sync/store-client';

/** The nil UUID: no store hands it out, so its receipt is always "not found". */
const NO_SUCH_DOCUMENT = '00000000-0000-0000-0000-000000000000';

export async function checkSync(settings: Settings, env: NodeJS.ProcessEnv, secrets: SecretStore, timeoutMs = 15_000): Promise<SyncCheck> {
  const address = syncAddress(settings, env);
  const url = address ? displayUrl(address) : null;
  let config: Awaited<ReturnType<typeof syncConfig>>;
  try {
    config = await syncConfig(settings, env, secrets);
  } catch (e) {
    if (e instanceof SyncFailure) return { ok: false, url, error: e.error };
    if (isStationError(e)) return { ok: false, url, error: e.toWire() };
    throw e;
  }
  if (!config) return { ok: false, url, error: formatError('sync-not-configured', {}) };
  const client = new StoreClient(config, timeoutMs);
  try {
    await client.receipt(NO_SUCH_DOCUMENT, 1);
    return { ok: true, url: displayUrl(config.url), clockSkewSeconds: client.clockSkewMs === null ? null : Math.round(client.clockSkewMs / 1000) };
  } catch (e) {
    if (e instanceof SyncFailure) return { ok: false, url: displayUrl(config.url), error: e.error };
    throw e;
  } finally {
    client.close();
  }
}
