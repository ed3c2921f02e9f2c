// Finding the page in a camera photo: the page is the large bright region against a darker desk.
// On a half-size grey copy, Otsu's threshold separates paper from desk (the lamp's hot spot and a
// shadow move both, but the page stays the brighter of the two); closing fills the text, and the
// largest outer contour is the page. Its shape must be a quadrilateral — two sheets overlapping,
// or a hand across the page, make a shape with more corners, refused rather than guessed. Each
// side is then refitted as a straight line through all of its contour points (not just the
// polygon's vertices), and the corners are the lines' crossings: sub-pixel corners from a
// half-size search.
import { StationError } from '../errors';
import { type CameraCv, type CvMat, withMats } from './cv';
import { refineEdges } from './edge-refine';
import { fitLine, intersect } from './lines';
import type { Point, Quad } from './types';

/** The long side the search works at: enough for sub-pixel corners after the line fit. */
const SEARCH_LONG_SIDE = 1024;
/** Below this share of the photo a bright region is not a page (a slip of paper, a reflection). */
const MIN_PAGE_SHARE = 0.08;
/** The page's region must fill its quadrilateral this well (overlapping sheets do not). */
const MIN_FILL = 0.96;
/** Paper must stand this far above the desk in grey levels to be told apart from it. */
const MIN_CONTRAST = 35;

export interface Outline {
  readonly corners: Quad;
  /** The page's share of the photo. */
  readonly share: number;
  /** Mean grey inside the page and outside it (0–255). */
  readonly paperGrey: number;
  readonly deskGrey: number;
}

function contourPoints(c: CvMat): Point[] {
  const pts: Point[] = [];
  // a contour is a column of 32-bit (x, y) pairs
  const d = (c as CvMat & { data32S: Int32Array }).data32S;
  for (let i = 0; i + 1 < d.length; i += 2) pts.push({ x: d[i]!, y: d[i + 1]! });
  return pts;
}

/** Corners in reading order: the one nearest the photo's top-left first, then clockwise. */
export function orderCorners(pts: readonly Point[]): Quad {
  const cx = pts.reduce((s, p) => s + p.x, 0) / pts.length;
  const cy = pts.reduce((s, p) => s + p.y, 0) / pts.length;
  const byAngle = [...pts].sort((a, b) => Math.atan2(a.y - cy, a.x - cx) - Math.atan2(b.y - cy, b.x - cx));
  const first = byAngle.reduce((best, p, i) => (p.x + p.y < byAngle[best]!.x + byAngle[best]!.y ? i : best), 0);
  const q = [0, 1, 2, 3].map((i) => byAngle[(first + i) % 4]!);
  return [q[0]!, q[1]!, q[2]!, q[3]!];
}

const nearestIndex = (pts: readonly Point[], c: Point) => pts.reduce((best, p, i) => (Math.hypot(p.x - c.x, p.y - c.y) < Math.hypot(pts[best]!.x - c.x, pts[best]!.y - c.y) ? i : best), 0);

/** Each side's line through the contour points between two corners (their ends left out, where the corner rounds). */
function refine(contour: readonly Point[], corners: Quad): Quad | null {
  const idx = corners.map((c) => nearestIndex(contour, c));
  const lines = [0, 1, 2, 3].map((s) => {
    const [from, to] = [idx[s]!, idx[(s + 1) % 4]!];
    const run: Point[] = [];
    const len = (to - from + contour.length) % contour.length;
    const reversed = len > contour.length / 2;
    const count = reversed ? contour.length - len : len;
    for (let k = 0; k <= count; k++) run.push(contour[(((reversed ? from - k : from + k) % contour.length) + contour.length) % contour.length]!);
    const trim = Math.floor(run.length * 0.08);
    const mid = run.slice(trim, run.length - trim);
    return mid.length >= 5 ? fitLine(mid) : null;
  });
  if (lines.some((l) => l === null)) return null;
  const out = [0, 1, 2, 3].map((i) => intersect(lines[(i + 3) % 4]!, lines[i]!));
  if (out.some((p) => p === null)) return null;
  return out as unknown as Quad;
}

/** The page's outline in a photo whose RGB pixels are `rgb`; refuses a photo without one page in it. */
export function findOutline(cv: CameraCv, rgb: CvMat, file: string): Outline {
  return withMats((keep) => {
    const scale = Math.min(1, SEARCH_LONG_SIDE / Math.max(rgb.cols, rgb.rows));
    const grey = keep(new cv.Mat());
    cv.cvtColor(rgb, grey, cv.COLOR_RGB2GRAY);
    const small = keep(new cv.Mat());
    cv.resize(grey, small, new cv.Size(Math.round(rgb.cols * scale), Math.round(rgb.rows * scale)), 0, 0, cv.INTER_AREA);
    const blurred = keep(new cv.Mat());
    cv.GaussianBlur(small, blurred, new cv.Size(5, 5), 0, 0);
    const mask = keep(new cv.Mat());
    cv.threshold(blurred, mask, 0, 255, cv.THRESH_BINARY + cv.THRESH_OTSU);
    // closing fills the text and table lines; opening cuts the thin bright bridges to desk glare
    cv.morphologyEx(mask, mask, cv.MORPH_CLOSE, keep(cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(15, 15))));
    cv.morphologyEx(mask, mask, cv.MORPH_OPEN, keep(cv.getStructuringElement(cv.MORPH_RECT, new cv.Size(5, 5))));
    const contours = keep(new cv.MatVector());
    cv.findContours(mask, contours, keep(new cv.Mat()), cv.RETR_EXTERNAL, cv.CHAIN_APPROX_NONE);
    let best = -1;
    let bestArea = 0;
    for (let i = 0; i < contours.size(); i++) {
      const a = cv.contourArea(contours.get(i));
      if (a > bestArea) [best, bestArea] = [i, a];
    }
    const total = small.rows * small.cols;
    const share = bestArea / total;
    const { inside, outside } = meanInOut(small, mask);
    if (best < 0 || share < MIN_PAGE_SHARE || inside - outside < MIN_CONTRAST) throw new StationError('camera-no-page', { file });
    const contour = contours.get(best);
    const pts = contourPoints(contour);
    const margin = 2;
    const touching = pts.filter((p) => p.x <= margin || p.y <= margin || p.x >= small.cols - 1 - margin || p.y >= small.rows - 1 - margin).length;
    if (touching > pts.length * 0.05) throw new StationError('camera-page-cut', { file });
    const approx = keep(new cv.Mat());
    cv.approxPolyDP(contour, approx, 0.02 * cv.arcLength(contour, true), true);
    const vertices = contourPoints(approx);
    const polygonArea = vertices.length === 4 ? Math.abs(shoelace(vertices)) : 0;
    if (vertices.length !== 4 || bestArea / polygonArea < MIN_FILL) throw new StationError('camera-outline-not-quadrilateral', { file, corners: vertices.length });
    const rough = orderCorners(vertices);
    const fine = refine(pts, rough) ?? rough;
    // contour pixels are the region's outer pixels: their centres lie half a pixel inside the edge
    const cx = (fine[0].x + fine[1].x + fine[2].x + fine[3].x) / 4;
    const cy = (fine[0].y + fine[1].y + fine[2].y + fine[3].y) / 4;
    const out = fine.map((p) => {
      const [dx, dy] = [p.x - cx, p.y - cy];
      const r = Math.hypot(dx, dy);
      const grown = { x: p.x + (dx / r) * 0.7 + 0.5, y: p.y + (dy / r) * 0.7 + 0.5 };
      return { x: grown.x / scale, y: grown.y / scale };
    });
    const corners = refineEdges(grey.data, grey.cols, grey.rows, [out[0]!, out[1]!, out[2]!, out[3]!]);
    return { corners, share, paperGrey: inside, deskGrey: outside };
  });
}

function shoelace(p: readonly Point[]): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += p[i]!.x * p[(i + 1) % p.length]!.y - p[(i + 1) % p.length]!.x * p[i]!.y;
  return s / 2;
}

function meanInOut(grey: CvMat, mask: CvMat): { inside: number; outside: number } {
  let [si, ni, so, no] = [0, 0, 0, 0];
  for (let i = 0; i < grey.data.length; i += 3) {
    if (mask.data[i]! > 0) {
      si += grey.data[i]!;
      ni++;
    } else {
      so += grey.data[i]!;
      no++;
    }
  }
  return { inside: ni ? si / ni : 0, outside: no ? so / no : 0 };
}
