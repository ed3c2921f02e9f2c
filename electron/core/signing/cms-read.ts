// Reading a PDF signature's CMS: the signer's certificate and attributes, every certificate it
// carries, and its timestamp token with the TSA's certificates. pkijs parses.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { CMS_OID } from './cms';
import './certificates';

export interface ParsedSignature {
  readonly signedData: pkijs.SignedData;
  readonly signerInfo: pkijs.SignerInfo;
  /** DER of every certificate in the SignedData. */
  readonly certificates: Buffer[];
  readonly signerCertificate: Buffer | null;
  readonly signedAttributes: Map<string, pkijs.Attribute>;
  /** DER of the signed attributes as a SET: what the signature value covers. */
  readonly signedAttributesDer: Buffer | null;
  readonly signatureValue: Buffer;
  readonly timestampToken: Buffer | null;
  readonly tsaCertificates: Buffer[];
}

const derOf = (c: pkijs.CertificateSetItem) => Buffer.from((c as pkijs.Certificate).toSchema().toBER());

function isCertificate(c: pkijs.CertificateSetItem): c is pkijs.Certificate {
  return c instanceof pkijs.Certificate;
}

function signerOf(signed: pkijs.SignedData, info: pkijs.SignerInfo): pkijs.Certificate | undefined {
  const certs = (signed.certificates ?? []).filter(isCertificate);
  const sid = info.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber)
    return certs.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber));
  return undefined;
}

/** Parses a detached signature; throws on bytes that are not CMS SignedData. */
export function parseSignature(der: Uint8Array): ParsedSignature {
  const info = pkijs.ContentInfo.fromBER(der);
  if (info.contentType !== CMS_OID.signedData) throw new Error('not a CMS SignedData');
  const signedData = new pkijs.SignedData({ schema: info.content });
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) throw new Error('the signature has no signer');
  const signedAttributes = new Map<string, pkijs.Attribute>();
  for (const a of signerInfo.signedAttrs?.attributes ?? []) signedAttributes.set(a.type, a);
  let signedAttributesDer: Buffer | null = null;
  if (signerInfo.signedAttrs) {
    // Re-encode with the universal SET tag, as the signer signed it.
    const encoded = new Uint8Array(signerInfo.signedAttrs.encodedValue);
    const copy = Buffer.from(encoded);
    copy[0] = 0x31;
    signedAttributesDer = copy;
  }
  const tokenAttr = signerInfo.unsignedAttrs?.attributes.find((a) => a.type === CMS_OID.timeStampToken);
  const timestampToken = tokenAttr?.values[0] ? Buffer.from((tokenAttr.values[0] as asn1js.Sequence).toBER()) : null;
  let tsaCertificates: Buffer[] = [];
  if (timestampToken) {
    const tsa = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(timestampToken).content });
    tsaCertificates = (tsa.certificates ?? []).filter(isCertificate).map(derOf);
  }
  const signer = signerOf(signedData, signerInfo);
  return {
    signedData,
    signerInfo,
    certificates: (signedData.certificates ?? []).filter(isCertificate).map(derOf),
    signerCertificate: signer ? derOf(signer) : null,
    signedAttributes,
    signedAttributesDer,
    signatureValue: Buffer.from(signerInfo.signature.valueBlock.valueHexView),
    timestampToken,
    tsaCertificates,
  };
}

/** Every certificate a signature carries, its timestamp token's included. */
export function certificatesOfCms(der: Uint8Array): Buffer[] {
  const s = parseSignature(der);
  return [...s.certificates, ...s.tsaCertificates];
}
