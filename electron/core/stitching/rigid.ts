// Rigid motions of the plane (rotation + translation; the dpi fixes the scale), in the convention of
// types.ts: a point u of a part lands at R(θ)·u + t on the sheet, θ positive turning clockwise on
// the screen (y down). Coordinates here are continuous: (0, 0) is the top-left corner of the
// image, the centre of the first pixel is (0.5, 0.5).

export interface Rigid {
  /** Radians. */
  readonly theta: number;
  readonly tx: number;
  readonly ty: number;
}

export type Point = readonly [number, number];

export const IDENTITY: Rigid = { theta: 0, tx: 0, ty: 0 };

export function apply(m: Rigid, [x, y]: Point): Point {
  const c = Math.cos(m.theta);
  const s = Math.sin(m.theta);
  return [c * x - s * y + m.tx, s * x + c * y + m.ty];
}

/** a ∘ b: first b, then a. */
export function compose(a: Rigid, b: Rigid): Rigid {
  const [tx, ty] = apply(a, [b.tx, b.ty]);
  return { theta: a.theta + b.theta, tx, ty };
}

export function invert(m: Rigid): Rigid {
  const c = Math.cos(m.theta);
  const s = Math.sin(m.theta);
  return { theta: -m.theta, tx: -(c * m.tx + s * m.ty), ty: -(-s * m.tx + c * m.ty) };
}

/** An angle folded into (−π, π]. */
export function wrap(theta: number): number {
  let t = theta % (2 * Math.PI);
  if (t <= -Math.PI) t += 2 * Math.PI;
  if (t > Math.PI) t -= 2 * Math.PI;
  return t;
}

/**
 * The rigid motion that best carries `from` onto `to` in least squares (2-D Procrustes without
 * scale), with optional weights: the closed form through the centroids and the cross-covariance.
 */
export function fitRigid(from: readonly Point[], to: readonly Point[], weights?: readonly number[]): Rigid {
  let w = 0;
  let fx = 0;
  let fy = 0;
  let gx = 0;
  let gy = 0;
  for (let i = 0; i < from.length; i++) {
    const wi = weights?.[i] ?? 1;
    w += wi;
    fx += wi * from[i]![0];
    fy += wi * from[i]![1];
    gx += wi * to[i]![0];
    gy += wi * to[i]![1];
  }
  fx /= w;
  fy /= w;
  gx /= w;
  gy /= w;
  let sxx = 0; // Σ (a·b) and Σ (a×b) over the centred pairs
  let sxy = 0;
  for (let i = 0; i < from.length; i++) {
    const wi = weights?.[i] ?? 1;
    const ax = from[i]![0] - fx;
    const ay = from[i]![1] - fy;
    const bx = to[i]![0] - gx;
    const by = to[i]![1] - gy;
    sxx += wi * (ax * bx + ay * by);
    sxy += wi * (ax * by - ay * bx);
  }
  const theta = Math.atan2(sxy, sxx);
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  return { theta, tx: gx - (c * fx - s * fy), ty: gy - (s * fx + c * fy) };
}

export function distance(a: Point, b: Point): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}
