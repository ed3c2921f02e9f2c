// Verifying every signature of a PDF, ours or anyone's: the byte range's integrity against the
// signed digest; the signature value against the signer's certificate; what the signature covers
// and whether later changes are allowed ones; the chain to a trust store; revocation from the
// file's own validation data (DSS) or online (OCSP, then CRL); the timestamp and its TSA.
import { createHash, createPublicKey, verify as cryptoVerify } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { PDFArray, PDFDict, PDFName, PDFRawStream } from 'pdf-lib';
import { type SignatureProblem, type SignatureVerdict, signatureVerdictOf } from '../../contract';
import { errorMessage } from '../errors';
import { vietnamIso } from '../time';
import { type CertificateInfo, buildChain, inspectCertificate } from './certificates';
import { CMS_OID } from './cms';
import { type ParsedSignature, parseSignature } from './cms-read';
import { laterChanges } from './later-changes';
import type { PdfFile } from './pdf-reader';
import { readPdf } from './pdf-reader';
import { type RevocationStatus, checkRevocation, crlStatus, ocspStatus } from './revocation';
import { findSignatures } from './signature-fields';
import { tstInfoOf } from './timestamp';

export interface TimestampReport {
  readonly time: string;
  readonly valid: boolean;
  readonly trusted: boolean;
  readonly authority: string | null;
}

export interface SignatureReport {
  readonly field: string;
  /** Integrity, signature value, byte range, allowed later changes, certificate valid then, not revoked. */
  readonly valid: boolean;
  readonly integrity: boolean;
  readonly coversWholeDocument: boolean;
  readonly laterChanges: 'none' | 'allowed' | 'disallowed';
  readonly signer: string | null;
  readonly serial: string | null;
  readonly issuer: string | null;
  readonly signedAt: string | null;
  /** As signed: B-B, B-T with a signature timestamp, B-LT when the file also carries this
   * signature's validation data (a later DSS makes a B-T one B-LT: ETSI EN 319 142-1 augmentation);
   * the same for adbe.pkcs7.detached, whose subFilter is reported beside it. */
  readonly level: 'B-B' | 'B-T' | 'B-LT' | 'unknown';
  readonly subFilter: string;
  readonly timestamp: TimestampReport | null;
  readonly trusted: boolean;
  readonly chain: readonly string[];
  readonly revocation: RevocationStatus;
  readonly revocationSource: 'dss' | 'ocsp' | 'crl' | 'none';
  /** Why it is not valid, or valid but not to be relied on yet (codes; texts in the contract). */
  readonly problems: readonly SignatureProblem[];
  readonly verdict: SignatureVerdict;
}

export interface VerifyOptions {
  /** Trust anchors (DER). */
  readonly trust: readonly Buffer[];
  /** Ask OCSP responders and fetch CRLs when the file carries no answer. */
  readonly online: boolean;
  readonly timeoutMs?: number;
}

const problem = (code: SignatureProblem['code'], extra: Omit<SignatureProblem, 'code'> = {}): SignatureProblem => ({ code, ...extra });

const DIGESTS: Record<string, string> = { [CMS_OID.sha256]: 'sha256', '1.3.14.3.2.26': 'sha1', '2.16.840.1.101.3.4.2.2': 'sha384', '2.16.840.1.101.3.4.2.3': 'sha512' };

interface Dss {
  readonly certificates: Buffer[];
  readonly ocsps: Buffer[];
  readonly crls: Buffer[];
}

function dssOf(file: PdfFile): Dss {
  const dss = file.lookup(file.catalog.get(PDFName.of('DSS')), PDFDict);
  const streams = (key: string) =>
    (file.lookup(dss?.get(PDFName.of(key)), PDFArray)?.asArray() ?? [])
      .map((r) => file.lookup(r, PDFRawStream))
      .filter((s): s is PDFRawStream => s !== undefined)
      .map((s) => Buffer.from(s.getContents()));
  return { certificates: streams('Certs'), ocsps: streams('OCSPs'), crls: streams('CRLs') };
}

/** Which revision a signature belongs to: the one whose end is its byte range's end. */
function revisionOf(file: PdfFile, end: number): number {
  const i = file.revisions.findIndex((r) => r.end === end);
  return i >= 0 ? i : file.revisions.findIndex((r) => r.end >= end);
}

function verifySignatureValue(sig: ParsedSignature, cert: CertificateInfo, data: Buffer): boolean {
  const algorithm = sig.signerInfo.signatureAlgorithm.algorithmId;
  const digest = DIGESTS[sig.signerInfo.digestAlgorithm.algorithmId] ?? 'sha256';
  const key = createPublicKey(cert.x509.publicKey.export({ type: 'spki', format: 'pem' }));
  const isEc = algorithm.startsWith('1.2.840.10045');
  return cryptoVerify(digest, data, isEc ? { key, dsaEncoding: 'der' } : key, sig.signatureValue);
}

async function verifyTimestamp(token: Buffer, signatureValue: Buffer, pool: CertificateInfo[], trust: readonly Buffer[]): Promise<TimestampReport> {
  const info = tstInfoOf(token);
  const digest = DIGESTS[info.messageImprint.hashAlgorithm.algorithmId] ?? 'sha256';
  const imprintOk = Buffer.compare(Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView), createHash(digest).update(signatureValue).digest()) === 0;
  const signed = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(token).content });
  // For a timestamp token pkijs takes `data` to be what was timestamped (it checks the imprint
  // against it too), not the encapsulated TSTInfo.
  const data = new Uint8Array(signatureValue).buffer;
  const signatureOk = await signed.verify({ signer: 0, data, checkChain: false, extendedMode: true }).then(
    (r) => r.signatureVerified === true,
    () => false,
  );
  const tsaCerts = (signed.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate).map((c) => inspectCertificate(Buffer.from(c.toSchema().toBER())));
  const tsa = tsaCerts.find((c) => c.extendedKeyUsage.includes('1.3.6.1.5.5.7.3.8')) ?? tsaCerts[0];
  const chain = tsa ? buildChain(tsa, [...tsaCerts, ...pool, ...trust.map(inspectCertificate)]) : [];
  const trusted = chain.some((c) => trust.some((t) => Buffer.compare(t, c.der) === 0));
  return { time: vietnamIso(info.genTime).replace(/\.\d+/, ''), valid: imprintOk && signatureOk, trusted, authority: tsa?.name ?? null };
}

async function revocationOf(cert: CertificateInfo, issuer: CertificateInfo | undefined, dss: Dss, opts: VerifyOptions): Promise<{ status: RevocationStatus; source: SignatureReport['revocationSource'] }> {
  if (!issuer) return { status: 'unknown', source: 'none' };
  for (const der of dss.ocsps) {
    const status = await ocspStatus(der, cert, issuer).catch(() => 'unknown' as const);
    if (status !== 'unknown') return { status, source: 'dss' };
  }
  for (const der of dss.crls) {
    const status = await crlStatus(der, cert, issuer).catch(() => 'unknown' as const);
    if (status !== 'unknown') return { status, source: 'dss' };
  }
  if (!opts.online) return { status: 'unknown', source: 'none' };
  const live = await checkRevocation(cert, issuer, opts.timeoutMs ?? 5000);
  return { status: live.status, source: live.source === 'none' ? 'none' : live.source };
}

/** ESS signing-certificate(-v2), when present, names the signer's certificate by its hash: a
 * certificate changed inside the signature (corrupted, or swapped for another with the same key)
 * no longer matches, and the signature is not the one that was made. */
function essBindsSigner(sig: ParsedSignature, signerDer: Buffer): boolean {
  const v2 = sig.signedAttributes.get(CMS_OID.signingCertificateV2)?.values[0];
  if (!v2) return true;
  try {
    const certs = (v2 as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
    const first = certs.valueBlock.value[0] as asn1js.Sequence;
    const parts = first.valueBlock.value;
    const named = parts[0] instanceof asn1js.Sequence ? (parts[0].valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString() : CMS_OID.sha256;
    const hashPart = parts.find((p): p is asn1js.OctetString => p instanceof asn1js.OctetString);
    const digest = DIGESTS[named];
    if (!hashPart || !digest) return false;
    return Buffer.compare(Buffer.from(hashPart.valueBlock.valueHexView), createHash(digest).update(signerDer).digest()) === 0;
  } catch {
    return false;
  }
}

function levelOf(subFilter: string, sig: ParsedSignature | null, timestamp: TimestampReport | null, revocationSource: SignatureReport['revocationSource'], chainLength: number): SignatureReport['level'] {
  const cades = subFilter === 'ETSI.CAdES.detached';
  if (!sig || (!cades && subFilter !== 'adbe.pkcs7.detached')) return 'unknown';
  // A CAdES signature without the signing certificate bound is not PAdES at any level.
  if (cades && !sig.signedAttributes.has(CMS_OID.signingCertificateV2)) return 'unknown';
  if (!timestamp) return 'B-B';
  // B-LT: the file itself answers for this signature's chain and revocation (not just any DSS).
  return revocationSource === 'dss' && chainLength > 1 ? 'B-LT' : 'B-T';
}

export interface VerifiedFile {
  readonly signatures: SignatureReport[];
  /** Bytes after the last revision: an unsigned extension of the file, outside every signature. */
  readonly tailBytes: number;
}

export async function verifyPdf(bytes: Uint8Array, opts: VerifyOptions): Promise<VerifiedFile> {
  const file = readPdf(bytes);
  const dss = dssOf(file);
  const reports: SignatureReport[] = [];
  for (const found of findSignatures(file)) {
    const problems: SignatureProblem[] = found.rangeProblems.map((code) => problem(code));
    let sig: ParsedSignature | null = null;
    try {
      sig = parseSignature(found.contents);
    } catch (e) {
      problems.push(problem('unreadable', { technical: errorMessage(e) }));
    }
    const signerDer = sig?.signerCertificate ?? null;
    const signer = signerDer ? inspectCertificate(signerDer) : null;
    if (sig && !signer) problems.push(problem('no-signer-certificate'));

    let integrity = false;
    let valueOk = false;
    const range = found.byteRange;
    if (sig && signer && range && found.rangeProblems.length === 0) {
      const [, b, c, d] = range as [number, number, number, number];
      const digestName = DIGESTS[sig.signerInfo.digestAlgorithm.algorithmId] ?? 'sha256';
      const digest = createHash(digestName).update(bytes.subarray(0, b)).update(bytes.subarray(c, c + d)).digest();
      const md = sig.signedAttributes.get(CMS_OID.messageDigest);
      if (md && sig.signedAttributesDer) {
        integrity = Buffer.compare(Buffer.from((md.values[0] as { valueBlock: { valueHexView: Uint8Array } }).valueBlock.valueHexView), digest) === 0;
        valueOk = verifySignatureValue(sig, signer, sig.signedAttributesDer);
      } else {
        // No signed attributes: the signature is over the content itself.
        valueOk = integrity = verifySignatureValue(sig, signer, Buffer.concat([bytes.subarray(0, b), bytes.subarray(c, c + d)]));
      }
      if (!integrity) problems.push(problem('digest-mismatch'));
      if (!valueOk) problems.push(problem('value-mismatch'));
      if (!essBindsSigner(sig, signer.der)) problems.push(problem('signer-certificate-mismatch'));
    }
    const end = range ? (range[2] ?? 0) + (range[3] ?? 0) : 0;
    const covers = end === bytes.length;
    const later = covers ? { verdict: 'none' as const, disallowed: [] } : laterChanges(file, revisionOf(file, end));
    if (later.verdict === 'disallowed') problems.push(problem('changed-after-signing', { count: later.disallowed.length, technical: later.disallowed.join('; ') }));

    const timestamp = sig?.timestampToken ? await verifyTimestamp(sig.timestampToken, sig.signatureValue, [], opts.trust).catch(() => null) : null;
    if (sig?.timestampToken && !timestamp?.valid) problems.push(problem('timestamp-invalid'));
    const signedAt = timestamp?.valid ? timestamp.time : found.claimedTime ? vietnamIso(new Date(found.claimedTime)).replace(/\.\d+/, '') : null;
    const at = signedAt ? new Date(signedAt) : new Date();

    const pool = [...(sig?.certificates ?? []), ...dss.certificates, ...opts.trust].map(inspectCertificate);
    const chain = signer ? buildChain(signer, pool) : [];
    const trusted = chain.some((c) => opts.trust.some((t) => Buffer.compare(t, c.der) === 0));
    if (signer && !trusted) problems.push(problem(opts.trust.length === 0 ? 'no-trust-store' : 'untrusted'));
    const expired = chain.some((c) => at > c.notAfter || at < c.notBefore);
    if (expired) problems.push(problem('certificate-expired'));
    const { status: revocation, source: revocationSource } = signer ? await revocationOf(signer, chain[1], dss, opts) : { status: 'unknown' as const, source: 'none' as const };
    if (revocation === 'revoked') problems.push(problem('revoked'));
    // Not knowing is not the same as good: an intact signature without a revocation answer is not confirmed.
    if (signer && revocation === 'unknown') problems.push(problem('revocation-unknown'));

    const level = levelOf(found.subFilter, sig, timestamp, revocationSource, chain.length);
    const valid = integrity && valueOk && !problems.some((p) => p.code === 'signer-certificate-mismatch') && found.rangeProblems.length === 0 && later.verdict !== 'disallowed' && !expired && revocation !== 'revoked' && (!sig?.timestampToken || timestamp?.valid === true);
    reports.push({
      field: found.field,
      valid,
      integrity,
      coversWholeDocument: covers,
      laterChanges: later.verdict,
      signer: signer?.name ?? found.name,
      serial: signer?.serial ?? null,
      issuer: signer?.issuer.replace(/\n/g, ', ') ?? null,
      signedAt,
      level,
      subFilter: found.subFilter,
      timestamp,
      trusted,
      chain: chain.map((c) => c.name),
      revocation,
      revocationSource,
      problems,
      verdict: signatureVerdictOf(problems),
    });
  }
  return { signatures: reports, tailBytes: file.tailBytes };
}
