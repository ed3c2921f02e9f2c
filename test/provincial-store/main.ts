// npm run provincial-store -- --port 8788 --data DIR --client ID:SECRET [--client …] [--token-ttl SECONDS]
// Prints exactly one line on stdout once it listens (the test harness waits for it); everything
// else goes to stderr. SIGTERM and SIGINT close it cleanly.
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Client } from './auth';
import { buildStore } from './server';

const USAGE = 'usage: provincial-store --data DIR --client ID:SECRET [--client ID:SECRET …] [--port PORT] [--token-ttl SECONDS]';

function fail(message: string): never {
  console.error(`provincial store: ${message}\n${USAGE}`);
  process.exit(2);
}

function parseCommandLine(argv: string[]): { port: number; dataDir: string; clients: Client[]; tokenTtlSeconds: number } {
  const values = (() => {
    try {
      return parseArgs({
        args: argv,
        options: {
          port: { type: 'string', default: '8788' },
          data: { type: 'string' },
          client: { type: 'string', multiple: true, default: [] },
          'token-ttl': { type: 'string', default: '3600' },
        },
        strict: true,
        allowPositionals: false,
      }).values;
    } catch (e) {
      return fail((e as Error).message);
    }
  })();
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) fail(`--port: expected 0 to 65535, got ${values.port}`);
  const tokenTtlSeconds = Number(values['token-ttl']);
  if (!/^\d+$/.test(values['token-ttl']) || tokenTtlSeconds < 1) fail(`--token-ttl: expected a whole number of seconds ≥ 1, got ${values['token-ttl']}`);
  if (!values.data) fail('--data is required');
  const clients = values.client.map((c) => {
    const colon = c.indexOf(':');
    if (colon < 1 || colon === c.length - 1) fail(`--client: expected ID:SECRET, got ${JSON.stringify(c)}`);
    return { id: c.slice(0, colon), secret: c.slice(colon + 1) };
  });
  if (clients.length === 0) fail('at least one --client is required (no station could sign in)');
  return { port, dataDir: resolve(values.data), clients, tokenTtlSeconds };
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
