// The OpenCV calls the camera's page geometry uses, typed (the package's own typings are mostly
// `any`), on the same WebAssembly module the stitching loads (stitching/opencv.ts): one module per
// process, one loader. Pixels cross between sharp and OpenCV as raw 8-bit buffers.
import { type CvMat, openCv, withMats } from '../stitching/opencv';

export { withMats };
export type { CvMat };

export interface CvSize {
  readonly width: number;
  readonly height: number;
}
export interface CvMatVector {
  size(): number;
  get(i: number): CvMat;
  delete(): void;
}

export interface CameraCv {
  Mat: { new (): CvMat; new (rows: number, cols: number, type: number): CvMat };
  MatVector: new () => CvMatVector;
  Size: new (width: number, height: number) => CvSize;
  Point: new (x: number, y: number) => { x: number; y: number };
  Scalar: new (...v: number[]) => unknown;
  matFromArray(rows: number, cols: number, type: number, values: ArrayLike<number>): CvMat;
  cvtColor(src: CvMat, dst: CvMat, code: number): void;
  resize(src: CvMat, dst: CvMat, size: CvSize, fx: number, fy: number, interpolation: number): void;
  GaussianBlur(src: CvMat, dst: CvMat, size: CvSize, sigmaX: number, sigmaY: number): void;
  threshold(src: CvMat, dst: CvMat, thresh: number, maxval: number, type: number): number;
  getStructuringElement(shape: number, size: CvSize): CvMat;
  morphologyEx(src: CvMat, dst: CvMat, op: number, kernel: CvMat): void;
  findContours(image: CvMat, contours: CvMatVector, hierarchy: CvMat, mode: number, method: number): void;
  contourArea(contour: CvMat): number;
  arcLength(curve: CvMat, closed: boolean): number;
  approxPolyDP(curve: CvMat, approx: CvMat, epsilon: number, closed: boolean): void;
  convexHull(points: CvMat, hull: CvMat, clockwise: boolean, returnPoints: boolean): void;
  getPerspectiveTransform(src: CvMat, dst: CvMat): CvMat;
  warpPerspective(src: CvMat, dst: CvMat, m: CvMat, size: CvSize, flags: number, borderMode: number, borderValue: unknown): void;
  Laplacian(src: CvMat, dst: CvMat, ddepth: number, ksize: number): void;
  meanStdDev(src: CvMat, mean: CvMat, stddev: CvMat): void;
  divide(src1: CvMat, src2: CvMat, dst: CvMat, scale: number, dtype: number): void;
  readonly CV_8UC1: number;
  readonly CV_8UC3: number;
  readonly CV_8UC4: number;
  readonly CV_16S: number;
  readonly CV_32FC2: number;
  readonly CV_64F: number;
  readonly COLOR_RGB2GRAY: number;
  readonly INTER_AREA: number;
  readonly INTER_LINEAR: number;
  readonly INTER_CUBIC: number;
  readonly THRESH_BINARY: number;
  readonly THRESH_OTSU: number;
  readonly MORPH_RECT: number;
  readonly MORPH_CLOSE: number;
  readonly MORPH_OPEN: number;
  readonly RETR_EXTERNAL: number;
  readonly CHAIN_APPROX_NONE: number;
  readonly BORDER_CONSTANT: number;
  readonly BORDER_REPLICATE: number;
}

/** The OpenCV module, seen through the calls typed above. */
export async function cameraCv(): Promise<CameraCv> {
  return (await openCv()) as unknown as CameraCv;
}

/** An 8-bit Mat holding raw pixels (1, 3 or 4 channels) as sharp gives them. */
export function matFromRaw(cv: CameraCv, data: Uint8Array, width: number, height: number, channels: 1 | 3 | 4): CvMat {
  const mat = new cv.Mat(height, width, channels === 1 ? cv.CV_8UC1 : channels === 3 ? cv.CV_8UC3 : cv.CV_8UC4);
  mat.data.set(data);
  return mat;
}

/** A copy of an 8-bit Mat's pixels, outside the WebAssembly heap. */
export function rawFromMat(mat: CvMat): Buffer {
  return Buffer.from(mat.data);
}
