// What the signer and the verifier need to know of an X.509 certificate, whatever its key type:
// names, validity, key usage, where its issuer publishes revocation. pkijs parses (node-forge
// reads RSA certificates only); Node's X509Certificate checks signatures and issuers.
import { X509Certificate, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { StationError } from '../errors';

pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'] }));

export const OID = {
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  crlDistributionPoints: '2.5.29.31',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  ocsp: '1.3.6.1.5.5.7.48.1',
  caIssuers: '1.3.6.1.5.5.7.48.2',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
} as const;

export interface CertificateInfo {
  readonly der: Buffer;
  readonly x509: X509Certificate;
  readonly subject: string;
  /** The common name, or the whole subject when there is none. */
  readonly name: string;
  readonly organisation: string | null;
  readonly issuer: string;
  readonly serial: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly keyUsage: { digitalSignature: boolean; nonRepudiation: boolean; keyCertSign: boolean } | null;
  readonly extendedKeyUsage: readonly string[];
  readonly ocspUrls: readonly string[];
  readonly crlUrls: readonly string[];
  readonly issuerUrls: readonly string[];
  readonly selfSigned: boolean;
}

function field(subject: string, key: string): string | null {
  const m = new RegExp(`(?:^|\\n)${key}=([^\\n]+)`).exec(subject);
  return m ? m[1]!.trim() : null;
}

export function inspectCertificate(der: Buffer): CertificateInfo {
  let x509: X509Certificate;
  let cert: pkijs.Certificate;
  try {
    x509 = new X509Certificate(der);
    cert = pkijs.Certificate.fromBER(der);
  } catch (e) {
    throw new StationError('key-not-found', { where: `a certificate that cannot be read (${e instanceof Error ? e.message : e})` });
  }
  const ext = (oid: string) => cert.extensions?.find((e) => e.extnID === oid);
  let keyUsage: CertificateInfo['keyUsage'] = null;
  const ku = ext(OID.keyUsage)?.parsedValue as asn1js.BitString | undefined;
  if (ku) {
    const bytes = new Uint8Array(ku.valueBlock.valueHexView);
    const bit = (n: number) => ((bytes[n >> 3] ?? 0) & (0x80 >> (n & 7))) !== 0;
    keyUsage = { digitalSignature: bit(0), nonRepudiation: bit(1), keyCertSign: bit(5) };
  }
  const eku = ext(OID.extKeyUsage)?.parsedValue as pkijs.ExtKeyUsage | undefined;
  const urls = (method: string) =>
    ((ext(OID.authorityInfoAccess)?.parsedValue as pkijs.InfoAccess | undefined)?.accessDescriptions ?? [])
      .filter((d) => d.accessMethod === method && d.accessLocation.type === 6)
      .map((d) => String(d.accessLocation.value));
  const crl = ((ext(OID.crlDistributionPoints)?.parsedValue as pkijs.CRLDistributionPoints | undefined)?.distributionPoints ?? []).flatMap((p) =>
    Array.isArray(p.distributionPoint) ? p.distributionPoint.filter((n) => n.type === 6).map((n) => String(n.value)) : [],
  );
  return {
    der,
    x509,
    subject: x509.subject,
    name: field(x509.subject, 'CN') ?? x509.subject.replace(/\n/g, ', '),
    organisation: field(x509.subject, 'O'),
    issuer: x509.issuer,
    serial: x509.serialNumber,
    notBefore: new Date(x509.validFrom),
    notAfter: new Date(x509.validTo),
    keyUsage,
    extendedKeyUsage: eku?.keyPurposes ?? [],
    ocspUrls: urls(OID.ocsp),
    crlUrls: crl,
    issuerUrls: urls(OID.caIssuers),
    selfSigned: x509.issuer === x509.subject && x509.verify(x509.publicKey),
  };
}

/** Refuses a certificate that cannot sign now: expired, not yet valid, or not for signing. */
export function checkSigningCertificate(c: CertificateInfo, at: Date = new Date()): void {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  if (at > c.notAfter) throw new StationError('certificate-expired', { subject: c.name, notAfter: day(c.notAfter) });
  if (at < c.notBefore) throw new StationError('certificate-not-yet-valid', { subject: c.name, notBefore: day(c.notBefore) });
  if (c.keyUsage && !c.keyUsage.digitalSignature && !c.keyUsage.nonRepudiation) throw new StationError('certificate-usage', { subject: c.name });
}

/** Orders a set of certificates as a chain from the leaf upwards, as far as they reach. */
export function buildChain(leaf: CertificateInfo, pool: readonly CertificateInfo[]): CertificateInfo[] {
  const chain = [leaf];
  let current = leaf;
  for (let depth = 0; depth < 10 && !current.selfSigned; depth++) {
    const issuer = pool.find((c) => c.der !== current.der && current.x509.checkIssued(c.x509) && current.x509.verify(c.x509.publicKey));
    if (!issuer || chain.includes(issuer)) break;
    chain.push(issuer);
    current = issuer;
  }
  return chain;
}
