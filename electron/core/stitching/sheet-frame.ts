// The sheet's frame for the placements. The registration fixes the parts against each other only;
// the whole may turn and slide. The frame chosen: the quarter turn most parts share is upright (the
// officer lays most parts the right way round), their mean small angle is zero (parts are laid
// roughly straight; what is left is the sheet's skew, which the imaging pipeline's deskew takes
// out of the composed page), and the parts' bounding box starts at (0, 0).
import type { PartFacts } from './part-copies';
import { type Rigid, apply, compose, wrap } from './rigid';

const quarterOf = (theta: number) => (((Math.round(wrap(theta) / (Math.PI / 2)) % 4) + 4) % 4);

export function sheetFrame(poses: readonly Rigid[], facts: readonly PartFacts[]): { poses: Rigid[]; turned: number[]; widthPx: number; heightPx: number } {
  const quarters = poses.map((p) => quarterOf(p.theta));
  const counts = [0, 1, 2, 3].map((q) => quarters.filter((x) => x === q).length);
  const upright = counts.indexOf(Math.max(...counts));
  const small = poses.filter((_, k) => quarters[k] === upright).map((p) => wrap(p.theta - (upright * Math.PI) / 2));
  const turn: Rigid = { theta: -((upright * Math.PI) / 2 + small.reduce((s, t) => s + t, 0) / small.length), tx: 0, ty: 0 };
  const turnedPoses = poses.map((p) => compose(turn, p));
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  turnedPoses.forEach((p, k) => {
    const f = facts[k]!;
    for (const c of [[0, 0], [f.widthPx, 0], [0, f.heightPx], [f.widthPx, f.heightPx]] as const) {
      const [x, y] = apply(p, c);
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  });
  const placed = turnedPoses.map((p) => ({ theta: wrap(p.theta), tx: p.tx - minX, ty: p.ty - minY }));
  return { poses: placed, turned: placed.map((p) => quarterOf(p.theta)), widthPx: Math.ceil(maxX - minX), heightPx: Math.ceil(maxY - minY) };
}
