// Whom sync trusts with a citizen's record, the station's secret and its bearer token, tried as an
// attacker would against real servers on this machine: a store address in clear http to another
// computer, a store (or a relay in front of it) that points the upload or a redirect at another
// origin, an address changed so that the old secret would go to it. Each is refused, and the
// server on the other side is shown to have received nothing. Also: the audit chain's head
// travels with each commit, and the store's copy of it can be read back.
import Database from 'better-sqlite3';
import { type IncomingMessage, type ServerResponse, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../electron/contract';
import { StationError } from '../../electron/core/errors';
import { type SecretStore, environmentSecrets } from '../../electron/core/secrets';
import { SyncFailure } from '../../electron/core/sync/failure';
import { StoreClient } from '../../electron/core/sync/store-client';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation, refused } from '../helpers/station';
import { type TestPki, createTestPki } from '../pki/test-pki';
import { DEFAULT_CLIENT, type ProvincialStore, type StoreClient as StoreAccount, startProvincialStore } from '../provincial-store/harness';

/** A station of its own for the audit-head checks: "no head yet" means no commit from it yet. */
const AUDIT_CLIENT: StoreAccount = { id: 'station-audit-head', secret: 'station-audit-head-secret' };

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | null;
  readonly body: string;
}

/** Another computer's server (or another service on this one): it records whatever reaches it. */
interface Bait {
  readonly url: string;
  readonly seen: Seen[];
  close(): Promise<void>;
}

/** A relay in front of the real store: it forwards, except where `answer` answers in its place;
 * every request and the answer it got are recorded. */
interface Front {
  readonly url: string;
  readonly log: { method: string; path: string; body: string; status: number; answer: string }[];
  answer: (req: { method: string; path: string; body: string }) => { status: number; headers?: Record<string, string>; body?: string } | null;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void, host: string): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function startBait(host = '127.0.0.1'): Promise<Bait> {
  const seen: Seen[] = [];
  const server = await listen((req, res) => {
    void readBody(req).then((body) => {
      seen.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization ?? null, body: body.toString('utf8') });
      res.writeHead(req.url === '/oauth/token' ? 401 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'invalid_client' }));
    });
  }, host);
  return { url: `http://${host.includes(':') ? `[${host}]` : host}:${server.port}`, seen, close: server.close };
}

async function startFront(target: string): Promise<Front> {
  const front: Front = { url: '', log: [], answer: () => null, close: async () => {} };
  const server = await listen((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const entry = { method: req.method ?? '', path: req.url ?? '', body: body.toString('utf8') };
      const own = front.answer(entry);
      if (own) {
        front.log.push({ ...entry, status: own.status, answer: own.body ?? '' });
        res.writeHead(own.status, { 'content-type': 'application/json', ...own.headers });
        return res.end(own.body ?? '');
      }
      const headers = { ...req.headers, host: new URL(target).host };
      const upstream = request(`${target}${req.url}`, { method: req.method, headers }, (up) => {
        void readBody(up).then((answer) => {
          front.log.push({ ...entry, status: up.statusCode ?? 0, answer: answer.toString('utf8') });
          res.writeHead(up.statusCode ?? 502, up.headers);
          res.end(answer);
        });
      });
      upstream.on('error', () => res.destroy());
      upstream.end(body);
    })();
  }, '127.0.0.1');
  return Object.assign(front, { url: `http://127.0.0.1:${server.port}`, close: server.close });
}

/** An address of this machine that is not loopback (a LAN interface), if it has one. */
function lanAddress(): string | null {
  for (const addrs of Object.values(networkInterfaces())) for (const a of addrs ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return null;
}

let pki: TestPki;
let store: ProvincialStore;
let tmp: ReturnType<typeof tempDir>;
let page: string;
const closers: (() => Promise<void>)[] = [];

const envFor = (url: string, client: StoreAccount = DEFAULT_CLIENT) => ({ ...process.env, SOHOA_SYNC_URL: url, SOHOA_SYNC_CLIENT_ID: client.id, SOHOA_SYNC_CLIENT_SECRET: client.secret });
const unconfigured = () => ({ ...process.env, SOHOA_SYNC_URL: '', SOHOA_SYNC_CLIENT_ID: '', SOHOA_SYNC_CLIENT_SECRET: '' });

async function station(env: NodeJS.ProcessEnv, secrets?: SecretStore): Promise<TestStation> {
  const t = await openTestStation({ env, ...(secrets ? { secrets } : {}) });
  closers.push(() => t.close());
  await t.call('settings.update', { unitCode: '000.00.01.H12', level: 'xa' });
  return t;
}

async function signed(t: TestStation): Promise<string> {
  const doc = await t.call('documents.import', { paths: [page], ocr: 'skip', metadata: { title: 'Giấy khai sinh' } });
  await t.call('documents.sign', { id: doc.id, key: { kind: 'p12', path: pki.signer.p12, password: pki.p12Password }, level: 'B-B', visible: false });
  return doc.id;
}

async function bait(host?: string): Promise<Bait> {
  const b = await startBait(host);
  closers.push(() => b.close());
  return b;
}

async function front(): Promise<Front> {
  const f = await startFront(store.url);
  closers.push(() => f.close());
  return f;
}

const storedIds = () => new Set(store.documents().map((d) => d.documentId));

beforeAll(async () => {
  pki = await createTestPki();
  store = await startProvincialStore({ clients: [DEFAULT_CLIENT, AUDIT_CLIENT] });
  tmp = tempDir('sync-trust');
  page = join(tmp.path, 'page.png');
  await vietnamesePage(page, { dpi: 150 });
});

afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await store?.cleanup();
  await pki?.close();
  tmp?.cleanup();
});

describe('https, except to this computer', () => {
  it('knows this computer: 127.0.0.0/8, ::1 and localhost, and nothing that merely looks like them', () => {
    for (const host of ['127.0.0.1', '127.10.20.30', 'localhost', 'LOCALHOST', '[::1]']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['128.0.0.1', '10.0.0.1', '192.0.2.2', 'localhost.evil.example', '127.0.0.1.nip.io', 'kho.localhost', '[::ffff:7f00:1]', '[fd00::2]']) expect(isLoopbackHost(host), host).toBe(false);
  });

  it('refuses an http address to another computer in sync.configure and settings.update, changing nothing', async () => {
    const secrets = environmentSecrets({});
    const t = await station(unconfigured(), secrets);
    const before = t.station.settings();
    const configure = await refused(t.call('sync.configure', { url: 'http://kho.example.vn', clientId: 'tram-01', clientSecret: 'bi-mat' }));
    expect(configure).toMatchObject({ code: 'invalid-input', details: { field: 'url' } });
    expect(configure.message.vi).toContain('kho dữ liệu tỉnh phải dùng https');
    expect(configure.message.en).toContain('must be reached over https');
    for (const syncUrl of ['http://kho.example.vn/api', 'http://192.0.2.2:8443', 'http://127.0.0.1.nip.io']) {
      const update = await refused(t.call('settings.update', { syncUrl }));
      expect(update, syncUrl).toMatchObject({ code: 'invalid-input', details: { field: 'syncUrl' } });
      expect(update.message.vi).toContain('http chỉ dùng cho chính máy này');
    }
    expect(t.station.settings()).toEqual(before);
    expect(await secrets.get('sync.clientSecret')).toBeNull();

    // https anywhere, and plain http to this computer (a local store, a relay), are fine.
    for (const syncUrl of ['https://kho.example.vn', 'http://127.0.0.1:8080', 'http://localhost:8080', 'http://[::1]:8080'])
      expect((await t.call('settings.update', { syncUrl })).syncUrl, syncUrl).toBe(syncUrl);
  });

  it('sends nothing to an http address of another computer from SOHOA_SYNC_URL, a setting saved before the rule, or the HTTP client itself', async () => {
    const lan = lanAddress();
    const target = lan ? await bait(lan) : null;
    const url = target?.url ?? 'http://kho.example.vn';

    // The environment.
    const fromEnv = await station(envFor(url));
    await signed(fromEnv);
    const run = await fromEnv.call('sync.run', {});
    expect(run.blocked?.code).toBe('sync-insecure-url');
    expect(run.blocked?.message.vi).toContain('không dùng https');
    expect(run.blocked?.message.en).toContain('does not use https');
    expect(await fromEnv.call('sync.check', {})).toMatchObject({ ok: false, error: { code: 'sync-insecure-url' } });
    expect((await fromEnv.call('reuse.lookup', { ownerIdNumber: '001203004567' })).status).not.toBe('ok');

    // A setting written before the rule (straight into the core, past the contract's check).
    const fromSetting = await station({ ...envFor(''), SOHOA_SYNC_URL: '' });
    fromSetting.station.updateSettings({ syncUrl: url, syncClientId: DEFAULT_CLIENT.id });
    await signed(fromSetting);
    expect((await fromSetting.call('sync.run', {})).blocked?.code).toBe('sync-insecure-url');

    // The HTTP client, handed such an address directly: refused before a connection is made.
    const client = new StoreClient({ url, clientId: DEFAULT_CLIENT.id, clientSecret: DEFAULT_CLIENT.secret, ca: null, bandwidthBytesPerSecond: null }, 5_000);
    try {
      const e = await client.receipt('00000000-0000-0000-0000-000000000000', 1).then(
        () => null,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(SyncFailure);
      expect((e as SyncFailure).error.code).toBe('sync-insecure-url');
    } finally {
      client.close();
    }
    if (target) expect(target.seen).toEqual([]);
  });
});

describe('the store’s own origin only', () => {
  it('refuses an upload Location on another origin: the token never goes there, and the record waits', async () => {
    const elsewhere = await bait();
    const relay = await front();
    relay.answer = (req) => (req.method === 'POST' && req.path === '/files' ? { status: 201, headers: { location: `${elsewhere.url}/files/ab12cd34`, 'tus-resumable': '1.0.0' } } : null);
    const t = await station(envFor(relay.url));
    const id = await signed(t);
    const run = await t.call('sync.run', {});
    expect(run.blocked?.code).toBe('sync-foreign-origin');
    expect(run.blocked?.message.en).toContain(elsewhere.url);
    expect(run.blocked?.message.vi).toContain('không gửi mã truy cập tới đó');
    expect(elsewhere.seen).toEqual([]);
    expect(relay.log.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /oauth/token', 'POST /files']); // nothing after the bad Location
    expect((await t.call('sync.status', {})).counts).toMatchObject({ pending: 1, uploading: 0, synced: 0 });

    // The relay fixed: the same record goes to the store.
    relay.answer = () => null;
    expect(await t.call('sync.run', {})).toMatchObject({ synced: 1, blocked: null });
    expect(storedIds().has(id)).toBe(true);
    expect(elsewhere.seen).toEqual([]);
  });

  it('follows no redirect, on the token request (the secret) or the commit (the token and the manifest)', async () => {
    const elsewhere = await bait();
    const relay = await front();
    const t = await station(envFor(relay.url));
    await signed(t);

    relay.answer = (req) => (req.path === '/oauth/token' ? { status: 307, headers: { location: `${elsewhere.url}/oauth/token` } } : null);
    const token = await t.call('sync.run', {});
    expect(token.blocked?.code).toBe('sync-foreign-origin');
    expect(token.blocked?.message.en).toContain(`${elsewhere.url}/oauth/token`);

    relay.answer = (req) => (req.method === 'PUT' ? { status: 308, headers: { location: `${elsewhere.url}${req.path}` } } : null);
    const commit = await t.call('sync.run', {});
    expect(commit.blocked?.code).toBe('sync-foreign-origin');
    expect(relay.log.filter((r) => r.method === 'PUT')).toHaveLength(1);
    expect(elsewhere.seen).toEqual([]);
  });

  it('does not resume an upload kept from another address: it starts again at the store in force', async () => {
    const elsewhere = await bait();
    const t = await station(envFor(store.url));
    const id = await signed(t);
    // As if a former address had begun this upload, then the store's address changed.
    const db = new Database(t.station.paths.database);
    try {
      db.prepare("UPDATE outbox SET state = 'uploading', upload_url = ? WHERE document_id = ?").run(`${elsewhere.url}/files/0123abcd`, id);
    } finally {
      db.close();
    }
    expect(await t.call('sync.run', {})).toMatchObject({ synced: 1, blocked: null });
    expect(storedIds().has(id)).toBe(true);
    expect(elsewhere.seen).toEqual([]);
  });
});

describe('a secret belongs to its address', () => {
  it('asks for the secret again when the address changes, and never sends the old one to the new address', async () => {
    const secrets = environmentSecrets({});
    const t = await station(unconfigured(), secrets);
    await t.call('sync.configure', { url: store.url, clientId: DEFAULT_CLIENT.id, clientSecret: DEFAULT_CLIENT.secret });
    await signed(t);
    expect(await t.call('sync.run', {})).toMatchObject({ synced: 1 });

    // The same address written another way keeps the secret.
    expect((await t.call('sync.configure', { url: `${store.url}/`, clientId: DEFAULT_CLIENT.id })).configured).toBe(true);
    expect(await secrets.get('sync.clientSecret')).toBe(DEFAULT_CLIENT.secret);

    // Another address without the secret: refused, and nothing changed.
    const elsewhere = await bait();
    const asked = await refused(t.call('sync.configure', { url: elsewhere.url, clientId: DEFAULT_CLIENT.id }));
    expect(asked.code).toBe('sync-secret-needed');
    expect(asked.message.vi).toContain('nhập lại khóa bí mật');
    expect(asked.message.en).toContain('enter the station’s client secret again');
    expect(t.station.settings().syncUrl).toBe(`${store.url}/`);
    expect(await secrets.get('sync.clientSecret')).toBe(DEFAULT_CLIENT.secret);
    await signed(t);
    expect(await t.call('sync.run', {})).toMatchObject({ synced: 1 });

    // Another address through the settings: the secret is deleted from the secret store.
    await t.call('settings.update', { syncUrl: elsewhere.url });
    expect(await secrets.get('sync.clientSecret')).toBeNull();
    expect((await t.call('sync.status', {})).configured).toBe(false);
    await signed(t);
    expect((await t.call('sync.run', {})).blocked?.code).toBe('sync-not-configured');
    expect(await t.call('sync.check', {})).toMatchObject({ ok: false, error: { code: 'sync-not-configured' } });
    expect(elsewhere.seen).toEqual([]);

    // Given with the new address, only the new secret reaches it.
    await t.call('sync.configure', { url: elsewhere.url, clientId: DEFAULT_CLIENT.id, clientSecret: 'bi-mat-moi' });
    expect((await t.call('sync.run', {})).blocked?.code).toBe('sync-credentials');
    expect(elsewhere.seen.map((s) => s.path)).toEqual(['/oauth/token']);
    const basic = Buffer.from(elsewhere.seen[0]!.authorization!.replace(/^Basic /, ''), 'base64').toString('utf8');
    expect(basic).toBe(`${DEFAULT_CLIENT.id}:bi-mat-moi`);
  });

  it('refuses sync.configure with an http address of another computer from the core too', async () => {
    const t = await station(unconfigured());
    const e = await t.station.sync.configure({ url: 'http://kho.example.vn', clientId: 'tram-01', clientSecret: 'x' }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(StationError);
    expect((e as StationError).code).toBe('sync-insecure-url');
    expect(t.station.settings().syncUrl).toBeNull();
  });
});

describe('the audit head with each commit', () => {
  it('sends the chain’s head as it stands at the commit', async () => {
    const relay = await front();
    const t = await station(envFor(relay.url));
    const id = await signed(t);
    expect(await t.call('sync.run', {})).toMatchObject({ synced: 1 });
    const puts = relay.log.filter((r) => r.method === 'PUT');
    const sent = (JSON.parse(puts[0]!.body) as { auditHead?: { seq: number; hash: string } }).auditHead;
    expect(sent?.hash).toMatch(/^[0-9a-f]{64}$/);
    const rows = t.station.audit.rows({ limit: 1000 });
    const syncRow = rows.find((r) => r.action === 'sync' && r.documentId === id)!;
    expect(sent).toEqual({ seq: syncRow.seq - 1, hash: rows.find((r) => r.seq === syncRow.seq - 1)!.hash });
    // A store that predates the field refuses it by name; the record then goes without it.
    if (puts.length > 1) {
      expect(puts[0]).toMatchObject({ status: 422 });
      expect(puts[0]!.answer).toContain('auditHead');
      expect(JSON.parse(puts[1]!.body)).not.toHaveProperty('auditHead');
    }
  });

  it('sends records without the head to a store that refuses the field, once per connection', async () => {
    const relay = await front();
    relay.answer = (req) =>
      req.method === 'PUT' && 'auditHead' in (JSON.parse(req.body) as object)
        ? { status: 422, body: JSON.stringify({ type: 'about:blank', title: 'The manifest is not valid', status: 422, code: 'invalid-manifest', detail: 'unknown field auditHead' }) }
        : null;
    const t = await station(envFor(relay.url));
    const ids = [await signed(t), await signed(t)];
    expect(await t.call('sync.run', {})).toMatchObject({ synced: 2, blocked: null });
    expect(ids.every((id) => storedIds().has(id))).toBe(true);
    const puts = relay.log.filter((r) => r.method === 'PUT');
    expect(puts.filter((p) => p.status === 422).length).toBeLessThanOrEqual(2); // the two workers' first tries at most
    expect(puts.filter((p) => p.status === 201).every((p) => !('auditHead' in (JSON.parse(p.body) as object)))).toBe(true);
  });

  it('keeps the head the receipt carries with the outbox row, and reads the store’s copy back', async () => {
    const t = await station(envFor(store.url, AUDIT_CLIENT));
    expect(await t.station.sync.remoteAuditHead()).toBeNull();

    const id = await signed(t);
    expect(await t.call('sync.run', {})).toMatchObject({ synced: 1 });
    const rows = t.station.audit.rows({ limit: 1000 });
    const syncRow = rows.find((r) => r.action === 'sync' && r.documentId === id)!;
    const sent = { seq: syncRow.seq - 1, hash: rows.find((r) => r.seq === syncRow.seq - 1)!.hash };
    const db = new Database(t.station.paths.database, { readonly: true });
    try {
      expect(db.prepare('SELECT receipt_audit_seq AS seq, receipt_audit_hash AS hash FROM outbox WHERE document_id = ?').get(id)).toEqual(sent);
    } finally {
      db.close();
    }
    const remote = await t.station.sync.remoteAuditHead();
    expect(remote).toMatchObject(sent);
    expect(remote?.receivedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});
