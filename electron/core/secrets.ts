// Secrets the station keeps (the sync client secret): in the desktop app, the OS keychain through
// Electron's safeStorage (provided by the shell — the core never imports electron); in the CLI and
// browser mode, environment variables, with anything set at run time kept in memory only.
export interface SecretStore {
  /** 'keychain': survives restarts, encrypted by the OS; 'environment': read from the process's
   * environment, changes last until the process ends. */
  readonly kind: 'keychain' | 'environment';
  get(name: SecretName): Promise<string | null>;
  set(name: SecretName, value: string | null): Promise<void>;
}

export type SecretName = 'sync.clientSecret';

const ENV: Record<SecretName, string> = { 'sync.clientSecret': 'SOHOA_SYNC_CLIENT_SECRET' };

export function environmentSecrets(env: NodeJS.ProcessEnv): SecretStore {
  const memory = new Map<SecretName, string | null>();
  return {
    kind: 'environment',
    async get(name) {
      return memory.has(name) ? memory.get(name)! : (env[ENV[name]] ?? null) || null;
    },
    async set(name, value) {
      memory.set(name, value);
    },
  };
}
