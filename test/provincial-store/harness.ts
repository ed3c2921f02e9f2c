// The reference provincial store as a real child process, for tests: start it, stop it (SIGTERM)
// or kill it (SIGKILL), start it again on the same port and data folder, and look at what it
// stored straight from its SQLite file. The clients reach it in its environment
// (PROVINCIAL_STORE_CLIENTS), never on its command line.
import Database from 'better-sqlite3';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO, tempDir } from '../helpers/paths';
import { CLIENTS_ENV } from './clients';
import { DATABASE_FILE, LIST_VERSIONS_SQL } from './database';

export interface StoreClient {
  readonly id: string;
  readonly secret: string;
}

export interface StartOptions {
  /** Defaults to a fresh temporary folder, removed by cleanup(). */
  dataDir?: string;
  /** Stations allowed to sign in; defaults to one, DEFAULT_CLIENT. */
  clients?: StoreClient[];
  /** Defaults to a free port; a restart keeps the port it got. */
  port?: number;
  /** Token lifetime in seconds (default 3600). */
  tokenTtl?: number;
  /** Per-client limits (the store's defaults otherwise): bytes held, uploads in flight. */
  quota?: { bytes?: number; uploads?: number };
  /** /oauth/token throttling (the store's defaults otherwise). */
  tokenLimits?: { windowSeconds?: number; failuresPerClient?: number; failuresPerAddress?: number };
}

export interface StoredVersion {
  documentId: string;
  version: number;
  sha256: string;
  bytes: number;
}

export interface ProvincialStore {
  /** http://127.0.0.1:PORT, without a trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly clients: readonly StoreClient[];
  /** SIGTERM, then waits for the process to exit. Data stays. */
  stop(): Promise<void>;
  /** SIGKILL, then waits for the process to exit. Data stays. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data folder (after stop or kill). */
  start(): Promise<void>;
  /** Every stored version, oldest first, read from the store's SQLite (read-only). */
  documents(): StoredVersion[];
  /** Where a stored PDF lives. */
  filePath(sha256: string): string;
  /** Kills the process if it runs and removes the data folder if the harness made it. */
  cleanup(): Promise<void>;
}

export const DEFAULT_CLIENT: StoreClient = { id: 'station-test', secret: 'station-test-secret' };

const MAIN = join(REPO, 'test', 'provincial-store', 'main.ts');
// tsx as a loader in the server's own process, as tsx's CLI runs its child. Not the CLI itself:
// it would be a parent that relays SIGTERM but cannot relay SIGKILL, so kill() would leave the
// server running on its port. Here the child's pid is the server's.
const TSX_LOADER = pathToFileURL(join(REPO, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** node's arguments that run the store's main.ts with these arguments of its own (for tests of
 * its command line). */
export function provincialStoreArgs(args: readonly string[]): string[] {
  return ['--import', TSX_LOADER, MAIN, ...args];
}
const LISTENING = /^provincial store listening on http:\/\/127\.0\.0\.1:(\d+)$/m;
const START_TIMEOUT_MS = 30_000;

export async function startProvincialStore(opts: StartOptions = {}): Promise<ProvincialStore> {
  const tmp = opts.dataDir === undefined ? tempDir('provincial-store') : undefined;
  const dataDir = opts.dataDir ?? join(tmp!.path, 'data');
  const clients = opts.clients ?? [DEFAULT_CLIENT];
  let port = opts.port ?? 0;
  let child: ChildProcess | undefined;
  // A test runner that dies must not leave a store behind.
  const killOnExit = () => child?.kill('SIGKILL');

  const exited = (c: ChildProcess): Promise<void> =>
    c.exitCode !== null || c.signalCode !== null ? Promise.resolve() : new Promise((resolve) => c.once('exit', () => resolve()));

  async function start(): Promise<void> {
    if (child) throw new Error('the provincial store is already running');
    const args = ['--port', String(port), '--data', dataDir, '--token-ttl', String(opts.tokenTtl ?? 3600)];
    const flags: [string, number | undefined][] = [
      ['--quota-bytes', opts.quota?.bytes],
      ['--quota-uploads', opts.quota?.uploads],
      ['--token-window', opts.tokenLimits?.windowSeconds],
      ['--token-failures-per-client', opts.tokenLimits?.failuresPerClient],
      ['--token-failures-per-address', opts.tokenLimits?.failuresPerAddress],
    ];
    for (const [flag, value] of flags) if (value !== undefined) args.push(flag, String(value));
    // An empty list is passed as such: the store refuses it, saying why.
    const env = { ...process.env, [CLIENTS_ENV]: JSON.stringify(clients) };
    const c = spawn(process.execPath, provincialStoreArgs(args), { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    process.once('exit', killOnExit);
    let stdout = '';
    let stderr = '';
    c.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    c.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    try {
      port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the provincial store did not start within ${START_TIMEOUT_MS / 1000} s; stderr:\n${stderr}`)), START_TIMEOUT_MS);
        const onData = () => {
          const m = LISTENING.exec(stdout);
          if (!m) return;
          clearTimeout(timer);
          c.stdout!.off('data', onData);
          resolve(Number(m[1]));
        };
        c.stdout!.on('data', onData);
        c.once('exit', (code, signal) => {
          clearTimeout(timer);
          reject(new Error(`the provincial store exited (${signal ?? `status ${code}`}) before listening; stderr:\n${stderr}`));
        });
      });
    } catch (e) {
      c.kill('SIGKILL');
      await exited(c);
      child = undefined;
      process.off('exit', killOnExit);
      throw e;
    }
    // Whatever it says later goes to the test's stderr, where a failing test shows it.
    c.stderr!.on('data', (d: Buffer) => process.stderr.write(d));
  }

  async function end(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    const c = child;
    if (!c) return;
    const done = exited(c);
    c.kill(signal);
    await done;
    child = undefined;
    process.off('exit', killOnExit);
  }

  await start();

  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    dataDir,
    clients,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
    start,
    documents() {
      const file = join(dataDir, DATABASE_FILE);
      if (!existsSync(file)) return [];
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        return db.prepare<[], StoredVersion>(LIST_VERSIONS_SQL).all();
      } finally {
        db.close();
      }
    },
    filePath: (sha256) => join(dataDir, 'documents', `${sha256}.pdf`),
    async cleanup() {
      await end('SIGKILL');
      tmp?.cleanup();
    },
  };
}
