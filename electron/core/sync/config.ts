// Where the store is and who this station is to it: the environment (cli.md's SOHOA_SYNC_URL,
// SOHOA_SYNC_CLIENT_ID, SOHOA_SYNC_CLIENT_SECRET) over the station's settings and secret store.
import { readFile } from 'node:fs/promises';
import { type Settings, isSecureSyncUrl } from '../../contract';
import { errorMessage } from '../errors';
import type { SecretStore } from '../secrets';
import { displayUrl, syncAddress } from './address';
import { failure } from './failure';

export { displayUrl };

export interface SyncConfig {
  /** Without a trailing slash. */
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly ca: Buffer | null;
  readonly bandwidthBytesPerSecond: number | null;
}

export async function syncConfig(settings: Settings, env: NodeJS.ProcessEnv, secrets: SecretStore): Promise<SyncConfig | null> {
  const url = syncAddress(settings, env);
  // Wherever the address came from (the environment, or a setting saved before the rule), a
  // secret goes in clear to no other computer: nothing is sent until it is corrected.
  if (url && !isSecureSyncUrl(url)) throw failure('blocking', 'sync-insecure-url', { url: displayUrl(url) });
  const clientId = env.SOHOA_SYNC_CLIENT_ID || settings.syncClientId;
  const clientSecret = await secrets.get('sync.clientSecret');
  if (!url || !clientId || !clientSecret) return null;
  let ca: Buffer | null = null;
  if (settings.syncCaFile)
    ca = await readFile(settings.syncCaFile).catch((e: unknown) => {
      // A pause like any TLS problem (not an error out of sync.run): nothing can go until it is fixed.
      throw failure('blocking', 'sync-tls', { detail: `the pinned CA ${settings.syncCaFile} cannot be read: ${errorMessage(e)}` });
    });
  return {
    url: url.replace(/\/+$/, ''),
    clientId,
    clientSecret,
    ca,
    bandwidthBytesPerSecond: settings.syncBandwidthKbps ? (settings.syncBandwidthKbps * 1000) / 8 : null,
  };
}
