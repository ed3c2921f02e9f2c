// A photo of the page as JPEG bytes for capture.photo (contract/camera.ts): the camera's full
// sensor through ImageCapture.takePhoto() where the browser offers it, else the video's own frame
// drawn on a canvas. Whatever the camera gives (some send PNG) is made a JPEG here, since the
// station keeps the photo as the page's original in one format.
const QUALITY = 0.92;
/** A camera that does not answer takePhoto in this time is read from its video instead. */
const TAKE_PHOTO_MS = 4000;

function canvasJpeg(source: CanvasImageSource, width: number, height: number): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return Promise.reject(new Error('no canvas'));
  ctx.drawImage(source, 0, 0, width, height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the frame could not be encoded'))), 'image/jpeg', QUALITY));
}

async function fullSensor(track: MediaStreamTrack): Promise<Blob | null> {
  if (typeof ImageCapture !== 'function') return null;
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), TAKE_PHOTO_MS));
  const photo = await Promise.race([new ImageCapture(track).takePhoto().catch(() => null), timeout]);
  if (!photo || photo.type === 'image/jpeg') return photo;
  const bitmap = await createImageBitmap(photo);
  try {
    return await canvasJpeg(bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}

/** The page now, as JPEG bytes in base64. */
export async function takePhoto(video: HTMLVideoElement, track: MediaStreamTrack | null): Promise<string> {
  if (video.videoWidth === 0 && (!track || track.readyState !== 'live')) throw new Error('the camera sends no picture');
  const blob = (track && track.readyState === 'live' ? await fullSensor(track) : null) ?? (await canvasJpeg(video, video.videoWidth, video.videoHeight));
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
