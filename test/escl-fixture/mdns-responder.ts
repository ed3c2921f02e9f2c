// A tiny mDNS responder announcing the fixture as `_uscan._tcp`, on a multicast port of the
// test's own (never 5353: the tests must not talk to the machine's real network services).
// Its packets are assembled byte by byte here, with name compression in the answers as real
// responders use it, so the station's decoder is checked against an encoder it does not share.
import dgram from 'node:dgram';

export interface Announced {
  readonly instance: string;
  readonly host: string;
  readonly port: number;
  readonly txt: Record<string, string>;
  /** Answer with the PTR alone, so the client must ask again for SRV and TXT. */
  readonly ptrOnly?: boolean;
}

const label = (s: string) => Buffer.concat([Buffer.from([Buffer.byteLength(s)]), Buffer.from(s)]);
const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const u32 = (n: number) => Buffer.from([n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
const pointer = (offset: number) => u16(0xc000 | offset);

function record(name: Buffer, type: number, rdata: Buffer): Buffer {
  return Buffer.concat([name, u16(type), u16(1), u32(120), u16(rdata.length), rdata]);
}

/** The service type asked about in a query, if it is _uscan._tcp.local (no compression in queries). */
function askedFor(query: Buffer): { names: string[]; types: number[] } {
  const names: string[] = [];
  const types: number[] = [];
  let pos = 12;
  for (let q = 0; q < query.readUInt16BE(4); q++) {
    const labels: string[] = [];
    while (query[pos]! > 0) {
      labels.push(query.toString('utf8', pos + 1, pos + 1 + query[pos]!));
      pos += 1 + query[pos]!;
    }
    names.push(labels.join('.').toLowerCase());
    types.push(query.readUInt16BE(pos + 1));
    pos += 5;
  }
  return { names, types };
}

export function response(a: Announced, id: number): Buffer {
  // Offsets: header 12; "_uscan._tcp.local" at 12 (service), instance label after the PTR.
  const service = Buffer.concat([label('_uscan'), label('_tcp'), label('local'), Buffer.from([0])]);
  const instanceName = Buffer.concat([label(a.instance), pointer(12)]);
  const ptrRdataOffset = 12 + service.length + 10;
  const ptr = record(service, 12, instanceName);
  const answers = [ptr];
  if (!a.ptrOnly) {
    const instanceRef = pointer(ptrRdataOffset);
    const hostName = Buffer.concat([label(a.host), label('local'), Buffer.from([0])]);
    const srv = record(instanceRef, 33, Buffer.concat([u16(0), u16(0), u16(a.port), hostName]));
    const txt = record(instanceRef, 16, Buffer.concat(Object.entries(a.txt).map(([k, v]) => label(`${k}=${v}`))));
    const aRec = record(Buffer.concat([label(a.host), label('local'), Buffer.from([0])]), 1, Buffer.from([127, 0, 0, 1]));
    answers.push(srv, txt, aRec);
  }
  const header = Buffer.concat([u16(id), u16(0x8400), u16(0), u16(1), u16(0), u16(answers.length - 1)]);
  return Buffer.concat([header, ...answers]);
}

/** The SRV and TXT of the instance, for a client's follow-up question. */
function followUp(a: Announced, id: number): Buffer {
  return response({ ...a, ptrOnly: false }, id);
}

export async function startMdnsResponder(port: number, announced: Announced): Promise<{ queries: string[]; close(): Promise<void> }> {
  const socket = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  const queries: string[] = [];
  socket.on('message', (msg, rinfo) => {
    const { names, types } = askedFor(msg);
    queries.push(...names.map((n, i) => `${types[i]} ${n}`));
    const id = msg.readUInt16BE(0);
    const instance = `${announced.instance}._uscan._tcp.local`.toLowerCase();
    // Legacy unicast: the answer goes straight back to the asking port.
    if (names.includes('_uscan._tcp.local')) socket.send(response(announced, id), rinfo.port, rinfo.address);
    else if (names.includes(instance)) socket.send(followUp(announced, id), rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => socket.bind(port, () => resolve()));
  socket.addMembership('224.0.0.251');
  return { queries, close: () => new Promise<void>((resolve) => socket.close(() => resolve())) };
}
