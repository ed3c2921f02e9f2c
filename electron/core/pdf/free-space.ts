// Where on a page nothing is printed: an ink mask of the page image (dark pixels), summed once
// (an integral image) so that any rectangle's ink is counted in constant time, and a search for
// the first rectangle of a given size that is blank, scanning in the order the caller prefers.
// Used to place a signature box so that it never covers the document (the conversion mark's
// band test, in conversion-mark.ts, is the one-dimensional case of the same idea).

export interface InkMask {
  readonly width: number;
  readonly height: number;
  /** (width+1)×(height+1) running sums of ink pixels. */
  readonly sums: Uint32Array;
}

/** A rectangle in mask pixels, origin top-left. */
export interface PixelRect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Builds the mask from 8-bit grey pixels (one byte each): below `threshold` is ink. `extra`
 * rectangles (things drawn on the page that are not in the image) count as ink too. */
export function inkMask(grey: Uint8Array, width: number, height: number, extra: readonly PixelRect[] = [], threshold = 160): InkMask {
  const ink = new Uint8Array(width * height);
  for (let i = 0; i < ink.length; i++) ink[i] = grey[i]! < threshold ? 1 : 0;
  for (const r of extra)
    for (let y = Math.max(0, Math.floor(r.y)); y < Math.min(height, Math.ceil(r.y + r.h)); y++)
      for (let x = Math.max(0, Math.floor(r.x)); x < Math.min(width, Math.ceil(r.x + r.w)); x++) ink[y * width + x] = 1;
  const w1 = width + 1;
  const sums = new Uint32Array(w1 * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += ink[y * width + x]!;
      sums[(y + 1) * w1 + x + 1] = sums[y * w1 + x + 1]! + row;
    }
  }
  return { width, height, sums };
}

/** Ink pixels inside the rectangle (clipped to the mask). */
export function inkIn(mask: InkMask, r: PixelRect): number {
  const x0 = Math.max(0, Math.floor(r.x));
  const y0 = Math.max(0, Math.floor(r.y));
  const x1 = Math.min(mask.width, Math.ceil(r.x + r.w));
  const y1 = Math.min(mask.height, Math.ceil(r.y + r.h));
  if (x1 <= x0 || y1 <= y0) return 0;
  const w1 = mask.width + 1;
  const s = mask.sums;
  return s[y1 * w1 + x1]! - s[y0 * w1 + x1]! - s[y1 * w1 + x0]! + s[y0 * w1 + x0]!;
}

export interface SearchArea {
  /** Where the rectangle's top-left corner may stand, in mask pixels (inclusive ranges). */
  readonly xFrom: number;
  readonly xTo: number;
  readonly yFrom: number;
  readonly yTo: number;
}

/** The first blank w×h rectangle, rows in the order yFrom→yTo and, in each row, xFrom→xTo (either
 * may run backwards, to prefer the right or the bottom). Blank: at most `tolerance` of it is ink
 * (scanner specks). Null when there is none. */
export function findBlank(mask: InkMask, w: number, h: number, area: SearchArea, tolerance = 0.001): PixelRect | null {
  const limit = Math.floor(w * h * tolerance);
  const yStep = area.yTo >= area.yFrom ? 1 : -1;
  const xStep = area.xTo >= area.xFrom ? 1 : -1;
  for (let y = area.yFrom; yStep > 0 ? y <= area.yTo : y >= area.yTo; y += yStep) {
    if (y < 0 || y + h > mask.height) continue;
    for (let x = area.xFrom; xStep > 0 ? x <= area.xTo : x >= area.xTo; x += xStep) {
      if (x < 0 || x + w > mask.width) continue;
      const r = { x, y, w, h };
      if (inkIn(mask, r) <= limit) return r;
    }
  }
  return null;
}
