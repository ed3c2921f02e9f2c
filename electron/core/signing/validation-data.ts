// PAdES B-LT: the validation data (certificates, OCSP responses, CRLs) of every chain involved,
// added in a Document Security Store (DSS) by an incremental update after the signature — an
// allowed change, so the signature stays valid.
import { PDFContext, type PDFDict, PDFName, PDFRawStream, type PDFRef } from 'pdf-lib';
import { type CertificateInfo, buildChain, inspectCertificate } from './certificates';
import { type Update, type UpdateBase, type UpdateObject, buildUpdate, serialiseObject } from './incremental';
import { checkRevocation } from './revocation';

export interface ValidationData {
  readonly certificates: readonly Buffer[];
  readonly ocsps: readonly Buffer[];
  readonly crls: readonly Buffer[];
  /** Certificates the evidence says are revoked (DER): a signature by one is not worth keeping. */
  readonly revoked: readonly Buffer[];
}

/** Gathers the revocation evidence for each certificate that has an issuer among those known. */
export async function collectValidationData(certificates: readonly Buffer[], trust: readonly Buffer[], timeoutMs = 5000): Promise<ValidationData> {
  const pool = [...new Map([...certificates, ...trust].map((d) => [d.toString('base64'), inspectCertificate(d)])).values()];
  const chains = new Set<CertificateInfo>();
  for (const c of pool) for (const link of buildChain(c, pool)) chains.add(link);
  const ocsps: Buffer[] = [];
  const crls: Buffer[] = [];
  const revoked: Buffer[] = [];
  for (const cert of chains) {
    if (cert.selfSigned) continue;
    const issuer = buildChain(cert, pool)[1];
    if (!issuer) continue;
    const result = await checkRevocation(cert, issuer, timeoutMs);
    if (result.evidence) (result.source === 'ocsp' ? ocsps : crls).push(result.evidence);
    if (result.status === 'revoked') revoked.push(cert.der);
  }
  return { certificates: [...chains].map((c) => c.der), ocsps, crls, revoked };
}

/** The update that adds a DSS to the catalog. */
export function dssUpdate(base: UpdateBase, catalog: PDFDict, catalogRef: PDFRef, data: ValidationData): Update {
  const ctx = PDFContext.create();
  ctx.largestObjectNumber = base.size - 1;
  const streams = (items: readonly Buffer[]) => items.map((der) => ctx.register(PDFRawStream.of(ctx.obj({ Length: der.length }), der)));
  const dss = ctx.register(ctx.obj({ Certs: streams(data.certificates), OCSPs: streams(data.ocsps), CRLs: streams(data.crls) }));
  const updated = catalog.clone(ctx);
  updated.set(PDFName.of('DSS'), dss);
  const objects: UpdateObject[] = ctx.enumerateIndirectObjects().map(([ref, obj]) => ({ number: ref.objectNumber, body: serialiseObject(obj) }));
  objects.push({ number: catalogRef.objectNumber, body: serialiseObject(updated) });
  return buildUpdate(base, objects);
}
