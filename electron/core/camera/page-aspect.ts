// A page's true width-to-height ratio from its four corners in a photo. The quadrilateral's own
// side lengths lie (a page tilted away from the lens looks shorter than it is); the rectangle's
// projective geometry gives the camera's focal length and the true ratio, assuming square pixels
// and the principal point at the photo's centre (Zhang & He, "Whiteboard scanning and image
// enhancement", 2007). Where the photo is nearly face-on the focal length is undetermined, and
// the ratio is the sides' mean lengths — then exact enough, since there is little perspective.
import type { Point, Quad } from './types';

type V3 = readonly [number, number, number];
const cross = (a: V3, b: V3): V3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const dot = (a: V3, b: V3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const dist = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

export interface PageAspect {
  /** Width / height of the page as it lies (its top edge is the width). */
  readonly ratio: number;
  /** The focal length found, in pixels; null when the photo is too nearly face-on to tell. */
  readonly focalPx: number | null;
}

/** The side lengths' ratio (top and bottom mean over left and right mean). */
export function apparentRatio(q: Quad): number {
  return (dist(q[0], q[1]) + dist(q[3], q[2])) / (dist(q[0], q[3]) + dist(q[1], q[2]));
}

export function pageAspect(q: Quad, photo: { width: number; height: number }): PageAspect {
  const [u0, v0] = [photo.width / 2, photo.height / 2];
  const h = (p: Point): V3 => [p.x - u0, p.y - v0, 1];
  // Zhang & He number the corners m1 top-left, m2 top-right, m3 bottom-left, m4 bottom-right.
  const [m1, m2, m4, m3] = [h(q[0]), h(q[1]), h(q[2]), h(q[3])];
  const k2 = dot(cross(m1, m4), m3) / dot(cross(m2, m4), m3);
  const k3 = dot(cross(m1, m4), m2) / dot(cross(m3, m4), m2);
  const n2: V3 = [k2 * m2[0] - m1[0], k2 * m2[1] - m1[1], k2 * m2[2] - m1[2]];
  const n3: V3 = [k3 * m3[0] - m1[0], k3 * m3[1] - m1[1], k3 * m3[2] - m1[2]];
  const apparent = apparentRatio(q);
  const denominator = n2[2] * n3[2];
  const f2 = denominator !== 0 ? -(n2[0] * n3[0] + n2[1] * n3[1]) / denominator : -1;
  const longSide = Math.max(photo.width, photo.height);
  // A focal length outside a lens's plausible range (a tenth to ten times the photo's long side)
  // means the perspective is too slight to measure it.
  if (!(f2 > 0) || Math.sqrt(f2) < longSide / 10 || Math.sqrt(f2) > longSide * 10) return { ratio: apparent, focalPx: null };
  const ratio = Math.sqrt((n2[0] ** 2 + n2[1] ** 2) / f2 + n2[2] ** 2) / Math.sqrt((n3[0] ** 2 + n3[1] ** 2) / f2 + n3[2] ** 2);
  return Number.isFinite(ratio) && ratio > 0 ? { ratio, focalPx: Math.sqrt(f2) } : { ratio: apparent, focalPx: null };
}
