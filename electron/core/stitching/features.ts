// Feature matching between parts on their reduced copies (OpenCV's ORB: corners with binary
// descriptors that do not care how a part was turned), then OpenCV's RANSAC for the pair's motion.
// RANSAC fits a general affine motion (the build has no partial-affine estimator); the inliers it
// finds are refitted as a rigid motion (the dpi fixes the scale) and kept only if they agree with
// it, and a pair whose affine fit is not close to rigid (scale, shear) is refused: that is not the
// same sheet at the same dpi, or the matches are chance.
import { type CvMat, type OpenCv, withMats } from './opencv';
import type { GreyImage } from './part-copies';
import { type Point, type Rigid, apply, distance, fitRigid, wrap } from './rigid';

export interface PartFeatures {
  /** Keypoints in part pixels at full resolution (continuous coordinates). */
  readonly points: Point[];
  /** ORB descriptors, one row per point (owned: call release). */
  readonly descriptors: CvMat;
  /** Keypoint positions in copy pixels, for the RANSAC threshold's scale. */
  readonly scale: number;
}

/** A part's features, and the strongest few of them for the screen of which pairs overlap. */
export interface DetectedFeatures extends PartFeatures {
  /** The SCREEN_FEATURES keypoints with the highest corner response (owned: call release). */
  readonly strongest: PartFeatures;
}

/** Features a part's screen uses: (400 / 1500)² of the full match's work a pair. */
export const SCREEN_FEATURES = 400;

/** Lets go of a part's descriptors (OpenCV's memory is not collected). */
export function releaseFeatures(f: DetectedFeatures): void {
  f.descriptors.delete();
  f.strongest.descriptors.delete();
}

/** ORB keypoints of a reduced grey copy; positions converted to full-resolution part pixels. */
export function detect(cv: OpenCv, copy: GreyImage, maxFeatures = 4000): DetectedFeatures {
  return withMats((keep) => {
    const image = keep(new cv.Mat(copy.height, copy.width, cv.CV_8UC1));
    image.data.set(copy.data);
    const orb = keep(new cv.ORB(maxFeatures, 1.2, 4, 31, 0, 2, cv.ORB_HARRIS_SCORE, 31, 12));
    const keypoints = keep(new cv.KeyPointVector());
    const mask = keep(new cv.Mat());
    const descriptors = new cv.Mat();
    orb.detectAndCompute(image, mask, keypoints, descriptors);
    const points: Point[] = [];
    const responses: number[] = [];
    for (let i = 0; i < keypoints.size(); i++) {
      const k = keypoints.get(i);
      // OpenCV's pixel centres are whole numbers; ours are at +0.5 (rigid.ts).
      points.push([(k.pt.x + 0.5) / copy.scaleX, (k.pt.y + 0.5) / copy.scaleY]);
      responses.push(k.response);
    }
    const rows = Array.from(points.keys()).sort((a, b) => responses[b]! - responses[a]!).slice(0, SCREEN_FEATURES);
    const width = descriptors.cols;
    const strong = new cv.Mat(rows.length, width, cv.CV_8UC1);
    rows.forEach((row, n) => strong.data.set(descriptors.data.subarray(row * width, (row + 1) * width), n * width));
    return { points, descriptors, scale: copy.scaleX, strongest: { points: rows.map((row) => points[row]!), descriptors: strong, scale: copy.scaleX } };
  });
}

export interface PairMatch {
  /** The two parts (indexes into the registration's list); `relative` carries j's pixels into i's. */
  readonly i: number;
  readonly j: number;
  readonly relative: Rigid;
  /** Inlier correspondences, full-resolution continuous pixels: inI[k] in part i is inJ[k] in part j. */
  readonly inI: Point[];
  readonly inJ: Point[];
  /** Matches that passed the ratio test, and how many of them the rigid motion explains. */
  readonly matches: number;
  readonly inliers: number;
  /** RMS distance of the inliers under the rigid motion, full-resolution pixels. */
  readonly residualPx: number;
}

export interface MatchLimits {
  /** Fewest inliers for a pair to count as overlapping. */
  readonly minInliers: number;
  /** RANSAC and inlier threshold, in reduced-copy pixels. */
  readonly thresholdCopyPx: number;
}

const DEFAULT_LIMITS: MatchLimits = { minInliers: 16, thresholdCopyPx: 2.5 };
/** The screen's: fewer features, so fewer inliers from an overlap that has them all. */
export const SCREEN_LIMITS: MatchLimits = { minInliers: 8, thresholdCopyPx: 2.5 };

/** A correspondence before the motion is fitted: inJ in part j is inI in part i, perhaps. */
export interface Candidate {
  readonly inJ: Point;
  readonly inI: Point;
}

/** Matches two parts' features; null when they share too little to be placed against each other. */
export function matchPair(cv: OpenCv, i: number, a: PartFeatures, j: number, b: PartFeatures, limits: MatchLimits = DEFAULT_LIMITS): PairMatch | null {
  if (a.points.length < limits.minInliers || b.points.length < limits.minInliers) return null;
  const candidates = withMats((keep) => {
    const matcher = keep(new cv.BFMatcher(cv.NORM_HAMMING, false));
    const knn = keep(new cv.DMatchVectorVector());
    matcher.knnMatch(b.descriptors, a.descriptors, knn, 2);
    const pairs: Candidate[] = [];
    for (let k = 0; k < knn.size(); k++) {
      const m = knn.get(k);
      if (m.size() < 2) continue;
      const best = m.get(0);
      const second = m.get(1);
      // Lowe's ratio test: a corner of text repeats on a page; keep only the distinctive matches.
      if (best.distance < RATIO * second.distance) pairs.push({ inJ: b.points[best.queryIdx]!, inI: a.points[best.trainIdx]! });
    }
    return pairs;
  });
  return fitMotion(cv, i, j, candidates, a.scale, limits);
}

/** Lowe's ratio: the best match must be this much closer than the second. */
export const RATIO = 0.8;

/** The pair's rigid motion from candidate correspondences (RANSAC, then a rigid refit); null when
 * too few agree or the fit is not a rotation at the same scale. */
export function fitMotion(cv: OpenCv, i: number, j: number, candidates: readonly Candidate[], scale: number, limits: MatchLimits = DEFAULT_LIMITS): PairMatch | null {
  if (candidates.length < limits.minInliers) return null;
  const threshold = limits.thresholdCopyPx / scale;
  const mask = withMats((keep) => {
    const from = keep(cv.matFromArray(candidates.length, 1, cv.CV_32FC2, candidates.flatMap((c) => [c.inJ[0], c.inJ[1]])));
    const to = keep(cv.matFromArray(candidates.length, 1, cv.CV_32FC2, candidates.flatMap((c) => [c.inI[0], c.inI[1]])));
    const inliers = keep(new cv.Mat());
    const affine = keep(cv.estimateAffine2D(from, to, inliers, cv.RANSAC, threshold, 4000, 0.995, 10));
    if (affine.rows !== 2) return null;
    const [p, q, , r, s] = affine.data64F;
    // Close to a rotation at the same scale: column lengths near 1, columns near perpendicular.
    const sx = Math.hypot(p!, r!);
    const sy = Math.hypot(q!, s!);
    const shear = (p! * q! + r! * s!) / (sx * sy);
    if (Math.abs(sx - 1) > 0.04 || Math.abs(sy - 1) > 0.04 || Math.abs(shear) > 0.04) return null;
    return Array.from(inliers.data.slice(0, candidates.length), (v) => v !== 0);
  });
  if (!mask) return null;
  let kept = candidates.filter((_, k) => mask[k]);
  if (kept.length < limits.minInliers) return null;
  // Rigid refit and re-selection: the inliers the rigid motion explains within the threshold.
  let relative = fitRigid(kept.map((c) => c.inJ), kept.map((c) => c.inI));
  for (let round = 0; round < 3; round++) {
    const explained = candidates.filter((c) => distance(apply(relative, c.inJ), c.inI) < threshold);
    if (explained.length < limits.minInliers) return null;
    kept = explained;
    relative = fitRigid(kept.map((c) => c.inJ), kept.map((c) => c.inI));
  }
  const residual = Math.sqrt(kept.reduce((s, c) => s + distance(apply(relative, c.inJ), c.inI) ** 2, 0) / kept.length);
  return {
    i,
    j,
    relative: { ...relative, theta: wrap(relative.theta) },
    inI: kept.map((c) => c.inI),
    inJ: kept.map((c) => c.inJ),
    matches: candidates.length,
    inliers: kept.length,
    residualPx: residual,
  };
}
