// Motion blur, measured: a photo taken while the page or the camera moved smears every stroke,
// and no later step gets the letters back. The measure is the variance of the Laplacian (the
// fine detail's energy) of the page as photographed, after a light Gaussian that takes the sensor
// noise out (noise is fine detail too), divided by the page's contrast squared so that faint ink
// and strong ink are judged alike. A page with almost no ink (blank, a cover) has no detail to
// judge and is not refused for it: the imaging's blank test speaks for such a page.
import { StationError } from '../errors';
import { type CameraCv, type CvMat, withMats } from './cv';

/** Below this a page is too smeared to read. Set on generated photos of 12 pt text at ≈ 145 dpi
 * (test/fixtures/camera-photos.ts): still ≈ 0.05, a 3 px smear ≈ 0.035, 5 px ≈ 0.02, 9 px and more
 * ≤ 0.019 — the line lies where OCR starts to lose letters. */
export const MIN_SHARPNESS = 0.02;
/** A page whose ink contrast (grey levels between its 2nd and 98th percentile) is under this has nothing to judge. */
const MIN_INK_CONTRAST = 40;

export interface Sharpness {
  readonly sharpness: number;
  readonly contrast: number;
}

/** `grey`: the page's grey pixels at the photo's own sampling. */
export function measureSharpness(cv: CameraCv, grey: CvMat): Sharpness {
  return withMats((keep) => {
    const smooth = keep(new cv.Mat());
    cv.GaussianBlur(grey, smooth, new cv.Size(0, 0), 1, 1);
    const lap = keep(new cv.Mat());
    cv.Laplacian(smooth, lap, cv.CV_64F, 3);
    const [mean, std] = [keep(new cv.Mat()), keep(new cv.Mat())];
    cv.meanStdDev(lap, mean, std);
    const variance = std.data64F[0]! ** 2;
    const hist = new Uint32Array(256);
    for (const v of grey.data) hist[v]!++;
    const at = (share: number) => {
      let acc = 0;
      for (let v = 0; v < 256; v++) if ((acc += hist[v]!) >= grey.data.length * share) return v;
      return 255;
    };
    const contrast = at(0.98) - at(0.02);
    return { sharpness: variance / Math.max(1, contrast) ** 2, contrast };
  });
}

export function checkSharpness(s: Sharpness, file: string): void {
  if (s.contrast >= MIN_INK_CONTRAST && s.sharpness < MIN_SHARPNESS) throw new StationError('camera-motion-blur', { file });
}
