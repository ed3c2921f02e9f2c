// The page's sides refined at the photo's full resolution: the outline from the half-size search
// is off by a pixel or two where the threshold's boundary drifts with the light (a side in shadow
// shrinks, one under the lamp grows), and the page's true aspect (page-aspect.ts) is sensitive to
// that — 2 px at a corner is 1 % of aspect. Along each side, every few pixels, the grey profile
// across the side is read and the edge put where it falls fastest (paper to desk), to a tenth of
// a pixel by a parabola through the steepest step; a straight line fitted through those points,
// refitted without the ones far from it (a finger, a dog-ear), gives the side, and neighbouring
// sides cross at the corners.
import { type Line, fitLine, intersect, lineDistance } from './lines';
import type { Point, Quad } from './types';

/** How far across the rough side the edge is sought, in pixels each way. */
const REACH = 8;
const STEP = 0.5;
/** Points further than this from the first line are dropped before the refit. */
const OUTLIER_PX = 1.5;

/** Refines `rough` (continuous coordinates, clockwise from top-left) on the grey photo; the rough quad where a side has too few edge points. */
export function refineEdges(grey: Uint8Array, width: number, height: number, rough: Quad): Quad {
  // bilinear grey at a continuous point (pixel centres at +0.5)
  const at = (x: number, y: number) => {
    const [fx, fy] = [x - 0.5, y - 0.5];
    const [x0, y0] = [Math.floor(fx), Math.floor(fy)];
    if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) return NaN;
    const [ax, ay] = [fx - x0, fy - y0];
    const i = y0 * width + x0;
    return (grey[i]! * (1 - ax) + grey[i + 1]! * ax) * (1 - ay) + (grey[i + width]! * (1 - ax) + grey[i + width + 1]! * ax) * ay;
  };
  const lines: Line[] = [];
  for (let side = 0; side < 4; side++) {
    const [a, b] = [rough[side]!, rough[(side + 1) % 4]!];
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    const [ux, uy] = [(b.x - a.x) / length, (b.y - a.y) / length];
    const normal = { x: uy, y: -ux }; // outward for a clockwise quad in y-down coordinates
    const found: Point[] = [];
    const samples = Math.floor(length / 4);
    const profile = new Float64Array(Math.round((2 * REACH) / STEP) + 1);
    for (let k = 1; k < samples; k++) {
      const t = k / samples;
      if (t < 0.06 || t > 0.94) continue; // near the corners the other side's edge crosses the profile
      const base = { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
      let ok = true;
      for (let j = 0; j < profile.length; j++) {
        const s = -REACH + j * STEP;
        profile[j] = at(base.x + normal.x * s, base.y + normal.y * s);
        if (Number.isNaN(profile[j])) ok = false;
      }
      if (!ok) continue;
      // the steepest fall from paper (inside, s < 0) to desk (outside)
      let best = -1;
      let bestDrop = 0;
      for (let j = 1; j + 1 < profile.length; j++) {
        const drop = profile[j - 1]! - profile[j + 1]!;
        if (drop > bestDrop) [best, bestDrop] = [j, drop];
      }
      if (best < 2 || best > profile.length - 3 || bestDrop < 8) continue;
      const [l, c, r] = [profile[best - 2]! - profile[best]!, bestDrop, profile[best]! - profile[best + 2]!];
      const offset = l - 2 * c + r !== 0 ? (0.5 * (l - r)) / (l - 2 * c + r) : 0;
      const s = -REACH + (best + Math.max(-0.5, Math.min(0.5, offset))) * STEP;
      found.push({ x: base.x + normal.x * s, y: base.y + normal.y * s });
    }
    if (found.length < 8) return rough;
    const first = fitLine(found);
    const kept = found.filter((q) => lineDistance(first, q) <= OUTLIER_PX);
    lines.push(kept.length >= 8 ? fitLine(kept) : first);
  }
  const corners = [0, 1, 2, 3].map((i) => intersect(lines[(i + 3) % 4]!, lines[i]!));
  if (corners.some((p) => p === null || Math.hypot(p.x - rough[corners.indexOf(p)]!.x, p.y - rough[corners.indexOf(p)]!.y) > REACH * 2)) return rough;
  return corners as unknown as Quad;
}
