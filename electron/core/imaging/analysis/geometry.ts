// The order and conventions in which the pipeline applies an analysis (see index.ts), as code.
import { rotatedSize } from './raster';

export interface Box { left: number; top: number; width: number; height: number }

export interface Turns {
  readonly rotateQuarterTurns: 0 | 1 | 2 | 3;
  readonly deskewDegrees: number;
}

/** Size of the image after the quarter turns and the deskew, in px of the input. */
export function straightenedSize(width: number, height: number, a: Turns): { width: number; height: number } {
  const odd = a.rotateQuarterTurns % 2 === 1;
  return rotatedSize(odd ? height : width, odd ? width : height, a.deskewDegrees);
}

/** Where a point of the input (continuous coordinates: pixel i spans [i, i + 1)) lands after the turns, the deskew and the crop. */
export function mapPoint(x: number, y: number, width: number, height: number, a: Turns & { readonly crop: Box | null }): { x: number; y: number } {
  let px = x, py = y, w = width, h = height;
  for (let k = 0; k < a.rotateQuarterTurns; k++) {
    [px, py] = [h - py, px]; // one clockwise quarter turn
    [w, h] = [h, w];
  }
  const out = rotatedSize(w, h, a.deskewDegrees);
  const r = (a.deskewDegrees * Math.PI) / 180, c = Math.cos(r), s = Math.sin(r);
  const dx = px - w / 2, dy = py - h / 2;
  px = c * dx - s * dy + out.width / 2;
  py = s * dx + c * dy + out.height / 2;
  if (a.crop) { px -= a.crop.left; py -= a.crop.top; }
  return { x: px, y: py };
}

/** The inverse of mapPoint: where a point of the straightened (and cropped) image was in the input. */
export function unmapPoint(x: number, y: number, width: number, height: number, a: Turns & { readonly crop: Box | null }): { x: number; y: number } {
  const turned = a.rotateQuarterTurns % 2 === 1 ? { w: height, h: width } : { w: width, h: height };
  const out = rotatedSize(turned.w, turned.h, a.deskewDegrees);
  let px = x + (a.crop?.left ?? 0), py = y + (a.crop?.top ?? 0);
  const r = (a.deskewDegrees * Math.PI) / 180, c = Math.cos(r), s = Math.sin(r);
  const dx = px - out.width / 2, dy = py - out.height / 2;
  px = c * dx + s * dy + turned.w / 2;
  py = -s * dx + c * dy + turned.h / 2;
  let w = turned.w, h = turned.h;
  for (let k = 0; k < a.rotateQuarterTurns; k++) {
    [px, py] = [py, w - px]; // one anticlockwise quarter turn
    [w, h] = [h, w];
  }
  return { x: px, y: py };
}

/** The axis-aligned box, after the turns, deskew and crop, that holds a box of the input. */
export function mapBox(box: Box, width: number, height: number, a: Turns & { readonly crop: Box | null }): Box {
  const corners = [
    [box.left, box.top], [box.left + box.width, box.top], [box.left, box.top + box.height], [box.left + box.width, box.top + box.height],
  ].map(([x, y]) => mapPoint(x!, y!, width, height, a));
  const xs = corners.map((p) => p.x), ys = corners.map((p) => p.y);
  const left = Math.min(...xs), top = Math.min(...ys);
  return { left, top, width: Math.max(...xs) - left, height: Math.max(...ys) - top };
}
