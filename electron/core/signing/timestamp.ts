// RFC 3161 timestamps from a configurable TSA: the request is built with node-forge's ASN.1; the
// reply is parsed with pkijs (forge has no TSP types) and checked before its token is used: the
// status granted, the imprint our signature's hash, the nonce ours.
import { createHash, randomBytes } from 'node:crypto';
import * as pkijs from 'pkijs';
import forge from 'node-forge';
import { StationError, errorMessage } from '../errors';
import './certificates';

const asn1 = forge.asn1;

export interface TimestampOptions {
  readonly url: string;
  readonly timeoutMs?: number;
}

function request(digest: Buffer, nonce: Buffer): Buffer {
  const seq = (items: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
  const req = seq([
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(1).getBytes()),
    seq([
      seq([asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer('2.16.840.1.101.3.4.2.1').getBytes()), asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '')]),
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, digest.toString('binary')),
    ]),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, nonce.toString('binary')),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BOOLEAN, false, String.fromCharCode(0xff)),
  ]);
  return Buffer.from(asn1.toDer(req).getBytes(), 'binary');
}

/** The TSTInfo inside a timestamp token (ContentInfo of SignedData). */
export function tstInfoOf(token: Uint8Array): pkijs.TSTInfo {
  const signed = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(token).content });
  const content = signed.encapContentInfo.eContent;
  if (!content) throw new Error('the timestamp token has no content');
  return pkijs.TSTInfo.fromBER(content.getValue());
}

/** A timestamp token over the signature value, as the signature-time-stamp attribute wants it. */
export async function requestTimestamp(opts: TimestampOptions, signatureValue: Buffer): Promise<Buffer> {
  const digest = createHash('sha256').update(signatureValue).digest();
  const nonce = randomBytes(8);
  // A positive INTEGER in minimal DER: no sign bit, no leading zero byte (a TSA re-encodes the
  // nonce minimally, and a leading zero would then not compare equal — one request in 128).
  nonce[0] = nonce[0]! & 0x7f || 0x01;
  const fail = (detail: string) => new StationError('tsa-failed', { url: opts.url, detail });
  let body: Buffer;
  try {
    const res = await fetch(opts.url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query' },
      body: request(digest, nonce),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
    });
    if (!res.ok) throw fail(`HTTP ${res.status}`);
    body = Buffer.from(await res.arrayBuffer());
  } catch (e) {
    throw e instanceof StationError ? e : fail(errorMessage(e));
  }
  let token: Buffer;
  try {
    const reply = pkijs.TimeStampResp.fromBER(body);
    if (reply.status.status > 1 || !reply.timeStampToken) throw fail(`the TSA refused (status ${reply.status.status})`);
    token = Buffer.from(reply.timeStampToken.toSchema().toBER());
    const info = tstInfoOf(token);
    if (Buffer.compare(Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView), digest) !== 0) throw fail('the token is for another hash');
    if (!info.nonce || Buffer.compare(Buffer.from(info.nonce.valueBlock.valueHexView), nonce) !== 0) throw fail('the token carries another nonce');
  } catch (e) {
    throw e instanceof StationError ? e : fail(`an unreadable reply (${errorMessage(e)})`);
  }
  return token;
}
