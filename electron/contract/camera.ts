// Cameras as devices (issue 19, item 1): a document camera or webcam in the renderer — the
// browser's own camera API in browser mode and in the Electron window — sends each photo it takes
// into the open draft. The camera itself never reaches the core: only its photo does, one JPEG per
// call, which the core checks (a real JPEG, its size, its pixel dimensions) and stores at once as
// a scanned page is, keeping it as the page's original.
//
// Why the bytes travel in the call (base64), against "pixels never pass through JSON": the photo
// exists only in the renderer, compressed, once; one call carries it under every transport
// (Electron IPC, the browser-mode WebSocket) with no second upload route to secure. The WebSocket's
// frame limit (CONTRACT_FRAME_MAX_BYTES) is sized for the largest photo allowed here.
import { z } from 'zod';
import { PageInfo } from './model';
import { PresetName } from './presets';
import { ImagingProfileName } from './imaging';

/** A 12 MP document camera's JPEG at high quality is 3–6 MB; twice that is still a photo. */
export const CAMERA_PHOTO_MAX_BYTES = 12 * 1024 * 1024;
/** Below this the page is not readable at all (a thumbnail sent by mistake, a broken camera mode). */
export const CAMERA_PHOTO_MIN_SIDE_PX = 480;
/** The longest base64 text the schema lets through: a megabyte beyond the limit, so that a photo
 * just too large gets the camera's own error (what to do about it), not a bare schema refusal. */
const JPEG_BASE64_MAX = Math.ceil(((CAMERA_PHOTO_MAX_BYTES + 1024 * 1024) * 4) / 3);
/** The largest call frame a transport must accept: the largest photo in base64, and room for the rest. */
export const CONTRACT_FRAME_MAX_BYTES = JPEG_BASE64_MAX + 64 * 1024;

const Id = z.string().trim().min(1).max(64);

export const CameraPhotoInput = z
  .object({
    /** The open draft to add the page to; absent: a new draft. */
    documentId: Id.optional(),
    /** The photo as the camera gave it: JPEG bytes in base64 (checked in the core: a real JPEG,
     * at most CAMERA_PHOTO_MAX_BYTES, at least CAMERA_PHOTO_MIN_SIDE_PX a side). */
    jpeg: z.string().min(1).max(JPEG_BASE64_MAX),
    /** The camera's name as the browser lists it, for the draft's source. */
    camera: z.string().trim().min(1).max(200).optional(),
    /** The paper under the camera: the page's resolution is taken from it (the longer side of
     * the photo over the paper's longer side) until the page outline is measured. */
    paper: PresetName.default('a4'),
    /** What the imaging pipeline does to the page (absent: `default`). */
    profile: ImagingProfileName.optional(),
  })
  .strict();
export type CameraPhotoInput = z.input<typeof CameraPhotoInput>;

export const CameraPhotoResult = z.object({
  /** The events about this draft's camera pages (scan.page-processed) carry this as their job. */
  jobId: z.string(),
  documentId: z.string(),
  /** The page as stored (on disk and in the database), before the imaging pipeline replaced it. */
  page: PageInfo,
});
export type CameraPhotoResult = z.infer<typeof CameraPhotoResult>;

/** The events of a draft's camera pages travel as one job per draft. */
export const cameraJobId = (documentId: string) => `camera:${documentId}`;

export const cameraMethods = {
  /** One photo from a camera into a draft, stored before the answer, then processed behind. */
  'capture.photo': { input: CameraPhotoInput, output: CameraPhotoResult },
} as const;
