// A page as a person sees it versus the page's own (default user) space. A page with /Rotate r is
// shown turned r degrees clockwise: its rendering (poppler's, or any viewer's) is the turned page,
// while a signature widget's /Rect is written in the unturned space. Placement looks at the
// rendering and thinks in "view" points (origin at the top left of the page as seen, y going
// down); this module maps those to the page's space and back, tells which edge of the MediaBox is
// the top as seen (where a strip is added), and gives the appearance's /Matrix that turns the box
// back so that its text stands upright for the reader.

export type Box = [number, number, number, number];

/** /Rotate as one of 0, 90, 180, 270 (it is inheritable, may be negative or above 360). */
export function normaliseRotate(rotate: number): 0 | 90 | 180 | 270 {
  const r = (((Math.round(rotate / 90) * 90) % 360) + 360) % 360;
  return r as 0 | 90 | 180 | 270;
}

export interface PageView {
  readonly rotate: 0 | 90 | 180 | 270;
  /** The page's size as seen, in points. */
  readonly width: number;
  readonly height: number;
  /** A view point (points, origin top-left as seen) → the page's own space. */
  toPage(x: number, y: number): [number, number];
  /** A page-space point → view points. */
  toView(x: number, y: number): [number, number];
}

export function pageView(mediaBox: Box, rotate: number): PageView {
  const [x0, y0, x1, y1] = mediaBox;
  const r = normaliseRotate(rotate);
  const turned = r === 90 || r === 270;
  const width = turned ? y1 - y0 : x1 - x0;
  const height = turned ? x1 - x0 : y1 - y0;
  // Turning clockwise by r: the page's up becomes the view's right at 90, its left edge the
  // view's top; at 180 everything is opposite; at 270 the page's right edge is the view's top.
  const toPage = (dx: number, dy: number): [number, number] =>
    r === 0 ? [x0 + dx, y1 - dy] : r === 90 ? [x0 + dy, y0 + dx] : r === 180 ? [x1 - dx, y0 + dy] : [x1 - dy, y1 - dx];
  const toView = (x: number, y: number): [number, number] =>
    r === 0 ? [x - x0, y1 - y] : r === 90 ? [y - y0, x - x0] : r === 180 ? [x1 - x, y - y0] : [y1 - y, x1 - x];
  return { rotate: r, width, height, toPage, toView };
}

/** A rectangle in view points (left, top, width, height) → a box in the page's space. */
export function viewRectToPage(view: PageView, left: number, top: number, w: number, h: number): Box {
  const [ax, ay] = view.toPage(left, top);
  const [bx, by] = view.toPage(left + w, top + h);
  return [Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)];
}

/** A box in the page's space → view points (left, top, width, height). */
export function pageBoxToView(view: PageView, box: Box): { left: number; top: number; w: number; h: number } {
  const [ax, ay] = view.toView(box[0], box[1]);
  const [bx, by] = view.toView(box[2], box[3]);
  return { left: Math.min(ax, bx), top: Math.min(ay, by), w: Math.abs(bx - ax), h: Math.abs(by - ay) };
}

/** The MediaBox grown by `by` points at the edge that is the view's top (or bottom). */
export function growAtViewEdge(mediaBox: Box, rotate: number, edge: 'top' | 'bottom', by: number): Box {
  const [x0, y0, x1, y1] = mediaBox;
  const r = normaliseRotate(rotate);
  // Which page edge is seen at the top: r=0 its top (y1), 90 its left (x0), 180 its bottom (y0),
  // 270 its right (x1); the bottom as seen is the opposite one.
  const side = (r / 90 + (edge === 'top' ? 0 : 2)) % 4;
  return side === 0 ? [x0, y0, x1, y1 + by] : side === 1 ? [x0 - by, y0, x1, y1] : side === 2 ? [x0, y0 - by, x1, y1] : [x0, y0, x1 + by, y1];
}

/** The appearance's /Matrix: turns the upright box counter-clockwise by r, so that the page's
 * clockwise turn shows it upright. (The viewer fits the turned BBox into the /Rect, whose width
 * and height are therefore swapped at 90 and 270.) */
export function uprightMatrix(rotate: number): [number, number, number, number, number, number] {
  switch (normaliseRotate(rotate)) {
    case 90:
      return [0, 1, -1, 0, 0, 0];
    case 180:
      return [-1, 0, 0, -1, 0, 0];
    case 270:
      return [0, -1, 1, 0, 0, 0];
    default:
      return [1, 0, 0, 1, 0, 0];
  }
}
