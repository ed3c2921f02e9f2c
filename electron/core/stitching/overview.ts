// The sheet at reduced resolution (about 75 dpi): each part's small grey copy resampled where it lies
// on the sheet. The exposure (exposure.ts), the seams (seams.ts) and the coverage (coverage.ts) are
// decided here — on a few megapixels instead of a hundred — and the full-resolution composition
// only follows what was decided (compose.ts).
import { type PlacedPart, footprint } from './sheet-geometry';

/** One part on the reduced sheet, within its footprint's box. */
export interface ReducedPrint {
  readonly part: PlacedPart;
  /** The box on the reduced sheet (cells). */
  readonly x0: number;
  readonly y0: number;
  readonly w: number;
  readonly h: number;
  /** Grey value at each cell of the box (exposure not yet matched). */
  readonly value: Uint8Array;
  /** 1 where the cell's centre falls on the part. */
  readonly inside: Uint8Array;
}

export interface Overview {
  /** Full-resolution pixels per cell. */
  readonly factor: number;
  readonly width: number;
  readonly height: number;
  readonly prints: readonly ReducedPrint[];
}

/** Cells of about 75 dpi: fine enough to see the gaps between words and lines of 10 pt text, small
 * enough that an A0 sheet is ≈ 9 Mpx of one byte. */
export function overviewFactor(dpi: number): number {
  return Math.max(1, Math.round(dpi / 75));
}

/** Centre of cell `i` in full-resolution pixels. */
export const cellCentre = (i: number, factor: number) => (i + 0.5) * factor - 0.5;

/** Resamples a part's reduced copy (`rw` × `rh`, grey) onto the reduced sheet. */
export function reducedPrint(part: PlacedPart, reduced: Uint8Array, rw: number, rh: number, factor: number, sheetCells: { width: number; height: number }): ReducedPrint {
  const f = footprint(part);
  const x0 = Math.max(0, Math.floor(f.left / factor));
  const y0 = Math.max(0, Math.floor(f.top / factor));
  const x1 = Math.min(sheetCells.width, Math.ceil(f.right / factor) + 1);
  const y1 = Math.min(sheetCells.height, Math.ceil(f.bottom / factor) + 1);
  const w = Math.max(0, x1 - x0);
  const h = Math.max(0, y1 - y0);
  const value = new Uint8Array(w * h);
  const inside = new Uint8Array(w * h);
  const sx = rw / part.width;
  const sy = rh / part.height;
  for (let j = 0; j < h; j++) {
    const Y = cellCentre(y0 + j, factor) - part.dy;
    for (let i = 0; i < w; i++) {
      const X = cellCentre(x0 + i, factor) - part.dx;
      const u = part.cos * X + part.sin * Y;
      const v = -part.sin * X + part.cos * Y;
      const d = Math.min(u, part.width - 1 - u, v, part.height - 1 - v);
      const k = j * w + i;
      if (d < 0) continue;
      inside[k] = 1;
      // Bilinear in the reduced copy.
      const ru = Math.min(rw - 1, Math.max(0, (u + 0.5) * sx - 0.5));
      const rv = Math.min(rh - 1, Math.max(0, (v + 0.5) * sy - 0.5));
      const iu = Math.floor(ru);
      const iv = Math.floor(rv);
      const fu = ru - iu;
      const fv = rv - iv;
      const iu1 = Math.min(rw - 1, iu + 1);
      const iv1 = Math.min(rh - 1, iv + 1);
      const top = reduced[iv * rw + iu]! * (1 - fu) + reduced[iv * rw + iu1]! * fu;
      const bottom = reduced[iv1 * rw + iu]! * (1 - fu) + reduced[iv1 * rw + iu1]! * fu;
      value[k] = Math.round(top * (1 - fv) + bottom * fv);
    }
  }
  return { part, x0, y0, w, h, value, inside };
}

/** The print's cell at sheet cell (x, y), or -1 where the part does not reach. */
export function cellOf(p: ReducedPrint, x: number, y: number): number {
  const i = x - p.x0;
  const j = y - p.y0;
  if (i < 0 || j < 0 || i >= p.w || j >= p.h) return -1;
  const k = j * p.w + i;
  return p.inside[k] ? k : -1;
}
