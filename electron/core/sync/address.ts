// The provincial store's address: which one is in force (the environment over the settings), the
// same address written two ways, and the address as messages show it.
import type { Settings } from '../../contract';

/** SOHOA_SYNC_URL (cli.md) over the station's setting; null when neither says. */
export function syncAddress(settings: Pick<Settings, 'syncUrl'>, env: NodeJS.ProcessEnv): string | null {
  return env.SOHOA_SYNC_URL || settings.syncUrl || null;
}

/** One spelling per address (host case, default port, trailing slashes), to tell a change from a
 * rewrite of the same address. */
export function normalAddress(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).href.replace(/\/+$/, '');
  } catch {
    return url.replace(/\/+$/, '');
  }
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
