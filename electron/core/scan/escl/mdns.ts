// mDNS discovery of eSCL scanners (`_uscan._tcp`, `_uscans._tcp`), in plain Node (dgram).
//
// Why not a library: the station needs one query and four record types. This is a one-shot
// "legacy unicast" querier (RFC 6762 §6.7): it sends from an ephemeral port, so responders answer
// it directly and nothing has to bind 5353 — which avahi or Bonjour already hold on most desks.
// IPv4 only: an IPv6 link-local address needs a zone id that URLs carry badly, and every eSCL
// scanner seen so far answers on IPv4 too.
import dgram from 'node:dgram';
import type { DiscoveredScanner } from './escl-driver';

export const SERVICES = ['_uscan._tcp.local', '_uscans._tcp.local'] as const;
const TYPE = { A: 1, PTR: 12, TXT: 16, SRV: 33 } as const;

export interface DnsRecord {
  readonly name: string;
  readonly type: number;
  /** PTR: target name; SRV: target host; A: dotted address; TXT: '' (see txt). */
  readonly data: string;
  readonly port?: number;
  readonly txt?: Readonly<Record<string, string>>;
}

// Encoding: only questions, which never need name compression.

function encodeName(name: string): Buffer {
  const parts = name.split('.').filter(Boolean).map((l) => {
    const b = Buffer.from(l, 'utf8');
    return Buffer.concat([Buffer.from([b.length]), b]);
  });
  return Buffer.concat([...parts, Buffer.from([0])]);
}

export function encodeQuery(questions: readonly { name: string; type: number }[]): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(questions.length, 4);
  return Buffer.concat([
    header,
    ...questions.map((q) => {
      const tail = Buffer.alloc(4);
      tail.writeUInt16BE(q.type, 0);
      tail.writeUInt16BE(1, 2); // class IN
      return Buffer.concat([encodeName(q.name), tail]);
    }),
  ]);
}

// Decoding: every record of a response, names with compression (RFC 1035 §4.1.4).

function readName(buf: Buffer, start: number): { name: string; end: number } {
  const labels: string[] = [];
  let pos = start;
  let end = -1;
  // A pointer loop in a hostile packet must not hang the station.
  for (let hops = 0; hops < 64; hops++) {
    const len = buf.readUInt8(pos);
    if (len === 0) return { name: labels.join('.'), end: end === -1 ? pos + 1 : end };
    if ((len & 0xc0) === 0xc0) {
      if (end === -1) end = pos + 2;
      pos = buf.readUInt16BE(pos) & 0x3fff;
      continue;
    }
    if (pos + 1 + len > buf.length) throw new RangeError('DNS label past the end');
    labels.push(buf.toString('utf8', pos + 1, pos + 1 + len));
    pos += 1 + len;
  }
  throw new RangeError('DNS name too long');
}

function readTxt(buf: Buffer, start: number, end: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (let pos = start; pos < end; ) {
    const len = buf.readUInt8(pos);
    const entry = buf.toString('utf8', pos + 1, Math.min(end, pos + 1 + len));
    const eq = entry.indexOf('=');
    // Keys are case-insensitive (RFC 6763 §6.4); the first of a repeated key wins.
    const key = (eq === -1 ? entry : entry.slice(0, eq)).toLowerCase();
    if (key && !(key in out)) out[key] = eq === -1 ? '' : entry.slice(eq + 1);
    pos += 1 + len;
  }
  return out;
}

/** All answer, authority and additional records of a DNS message; throws on a malformed one. */
export function decodeRecords(buf: Buffer): DnsRecord[] {
  const qd = buf.readUInt16BE(4);
  const rr = buf.readUInt16BE(6) + buf.readUInt16BE(8) + buf.readUInt16BE(10);
  let pos = 12;
  for (let i = 0; i < qd; i++) pos = readName(buf, pos).end + 4;
  const records: DnsRecord[] = [];
  for (let i = 0; i < rr; i++) {
    const { name, end } = readName(buf, pos);
    const type = buf.readUInt16BE(end);
    const len = buf.readUInt16BE(end + 8);
    const data = end + 10;
    if (data + len > buf.length) throw new RangeError('DNS record past the end');
    pos = data + len;
    if (type === TYPE.PTR) records.push({ name, type, data: readName(buf, data).name });
    else if (type === TYPE.SRV) records.push({ name, type, port: buf.readUInt16BE(data + 4), data: readName(buf, data + 6).name });
    else if (type === TYPE.A && len === 4) records.push({ name, type, data: [...buf.subarray(data, data + 4)].join('.') });
    else if (type === TYPE.TXT) records.push({ name, type, data: '', txt: readTxt(buf, data, data + len) });
  }
  return records;
}

const lower = (s: string) => s.toLowerCase();

/** Scanners described by a set of records: PTR → instance → SRV (host, port) + TXT (rs, UUID,
 * ty) → A. `fallbackHost`: the responder's own address, for a reply without its A record. */
export function scannersFrom(records: readonly DnsRecord[], fallbackHost: (instance: string) => string | undefined): DiscoveredScanner[] {
  const by = (type: number, name: string) => records.find((r) => r.type === type && lower(r.name) === lower(name));
  const out: DiscoveredScanner[] = [];
  for (const ptr of records.filter((r) => r.type === TYPE.PTR && SERVICES.includes(lower(r.name) as (typeof SERVICES)[number]))) {
    const srv = by(TYPE.SRV, ptr.data);
    if (!srv?.port) continue;
    const txt = by(TYPE.TXT, ptr.data)?.txt ?? {};
    const host = by(TYPE.A, srv.data)?.data ?? fallbackHost(ptr.data);
    if (!host) continue;
    const scheme = lower(ptr.name).startsWith('_uscans.') ? 'https' : 'http';
    const rs = (txt.rs ?? 'eSCL').replace(/^\/+|\/+$/g, '');
    out.push({ url: `${scheme}://${host}:${srv.port}${rs ? `/${rs}` : ''}`, uuid: txt.uuid, makeAndModel: txt.ty });
  }
  return out;
}

export interface DiscoverOptions {
  /** How long to collect answers. The device list waits this long, so keep it short. */
  readonly waitMs: number;
  /** Where queries go; the mDNS group by default (tests use a port of their own). */
  readonly address?: string;
  readonly port?: number;
}

/** Asks the network for eSCL scanners once; resolves after `waitMs` with what answered (never
 * rejects: a machine without multicast simply finds nothing). */
export function discoverEscl(opts: DiscoverOptions): Promise<DiscoveredScanner[]> {
  const target = { address: opts.address ?? '224.0.0.251', port: opts.port ?? 5353 };
  return new Promise((resolve) => {
    const records: DnsRecord[] = [];
    const senders = new Map<string, string>(); // instance name → responder address
    const asked = new Set<string>();
    const socket = dgram.createSocket({ type: 'udp4' });
    const ask = (questions: { name: string; type: number }[]) => {
      const fresh = questions.filter((q) => !asked.has(`${q.type}:${lower(q.name)}`));
      fresh.forEach((q) => asked.add(`${q.type}:${lower(q.name)}`));
      if (fresh.length) socket.send(encodeQuery(fresh), target.port, target.address, () => undefined);
    };
    socket.on('error', () => finish());
    socket.on('message', (msg, rinfo) => {
      let got: DnsRecord[];
      try {
        got = decodeRecords(msg);
      } catch {
        return; // not our business: a malformed packet from someone else
      }
      records.push(...got);
      // Responders may send only the PTR: ask for what is missing, once per name.
      for (const ptr of got.filter((r) => r.type === TYPE.PTR)) {
        senders.set(lower(ptr.data), rinfo.address);
        const missing = [TYPE.SRV, TYPE.TXT].filter((t) => !records.some((r) => r.type === t && lower(r.name) === lower(ptr.data)));
        ask(missing.map((type) => ({ name: ptr.data, type })));
      }
    });
    let done = false;
    const timer = setTimeout(() => finish(), opts.waitMs);
    function finish() {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.close();
      const seen = new Set<string>();
      resolve(scannersFrom(records, (i) => senders.get(lower(i))).filter((s) => !seen.has(s.url) && Boolean(seen.add(s.url))));
    }
    socket.bind(0, () => {
      try {
        socket.setMulticastTTL(255);
      } catch {
        // unicast target (tests): no TTL to set
      }
      ask(SERVICES.map((name) => ({ name, type: TYPE.PTR })));
    });
  });
}
