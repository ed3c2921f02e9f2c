// Certificate pins for network scanners. Most scanners carry a self-signed certificate, which no
// root vouches for; the station then trusts a scanner only by the SHA-256 fingerprint of its
// certificate, pinned by an administrator for that scanner's address (host and port) after
// checking it on the scanner's own panel. Accepting "any self-signed certificate" for an
// address would accept an impostor on the network as readily as the scanner.

/** One pinned certificate: the address it belongs to and its SHA-256 fingerprint. */
export interface CertificatePin {
  /** `host:port` as in pinKey (lower-case host, IPv6 in brackets, port always written). */
  readonly address: string;
  /** 64 lower-case hex digits. */
  readonly sha256: string;
}

/** An address's key for pins: `host:port`, the port written even when it is https' 443. */
export function pinKey(url: URL): string {
  return `${url.hostname.toLowerCase()}:${url.port || (url.protocol === 'http:' ? '80' : '443')}`;
}

/** A fingerprint as 64 lower-case hex digits, from either spelling (`AB:CD:…` as Node and
 * `openssl x509 -fingerprint` print it, or plain hex); undefined when it is not one. */
export function normaliseFingerprint(raw: string): string | undefined {
  const hex = raw.trim().replace(/^sha256:?/i, '').replace(/:/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : undefined;
}

/** `AB:CD:…`, the way scanners' panels and `openssl x509 -fingerprint -sha256` show it. */
export function displayFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/../g) ?? []).join(':');
}

/** Parses `host:port=fingerprint` entries (comma or space separated; `host` alone means port
 * 443). Entries that cannot be read are returned as problems, with why, rather than thrown: one
 * mistyped entry must not take every other scanner (or the station) down with it. */
export function parsePins(text: string | undefined): { pins: CertificatePin[]; problems: string[] } {
  const pins: CertificatePin[] = [];
  const problems: string[] = [];
  for (const entry of (text ?? '').split(/[\s,]+/).filter(Boolean)) {
    const eq = entry.indexOf('=');
    const sha256 = eq > 0 ? normaliseFingerprint(entry.slice(eq + 1)) : undefined;
    let address: string | undefined;
    try {
      address = eq > 0 ? pinKey(new URL(`https://${entry.slice(0, eq)}`)) : undefined;
    } catch {
      address = undefined;
    }
    if (address && sha256) pins.push({ address, sha256 });
    else problems.push(`"${entry}" is not host:port=<SHA-256 fingerprint, 64 hex digits>`);
  }
  return { pins, problems };
}

/** The fingerprints pinned for a URL's address. */
export function pinsFor(url: string, pins: readonly CertificatePin[]): string[] {
  let key: string;
  try {
    key = pinKey(new URL(url));
  } catch {
    return [];
  }
  return pins.filter((p) => p.address === key).map((p) => p.sha256);
}
