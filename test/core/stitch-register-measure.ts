// How far the registration puts the parts from where they truly lie, in pixels at 300 dpi: points
// of every part (a grid over the part, those that lie on the sheet) are carried by the true and the
// found placement; the found placement of the whole sheet is first aligned with the truth by one
// rigid motion (where the sheet sits in the page's frame is the deskew's business, not the
// registration's), then the distances are measured and converted from the parts' dpi to 300 dpi.
import { type Point, type Rigid, apply, fitRigid } from '../../electron/core/stitching/rigid';
import type { PartImage, PartPlacement, SheetSize } from '../../electron/core/stitching/types';

const rigid = (p: PartPlacement): Rigid => ({ theta: (p.angleDeg * Math.PI) / 180, tx: p.dx, ty: p.dy });

export interface RegistrationError {
  readonly rms300: number;
  readonly max300: number;
  /** Per part (by index): the largest error, 300 dpi pixels. */
  readonly perPart: number[];
}

export function registrationError(parts: readonly PartImage[], truth: readonly PartPlacement[], found: readonly PartPlacement[], sheet: SheetSize): RegistrationError {
  return placementError(parts, truth, (index, p) => apply(rigid(found.find((f) => f.index === index)!), p), sheet);
}

/** The same measure for any mapping of part pixels onto the sheet (a peer's affine placements). */
export function placementError(parts: readonly PartImage[], truth: readonly PartPlacement[], place: (index: number, p: Point) => Point, sheet: SheetSize): RegistrationError {
  const dpi = parts[0]!.dpi;
  const sheetW = (sheet.widthMm / 25.4) * dpi;
  const sheetH = (sheet.heightMm / 25.4) * dpi;
  const truePts: Point[] = [];
  const foundPts: Point[] = [];
  const owner: number[] = [];
  for (const part of parts) {
    const t = rigid(truth.find((p) => p.index === part.index)!);
    for (let a = 0; a <= 12; a++) {
      for (let b = 0; b <= 12; b++) {
        const p: Point = [(part.widthPx * a) / 12, (part.heightPx * b) / 12];
        const x = apply(t, p);
        if (x[0] < 0 || x[1] < 0 || x[0] > sheetW || x[1] > sheetH) continue;
        truePts.push(x);
        foundPts.push(place(part.index, p));
        owner.push(part.index);
      }
    }
  }
  const align = fitRigid(foundPts, truePts);
  const perPart = parts.map(() => 0);
  let sq = 0;
  let max = 0;
  for (let k = 0; k < truePts.length; k++) {
    const y = apply(align, foundPts[k]!);
    const e = (Math.hypot(y[0] - truePts[k]![0], y[1] - truePts[k]![1]) * 300) / dpi;
    sq += e * e;
    max = Math.max(max, e);
    const slot = parts.findIndex((p) => p.index === owner[k]);
    perPart[slot] = Math.max(perPart[slot]!, e);
  }
  return { rms300: Math.sqrt(sq / truePts.length), max300: max, perPart };
}
