// An HTTPS agent that decides for itself whether to trust a scanner's certificate, before the
// connection is handed to any request: a certificate that chains to a trusted root (and names the
// host) as for any HTTPS site, or — for an address with pins — exactly a pinned certificate.
//
// Why not `rejectUnauthorized: false` plus a check afterwards: the request would already be on
// its way (ScanSettings, and the page coming back) before the check ran. Why not
// `checkServerIdentity`: Node calls it only for certificates that already chain to a root, so it
// never sees the self-signed ones that pins are for. An agent's createConnection may answer
// through its callback, so the socket reaches the request only once the handshake is judged.
import https from 'node:https';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { normaliseFingerprint } from './certificate-pins';

export interface PinnedTlsAgentOptions {
  /** Fingerprints (64 lower-case hex digits) accepted for this address; none: a trusted root. */
  readonly pins: readonly string[];
  /** The error for a certificate that is not accepted, given its fingerprint and why. */
  readonly refuse: (fingerprint: string, reason: string) => Error;
  /** Longest handshake, ms, when the request gives no `timeout` of its own: a request's
   * setTimeout starts only once it has its socket, which here is after the handshake. */
  readonly handshakeTimeoutMs: number;
}

export class PinnedTlsAgent extends https.Agent {
  constructor(private readonly pinning: PinnedTlsAgentOptions) {
    // keepAlive: a scan is a burst of requests to the same scanner; many embedded servers are
    // slow to accept connections. The certificate is judged below, never by the default check.
    super({ keepAlive: true, maxSockets: 4, rejectUnauthorized: false });
  }

  override createConnection(options: https.RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    // No TLS session reuse (https.Agent's cache is skipped here): every connection shows its
    // certificate afresh.
    const socket = tls.connect({ ...(options as tls.ConnectionOptions), rejectUnauthorized: false });
    let settled = false;
    const settle = (err: Error | null) => {
      if (settled) return; // later errors belong to the request that now owns the socket
      settled = true;
      socket.setTimeout(0);
      socket.off('timeout', onTimeout);
      if (err) socket.destroy();
      callback?.(err, socket);
    };
    const timeoutMs = options.timeout ?? this.pinning.handshakeTimeoutMs;
    const onTimeout = () => settle(Object.assign(new Error(`no TLS handshake in ${timeoutMs} ms`), { code: 'ETIMEDOUT' }));
    socket.setTimeout(timeoutMs, onTimeout);
    // Stays attached: between the hand-over and the request's own listener, an error must not
    // go unhandled.
    socket.on('error', settle);
    socket.once('secureConnect', () => {
      const fingerprint = normaliseFingerprint(socket.getPeerCertificate().fingerprint256 ?? '') ?? '';
      const { pins } = this.pinning;
      if (pins.length > 0) {
        // A pin names the one certificate this address may present, trusted root or not (a
        // pinned scanner's certificate is often expired or names no host; the pin is its identity).
        settle(pins.includes(fingerprint) ? null : this.pinning.refuse(fingerprint, 'not the pinned certificate'));
      } else {
        settle(socket.authorized ? null : this.pinning.refuse(fingerprint, String(socket.authorizationError ?? 'not trusted')));
      }
    });
    return undefined;
  }
}
