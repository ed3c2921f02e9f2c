// A fault-injecting HTTP proxy for sync tests, between the station and the reference store: for
// each request a policy decides to pass it, delay it, drop the connection mid-upload, answer 500 or
// 503 with Retry-After, cut the answer short, or answer garbage. Optionally terminates TLS with a
// given certificate, so that a station can be tested against https with a pinned CA.
import { type IncomingMessage, type ServerResponse, createServer as createHttpServer, request } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'pass' }
  | { kind: 'delay'; ms: number }
  | { kind: 'drop-request'; afterBytes: number }
  | { kind: 'status'; status: 500 | 503 | 429; retryAfter?: string }
  | { kind: 'truncate' }
  | { kind: 'garbage' }
  | { kind: 'rewrite-json'; edit: (body: Record<string, unknown>) => Record<string, unknown> }
  /** The store's clock as if it were `seconds` ahead (its Date header), the answer otherwise unchanged. */
  | { kind: 'shift-date'; seconds: number };

export interface ProxyRequest {
  readonly method: string;
  readonly path: string;
  readonly n: number;
}

export interface FaultProxy {
  readonly url: string;
  readonly port: number;
  /** Every request seen, in order, with the fault applied to it. */
  readonly log: { method: string; path: string; fault: Fault['kind']; uploadOffset: number | null }[];
  policy: (req: ProxyRequest) => Fault;
  close(): Promise<void>;
}

/** A seeded random source, so that a failing fault run can be replayed. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x1_0000_0000;
  };
}

/** Random faults at the given rate: uploads dropped mid-way, delays, 500/503, cut answers,
 * garbage. The first faults go through every kind once, so that a run always exercises all. */
export function randomFaults(rate: number, random: () => number): (req: ProxyRequest) => Fault {
  const unseen = new Set<Fault['kind']>(['drop-request', 'delay', 'status', 'truncate', 'garbage']);
  const make = (kind: Fault['kind']): Fault => {
    unseen.delete(kind);
    if (kind === 'drop-request') return { kind, afterBytes: Math.floor(random() * 200_000) };
    if (kind === 'delay') return { kind, ms: Math.floor(random() * 800) };
    if (kind === 'status') return random() < 0.6 ? { kind, status: 503, retryAfter: '1' } : { kind, status: 500 };
    if (kind === 'truncate') return { kind };
    return { kind: 'garbage' };
  };
  return (req) => {
    if (random() >= rate) return { kind: 'pass' };
    const owed = [...unseen].find((k) => k !== 'drop-request' || req.method === 'PATCH');
    if (owed) return make(owed);
    const r = random();
    if (req.method === 'PATCH' && r < 0.35) return make('drop-request');
    if (r < 0.5) return make('delay');
    if (r < 0.8) return make('status');
    if (r < 0.92) return make('truncate');
    return make('garbage');
  };
}

export async function startFaultProxy(target: string, opts: { tls?: { key: Buffer; cert: Buffer } } = {}): Promise<FaultProxy> {
  const upstream = new URL(target);
  let n = 0;
  const proxy: FaultProxy = { url: '', port: 0, log: [], policy: () => ({ kind: 'pass' }), close: async () => undefined };

  const forward = (req: IncomingMessage, res: ServerResponse, fault: Fault) => {
    const out = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      if (fault.kind === 'truncate') {
        // The status and headers, then half the body, then the connection dies.
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => {
          const body = Buffer.concat(chunks);
          res.writeHead(up.statusCode ?? 502, { ...up.headers, 'content-length': String(Math.max(1, body.length)) });
          res.write(body.subarray(0, Math.floor(body.length / 2)));
          res.socket?.destroy();
        });
        return;
      }
      if (fault.kind === 'rewrite-json') {
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => {
          let body = Buffer.concat(chunks);
          try {
            body = Buffer.from(JSON.stringify(fault.edit(JSON.parse(body.toString('utf8')) as Record<string, unknown>)));
          } catch {
            // not JSON: passed as it is
          }
          res.writeHead(up.statusCode ?? 502, { ...up.headers, 'content-length': String(body.length) });
          res.end(body);
        });
        return;
      }
      const headers = fault.kind === 'shift-date' ? { ...up.headers, date: new Date(Date.now() + fault.seconds * 1000).toUTCString() } : up.headers;
      res.writeHead(up.statusCode ?? 502, headers);
      up.pipe(res);
    });
    out.on('error', () => res.socket?.destroy());
    // The client gone before its request ended: the store sees the connection die too.
    req.on('close', () => {
      if (!req.complete) out.destroy();
    });
    req.pipe(out);
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const fault = proxy.policy({ method: req.method ?? 'GET', path: req.url ?? '/', n: n++ });
    const offset = req.headers['upload-offset'];
    proxy.log.push({ method: req.method ?? 'GET', path: req.url ?? '/', fault: fault.kind, uploadOffset: typeof offset === 'string' ? Number(offset) : null });
    switch (fault.kind) {
      case 'pass':
      case 'truncate':
      case 'rewrite-json':
      case 'shift-date':
        return forward(req, res, fault);
      case 'delay':
        return void setTimeout(() => forward(req, res, { kind: 'pass' }), fault.ms);
      case 'drop-request': {
        // The bytes before the cut reach the store, as on a real link that fails mid-upload;
        // then both connections die.
        const out = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers });
        out.on('error', () => undefined);
        let seen = 0;
        req.on('data', (c: Buffer) => {
          if (seen >= fault.afterBytes) return;
          const part = c.subarray(0, Math.max(0, fault.afterBytes - seen));
          seen += c.length;
          out.write(part);
          if (seen >= fault.afterBytes) setTimeout(() => {
            out.destroy();
            req.socket.destroy();
          }, 200);
        });
        req.on('end', () => {
          out.destroy();
          req.socket.destroy();
        });
        return;
      }
      case 'status':
        req.resume();
        req.on('end', () => {
          res.writeHead(fault.status, { 'content-type': 'application/problem+json', ...(fault.retryAfter ? { 'retry-after': fault.retryAfter } : {}) });
          res.end(JSON.stringify({ type: 'about:blank', title: 'Injected fault', status: fault.status, code: `injected-${fault.status}` }));
        });
        return;
      case 'garbage':
        req.resume();
        req.on('end', () => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('<html>Gateway says hello</html>\u0000\u00ff');
        });
        return;
    }
  };

  const server = opts.tls ? createHttpsServer({ key: opts.tls.key, cert: opts.tls.cert }, handle) : createHttpServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(proxy, {
    url: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
