// A photo from a camera into a draft (issue 19, item 1; contract/camera.ts): checked, then stored
// at once exactly as a scanner's page is — its JPEG streamed into the blob store and committed
// with its row before the answer (architecture principle 3: nothing is shown before it is kept),
// kept as the page's original until signing, and queued for the imaging pipeline behind.
//
// The page outline and perspective correction (another part of issue 19) plug in at ONE place,
// marked GEOMETRY below. Until then the photo is the page as it is, its resolution taken from the
// chosen paper size over the photo's longer side (photoDpi).
import { writeFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CAMERA_PHOTO_MAX_BYTES,
  CAMERA_PHOTO_MIN_SIDE_PX,
  type CameraPhotoResult,
  type EventSink,
  type MethodParsedInput,
  PAPER_PRESETS,
  cameraJobId,
} from '../../contract';
import { StationError, isStationError } from '../errors';
import { uuidv7 } from '../ids';
import type { BackgroundImaging } from '../imaging/background-imaging';
import { MAX_INPUT_PIXELS, openImage } from '../imaging/page-encoder';
import { profileFor } from '../imaging/profiles';
import { decodesCleanly, decoderDetail } from '../imaging/strict-decode';
import type { BlobStore } from '../records/blob-store';
import type { DocumentRepository } from '../records/documents';
import { vietnamIso } from '../time';
import { storeRawCapture } from './raw-capture';

export interface CameraPhotoDeps {
  readonly documents: DocumentRepository;
  readonly blobs: BlobStore;
  readonly background: BackgroundImaging;
  readonly spoolDir: string;
  /** A scan running into the same draft: a photo waits for it (the pages would interleave). */
  readonly isScanning: (documentId: string) => boolean;
  readonly changed: (documentId: string) => void;
}

/** The resolution a photo of the whole paper has: its longer side in pixels over the paper's in
 * inches (A4 when the paper is `auto`). Clamped to what the contract accepts for a page. */
export function photoDpi(widthPx: number, heightPx: number, paper: string): number {
  const size = PAPER_PRESETS[paper as keyof typeof PAPER_PRESETS] ?? PAPER_PRESETS.a4;
  const dpi = Math.round(Math.max(widthPx, heightPx) / (Math.max(size.width, size.height) / 25.4));
  return Math.min(1200, Math.max(50, dpi));
}

/** The bytes are a JPEG at all: its start-of-image marker, then a marker segment. */
const looksLikeJpeg = (b: Buffer) => b.length > 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;

export async function cameraPhoto(deps: CameraPhotoDeps, input: MethodParsedInput<'capture.photo'>, emit: EventSink): Promise<CameraPhotoResult> {
  const { documents, background } = deps;
  // The draft first: another person's draft answers as a missing one, before the bytes are looked at.
  const existing = input.documentId ? documents.resolveId(input.documentId, 'write') : null;
  if (existing) {
    if (documents.summary(existing)?.status !== 'draft') throw new StationError('document-not-draft', { id: existing });
    if (deps.isScanning(existing)) throw new StationError('scan-running', { id: existing });
  }

  const bytes = Buffer.from(input.jpeg, 'base64');
  if (bytes.length > CAMERA_PHOTO_MAX_BYTES)
    throw new StationError('camera-photo-too-large', { megabytes: Math.ceil(bytes.length / 1048576), limit: CAMERA_PHOTO_MAX_BYTES / 1048576 });
  if (!looksLikeJpeg(bytes)) throw new StationError('camera-photo-not-jpeg', { detail: 'no JPEG header', detail_vi: 'không có phần đầu JPEG' });

  await mkdir(deps.spoolDir, { recursive: true });
  const file = join(deps.spoolDir, `${uuidv7()}-camera.jpg`);
  await writeFile(file, bytes);
  let handedOver = false;
  try {
    const meta = await openImage({ file })
      .metadata()
      .catch((e: unknown) => Promise.reject(notJpeg(e, file)));
    if (meta.format !== 'jpeg') throw new StationError('camera-photo-not-jpeg', { detail: `a ${meta.format ?? 'unknown'} image`, detail_vi: `ảnh ${meta.format ?? 'không rõ loại'}` });
    const [w, h] = [meta.width ?? 0, meta.height ?? 0];
    if (Math.min(w, h) < CAMERA_PHOTO_MIN_SIDE_PX) throw new StationError('camera-photo-too-small', { width: w, height: h, min: CAMERA_PHOTO_MIN_SIDE_PX });
    if (w * h > MAX_INPUT_PIXELS) throw new StationError('image-too-large', { file: 'camera', pixels: w * h, limit: MAX_INPUT_PIXELS });
    // A photo cut short (a camera gone mid-transfer) is refused now, not found by the pipeline later.
    await decodesCleanly({ file }).catch((e: unknown) => Promise.reject(notJpeg(e, file)));

    const dpi = photoDpi(w, h, input.paper);
    const documentId = existing ?? uuidv7();
    if (!existing) {
      documents.createDraft(documentId, `camera:${input.camera ?? 'camera'}`, {}, vietnamIso());
      deps.changed(documentId);
    }
    const jobId = cameraJobId(documentId);
    // GEOMETRY: the page outline and perspective correction plug in here — `correctCameraPhoto(file,
    // { workDir, paper })` of core/camera/camera-page.ts (branch h-camera-geometry; ≈ 0.5–1 s, so
    // in its worker, not on this thread). The photo is committed raw below and stays the page's
    // original until signing; the corrected page (or a spread's two) should then replace its image
    // as the pipeline's result does (background-imaging.ts), recorded as a step of page_steps so
    // that a crash-resume and "back to the capture" derive it again from the photo — not by
    // storing the corrected file as if it were the capture (the photo would be lost as original).
    const held = background.hold();
    try {
      const stored = await storeRawCapture(file, 'color', deps.blobs);
      const page = background.commitRaw(documentId, documents.lastSeq(documentId) + 1, stored, { dpi, mode: 'color' }, profileFor(input.profile, input.paper).name);
      handedOver = true; // the pipeline reads the spool file and removes it
      background.queue(page.id, file, (e) => emit('scan.page-processed', { jobId, ...e, pages: [...e.pages] }));
      deps.changed(documentId);
      return { jobId, documentId, page };
    } catch (e) {
      if (!existing) documents.deleteEmptyDraft(documentId);
      throw e;
    } finally {
      held();
    }
  } finally {
    if (!handedOver) await rm(file, { force: true });
  }
}

/** The decoder's refusal, as the camera's error (the file's name is the station's, not the person's). */
function notJpeg(e: unknown, file: string): StationError {
  if (isStationError(e) && e.code !== 'import-damaged-image' && e.code !== 'import-unreadable') return e;
  const detail = isStationError(e) ? String(e.details.detail ?? e.code) : decoderDetail(e, file);
  return new StationError('camera-photo-not-jpeg', { detail, detail_vi: detail }, { cause: e });
}
