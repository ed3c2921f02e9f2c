// Straight lines through measured points, for a page's sides (outline.ts on the contour,
// edge-refine.ts on the edges found at full resolution): fitted, measured against, crossed.
import type { Point } from './types';

/** A point on the line and its unit direction. */
export interface Line {
  readonly p: Point;
  readonly d: Point;
}

/** The total-least-squares line through points (perpendicular distances, not vertical ones: a
 * page's side may run in any direction). */
export function fitLine(pts: readonly Point[]): Line {
  const n = pts.length;
  const mx = pts.reduce((s, p) => s + p.x, 0) / n;
  const my = pts.reduce((s, p) => s + p.y, 0) / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (const p of pts) {
    sxx += (p.x - mx) ** 2;
    syy += (p.y - my) ** 2;
    sxy += (p.x - mx) * (p.y - my);
  }
  const angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  return { p: { x: mx, y: my }, d: { x: Math.cos(angle), y: Math.sin(angle) } };
}

/** A point's distance from the line. */
export const lineDistance = (l: Line, q: Point) => Math.abs((q.x - l.p.x) * l.d.y - (q.y - l.p.y) * l.d.x);

/** Where two lines cross; null when they are parallel. */
export function intersect(a: Line, b: Line): Point | null {
  const det = a.d.x * b.d.y - a.d.y * b.d.x;
  if (Math.abs(det) < 1e-9) return null;
  const t = ((b.p.x - a.p.x) * b.d.y - (b.p.y - a.p.y) * b.d.x) / det;
  return { x: a.p.x + t * a.d.x, y: a.p.y + t * a.d.y };
}
