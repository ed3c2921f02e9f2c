// npm run provincial-store -- --port 8788 --data DIR --clients FILE [--token-ttl SECONDS] [quotas, token limits]
// (or the clients in PROVINCIAL_STORE_CLIENTS instead of --clients). Prints exactly one line on
// stdout once it listens (the test harness waits for it); everything else goes to stderr. SIGTERM
// and SIGINT close it cleanly.
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Client } from './auth';
import { CLIENTS_ENV, ClientsError, parseClients, readClientsFile } from './clients';
import type { Quota } from './database';
import { DEFAULT_TOKEN_LIMITS, type TokenLimits } from './rate-limit';
import { DEFAULT_QUOTA, buildStore } from './server';

const USAGE = `usage: provincial-store --data DIR (--clients FILE | ${CLIENTS_ENV}=…) [--port PORT] [--token-ttl SECONDS]
       [--quota-bytes BYTES] [--quota-uploads N] [--token-window SECONDS] [--token-failures-per-client N] [--token-failures-per-address N]`;

function fail(message: string): never {
  console.error(`provincial store: ${message}\n${USAGE}`);
  process.exit(2);
}

interface Options {
  port: number;
  dataDir: string;
  clients: Client[];
  tokenTtlSeconds: number;
  quota: Quota;
  tokenLimits: TokenLimits;
}

/** A whole number in [min, max], or the reason it is not one. */
function wholeNumber(name: string, raw: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(raw);
  if (!/^\d{1,16}$/.test(raw) || n < min || n > max) fail(`--${name}: expected a whole number from ${min} to ${max}, got ${raw}`);
  return n;
}

/** From the file, or from the environment (then removed from it, so that no child process —
 * pdfsig — inherits the secrets). */
function loadClients(file: string | undefined): Client[] {
  const fromEnv = process.env[CLIENTS_ENV];
  delete process.env[CLIENTS_ENV];
  if (file !== undefined && fromEnv !== undefined) fail(`give the clients either in --clients or in ${CLIENTS_ENV}, not both`);
  if (file === undefined && fromEnv === undefined) fail(`no client: give --clients FILE (mode 600) or ${CLIENTS_ENV} (no station could sign in)`);
  try {
    return file !== undefined ? readClientsFile(file) : parseClients(fromEnv!, CLIENTS_ENV);
  } catch (e) {
    if (e instanceof ClientsError) fail(e.message);
    throw e;
  }
}

function parseCommandLine(argv: string[]): Options {
  const values = (() => {
    try {
      return parseArgs({
        args: argv,
        options: {
          port: { type: 'string', default: '8788' },
          data: { type: 'string' },
          clients: { type: 'string' },
          // Recognised only to be refused with the reason (below).
          client: { type: 'string', multiple: true, default: [] },
          'token-ttl': { type: 'string', default: '3600' },
          'quota-bytes': { type: 'string', default: String(DEFAULT_QUOTA.bytes) },
          'quota-uploads': { type: 'string', default: String(DEFAULT_QUOTA.uploads) },
          'token-window': { type: 'string', default: String(DEFAULT_TOKEN_LIMITS.windowSeconds) },
          'token-failures-per-client': { type: 'string', default: String(DEFAULT_TOKEN_LIMITS.failuresPerClient) },
          'token-failures-per-address': { type: 'string', default: String(DEFAULT_TOKEN_LIMITS.failuresPerAddress) },
        },
        strict: true,
        allowPositionals: false,
      }).values;
    } catch (e) {
      return fail((e as Error).message);
    }
  })();
  // The message never repeats the value: it is a secret, already exposed once on this command line.
  if (values.client.length > 0)
    fail(`--client ID:SECRET is no longer accepted: a secret on the command line is visible to every user of the machine (ps, /proc); put the clients in a file only you can read (--clients FILE, mode 600) or in ${CLIENTS_ENV}, and change that secret`);
  const port = wholeNumber('port', values.port, 0, 65535);
  const tokenTtlSeconds = wholeNumber('token-ttl', values['token-ttl'], 1);
  if (!values.data) fail('--data is required');
  const quota = { bytes: wholeNumber('quota-bytes', values['quota-bytes'], 1), uploads: wholeNumber('quota-uploads', values['quota-uploads'], 1) };
  const tokenLimits = {
    windowSeconds: wholeNumber('token-window', values['token-window'], 1),
    failuresPerClient: wholeNumber('token-failures-per-client', values['token-failures-per-client'], 1),
    failuresPerAddress: wholeNumber('token-failures-per-address', values['token-failures-per-address'], 1),
  };
  const clients = loadClients(values.clients);
  return { port, dataDir: resolve(values.data), clients, tokenTtlSeconds, quota, tokenLimits };
}

const options = parseCommandLine(process.argv.slice(2));
const store = await buildStore(options);
await store.app.listen({ host: '127.0.0.1', port: options.port });
const { port } = store.app.server.address() as AddressInfo;
process.stdout.write(`provincial store listening on http://127.0.0.1:${port}\n`);

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    store.close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error('provincial store: closing failed:', e);
        process.exit(1);
      },
    );
  });
}
