// Where the store is and who this station is to it: the environment (cli.md's SOHOA_SYNC_URL,
// SOHOA_SYNC_CLIENT_ID, SOHOA_SYNC_CLIENT_SECRET) over the station's settings and secret store.
import { readFile } from 'node:fs/promises';
import type { Settings } from '../../contract';
import { StationError, errorMessage } from '../errors';
import type { SecretStore } from '../secrets';

export interface SyncConfig {
  /** Without a trailing slash. */
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly ca: Buffer | null;
  readonly bandwidthBytesPerSecond: number | null;
}

export async function syncConfig(settings: Settings, env: NodeJS.ProcessEnv, secrets: SecretStore): Promise<SyncConfig | null> {
  const url = env.SOHOA_SYNC_URL || settings.syncUrl;
  const clientId = env.SOHOA_SYNC_CLIENT_ID || settings.syncClientId;
  const clientSecret = await secrets.get('sync.clientSecret');
  if (!url || !clientId || !clientSecret) return null;
  let ca: Buffer | null = null;
  if (settings.syncCaFile)
    ca = await readFile(settings.syncCaFile).catch((e: unknown) => {
      throw new StationError('sync-tls', { detail: `the pinned CA ${settings.syncCaFile} cannot be read: ${errorMessage(e)}` });
    });
  return {
    url: url.replace(/\/+$/, ''),
    clientId,
    clientSecret,
    ca,
    bandwidthBytesPerSecond: settings.syncBandwidthKbps ? (settings.syncBandwidthKbps * 1000) / 8 : null,
  };
}

/** The address without credentials or query, for messages. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return url;
  }
}
