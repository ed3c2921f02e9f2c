// Revocation: OCSP (RFC 6960) and CRLs, through pkijs (node-forge has neither). Used to gather
// validation data when signing at B-LT, and to check certificates when verifying.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { errorMessage } from '../errors';
import type { CertificateInfo } from './certificates';

export type RevocationStatus = 'good' | 'revoked' | 'unknown';

export interface RevocationResult {
  readonly status: RevocationStatus;
  readonly source: 'ocsp' | 'crl' | 'none';
  /** The DER that says so (to embed at B-LT), when there is one. */
  readonly evidence: Buffer | null;
  readonly detail: string;
}

const pk = (c: CertificateInfo) => pkijs.Certificate.fromBER(c.der);

async function post(url: string, body: Buffer, type: string, timeoutMs: number): Promise<Buffer> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': type }, body, signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

async function get(url: string, timeoutMs: number): Promise<Buffer> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

/** What an OCSP response says of a certificate, after checking the responder's signature. */
export async function ocspStatus(responseDer: Buffer, cert: CertificateInfo, issuer: CertificateInfo): Promise<RevocationStatus> {
  const response = pkijs.OCSPResponse.fromBER(responseDer);
  if (response.responseStatus.valueBlock.valueDec !== 0 || !response.responseBytes) return 'unknown';
  const basic = new pkijs.BasicOCSPResponse({ schema: asn1js.fromBER(response.responseBytes.response.valueBlock.valueHexView).result });
  if (!(await basic.verify({ trustedCerts: [pk(issuer)] }))) return 'unknown';
  const status = await basic.getCertificateStatus(pk(cert), pk(issuer));
  if (!status.isForCertificate) return 'unknown';
  return status.status === 0 ? 'good' : status.status === 1 ? 'revoked' : 'unknown';
}

/** What a CRL says of a certificate, after checking the issuer's signature on it. */
export async function crlStatus(crlDer: Buffer, cert: CertificateInfo, issuer: CertificateInfo): Promise<RevocationStatus> {
  const crl = pkijs.CertificateRevocationList.fromBER(crlDer);
  if (!(await crl.verify({ issuerCertificate: pk(issuer) }))) return 'unknown';
  return crl.isCertificateRevoked(pk(cert)) ? 'revoked' : 'good';
}

/** Asks the certificate's OCSP responder, else fetches its CRL. */
export async function checkRevocation(cert: CertificateInfo, issuer: CertificateInfo, timeoutMs = 5000): Promise<RevocationResult> {
  const problems: string[] = [];
  for (const url of cert.ocspUrls) {
    try {
      const request = new pkijs.OCSPRequest();
      await request.createForCertificate(pk(cert), { hashAlgorithm: 'SHA-1', issuerCertificate: pk(issuer) });
      const der = await post(url, Buffer.from(request.toSchema(true).toBER()), 'application/ocsp-request', timeoutMs);
      return { status: await ocspStatus(der, cert, issuer), source: 'ocsp', evidence: der, detail: url };
    } catch (e) {
      problems.push(`${url}: ${errorMessage(e)}`);
    }
  }
  for (const url of cert.crlUrls) {
    try {
      const der = await get(url, timeoutMs);
      return { status: await crlStatus(der, cert, issuer), source: 'crl', evidence: der, detail: url };
    } catch (e) {
      problems.push(`${url}: ${errorMessage(e)}`);
    }
  }
  return { status: 'unknown', source: 'none', evidence: null, detail: problems.join('; ') || 'the certificate names no OCSP responder and no CRL' };
}
