// OpenCV's WebAssembly build (@techstark/opencv-js), loaded once per process: the same code runs in
// the Electron app on Windows and here, with no native build. Only the few calls the registration
// uses are typed below (the package's own typings are mostly `any`), so the rest of the station
// never touches an untyped value.
//
// The build is an old-style Emscripten module: it adds process-wide 'uncaughtException' and
// 'unhandledRejection' listeners (the latter aborts the WebAssembly runtime) and is a "thenable"
// that would hang an `await`. The loader removes the listeners it added and hands the module out
// wrapped, never as the resolution value of a promise.
import { createRequire } from 'node:module';

export interface CvMat {
  readonly rows: number;
  readonly cols: number;
  readonly data: Uint8Array;
  readonly data32F: Float32Array;
  readonly data64F: Float64Array;
  delete(): void;
}
export interface CvKeyPoint {
  readonly pt: { readonly x: number; readonly y: number };
  readonly response: number;
}
export interface CvVector<T> {
  size(): number;
  get(i: number): T;
  delete(): void;
}
export interface CvDMatch {
  readonly queryIdx: number;
  readonly trainIdx: number;
  readonly distance: number;
}
export interface CvOrb {
  detectAndCompute(image: CvMat, mask: CvMat, keypoints: CvVector<CvKeyPoint>, descriptors: CvMat): void;
  delete(): void;
}
export interface CvMatcher {
  knnMatch(query: CvMat, train: CvMat, matches: CvVector<CvVector<CvDMatch>>, k: number): void;
  delete(): void;
}
export interface CvTermCriteria {
  readonly type: number;
}

export interface OpenCv {
  Mat: { new (): CvMat; new (rows: number, cols: number, type: number): CvMat };
  matFromArray(rows: number, cols: number, type: number, values: ArrayLike<number>): CvMat;
  KeyPointVector: new () => CvVector<CvKeyPoint>;
  DMatchVectorVector: new () => CvVector<CvVector<CvDMatch>>;
  ORB: new (nfeatures: number, scaleFactor: number, nlevels: number, edgeThreshold: number, firstLevel: number, wtaK: number, scoreType: number, patchSize: number, fastThreshold: number) => CvOrb;
  BFMatcher: new (normType: number, crossCheck: boolean) => CvMatcher;
  TermCriteria: new (type: number, maxCount: number, epsilon: number) => CvTermCriteria;
  estimateAffine2D(from: CvMat, to: CvMat, inliers: CvMat, method: number, threshold: number, maxIters: number, confidence: number, refineIters: number): CvMat;
  findTransformECC(template: CvMat, input: CvMat, warp: CvMat, motionType: number, criteria: CvTermCriteria, mask: CvMat, gaussFiltSize: number): number;
  readonly CV_8UC1: number;
  readonly CV_32FC1: number;
  readonly CV_32FC2: number;
  readonly CV_64FC1: number;
  readonly NORM_HAMMING: number;
  readonly RANSAC: number;
  readonly MOTION_EUCLIDEAN: number;
  readonly TermCriteria_COUNT: number;
  readonly TermCriteria_EPS: number;
  readonly ORB_HARRIS_SCORE: number;
}

let loading: Promise<{ cv: OpenCv }> | null = null;

/** The OpenCV module, loaded on first use (about a quarter of a second and ~100 MB of WebAssembly memory). */
export async function openCv(): Promise<OpenCv> {
  loading ??= new Promise<{ cv: OpenCv }>((resolve, reject) => {
    const before = { exception: process.listeners('uncaughtException'), rejection: process.listeners('unhandledRejection') };
    const dropAdded = () => {
      for (const l of process.listeners('uncaughtException')) if (!before.exception.includes(l)) process.removeListener('uncaughtException', l);
      for (const l of process.listeners('unhandledRejection')) if (!before.rejection.includes(l)) process.removeListener('unhandledRejection', l);
    };
    try {
      const module = createRequire(import.meta.url)('@techstark/opencv-js') as OpenCv & { onRuntimeInitialized?: () => void; then?: unknown };
      dropAdded();
      const ready = () => {
        dropAdded();
        delete module.then; // never let an await adopt it
        resolve({ cv: module });
      };
      if (typeof module.Mat === 'function' && typeof module.ORB === 'function') ready();
      else module.onRuntimeInitialized = ready;
    } catch (e) {
      dropAdded();
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
  return (await loading).cv;
}

/** Runs `work` with the Mats it registers, deleting them all afterwards (WebAssembly memory is not collected). */
export function withMats<T>(work: (keep: <M extends { delete(): void }>(m: M) => M) => T): T {
  const kept: { delete(): void }[] = [];
  try {
    return work((m) => {
      kept.push(m);
      return m;
    });
  } finally {
    for (const m of kept.reverse()) m.delete();
  }
}
