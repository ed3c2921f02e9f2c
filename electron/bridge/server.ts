// Browser mode: the UI and the contract over loopback, for development and for the end-to-end
// tests in Chromium. The contract travels over a WebSocket in the frames of contract/wire.ts.
//
// Security: it listens on 127.0.0.1 only, and every request needs a Host of this very server
// (against DNS rebinding). An address it prints (…/?session=TOKEN, 256 random bits) works once:
// opening it sets an HttpOnly, SameSite=Strict cookie — named for this port, since cookies are
// shared by every port of 127.0.0.1 — and the token is spent (a new address: bridge.newAddress(),
// Enter in `sohoa serve`). The cookie only lets a browser load the UI and open the WebSocket
// (which also needs an Origin of this server); each tab then signs in on its own session, and
// pages and PDFs need that session's file key (resources.ts). No request, frame or header can stop
// the process: what cannot be parsed gets 400, and a failure is logged and answered 500.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { CONTRACT_FRAME_MAX_BYTES, ClientFrame, type ErrorCode, type ServerFrame, formatError } from '../contract';
import { type Handlers, createHandlers, dispatch } from '../core/dispatch';
import { folderGate } from '../core/auth/path-gate';
import type { Session } from '../core/auth/session';
import type { Station } from '../core/station';
import { resolveResource, resourceHeaders } from './resources';
import { mayReceive } from '../core/auth/event-audience';

export interface Bridge {
  /** The first address to open (works once). */
  readonly url: string;
  readonly port: number;
  /** Another address that works once (for another browser). */
  newAddress(): string;
  close(): Promise<void>;
}

export interface BridgeOptions {
  readonly station: Station;
  readonly rendererDir: string;
  /** 0 picks a free port. */
  readonly port: number;
}

/** How long a printed address stays good if nobody opens it. */
const ADDRESS_TTL_MS = 10 * 60_000;

function sameToken(a: string | undefined, b: string): boolean {
  if (!a || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The request's URL, or null when it cannot be one (`//`, a bare `%`, a header out of bounds). */
function requestUrl(req: IncomingMessage, origin: string): URL | null {
  const raw = req.url ?? '/';
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.length > 8192) return null;
  try {
    return new URL(raw, origin);
  } catch {
    return null;
  }
}

export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const { station, rendererDir } = opts;
  const handlers: Handlers = createHandlers(station);
  // Addresses not yet opened (token → when it expires), and the cookies of browsers that did.
  const addresses = new Map<string, number>();
  const spent = new Set<string>();
  const cookies = new Set<string>();
  let origin = '';
  let hosts: string[] = [];
  let cookieName = 'sohoa';
  const paths = folderGate(() => {
    const s = station.settings();
    return { readFolders: s.readFolders, writeFolders: s.writeFolders, dataDir: station.paths.root };
  });

  const plain = (res: ServerResponse, status: number, code: ErrorCode, details: Record<string, string> = {}) => {
    const error = formatError(code, details);
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.end(`${error.message.vi}\n${error.message.en}\n`);
  };
  const browserOf = (req: IncomingMessage) => {
    const value = cookieValue(req, cookieName);
    return value !== undefined && [...cookies].some((c) => sameToken(value, c));
  };

  const answer = (req: IncomingMessage, res: ServerResponse) => {
    if (!hosts.includes(req.headers.host ?? '')) return plain(res, 421, 'unauthorized');
    const url = requestUrl(req, origin);
    if (!url) return plain(res, 400, 'bad-request', { detail: 'URL' });
    const baseHeaders = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cross-origin-resource-policy': 'same-origin', 'cache-control': 'no-store' };
    if (url.pathname === '/' && url.searchParams.has('session')) {
      const token = url.searchParams.get('session') ?? '';
      const expires = [...addresses].find(([t]) => sameToken(token, t));
      // A spent (or run-out) address says so, with what to do; a made-up one says nothing more.
      if (!expires) return plain(res, 401, [...spent].some((t) => sameToken(token, t)) ? 'session-address-used' : 'unauthorized');
      addresses.delete(expires[0]);
      spent.add(expires[0]);
      if (spent.size > 1000) spent.delete(spent.values().next().value!);
      if (expires[1] < Date.now()) return plain(res, 401, 'session-address-used');
      const cookie = randomBytes(32).toString('base64url');
      cookies.add(cookie);
      res.writeHead(302, { ...baseHeaders, location: '/', 'set-cookie': `${cookieName}=${cookie}; HttpOnly; SameSite=Strict; Path=/` });
      return res.end();
    }
    if (!browserOf(req)) return plain(res, 401, 'unauthorized');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, baseHeaders);
      return res.end();
    }
    const found = resolveResource(station, rendererDir, url.pathname, url.searchParams.get('k'));
    if (found.status !== 200) {
      res.writeHead(found.status, baseHeaders);
      return res.end();
    }
    res.writeHead(200, { ...baseHeaders, ...resourceHeaders(found.resource) });
    if (req.method === 'HEAD') return res.end();
    found.resource
      .open()
      .on('error', (e) => {
        station.log.warn('a file could not be sent', { path: url.pathname, error: e.message });
        res.destroy();
      })
      .pipe(res);
  };

  const server = createServer((req, res) => {
    try {
      answer(req, res);
    } catch (e) {
      station.log.error('browser-mode request failed', e, { url: String(req.url).slice(0, 200) });
      if (!res.headersSent) plain(res, 500, 'internal', { detail: 'request failed', log: station.log.path });
      else res.destroy();
    }
  });
  server.on('clientError', (_e, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    else socket.destroy();
  });

  const sockets = new Map<WebSocket, Session>();
  // A call may carry a camera's photo (contract/camera.ts): the frame limit is sized for the largest.
  const wss = new WebSocketServer({ noServer: true, maxPayload: CONTRACT_FRAME_MAX_BYTES });
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const url = requestUrl(req, origin);
    const ok = url !== null && url.pathname === '/rpc' && hosts.includes(req.headers.host ?? '') && req.headers.origin === origin && browserOf(req);
    if (!ok) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // Each tab signs in on its own: a session per connection.
      const session = station.auth.newSession();
      sockets.set(ws, session);
      const send = (frame: ServerFrame) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
      };
      ws.on('error', (e) => station.log.warn('a browser-mode socket failed', { error: e.message }));
      ws.on('message', (data) => {
        let frame: ClientFrame;
        try {
          frame = ClientFrame.parse(JSON.parse(String(data)));
        } catch {
          return ws.close(1003, 'bad frame');
        }
        void dispatch(station, handlers, frame.method, frame.input, { emit: (name, payload) => send({ t: 'event', name, payload }), session, paths }).then(
          (result) => send({ t: 'result', id: frame.id, result }),
          (e: unknown) => station.log.error('a browser-mode call failed', e, { method: frame.method }),
        );
      });
      ws.on('close', () => sockets.delete(ws));
    });
  });

  // Events go only to the sessions that may see what they are about.
  const broadcastChanged = (id: string, owner?: string | null) => {
    for (const [ws, session] of sockets)
      if (ws.readyState === WebSocket.OPEN && mayReceive(station, session, id, owner)) ws.send(JSON.stringify({ t: 'event', name: 'documents.changed', payload: { id } } satisfies ServerFrame));
  };
  const broadcastSync = () => {
    for (const [ws, session] of sockets)
      if (ws.readyState === WebSocket.OPEN && station.auth.callerOf(session) !== null) ws.send(JSON.stringify({ t: 'event', name: 'sync.changed', payload: {} } satisfies ServerFrame));
  };
  station.events.on('documents.changed', broadcastChanged);
  station.events.on('sync.changed', broadcastSync);
  // Scanners are no one's data (devices.list is everyone's): every open socket hears of a change.
  const broadcastDevices = () => {
    for (const ws of sockets.keys()) if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ t: 'event', name: 'devices.changed', payload: {} } satisfies ServerFrame));
  };
  station.events.on('devices.changed', broadcastDevices);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  cookieName = `sohoa_${port}`;
  const newAddress = () => {
    const token = randomBytes(32).toString('base64url');
    const now = Date.now();
    for (const [t, expires] of addresses) if (expires < now) addresses.delete(t);
    addresses.set(token, now + ADDRESS_TTL_MS);
    return `${origin}/?session=${token}`;
  };
  return {
    url: newAddress(),
    port,
    newAddress,
    async close() {
      station.events.off('documents.changed', broadcastChanged);
      station.events.off('sync.changed', broadcastSync);
      station.events.off('devices.changed', broadcastDevices);
      for (const ws of sockets.keys()) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
