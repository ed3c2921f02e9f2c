// How like the ground truth an assembled page is, measured in two parts: where the paper lies in
// the page (the frame: found from the paper's edges among the parts, sheet-locate.ts), and how well
// the parts are joined (SSIM once the page is laid exactly on the truth). The page is aligned to
// the truth by OpenCV's ECC (a rigid motion, at half resolution), resampled onto it, and compared
// with the SSIM the compose tests use, leaving out a margin of a few millimetres round the edge
// where the alignment's turn brings in white.
import sharp from 'sharp';
import { openCv, withMats } from '../../electron/core/stitching/opencv';
import { ssim } from '../bench/imaging-throughput';

async function grey(file: string, width?: number, height?: number): Promise<{ data: Uint8Array; width: number; height: number }> {
  let image = sharp(file, { limitInputPixels: false });
  if (width && height) image = image.resize(width, height, { fit: 'fill' });
  const { data, info } = await image.greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

export interface AlignedLikeness {
  /** SSIM of the page laid on the truth (margins left out). */
  readonly ssim: number;
  /** The same at half the resolution (2 × 2 pixels averaged, as the stitch-compose bench compares
   * at ≤ 100 dpi): the scanner noise and the resampling's softening of 1-pixel strokes, which are in
   * every part and not in the truth, weigh less. */
  readonly ssimHalf: number;
  /** SSIM of the page as composed, against the truth pixel for pixel. */
  readonly unaligned: number;
  /** How far the page's centre lies from where the truth has it, and the turn between them. */
  readonly offsetMm: number;
  readonly angleDeg: number;
}

export async function alignedSsim(pageFile: string, truthFile: string, dpi = 100): Promise<AlignedLikeness> {
  const truth = await grey(truthFile);
  const page = await grey(pageFile, truth.width, truth.height);
  const half = { width: Math.round(truth.width / 2), height: Math.round(truth.height / 2) };
  const [t2, p2] = [await grey(truthFile, half.width, half.height), await grey(pageFile, half.width, half.height)];
  const cv = await openCv();
  // warp: truth pixel → page pixel (findTransformECC's convention: input(warp(x)) ≈ template(x)).
  const w = withMats((keep) => {
    const t = keep(new cv.Mat(t2.height, t2.width, cv.CV_8UC1));
    t.data.set(t2.data);
    const p = keep(new cv.Mat(p2.height, p2.width, cv.CV_8UC1));
    p.data.set(p2.data);
    const warp = keep(cv.matFromArray(2, 3, cv.CV_32FC1, [1, 0, 0, 0, 1, 0]));
    const criteria = new cv.TermCriteria(cv.TermCriteria_COUNT + cv.TermCriteria_EPS, 100, 1e-6);
    cv.findTransformECC(t, p, warp, cv.MOTION_EUCLIDEAN, criteria, keep(new cv.Mat()), 5);
    return Array.from(warp.data32F);
  });
  const [a, b, tx, c, d, ty] = [w[0]!, w[1]!, w[2]! * 2, w[3]!, w[4]!, w[5]! * 2];
  // The page resampled onto the truth (bilinear), white outside.
  const aligned = new Uint8Array(truth.width * truth.height);
  for (let y = 0; y < truth.height; y++) {
    for (let x = 0; x < truth.width; x++) {
      const u = a * x + b * y + tx;
      const v = c * x + d * y + ty;
      const u0 = Math.floor(u), v0 = Math.floor(v);
      if (u0 < 0 || v0 < 0 || u0 + 1 >= page.width || v0 + 1 >= page.height) {
        aligned[y * truth.width + x] = 255;
        continue;
      }
      const fu = u - u0, fv = v - v0;
      const i = v0 * page.width + u0;
      const top = page.data[i]! * (1 - fu) + page.data[i + 1]! * fu;
      const bottom = page.data[i + page.width]! * (1 - fu) + page.data[i + page.width + 1]! * fu;
      aligned[y * truth.width + x] = Math.round(top * (1 - fv) + bottom * fv);
    }
  }
  const margin = Math.round((3 / 25.4) * dpi);
  const inner = (img: Uint8Array) => {
    const wInner = truth.width - 2 * margin, hInner = truth.height - 2 * margin;
    const out = new Uint8Array(wInner * hInner);
    for (let y = 0; y < hInner; y++) out.set(img.subarray((y + margin) * truth.width + margin, (y + margin) * truth.width + margin + wInner), y * wInner);
    return { data: out, width: wInner, height: hInner };
  };
  const [ai, ti, pi] = [inner(aligned), inner(truth.data), inner(page.data)];
  const cx = truth.width / 2, cy = truth.height / 2;
  const offsetPx = Math.hypot(a * cx + b * cy + tx - cx, c * cx + d * cy + ty - cy);
  const halve = (img: { data: Uint8Array; width: number; height: number }) => {
    const w2 = img.width >> 1, h2 = img.height >> 1;
    const out = new Uint8Array(w2 * h2);
    for (let y = 0; y < h2; y++) {
      for (let x = 0; x < w2; x++) {
        const i = 2 * y * img.width + 2 * x;
        out[y * w2 + x] = (img.data[i]! + img.data[i + 1]! + img.data[i + img.width]! + img.data[i + img.width + 1]! + 2) >> 2;
      }
    }
    return { data: out, width: w2, height: h2 };
  };
  const [ah, th] = [halve(ai), halve(ti)];
  return {
    ssim: ssim(ai.data, ti.data, ai.width, ai.height),
    ssimHalf: ssim(ah.data, th.data, ah.width, ah.height),
    unaligned: ssim(pi.data, ti.data, pi.width, pi.height),
    offsetMm: (offsetPx / dpi) * 25.4,
    angleDeg: (Math.atan2(c, a) * 180) / Math.PI,
  };
}
