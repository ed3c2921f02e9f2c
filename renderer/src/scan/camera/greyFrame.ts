// The live view's picture, small and grey, for the stillness watch (stillness.ts, kept free of the DOM).
/** A video's current picture as small grey levels, for StillnessWatch. */
export function greyFrame(video: HTMLVideoElement, canvas: HTMLCanvasElement): Uint8Array | null {
  if (video.readyState < 2 || video.videoWidth === 0) return null;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return null;
  ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
  const rgba = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  const grey = new Uint8Array(canvas.width * canvas.height);
  for (let i = 0, j = 0; j < grey.length; i += 4, j++) grey[j] = (rgba[i]! * 77 + rgba[i + 1]! * 150 + rgba[i + 2]! * 29) >> 8;
  return grey;
}
