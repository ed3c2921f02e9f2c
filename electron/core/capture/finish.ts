// Saving a draft: the final metadata, the PDF/A record written from its pages, the document
// ready; then text recognition in the background, before returning, or not at all.
import { stationName } from '../auth/station-actor';
import { type DocumentDetail, type ImagingProfileName, Metadata, MetadataInput, type OcrStatus, invalidInput, ownerIdType } from '../../contract';
import { currentCaller } from '../auth/caller';
import { StationError } from '../errors';
import type { OcrQueue } from '../ocr/ocr-queue';
import { vietnamIso } from '../time';
import { type RecordDeps, makeRecord } from './make-record';

export interface FinishDeps extends RecordDeps {
  readonly isScanning: (documentId: string) => boolean;
  readonly ocr: OcrQueue;
  /** Waits until no page of the draft waits for the imaging pipeline (scans store pages as
   * captured and process them behind the scanner: imaging/background-imaging.ts). */
  readonly settled?: ((documentId: string) => Promise<void>) | undefined;
}

export interface FinishOptions {
  readonly digitizedBy?: string | undefined;
  readonly ocr: 'background' | 'wait' | 'skip';
  /** Imports: the imaging profile for image files (absent: the default). */
  readonly profile?: ImagingProfileName | undefined;
  /** Set only by the archive's review, as its second person approves: a document of an archive
   * batch is saved by that approval and by nothing else (four eyes). Never from the contract. */
  readonly approvedInReview?: true;
}

/** The stored metadata as input again (nulls dropped, derived fields left out). */
function asInput(m: Metadata): MetadataInput {
  const { ownerIdType: _derived, ...rest } = m;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null)) as MetadataInput;
}

function asMetadata(m: MetadataInput): Metadata {
  const values = m as Partial<Record<string, string>>;
  const metadata = Object.fromEntries(Object.keys(Metadata.shape).map((k) => [k, values[k] ?? null])) as Metadata;
  return { ...metadata, ownerIdType: m.ownerIdNumber ? ownerIdType(m.ownerIdNumber) : null };
}

/** Who converts the paper: the call's name, else the signed-in user, else the station's operator,
 * else the station itself by its agency (auth/station-actor.ts) — never the OS account. */
export function converterName(deps: RecordDeps, given: string | undefined): string {
  const caller = currentCaller();
  return given ?? (caller?.userId ? caller.name : null) ?? deps.settings().operatorName ?? stationName(deps.settings());
}

export async function finishDocument(deps: FinishDeps, idOrPrefix: string, changes: MetadataInput, opts: FinishOptions): Promise<DocumentDetail> {
  const { documents } = deps;
  const id = documents.resolveId(idOrPrefix);
  if (documents.summary(id)?.status !== 'draft') throw new StationError('document-not-draft', { id });
  if (documents.archiveState(id) !== null && !opts.approvedInReview) throw new StationError('archive-not-approved', { id });
  if (deps.isScanning(id)) throw new StationError('scan-running', { id });
  // The record is made from the pages as processed, never from a capture still waiting.
  await deps.settled?.(id);
  const doc = documents.get(id);
  if (!doc || doc.status !== 'draft') throw new StationError('document-not-draft', { id });
  if (deps.isScanning(id)) throw new StationError('scan-running', { id });
  if (doc.pages.length === 0) throw new StationError('document-empty', { id });

  // Check the metadata as a whole: a valid-until given now must still follow the issue date
  // given at the start of the scan.
  const merged = MetadataInput.safeParse({ ...asInput(doc.metadata), ...changes });
  if (!merged.success) throw new StationError('invalid-input', invalidInput(merged.error, ['metadata']).details ?? {});

  const digitizedAt = vietnamIso();
  const digitizedBy = converterName(deps, opts.digitizedBy);
  const texts = documents.pageTexts(id);
  const ocr: OcrStatus = opts.ocr === 'skip' ? 'skipped' : doc.pages.every((p) => texts.has(p.id)) ? 'done' : 'pending';
  const pdf = await makeRecord(deps, { ...doc, metadata: asMetadata(merged.data) }, { digitizedAt, digitizedBy, ocr, modifiedAt: digitizedAt });
  const { unitCode, level } = deps.settings();
  documents.finish(id, changes, pdf, { digitizedAt, digitizedBy, ocr, unitCode, level }, digitizedAt);

  if (ocr === 'pending') {
    const job = deps.ocr.enqueue(id);
    // A failure is recorded on the document (ocr: failed); the record itself is saved.
    if (opts.ocr === 'wait') await job.catch(() => undefined);
    else job.catch(() => undefined);
  }
  return documents.get(id)!;
}

/** Rewrites a ready record with the page text now known (after OCR). */
export async function rewriteRecord(deps: RecordDeps, id: string): Promise<boolean> {
  const doc = deps.documents.get(id);
  if (!doc || doc.status !== 'ready' || !doc.pdf || !doc.digitizedAt || !doc.digitizedBy) return false;
  const texts = deps.documents.pageTexts(id);
  const ocr: OcrStatus = doc.pages.every((p) => texts.has(p.id)) ? 'done' : 'failed';
  const now = vietnamIso();
  const pdf = await makeRecord(deps, doc, { digitizedAt: doc.digitizedAt, digitizedBy: doc.digitizedBy, ocr, modifiedAt: now });
  return deps.documents.replaceRecord(id, doc.pdf.sha256, pdf, ocr, now);
}
