// The app's secret store: Electron's safeStorage (DPAPI on Windows, the Secret Service or KWallet
// on Linux; never Chromium's `basic_text` fallback, keychain-backend.ts) encrypts each secret;
// the ciphertext sits in the data folder's secrets/ folder. The environment still wins, so that a
// support person can override (cli.md's SOHOA_SYNC_*).
import { safeStorage } from 'electron';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StationKeySource } from '../core/records/station-key';
import type { SecretName, SecretStore } from '../core/secrets';
import { isRealKeychain } from './keychain-backend';

const keychainAvailable = () => isRealKeychain(process.platform, safeStorage.isEncryptionAvailable(), () => safeStorage.getSelectedStorageBackend());
const safeStorageWorks = () => safeStorage.isEncryptionAvailable();

const ENV: Record<SecretName, string> = { 'sync.clientSecret': 'SOHOA_SYNC_CLIENT_SECRET' };

export function keychainSecrets(dataDir: string): SecretStore {
  const dir = join(dataDir, 'secrets');
  const file = (name: SecretName) => join(dir, `${name}.bin`);
  return {
    kind: 'keychain',
    async get(name) {
      const fromEnv = process.env[ENV[name]];
      if (fromEnv) return fromEnv;
      try {
        return safeStorage.decryptString(readFileSync(file(name)));
      } catch {
        return null;
      }
    },
    async set(name, value) {
      if (value === null) return rmSync(file(name), { force: true });
      if (!keychainAvailable()) throw new Error('the OS keychain is not available');
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const tmp = `${file(name)}.part`;
      writeFileSync(tmp, safeStorage.encryptString(value), { mode: 0o600 });
      renameSync(tmp, file(name));
    },
  };
}

/** The station key's keychain slot: the data key sealed by safeStorage (records/station-key.ts).
 * Undefined where safeStorage does not work at all. Where it works without a real keychain
 * (basic_text), the source is weak: it opens a slot an earlier version made with it, once, so that
 * the key moves to SOHOA_STATION_PASSPHRASE — it never makes one. */
export function keychainStationKey(): StationKeySource | undefined {
  if (!safeStorageWorks()) return undefined;
  return {
    kind: 'keychain',
    weak: !keychainAvailable(),
    protect: (secret) => safeStorage.encryptString(secret.toString('base64')),
    unprotect: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
  };
}
