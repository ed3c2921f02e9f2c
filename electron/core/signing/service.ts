// Signing and verification as the station offers them: a stored document's record (the signed
// record replaces it in the store, with the signature recorded), or any PDF file on disk; and the
// verification of either. The key is opened for one request and closed after it.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { type DocumentDetail, type FileRef, type Settings, type SignRequest, type VerifyReport, fileVerdictOf, signatureAccepted } from '../../contract';
import { StationError, errorMessage } from '../errors';
import type { OcrQueue } from '../ocr/ocr-queue';
import type { BlobStore } from '../records/blob-store';
import type { DocumentRepository } from '../records/documents';
import { writeOutputFile } from '../records/output-file';
import { vietnamIso } from '../time';
import { loadTrustAnchors, openSigningKey } from './keys';
import { type SignOptions, type SignResult, signPdf } from './sign-pdf';
import { collectValidationData } from './validation-data';
import { verifyPdf } from './verify-pdf';
import type { SigningKey } from './cms';

export interface SigningDeps {
  readonly documents: DocumentRepository;
  readonly blobs: BlobStore;
  readonly ocr: OcrQueue;
  readonly assetsDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly settings: () => Settings;
  /** The token library the person signing chose (their preferences), used when a request names none. */
  readonly preferredModule: () => string | null;
  /** Whether another process uses the data folder (it may be recognising a document's text). */
  readonly othersAlive: () => boolean;
  readonly changed: (documentId: string) => void;
}

/** The request's choices over the station's defaults: B-T when a TSA is known, else B-B. */
function signOptions(req: SignRequest, key: SigningKey, settings: Settings, assetsDir: string): SignOptions {
  const tsaUrl = req.tsaUrl ?? settings.tsaUrl ?? undefined;
  const visible = req.visible ?? settings.signatureVisible;
  return {
    key,
    format: req.format ?? settings.signatureFormat,
    level: req.level ?? settings.signatureLevel ?? (tsaUrl ? 'B-T' : 'B-B'),
    tsaUrl,
    appearance: visible ? { agency: settings.agencyName, position: req.position ?? settings.signaturePosition } : null,
    reason: req.reason,
    assetsDir,
    // The trust store is read only for B-LT (its roots go into the DSS): a broken entry in it
    // must not stop a B-B or B-T signature.
    validationData: async (certificates) => collectValidationData(certificates, await loadTrustAnchors(settings.trustStore)),
  };
}

async function withKey<T>(deps: SigningDeps, req: SignRequest, work: (opts: SignOptions) => Promise<T>): Promise<T> {
  const settings = deps.settings();
  const key = await openSigningKey(req.key, settings, deps.env, deps.preferredModule());
  try {
    return await work(signOptions(req, key, settings, deps.assetsDir));
  } finally {
    await key.close();
  }
}

function* signedBytes(original: Uint8Array, result: SignResult): Generator<Uint8Array> {
  yield original;
  yield* result.appended;
}

/** Text recognition rewrites the record, so a record is signed only once its text is in. */
async function settleOcr(deps: SigningDeps, id: string): Promise<void> {
  const ocrState = () => deps.documents.summary(id)?.ocr;
  if (ocrState() !== 'pending') return;
  if (!deps.ocr.running(id) && deps.othersAlive()) throw new StationError('ocr-pending', { id });
  await deps.ocr.enqueue(id).catch(() => undefined); // a failure leaves the record as it is: signable
  if (ocrState() === 'pending') throw new StationError('ocr-pending', { id });
}

export async function signDocument(deps: SigningDeps, idOrPrefix: string, req: SignRequest): Promise<DocumentDetail> {
  const { documents, blobs } = deps;
  const id = documents.resolveId(idOrPrefix);
  const before = documents.summary(id);
  if (before?.status !== 'ready' || !before.pdf) throw new StationError('document-not-ready', { id });
  const archived = documents.archiveState(id);
  if (archived !== null && archived !== 'approved') throw new StationError('archive-not-approved', { id });
  await settleOcr(deps, id);
  const expected = documents.summary(id)!.pdf!.sha256;
  const original = await blobs.readVerified(expected);
  const result = await withKey(deps, req, (opts) => signPdf(original, opts));
  const stored = await blobs.write((async function* () {
    yield* signedBytes(original, result);
  })());
  const { field, signer, serial, issuer, signedAt, level, subFilter } = result;
  if (!documents.addSignature(id, expected, stored, { field, signer, serial, issuer, signedAt, level, subFilter }, vietnamIso()))
    throw new StationError('signing-failed', {
      detail: 'the record changed while it was being signed; sign again',
      detail_vi: 'bản lưu đã thay đổi trong khi ký; hãy ký lại',
    });
  deps.changed(id);
  return documents.get(id)!;
}

async function readPdfFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    throw new StationError('import-unreadable', { file: path, detail: errorMessage(e) }, { cause: e });
  }
}

export async function signFile(
  deps: SigningDeps,
  path: string,
  out: string,
  overwrite: boolean,
  req: SignRequest,
): Promise<FileRef & { path: string; signer: string; signedAt: string; level: string }> {
  const original = await readPdfFile(path);
  const result = await withKey(deps, req, (opts) => signPdf(original, opts));
  const written = await writeOutputFile(out, signedBytes(original, result), { overwrite });
  return { ...written, signer: result.signer, signedAt: result.signedAt, level: result.level };
}

/** How a verification is asked for: extra authorities, online revocation, untrusted accepted. */
export interface VerifyChoices {
  readonly trust?: string[] | undefined;
  readonly online?: boolean | undefined;
  readonly allowUntrusted?: boolean | undefined;
}

async function verifyBytes(deps: SigningDeps, bytes: Uint8Array, file: string, opts: VerifyChoices): Promise<VerifyReport> {
  const trust = await loadTrustAnchors([...deps.settings().trustStore, ...(opts.trust ?? [])]);
  const { signatures, tailBytes } = await verifyPdf(bytes, { trust, online: opts.online ?? true });
  // Valid: there is something to rely on and every signature is confirmed — intact, vouched for
  // by an authority the station (or the caller) trusts, not revoked — unless the caller accepts
  // signers not vouched for. The verdict, the CLI's line and its exit status all follow from this.
  const allowUntrusted = opts.allowUntrusted ?? false;
  const valid = signatures.length > 0 && signatures.every((s) => signatureAccepted(s, allowUntrusted));
  return {
    file,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    valid,
    verdict: fileVerdictOf(signatures),
    trustAnchors: trust.length,
    allowUntrusted,
    tailBytes,
    signatures: signatures.map((s) => ({ ...s, chain: [...s.chain], problems: [...s.problems] })),
  };
}

export async function verifyFile(deps: SigningDeps, path: string, opts: VerifyChoices): Promise<VerifyReport> {
  return verifyBytes(deps, await readPdfFile(path), path, opts);
}

export async function verifyDocument(deps: SigningDeps, idOrPrefix: string, opts: VerifyChoices): Promise<VerifyReport> {
  const id = deps.documents.resolveId(idOrPrefix);
  const pdf = deps.documents.summary(id)?.pdf;
  if (!pdf) throw new StationError('document-not-ready', { id });
  return verifyBytes(deps, await deps.blobs.readVerified(pdf.sha256), id, opts);
}
