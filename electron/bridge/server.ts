// Browser mode: the UI and the contract over loopback, for development and for the end-to-end
// tests in Chromium. The contract travels over a WebSocket in the frames of contract/wire.ts.
//
// Security: it listens on 127.0.0.1 only. Opening the printed URL (…/?session=TOKEN, a random
// 256-bit token) sets an HttpOnly, SameSite=Strict cookie; every other request needs it. The
// WebSocket also needs an Origin of this very server, and every request a Host of it (against
// DNS rebinding). Other pages in the same browser can neither call the station nor read images.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { ClientFrame, type ServerFrame, formatError } from '../contract';
import { type Handlers, createHandlers, dispatch } from '../core/dispatch';
import type { Station } from '../core/station';
import { CONTENT_SECURITY_POLICY, resolveResource } from './resources';

const COOKIE = 'sohoa_session';

export interface Bridge {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface BridgeOptions {
  readonly station: Station;
  readonly rendererDir: string;
  /** 0 picks a free port. */
  readonly port: number;
}

function sameToken(a: string | undefined, b: string): boolean {
  if (!a || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

function cookieToken(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie ?? '';
  return header
    .split(';')
    .map((c) => c.trim().split('='))
    .find(([k]) => k === COOKIE)?.[1];
}

export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const { station, rendererDir } = opts;
  const handlers: Handlers = createHandlers(station);
  const token = randomBytes(32).toString('base64url');
  let origin = '';
  let hosts: string[] = [];

  const deny = (res: ServerResponse, status: number) => {
    const error = formatError('unauthorized');
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`${error.message.vi}\n${error.message.en}\n`);
  };

  const server = createServer((req, res) => {
    if (!hosts.includes(req.headers.host ?? '')) return deny(res, 421);
    const url = new URL(req.url ?? '/', origin);
    const baseHeaders = {
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-resource-policy': 'same-origin',
    };
    if (url.pathname === '/' && url.searchParams.has('session')) {
      if (!sameToken(url.searchParams.get('session') ?? undefined, token)) return deny(res, 401);
      res.writeHead(302, { ...baseHeaders, location: '/', 'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/` });
      return res.end();
    }
    if (!sameToken(cookieToken(req), token)) return deny(res, 401);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, baseHeaders);
      return res.end();
    }
    const resource = resolveResource(station, rendererDir, url.pathname);
    if (!resource) {
      res.writeHead(404, baseHeaders);
      return res.end();
    }
    res.writeHead(200, {
      ...baseHeaders,
      'content-type': resource.contentType,
      'cache-control': resource.immutable ? 'private, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') return res.end();
    resource
      .open()
      .on('error', () => res.destroy())
      .pipe(res);
  });

  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  server.on('upgrade', (req, socket, head) => {
    const ok = new URL(req.url ?? '/', origin).pathname === '/rpc' && hosts.includes(req.headers.host ?? '') && req.headers.origin === origin && sameToken(cookieToken(req), token);
    if (!ok) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      // Each tab signs in on its own: a session per connection.
      const session = station.auth.newSession();
      const send = (frame: ServerFrame) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
      };
      ws.on('message', async (data) => {
        let frame: ClientFrame;
        try {
          frame = ClientFrame.parse(JSON.parse(String(data)));
        } catch {
          return ws.close(1003, 'bad frame');
        }
        const result = await dispatch(station, handlers, frame.method, frame.input, {
          emit: (name, payload) => send({ t: 'event', name, payload }),
          session,
        });
        send({ t: 'result', id: frame.id, result });
      });
      ws.on('close', () => sockets.delete(ws));
    });
  });

  const broadcastChanged = (id: string) => {
    for (const ws of sockets) if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ t: 'event', name: 'documents.changed', payload: { id } } satisfies ServerFrame));
  };
  const broadcastSync = () => {
    for (const ws of sockets) if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ t: 'event', name: 'sync.changed', payload: {} } satisfies ServerFrame));
  };
  station.events.on('documents.changed', broadcastChanged);
  station.events.on('sync.changed', broadcastSync);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  return {
    url: `${origin}/?session=${token}`,
    port,
    async close() {
      station.events.off('documents.changed', broadcastChanged);
      station.events.off('sync.changed', broadcastSync);
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
