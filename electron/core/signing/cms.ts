// CMS SignedData for PDF signatures, detached (the signed bytes are the PDF's byte range):
// PAdES (ETSI.CAdES.detached) with the ESS signing-certificate-v2 attribute and no signing-time
// attribute (the time is the signature dictionary's /M), or the classic adbe.pkcs7.detached with a
// signing-time attribute. The optional signature timestamp (RFC 3161) goes in the unsigned
// attributes. Built with node-forge's ASN.1 writer so that any key type can sign.
import { createHash } from 'node:crypto';
import forge from 'node-forge';
import { ECDSA_OID, HASH_OID, type SigningHash } from './key-algorithms';

const asn1 = forge.asn1;
type Asn1 = forge.asn1.Asn1;

export const CMS_OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  timeStampToken: '1.2.840.113549.1.9.16.2.14',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
} as const;

export type SignatureFormat = 'pades' | 'pkcs7';

export interface SigningKey {
  /** The signer's certificate (DER) and the rest of its chain (DER, leaf first, root optional). */
  readonly certificate: Buffer;
  readonly chain: readonly Buffer[];
  readonly keyType: 'rsa' | 'ec';
  /** The hash the key signs with (key-algorithms.ts): the content digest uses it too. */
  readonly hash: SigningHash;
  /** Signs data with `hash` (RSA PKCS#1 v1.5, or ECDSA returning DER). */
  sign(data: Buffer): Promise<Buffer>;
  close(): Promise<void>;
}

const der = (node: Asn1) => Buffer.from(asn1.toDer(node).getBytes(), 'binary');
const fromDer = (bytes: Buffer) => asn1.fromDer(forge.util.createBuffer(bytes.toString('binary')));
const oid = (o: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(o).getBytes());
const octets = (b: Buffer) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, b.toString('binary'));
const integer = (n: number) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(n).getBytes());
const seq = (items: Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
const algorithm = (o: string, withNull = true) => seq(withNull ? [oid(o), asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '')] : [oid(o)]);

/** A DER SET OF: its elements sorted by their encodings (X.690 §11.6). */
function setOf(items: Asn1[], tagClass = asn1.Class.UNIVERSAL, tag: number = asn1.Type.SET): Asn1 {
  const sorted = items.map((i) => ({ i, d: der(i) })).sort((a, b) => Buffer.compare(a.d, b.d)).map((x) => x.i);
  return asn1.create(tagClass, tag, true, sorted);
}

const attribute = (type: string, value: Asn1) => seq([oid(type), setOf([value])]);

/** The issuer name and serial number, read from the certificate's own bytes (any key type). */
function issuerAndSerial(certificate: Buffer): Asn1 {
  const tbs = (fromDer(certificate).value as Asn1[])[0]!;
  const fields = tbs.value as Asn1[];
  const offset = fields[0]!.tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0; // [0] version
  return seq([fields[offset + 2]!, fields[offset]!]); // issuer, serialNumber
}

function signedAttributes(digest: Buffer, certificate: Buffer, format: SignatureFormat, signingTime: Date, hash: SigningHash): Asn1[] {
  const attrs = [attribute(CMS_OID.contentType, oid(CMS_OID.data)), attribute(CMS_OID.messageDigest, octets(digest))];
  if (format === 'pades') {
    // ESS signing-certificate-v2: binds the signer's certificate — what makes a CAdES signature
    // "B-B". SHA-256 is its default hash, named only when another one is used.
    const certHash = createHash(hash).update(certificate).digest();
    const essId = hash === 'sha256' ? seq([octets(certHash)]) : seq([algorithm(HASH_OID[hash], false), octets(certHash)]);
    attrs.push(attribute(CMS_OID.signingCertificateV2, seq([seq([essId])])));
  } else {
    attrs.push(attribute(CMS_OID.signingTime, asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTCTIME, false, asn1.dateToUtcTime(signingTime))));
  }
  return attrs;
}

export interface CmsOptions {
  readonly format: SignatureFormat;
  readonly signingTime: Date;
  /** Gets an RFC 3161 token over the signature value; null for no timestamp. */
  readonly timestamp?: ((signatureValue: Buffer) => Promise<Buffer>) | undefined;
}

/** The DER of a ContentInfo holding the detached SignedData over `digest` (made with key.hash). */
export async function buildCms(key: SigningKey, digest: Buffer, opts: CmsOptions): Promise<Buffer> {
  const attrs = signedAttributes(digest, key.certificate, opts.format, opts.signingTime, key.hash);
  // What is signed is the DER of the attributes as a SET; they are stored as [0] IMPLICIT.
  const signature = await key.sign(der(setOf(attrs)));
  const unsigned: Asn1[] = [];
  if (opts.timestamp) {
    const token = await opts.timestamp(signature);
    unsigned.push(attribute(CMS_OID.timeStampToken, fromDer(token)));
  }
  const signerInfo = seq([
    integer(1),
    issuerAndSerial(key.certificate),
    algorithm(HASH_OID[key.hash]),
    setOf(attrs, asn1.Class.CONTEXT_SPECIFIC, 0),
    key.keyType === 'rsa' ? algorithm(CMS_OID.rsaEncryption) : algorithm(ECDSA_OID[key.hash], false),
    octets(signature),
    ...(unsigned.length ? [setOf(unsigned, asn1.Class.CONTEXT_SPECIFIC, 1)] : []),
  ]);
  const certificates = asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [key.certificate, ...key.chain].map(fromDer));
  const signedData = seq([
    integer(1),
    setOf([algorithm(HASH_OID[key.hash])]),
    seq([oid(CMS_OID.data)]),
    certificates,
    setOf([signerInfo]),
  ]);
  return der(seq([oid(CMS_OID.signedData), asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [signedData])]));
}
