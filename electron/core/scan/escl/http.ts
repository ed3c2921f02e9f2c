// HTTP for one eSCL address, on Node's own http/https (no client library: eSCL needs GET, POST
// and DELETE of small XML, and one streamed download per page).
//
// TLS: certificates are verified as for any HTTPS site. Network scanners often carry a
// self-signed certificate; such a scanner is trusted only by its certificate's fingerprint,
// pinned for its address (certificate-pins.ts), never by accepting whatever it presents.
//
// Every body is capped: an XML reply at XML_LIMITS.bytes, a page at the limit the job gives
// (job.ts sizes it from the paper, resolution and mode). Past a cap the transfer is cut off at
// once, so a scanner — or anything answering at its address — that streams without end costs
// the station neither memory nor unbounded disk.
import { createWriteStream } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { pipeline } from 'node:stream/promises';
import { StationError } from '../../errors';
import { displayFingerprint, pinKey } from './certificate-pins';
import { PinnedTlsAgent } from './pinned-tls-agent';
import { XML_LIMITS } from './xml';

export interface EsclAddress {
  /** Base URL of the eSCL root, e.g. `http://192.168.1.20/eSCL` (no trailing slash needed). */
  readonly url: string;
  /** SHA-256 fingerprints (64 lower-case hex digits) of the certificates accepted at this
   * address, whether or not they chain to a trusted root; none: a trusted root is required. */
  readonly pins?: readonly string[];
}

export interface HttpReply {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  /** The body, unless it was written to a file. */
  readonly body: Buffer;
  readonly bytes: number;
}

/** The largest body written to a file, and the error for one that goes past it. */
export interface FileLimit {
  readonly bytes: number;
  readonly error: (bytes: number) => StationError;
}

export interface RequestOptions {
  readonly body?: string;
  readonly contentType?: string;
  readonly signal?: AbortSignal;
  /** Longest silence on the connection before the scanner counts as gone. */
  readonly timeoutMs: number;
  /** Write a 200 reply's body here instead of buffering it (a page image). */
  readonly toFile?: string;
  /** The cap on that body; required with toFile, because only the caller knows what a page
   * of its job may weigh. Other bodies are capped at XML_LIMITS.bytes. */
  readonly fileLimit?: FileLimit;
  /** Bytes of that body so far, and its Content-Length (0 when not given). */
  readonly onData?: (bytes: number, expected: number) => void;
}

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
        ? new PinnedTlsAgent({ pins: address.pins ?? [], handshakeTimeoutMs: 30_000, refuse: (fp, reason) => this.certificateRefused(fp, reason) })
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
      let settled = false;
      const fail = (e: unknown) => {
        if (settled) return;
        settled = true;
        reject(this.mapError(e, opts.signal));
      };
      // While a page streams into its file, the download's own end reports every failure: it
      // comes once the file is closed, so that the caller can remove it.
      let downloading = false;
      let requestError: unknown = null;
      const headers: Record<string, string> = { Accept: '*/*' };
      if (opts.body !== undefined) {
        headers['Content-Type'] = opts.contentType ?? 'text/xml';
        headers['Content-Length'] = String(Buffer.byteLength(opts.body));
      }
      // `timeout` here as well as setTimeout below: it reaches the agent, which bounds the TLS
      // handshake with it (pinned-tls-agent.ts) before the request has its socket.
      const req = lib.request(target, { method, headers, agent: this.agent, signal: opts.signal, timeout: opts.timeoutMs }, (res) => {
        const status = res.statusCode ?? 0;
        const expected = Number(res.headers['content-length']) || 0;
        const toFile = opts.toFile !== undefined && status === 200 ? opts.toFile : undefined;
        const limit = toFile ? this.fileLimit(opts) : this.xmlLimit();
        let bytes = 0;
        let cut: StationError | null = null;
        /** Cut the transfer off: the reply is refused, and nothing more is read. A download
         * reports it once its file is closed, so that the caller can remove that file. */
        const cutOff = (error: StationError) => {
          cut = error;
          if (!toFile) fail(error);
          res.destroy();
          req.destroy();
        };
        // A length announced past the cap is refused before a byte of the body is read.
        if (expected > limit.bytes) {
          fail(limit.error(expected));
          res.destroy();
          return void req.destroy();
        }
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > limit.bytes) return cutOff(limit.error(bytes));
          // Progress only for the page itself, not for the body of a 503 or an error.
          if (toFile) opts.onData?.(bytes, expected);
        });
        const done = (body: Buffer) => {
          if (settled) return;
          settled = true;
          resolve({ status, headers: res.headers, body, bytes });
        };
        if (toFile) {
          downloading = true;
          pipeline(res, createWriteStream(toFile)).then(
            () => done(Buffer.alloc(0)),
            (e: unknown) => fail(cut ?? requestError ?? e),
          );
        } else {
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('end', () => done(Buffer.concat(parts)));
          res.on('error', fail);
        }
      });
      req.setTimeout(opts.timeoutMs, () => req.destroy(Object.assign(new Error(`no answer for ${opts.timeoutMs} ms`), { code: 'ETIMEDOUT' })));
      req.on('error', (e) => {
        requestError = e;
        if (!downloading) fail(e);
      });
      req.end(opts.body);
    });
  }

  /** Buffered replies (XML, and the bodies of errors) are capped as XML is. */
  private xmlLimit(): FileLimit {
    return {
      bytes: XML_LIMITS.bytes,
      error: (bytes) =>
        new StationError('scanner-reply-refused', {
          device: this.deviceId,
          detail: `a reply of ${bytes} bytes or more, past the ${XML_LIMITS.bytes} accepted`,
          detail_vi: `phản hồi ${bytes} byte trở lên, quá mức ${XML_LIMITS.bytes} byte`,
        }),
    };
  }

  private fileLimit(opts: RequestOptions): FileLimit {
    if (!opts.fileLimit) throw new Error('EsclHttp: a download to a file needs a fileLimit');
    return opts.fileLimit;
  }

  /** A certificate the station does not accept, named by its fingerprint so that an
   * administrator can compare it with the one on the scanner's panel and pin it. */
  private certificateRefused(fingerprint: string, reason: string): StationError {
    const address = pinKey(this.base);
    const pinned = (this.address.pins ?? []).length > 0;
    return new StationError(pinned ? 'scanner-certificate-mismatch' : 'scanner-certificate-unpinned', {
      device: this.deviceId,
      address,
      fingerprint: displayFingerprint(fingerprint),
      pin: `${address}=${fingerprint}`,
      reason,
    });
  }

  /** Network failures as the station's codes; the station's own errors (a refused certificate,
   * a body past its cap) pass as they are. */
  private mapError(e: unknown, signal: AbortSignal | undefined): StationError {
    const device = this.deviceId;
    if (signal?.aborted) return new StationError('cancelled', { device }, { cause: e });
    if (e instanceof StationError) return e;
    const code = (e as { code?: string }).code ?? '';
    return new StationError('device-gone', { device, detail: `${code || 'error'}: ${(e as Error).message}` }, { cause: e });
  }

  close(): void {
    this.agent.destroy();
  }
}
