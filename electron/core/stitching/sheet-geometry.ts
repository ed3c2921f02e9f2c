// The arithmetic of a placed part (types.ts's convention): a part pixel (u, v) lands at sheet pixel
// x = c·u − s·v + dx, y = s·u + c·v + dy (c = cos θ, s = sin θ); the way back is its transpose.
import type { PartPlacement, SheetSize } from './types';

export const MM_PER_INCH = 25.4;

/** The sheet in pixels at `dpi`: each side rounded to the nearest pixel (at most half a pixel off,
 * i.e. 0.02 % of an A3 side at 200 dpi — far inside the 0.2 %). Landscape swaps the sides. */
export function sheetPixels(sheet: SheetSize, dpi: number, landscape = false): { width: number; height: number } {
  const w = Math.round((sheet.widthMm / MM_PER_INCH) * dpi);
  const h = Math.round((sheet.heightMm / MM_PER_INCH) * dpi);
  return landscape ? { width: h, height: w } : { width: w, height: h };
}

export interface PlacedPart {
  readonly index: number;
  readonly width: number;
  readonly height: number;
  readonly cos: number;
  readonly sin: number;
  readonly dx: number;
  readonly dy: number;
}

export function placed(index: number, width: number, height: number, p: PartPlacement): PlacedPart {
  const r = (p.angleDeg * Math.PI) / 180;
  // An angle of exactly 0 keeps cos 1 and sin 0, so an unturned part at whole pixels is copied exactly.
  return { index, width, height, cos: p.angleDeg === 0 ? 1 : Math.cos(r), sin: p.angleDeg === 0 ? 0 : Math.sin(r), dx: p.dx, dy: p.dy };
}

/** Sheet → part. */
export function toPart(p: PlacedPart, x: number, y: number): { u: number; v: number } {
  const X = x - p.dx;
  const Y = y - p.dy;
  return { u: p.cos * X + p.sin * Y, v: -p.sin * X + p.cos * Y };
}

/** Part → sheet. */
export function toSheet(p: PlacedPart, u: number, v: number): { x: number; y: number } {
  return { x: p.cos * u - p.sin * v + p.dx, y: p.sin * u + p.cos * v + p.dy };
}

/** The part's footprint on the sheet: the bounding box of its four corners. */
export function footprint(p: PlacedPart): { left: number; top: number; right: number; bottom: number } {
  const corners = [toSheet(p, 0, 0), toSheet(p, p.width, 0), toSheet(p, 0, p.height), toSheet(p, p.width, p.height)];
  return {
    left: Math.min(...corners.map((c) => c.x)),
    top: Math.min(...corners.map((c) => c.y)),
    right: Math.max(...corners.map((c) => c.x)),
    bottom: Math.max(...corners.map((c) => c.y)),
  };
}

/** The part's pixels (whole, with a margin for the interpolation) that can land in sheet rows
 * [y0, y1): the bounding box, in the part, of those rows across the part's footprint. Null when
 * none do. Any angle (a quarter turn too). */
export function partRegionFor(p: PlacedPart, y0: number, y1: number, margin = 2): { left: number; top: number; width: number; height: number } | null {
  const f = footprint(p);
  const top = Math.max(y0, f.top);
  const bottom = Math.min(y1, f.bottom);
  if (bottom <= top) return null;
  const corners = [toPart(p, f.left, top), toPart(p, f.right, top), toPart(p, f.left, bottom), toPart(p, f.right, bottom)];
  const left = Math.max(0, Math.floor(Math.min(...corners.map((c) => c.u))) - margin);
  const right = Math.min(p.width, Math.ceil(Math.max(...corners.map((c) => c.u))) + margin);
  const vTop = Math.max(0, Math.floor(Math.min(...corners.map((c) => c.v))) - margin);
  const vBottom = Math.min(p.height, Math.ceil(Math.max(...corners.map((c) => c.v))) + margin);
  return right > left && vBottom > vTop ? { left, top: vTop, width: right - left, height: vBottom - vTop } : null;
}

/** Whether the sheet pixel's centre falls on the part, and how far inside (pixels to its nearest
 * edge; negative outside). */
export function insideDepth(p: PlacedPart, x: number, y: number): number {
  const { u, v } = toPart(p, x, y);
  return Math.min(u, p.width - 1 - u, v, p.height - 1 - v);
}
