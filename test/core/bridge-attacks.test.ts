// Browser mode attacked as a web page or a local process would (issue 15, findings 3, 4 and 9): the
// real bridge on loopback, spoken to with raw HTTP and WebSocket clients. Files need a signed-in,
// unlocked session's key and the row rules; events reach only those who may read; no request
// stops the process; the printed address opens the station once.
import { mkdirSync, writeFileSync } from 'node:fs';
import { type IncomingHttpHeaders, request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { SessionState } from '../../electron/contract';
import { type Bridge, startBridge } from '../../electron/bridge/server';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation } from '../helpers/station';

let t: TestStation;
let tmp: ReturnType<typeof tempDir>;
let bridge: Bridge;
let cookie = '';
let maiDoc: { id: string; page: string };

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: bridge.port, path, method: 'GET', headers: { host: `127.0.0.1:${bridge.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A request as bytes, for what an HTTP client library would refuse to send. */
function raw(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(bridge.port, '127.0.0.1', () => socket.end(text));
    let answer = '';
    socket.on('data', (d) => (answer += d.toString('latin1')));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

/** A browser tab: a WebSocket with the cookie and this server's origin, calls and the events it hears. */
class Tab {
  readonly events: { name: string; payload: unknown }[] = [];
  private next = 1;
  private readonly pending = new Map<number, (r: { ok: boolean; output?: unknown; error?: { code: string } }) => void>();
  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { t: string; id?: number; result?: { ok: boolean }; name?: string; payload?: unknown };
      if (frame.t === 'result') this.pending.get(frame.id!)?.(frame.result!);
      else this.events.push({ name: frame.name!, payload: frame.payload });
    });
  }
  static open(): Promise<Tab> {
    const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/rpc`, { headers: { origin: `http://127.0.0.1:${bridge.port}`, cookie } });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new Tab(ws)));
      ws.once('error', reject);
    });
  }
  call<T = unknown>(method: string, input: unknown): Promise<{ ok: boolean; output?: T; error?: { code: string } }> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve as never);
      this.ws.send(JSON.stringify({ t: 'call', id, method, input }));
    });
  }
  async signIn(username: string, password: string): Promise<string> {
    const state = await this.call<SessionState>('session.login', { username, password });
    if (!state.ok) throw new Error(JSON.stringify(state.error));
    return state.output!.fileKey;
  }
  async key(): Promise<string> {
    return (await this.call<SessionState>('session.state', {})).output!.fileKey;
  }
  close(): void {
    this.ws.close();
  }
}

beforeAll(async () => {
  tmp = tempDir('bridge-attacks');
  const renderer = join(tmp.path, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Trạm Số hóa</title>');
  const inbox = join(tmp.path, 'inbox');
  mkdirSync(inbox);
  await sharp({ create: { width: 400, height: 560, channels: 3, background: '#f4f1ea' } }).png().toFile(join(inbox, 'page.png'));
  await sharp({ create: { width: 400, height: 560, channels: 3, background: '#eaf1f4' } }).png().toFile(join(inbox, 'page2.png'));
  t = await openTestStation();
  const admin = { userId: null, name: 'cài đặt', role: 'admin' as const };
  await t.station.auth.createUser(admin, { username: 'admin', displayName: 'Quản trị', role: 'admin', password: 'quan-tri-2026!' });
  await t.station.auth.createUser(admin, { username: 'mai', displayName: 'Trần Thị Mai', role: 'officer', password: 'mot-cua-xa-hoa' });
  await t.station.auth.createUser(admin, { username: 'tam', displayName: 'Đỗ Minh Tâm', role: 'officer', password: 'mot-cua-xa-tam' });
  await t.station.auth.createUser(admin, { username: 'lan', displayName: 'Phạm Thị Lan', role: 'supervisor', password: 'giam-sat-vien-1' });
  t.station.updateSettings({ readFolders: [inbox] });
  bridge = await startBridge({ station: t.station, rendererDir: renderer, port: 0 });
}, 120_000);

afterAll(async () => {
  await bridge?.close();
  await t?.close();
  tmp?.cleanup();
});

describe('9. the printed address and the cookie', () => {
  it('opens the station once, with a cookie named for this port; the spent address opens nothing', async () => {
    const address = new URL(bridge.url);
    const first = await get(`${address.pathname}${address.search}`);
    expect(first.status).toBe(302);
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(new RegExp(`^sohoa_${bridge.port}=[\\w-]+; HttpOnly; SameSite=Strict; Path=/`));
    cookie = setCookie.split(';')[0]!;
    const again = await get(`${address.pathname}${address.search}`);
    expect(again.status).toBe(401);
    expect(again.body.toString()).toMatch(/đã được dùng/);
    // Another browser needs another address; it works once too.
    const other = new URL(bridge.newAddress());
    expect((await get(`${other.pathname}${other.search}`)).status).toBe(302);
    // Without the cookie, nothing: not the UI, not the socket.
    expect((await get('/')).status).toBe(401);
    expect((await get('/', { cookie })).status).toBe(200);
    expect((await get('/', { cookie: `sohoa_1=${cookie.split('=')[1]}` })).status).toBe(401);
  });
});

describe('3. files are records too', () => {
  it('serves a page or a PDF only to a signed-in, unlocked session that may read it, never to be cached', async () => {
    const mai = await Tab.open();
    const tam = await Tab.open();
    const stranger = await Tab.open(); // a tab that never signs in
    const maiKey = await mai.signIn('mai', 'mot-cua-xa-hoa');
    const imported = await mai.call<{ id: string; pages: { id: string }[] }>('documents.import', { paths: [join(tmp.path, 'inbox', 'page.png')], ocr: 'skip', metadata: { title: 'Đơn' } });
    expect(imported.ok, JSON.stringify(imported.error)).toBe(true);
    maiDoc = { id: imported.output!.id, page: imported.output!.pages[0]!.id };
    const pdf = `/documents/${maiDoc.id}/pdf`;
    const image = `/pages/${maiDoc.page}/image`;

    const ok = await get(`${pdf}?k=${maiKey}`, { cookie });
    expect(ok.status).toBe(200);
    expect(ok.headers['cache-control']).toBe('no-store');
    expect(ok.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await get(`${image}?k=${maiKey}`, { cookie })).headers['cache-control']).toBe('no-store');
    // The view is Mai's in the audit log, not the OS account's.
    const [viewed] = t.station.audit.rows({ documentId: maiDoc.id, limit: 1 });
    expect(viewed).toMatchObject({ action: 'view', username: 'mai', actor: 'Trần Thị Mai' });

    const missing = `/documents/019a0000-0000-7000-8000-000000000000/pdf`;
    const notFound = (await get(`${missing}?k=${maiKey}`, { cookie })).status;
    expect(notFound).toBe(404);
    // The cookie alone, a tab never signed in, another officer: exactly as a document that is not there.
    for (const [who, key] of [['no key', ''], ['never signed in', await stranger.key()], ['another officer', await tam.signIn('tam', 'mot-cua-xa-tam')]] as const) {
      for (const path of [pdf, image, `/pages/${maiDoc.page}/thumb`, `/pages/${maiDoc.page}/original`]) {
        const answer = await get(`${path}?k=${key}`, { cookie });
        expect([answer.status, answer.body.length], `${who}: ${path}`).toEqual([404, 0]);
      }
    }
    // Locked (by hand or by idle), and signed out: the key opens nothing.
    await mai.call('session.lock', {});
    expect((await get(`${pdf}?k=${maiKey}`, { cookie })).status).toBe(404);
    await mai.call('session.unlock', { password: 'mot-cua-xa-hoa' });
    expect((await get(`${pdf}?k=${maiKey}`, { cookie })).status).toBe(200);
    await mai.call('session.logout', {});
    expect((await get(`${pdf}?k=${maiKey}`, { cookie })).status).toBe(404);
    // Signing in again gives a new key; the old one stays dead.
    const again = await mai.signIn('mai', 'mot-cua-xa-hoa');
    expect(again).not.toBe(maiKey);
    expect((await get(`${pdf}?k=${again}`, { cookie })).status).toBe(200);
    expect((await get(`${pdf}?k=${maiKey}`, { cookie })).status).toBe(404);
    for (const tab of [mai, tam, stranger]) tab.close();
  });

  it('tells only those who may read a document that it changed', async () => {
    const mai = await Tab.open();
    const tam = await Tab.open();
    const lan = await Tab.open();
    const stranger = await Tab.open();
    await mai.signIn('mai', 'mot-cua-xa-hoa');
    await tam.signIn('tam', 'mot-cua-xa-tam');
    await lan.signIn('lan', 'giam-sat-vien-1');
    const made = await mai.call<{ id: string }>('documents.import', { paths: [join(tmp.path, 'inbox', 'page2.png')], ocr: 'skip', metadata: { title: 'Giấy khai sinh' } });
    const id = made.output!.id;
    await new Promise((r) => setTimeout(r, 300));
    const heard = (tab: Tab) => tab.events.some((e) => e.name === 'documents.changed' && (e.payload as { id: string }).id === id);
    expect([heard(mai), heard(lan), heard(tam), heard(stranger)]).toEqual([true, true, false, false]);
    for (const tab of [mai, tam, lan, stranger]) tab.close();
  });
});

describe('4. the bridge never falls', () => {
  it('answers malformed addresses, encodings and frames with 400 or a closed socket, and keeps serving', async () => {
    const host = `Host: 127.0.0.1:${bridge.port}`;
    for (const line of ['GET // HTTP/1.1', 'GET /%E0%A4%A HTTP/1.1', 'GET /%00 HTTP/1.1', 'GET http://evil.example/ HTTP/1.1', `GET /${'a'.repeat(9000)} HTTP/1.1`])
      expect((await raw(`${line}\r\n${host}\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`)).slice(0, 12), line).toBe('HTTP/1.1 400');
    expect((await raw('GARBAGE\r\n\r\n')).slice(0, 12)).toBe('HTTP/1.1 400');
    expect((await raw(`GET / HTTP/1.1\r\n${host}\r\nX: ${'b'.repeat(20_000)}\r\n${'Y: 1\r\n'.repeat(3000)}\r\n`)).slice(0, 9)).toBe('HTTP/1.1 ');
    // A socket sending garbage is closed; one sending nonsense calls gets errors.
    const tab = await Tab.open();
    expect((await tab.call('no.such.method', {})).error?.code).toBe('invalid-input');
    expect((await tab.call('documents.get', { id: { $gt: '' } })).error?.code).toBe('invalid-input');
    const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/rpc`, { headers: { origin: `http://127.0.0.1:${bridge.port}`, cookie } });
    await new Promise((r) => ws.once('open', r));
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    ws.send('{not json');
    expect(await closed).toBe(1003);
    // A socket from another origin, or without the cookie, is not even opened.
    const foreign = new WebSocket(`ws://127.0.0.1:${bridge.port}/rpc`, { headers: { origin: 'http://evil.example', cookie } });
    expect(await new Promise((r) => foreign.once('error', () => r('refused')))).toBe('refused');
    // Still here.
    expect((await get('/', { cookie })).status).toBe(200);
    expect((await tab.call<{ version: string }>('station.info', {})).ok).toBe(true);
    tab.close();
  });
});
