// Evening the light on a corrected page: a desk lamp's hot spot and the shadow of the camera's arm
// or of the person multiply the paper's brightness, so each pixel is divided by an estimate of the
// light that fell on it. The estimate is the page with its ink taken away: a morphological
// closing (the brightest value around each point, then the darkest of those) removes strokes
// narrower than its window, which a plain heavy blur would not — over a dense block of text a blur
// averages the ink in and leaves a grey halo. Closing and a light blur run on an eighth-size copy
// (the light changes slowly; a 1/8 copy makes it 60 times cheaper) and the estimate is scaled back up.
import { type CameraCv, type CvMat, withMats } from './cv';

const REDUCE = 8;
/** The closing's window at 1/8 size: 9 px there is ≈ 9 mm at 200 dpi, wider than any letter. */
const CLOSE_PX = 9;

/** The light falling on the page, one channel per channel of `page` (a new Mat the caller deletes). */
export function lightEstimate(cv: CameraCv, page: CvMat): CvMat {
  return withMats((keep) => {
    const small = keep(new cv.Mat());
    const size = new cv.Size(Math.max(1, Math.round(page.cols / REDUCE)), Math.max(1, Math.round(page.rows / REDUCE)));
    cv.resize(page, small, size, 0, 0, cv.INTER_AREA);
    cv.morphologyEx(small, small, cv.MORPH_CLOSE, keep(cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(CLOSE_PX, CLOSE_PX))));
    cv.GaussianBlur(small, small, new cv.Size(0, 0), 3, 3);
    const full = new cv.Mat();
    cv.resize(small, full, new cv.Size(page.cols, page.rows), 0, 0, cv.INTER_LINEAR);
    return full;
  });
}

/** `page` divided by its light: the paper becomes white, the ink keeps its share of the paper's brightness. */
export function evenLight(cv: CameraCv, page: CvMat, light: CvMat): CvMat {
  const out = new cv.Mat();
  // 250, not 255: paper at 250 stays paper after JPEG, and the imaging's blank test sees its grain
  cv.divide(page, light, out, 250, -1);
  return out;
}
