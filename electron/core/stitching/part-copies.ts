// What the registration reads of a part: its facts (size, dpi, colour mode) and grey copies made by
// sharp — the whole part reduced to a working resolution, or one window of it at a higher one.
// Never a whole full-resolution part in memory (an A3 part at 300 dpi is 17 Mpx; A0 takes many).
import sharp from 'sharp';
import type { PartImage } from './types';

export interface GreyImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
  /** Copy pixels per part pixel, on each axis (the copy's size is rounded to whole pixels). */
  readonly scaleX: number;
  readonly scaleY: number;
  /** Where the copy starts in the part, in part pixels (0 for a whole copy): copy pixel x covers
   * part pixels from originX + x / scaleX to originX + (x + 1) / scaleX. */
  readonly originX: number;
  readonly originY: number;
}

/** A window of a part, in whole part pixels. */
export interface PartWindow {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface PartFacts {
  readonly widthPx: number;
  readonly heightPx: number;
  readonly mode: 'color' | 'gray';
}

/** The part's pixel size and colour mode, from the file's header (no pixels decoded). */
export async function partFacts(part: PartImage): Promise<PartFacts> {
  const meta = await sharp(part.path).metadata();
  const channels = (meta.channels ?? 1) - (meta.hasAlpha ? 1 : 0);
  return { widthPx: meta.width ?? part.widthPx, heightPx: meta.height ?? part.heightPx, mode: channels >= 3 ? 'color' : 'gray' };
}

/** The size of the part scaled by `scale`, in whole pixels. */
export function scaledSize(part: PartFacts, scale: number): { width: number; height: number } {
  return { width: Math.max(1, Math.round(part.widthPx * scale)), height: Math.max(1, Math.round(part.heightPx * scale)) };
}

/** A grey copy of the part, or of one window of it, at `scale` (1: the part's own resolution).
 * The window is cut before scaling: only its pixels are kept and resampled. */
export async function greyCopy(part: PartImage, facts: PartFacts, scale: number, window?: PartWindow): Promise<GreyImage> {
  const area = window ?? { left: 0, top: 0, width: facts.widthPx, height: facts.heightPx };
  const size = scaledSize({ widthPx: area.width, heightPx: area.height, mode: facts.mode }, scale);
  let image = sharp(part.path, { limitInputPixels: false }).greyscale();
  if (window) image = image.extract(window);
  if (size.width !== area.width || size.height !== area.height) image = image.resize(size.width, size.height, { fit: 'fill', kernel: 'lanczos3' });
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  // sharp keeps one channel for greyscale output; take it alone if it ever gives more.
  const grey = info.channels === 1 ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : Uint8Array.from({ length: info.width * info.height }, (_, i) => data[i * info.channels]!);
  return { width: info.width, height: info.height, data: grey, scaleX: size.width / area.width, scaleY: size.height / area.height, originX: area.left, originY: area.top };
}

/** The share of the image that is ink: pixels well darker than the paper (the brightest common
 * level). A blank part has almost none: the lid's grey and the noise are not that dark. */
export function inkShare(image: GreyImage): number {
  const histogram = new Uint32Array(256);
  for (const v of image.data) histogram[v]!++;
  // The paper: the level below which 90% of the pixels lie is still paper on a written sheet.
  let seen = 0;
  let paper = 255;
  for (let v = 0; v < 256; v++) {
    seen += histogram[v]!;
    if (seen >= image.data.length * 0.9) {
      paper = v;
      break;
    }
  }
  let ink = 0;
  for (let v = 0; v < Math.max(0, paper - 80); v++) ink += histogram[v]!;
  return ink / image.data.length;
}
