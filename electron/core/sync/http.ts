// HTTP for sync, on node:http/https directly: request bodies stream from disk with backpressure
// (no copy of a large record in memory), TLS verification stays on with an optional pinned CA,
// every request has an inactivity timeout, and a truncated or reset answer is an error, never a
// short body taken for a whole one.
import { Agent as HttpAgent, type IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isSecureSyncUrl } from '../../contract';

export interface HttpResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** The server's clock (Date header), when it sent one. */
  readonly serverDate: Date | null;
}

export interface RequestInit {
  readonly method: string;
  readonly headers?: Record<string, string>;
  readonly body?: Buffer | AsyncIterable<Uint8Array> | null;
  /** Answers larger than this are refused (a store answering garbage must not fill memory). */
  readonly maxResponseBytes?: number;
}

/** A request that never got a complete answer: connection refused or reset, timeout, TLS. */
export class NetworkError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly tls: boolean,
  ) {
    super(message);
  }
}

/** A request refused before any byte left: plain http to another computer (or not http at all). */
export const INSECURE_URL = 'ERR_INSECURE_URL';

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(VERIFY|GET)|ALTNAME|HOSTNAME/;

export class HttpClient {
  private readonly http = new HttpAgent({ keepAlive: true, maxSockets: 8 });
  private readonly https: HttpsAgent;

  constructor(
    private readonly timeoutMs: number,
    ca: Buffer | null,
  ) {
    // rejectUnauthorized is Node's default; said here so that nobody turns it off by accident.
    this.https = new HttpsAgent({ keepAlive: true, maxSockets: 8, rejectUnauthorized: true, ...(ca ? { ca } : {}) });
  }

  request(url: string, init: RequestInit): Promise<HttpResponse> {
    // Checked again here, whatever the configuration said: a secret, a bearer token or a record
    // never travels in clear beyond this computer.
    if (!isSecureSyncUrl(url)) return Promise.reject(new NetworkError(INSECURE_URL, 'https only, except to this computer', false));
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const send = secure ? httpsRequest : httpRequest;
    const limit = init.maxResponseBytes ?? 4 << 20;
    return new Promise<HttpResponse>((resolve, reject) => {
      let settled = false;
      const fail = (e: unknown) => {
        if (settled) return;
        settled = true;
        const err = e as NodeJS.ErrnoException;
        const code = err.code ?? 'ERR_NETWORK';
        reject(e instanceof NetworkError ? e : new NetworkError(code, err.message ?? String(e), TLS_CODES.test(code)));
      };
      const req = send(target, { method: init.method, headers: init.headers, agent: secure ? this.https : this.http }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > limit) {
            req.destroy(new NetworkError('ERR_RESPONSE_TOO_LARGE', `the answer is larger than ${limit} bytes`, false));
            return;
          }
          chunks.push(c);
        });
        res.on('aborted', () => fail(new NetworkError('ECONNRESET', 'the answer was cut off', false)));
        res.on('error', fail);
        res.on('end', () => {
          if (settled) return;
          if (!res.complete) return fail(new NetworkError('ECONNRESET', 'the answer was cut off', false));
          settled = true;
          const date = res.headers.date ? new Date(res.headers.date) : null;
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), serverDate: date && !Number.isNaN(date.getTime()) ? date : null });
        });
      });
      req.setTimeout(this.timeoutMs, () => req.destroy(new NetworkError('ETIMEDOUT', `no answer for ${Math.round(this.timeoutMs / 1000)} s`, false)));
      req.on('error', fail);
      void writeBody(req, init.body).catch((e: unknown) => req.destroy(e as Error));
    });
  }

  close(): void {
    this.http.destroy();
    this.https.destroy();
  }
}

async function writeBody(req: import('node:http').ClientRequest, body: RequestInit['body']): Promise<void> {
  if (!body) return void req.end();
  if (Buffer.isBuffer(body)) return void req.end(body);
  for await (const chunk of body) {
    if (req.destroyed) return;
    if (!req.write(chunk))
      await new Promise<void>((resolve) => {
        // Whichever comes first; the other listener goes too (a long upload waits thousands of times).
        const done = () => {
          req.off('drain', done);
          req.off('close', done);
          resolve();
        };
        req.on('drain', done);
        req.on('close', done);
      });
  }
  req.end();
}

/** JSON of an answer, or null when it is not JSON. */
export function jsonOf(res: HttpResponse): unknown {
  try {
    return JSON.parse(res.body.toString('utf8'));
  } catch {
    return null;
  }
}
