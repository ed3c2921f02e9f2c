// Perspective correction: the page's quadrilateral in the photo mapped onto an upright rectangle
// of the size asked (the page's true size at the output resolution). One homography, bicubic.
import { type CameraCv, type CvMat, withMats } from './cv';
import type { Quad } from './types';

/** The rectangle `width`×`height` drawn from the quad of `src` (a new Mat the caller deletes). */
export function rectify(cv: CameraCv, src: CvMat, corners: Quad, width: number, height: number): CvMat {
  return withMats((keep) => {
    // OpenCV puts a pixel's centre on integers; the quad is in continuous coordinates (centre at +0.5)
    const from = keep(cv.matFromArray(4, 1, cv.CV_32FC2, corners.flatMap((p) => [p.x - 0.5, p.y - 0.5])));
    const to = keep(cv.matFromArray(4, 1, cv.CV_32FC2, [-0.5, -0.5, width - 0.5, -0.5, width - 0.5, height - 0.5, -0.5, height - 0.5]));
    const m = keep(cv.getPerspectiveTransform(from, to));
    const out = new cv.Mat();
    cv.warpPerspective(src, out, m, new cv.Size(width, height), cv.INTER_CUBIC, cv.BORDER_REPLICATE, new cv.Scalar(255, 255, 255, 255));
    return out;
  });
}
