// Where the stations' credentials come from: a file only its owner can read (--clients FILE) or an
// environment variable (PROVINCIAL_STORE_CLIENTS), never the command line, which every user of
// the machine reads in `ps`. Both hold the same text: a JSON array of { "id", "secret" }, or one
// `ID:SECRET` a line (blank lines and lines starting with # are skipped).
import { readFileSync, statSync } from 'node:fs';
import type { Client } from './auth';

export const CLIENTS_ENV = 'PROVINCIAL_STORE_CLIENTS';

/** An id travels in HTTP Basic as `id:secret`: no colon, no spaces or control characters. */
const CLIENT_ID = /^[\x21-\x39\x3b-\x7e]{1,200}$/;

export class ClientsError extends Error {}

function checked(clients: Client[], source: string): Client[] {
  const seen = new Set<string>();
  for (const [i, c] of clients.entries()) {
    if (!CLIENT_ID.test(c.id)) throw new ClientsError(`${source}: client ${i + 1}: the id must be 1 to 200 printable ASCII characters without spaces or ':'`);
    if (c.secret.length === 0) throw new ClientsError(`${source}: client ${c.id}: the secret is empty`);
    if (seen.has(c.id)) throw new ClientsError(`${source}: client ${c.id} is listed twice`);
    seen.add(c.id);
  }
  if (clients.length === 0) throw new ClientsError(`${source}: no client is listed (no station could sign in)`);
  return clients;
}

/** The clients in a text, JSON or lines; `source` names it in messages (never a secret). */
export function parseClients(text: string, source: string): Client[] {
  if (text.trimStart().startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new ClientsError(`${source}: not valid JSON (${(e as Error).message})`);
    }
    if (!Array.isArray(parsed)) throw new ClientsError(`${source}: expected a JSON array of { "id", "secret" }`);
    return checked(
      parsed.map((entry: unknown, i) => {
        const e = entry as { id?: unknown; secret?: unknown } | null;
        if (typeof e !== 'object' || e === null || typeof e.id !== 'string' || typeof e.secret !== 'string')
          throw new ClientsError(`${source}: entry ${i + 1} is not { "id": string, "secret": string }`);
        return { id: e.id, secret: e.secret };
      }),
      source,
    );
  }
  const clients: Client[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    // The line is not quoted back: it holds a secret.
    if (colon < 1 || colon === line.length - 1) throw new ClientsError(`${source}: line ${i + 1}: expected ID:SECRET`);
    clients.push({ id: line.slice(0, colon), secret: line.slice(colon + 1) });
  }
  return checked(clients, source);
}

/** The clients in a file that only its owner may read or write: a secret readable by the group or
 * by everyone is a secret given away, so such a file is refused rather than used. */
export function readClientsFile(path: string): Client[] {
  let stat;
  try {
    stat = statSync(path);
  } catch (e) {
    throw new ClientsError(`--clients ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (!stat.isFile()) throw new ClientsError(`--clients ${path}: not a regular file`);
  // Windows has no such mode bits; there the folder's ACL is the guard.
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0)
    throw new ClientsError(`--clients ${path}: its mode is ${(stat.mode & 0o777).toString(8).padStart(4, '0')}; the group and others must have no access (chmod 600 ${path})`);
  return parseClients(readFileSync(path, 'utf8'), `--clients ${path}`);
}
