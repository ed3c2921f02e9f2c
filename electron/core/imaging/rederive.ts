// "Apply these steps": a page derived again from its kept original — the pipeline's recorded
// automatic steps (EXIF orientation, quarter turns and deskew, crop), then the hand steps folded
// into one turn and one crop (hand-steps.ts) — and encoded as the pipeline encodes (apply.ts).
// libvips streams the pixels; JavaScript holds only the encoded outputs, and for a large page not
// even those (the image goes to a file in the work folder, as processPage does).
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type sharp from 'sharp';
import type { ColorMode } from '../../contract';
import type { Box } from './analysis';
import { LARGE_PAGE_PIXELS, type PageSteps, WHITE, encode, oriented, straightenLarge, thumbnail } from './apply';
import { type HandResult, type HandSteps, type Size, foldHandSteps } from './hand-steps';
import { type ImageInput, openImage } from './page-encoder';

export interface RederiveRequest {
  /** The kept original (a plaintext file: the blob store's materialised copy). */
  readonly original: ImageInput;
  /** The page's recorded steps; `hand` says what the person did. */
  readonly steps: PageSteps;
  readonly hand: HandSteps;
  readonly dpi: number;
  readonly workDir: string;
}

export interface Rederived {
  /** Bytes, or for a large page a file in the work folder (the caller stores and removes it). */
  readonly image: Buffer | { readonly file: string };
  readonly mediaType: 'image/jpeg' | 'image/tiff';
  readonly thumb: Buffer;
  readonly widthPx: number;
  readonly heightPx: number;
  readonly mode: ColorMode;
  readonly result: HandResult;
}

const workFile = (workDir: string, what: string, ext: string) => join(workDir, `${what}-${process.pid}-${Math.random().toString(36).slice(2)}.${ext}`);

/** One libvips pass: a turn (degrees, clockwise), then a crop. */
function pass(input: ImageInput, degrees: number, box: Box | null): sharp.Sharp {
  let image = openImage(input);
  if (degrees % 360 !== 0) image = image.rotate(degrees, { background: WHITE });
  if (box) image = image.extract(box);
  return image;
}

export async function rederive(req: RederiveRequest): Promise<Rederived> {
  const { steps, hand } = req;
  const meta = await openImage(req.original).metadata();
  // The stored image that became the original carries no EXIF (the encoder writes none).
  const exif = hand.base === 'capture' ? steps.exifOrientation : 1;
  const copy = await oriented(req.original, exif, req.workDir);
  const temps: string[] = [];
  try {
    const source: ImageInput = copy ? { file: copy.file } : req.original;
    const odd = exif >= 5;
    const capture: Size = { width: (odd ? meta.height : meta.width) ?? 0, height: (odd ? meta.width : meta.height) ?? 0 };
    const autoSize: Size = steps.crop
      ? { width: steps.crop.width, height: steps.crop.height }
      : steps.quarterTurns % 2 === 1
        ? { width: capture.height, height: capture.width }
        : capture;
    const result = foldHandSteps(hand, (automatic) => (automatic ? autoSize : capture));
    const autoDegrees = result.automatic ? steps.quarterTurns * 90 + steps.deskewDegrees : 0;
    const autoCrop = result.automatic ? steps.crop : null;
    const handIdentity = result.quarterTurns === 0 && result.crop === null;

    let image: sharp.Sharp;
    let from = source;
    let degrees = autoDegrees;
    // A large page turned by a small angle: the tiled work file of processPage (straightenLarge).
    if (autoDegrees % 360 !== 0 && steps.quarterTurns === 0 && capture.width * capture.height > LARGE_PAGE_PIXELS) {
      const straight = await straightenLarge(source, steps.deskewDegrees, req.workDir);
      temps.push(straight);
      from = { file: straight };
      degrees = 0;
    }
    if (handIdentity) image = pass(from, degrees, autoCrop);
    else {
      if (degrees % 360 !== 0 || autoCrop) {
        // sharp makes one turn per pass: the automatic result goes to a lossless tiled work file,
        // and the hand's turn and crop read it in tiles.
        const automatic = workFile(req.workDir, 'automatic', 'tif');
        temps.push(automatic);
        await pass(from, degrees, autoCrop).tiff({ compression: 'none', tile: true, tileWidth: 256, tileHeight: 256 }).toFile(automatic);
        from = { file: automatic };
      }
      image = pass(from, result.quarterTurns * 90, result.crop);
    }
    if (meta.hasAlpha) image = image.flatten({ background: WHITE });

    // Back to the capture is its captured mode; otherwise the pipeline's colour policy stands.
    const mode = result.automatic || hand.base === 'stored' ? steps.storedMode : steps.capturedMode;
    const size = result.size;
    const large = size.width * size.height > LARGE_PAGE_PIXELS;
    const file = large ? workFile(req.workDir, 'page', mode === 'bw' ? 'tif' : 'jpg') : null;
    try {
      const encoded = await encode(image, mode, size.height, req.dpi, file);
      const thumb = await thumbnail(file ?? encoded.data!, mode);
      return { image: file ? { file } : encoded.data!, mediaType: encoded.mediaType, thumb, widthPx: encoded.width, heightPx: encoded.height, mode, result };
    } catch (e) {
      if (file) await rm(file, { force: true });
      throw e;
    }
  } finally {
    await copy?.cleanup();
    await Promise.all(temps.map((f) => rm(f, { force: true })));
  }
}
