// HTTP for one eSCL address, on Node's own http/https (no client library: eSCL needs GET, POST
// and DELETE of small XML, and one streamed download per page).
//
// TLS: certificates are verified as for any HTTPS site. Network scanners often carry a
// self-signed certificate; accepting one is a per-address choice the site makes
// (`allowSelfSigned`), never a default, because it also accepts an impostor on the network.
import { createWriteStream } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { pipeline } from 'node:stream/promises';
import { StationError } from '../../errors';

export interface EsclAddress {
  /** Base URL of the eSCL root, e.g. `http://192.168.1.20/eSCL` (no trailing slash needed). */
  readonly url: string;
  /** Accept a certificate that does not chain to a trusted root (self-signed). Off by default. */
  readonly allowSelfSigned?: boolean;
}

export interface HttpReply {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  /** The body, unless it was written to a file. */
  readonly body: Buffer;
  readonly bytes: number;
}

export interface RequestOptions {
  readonly body?: string;
  readonly contentType?: string;
  readonly signal?: AbortSignal;
  /** Longest silence on the connection before the scanner counts as gone. */
  readonly timeoutMs: number;
  /** Write a 200 reply's body here instead of buffering it (a page image). */
  readonly toFile?: string;
  /** Bytes of that body so far, and its Content-Length (0 when not given). */
  readonly onData?: (bytes: number, expected: number) => void;
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export class EsclHttp {
  private readonly agent: http.Agent;
  readonly base: URL;
  /** How errors name the scanner: its device id once known, its address until then. */
  deviceId: string;

  constructor(readonly address: EsclAddress) {
    this.deviceId = address.url;
    this.base = new URL(address.url.endsWith('/') ? address.url : `${address.url}/`);
    // keepAlive: a scan is a burst of requests to the same scanner; many embedded servers are
    // slow to accept connections.
    this.agent =
      this.base.protocol === 'https:'
        ? new https.Agent({ keepAlive: true, maxSockets: 4, rejectUnauthorized: !address.allowSelfSigned })
        : new http.Agent({ keepAlive: true, maxSockets: 4 });
  }

  /** A URL for a path under the eSCL root (`ScannerStatus`). */
  at(path: string): URL {
    return new URL(path, this.base);
  }

  /** A job's URL from its Location header. Only the path is kept: scanners often name their own
   * address as they see it (another interface, or a host name) rather than the one we reached. */
  job(location: string): URL {
    const loc = new URL(location, this.base);
    return new URL(loc.pathname.replace(/\/+$/, ''), this.base.origin);
  }

  request(method: string, target: URL, opts: RequestOptions): Promise<HttpReply> {
    const lib = target.protocol === 'https:' ? https : http;
    return new Promise<HttpReply>((resolve, reject) => {
      if (opts.signal?.aborted) return reject(new StationError('cancelled', { device: this.deviceId }));
      const headers: Record<string, string> = { Accept: '*/*' };
      if (opts.body !== undefined) {
        headers['Content-Type'] = opts.contentType ?? 'text/xml';
        headers['Content-Length'] = String(Buffer.byteLength(opts.body));
      }
      const req = lib.request(target, { method, headers, agent: this.agent, signal: opts.signal }, (res) => {
        const status = res.statusCode ?? 0;
        const expected = Number(res.headers['content-length']) || 0;
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          // Progress only for the page itself, not for the body of a 503 or an error.
          if (opts.toFile && status === 200) opts.onData?.(bytes, expected);
        });
        const done = (body: Buffer) => resolve({ status, headers: res.headers, body, bytes });
        if (opts.toFile && status === 200) {
          pipeline(res, createWriteStream(opts.toFile)).then(
            () => done(Buffer.alloc(0)),
            (e: unknown) => reject(this.mapError(e, opts.signal)),
          );
        } else {
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('end', () => done(Buffer.concat(parts)));
          res.on('error', (e) => reject(this.mapError(e, opts.signal)));
        }
      });
      req.setTimeout(opts.timeoutMs, () => req.destroy(Object.assign(new Error(`no answer for ${opts.timeoutMs} ms`), { code: 'ETIMEDOUT' })));
      req.on('error', (e) => reject(this.mapError(e, opts.signal)));
      req.end(opts.body);
    });
  }

  /** Network and TLS failures as the station's codes. */
  private mapError(e: unknown, signal: AbortSignal | undefined): StationError {
    const device = this.deviceId;
    if (signal?.aborted) return new StationError('cancelled', { device }, { cause: e });
    const code = (e as { code?: string }).code ?? '';
    if (TLS_CODES.has(code)) {
      return new StationError(
        'io',
        { device, detail: `the scanner's TLS certificate is not trusted (${code}); accept it for ${this.address.url} only if this is your scanner` },
        { cause: e },
      );
    }
    return new StationError('device-gone', { device, detail: `${code || 'error'}: ${(e as Error).message}` }, { cause: e });
  }

  close(): void {
    this.agent.destroy();
  }
}
