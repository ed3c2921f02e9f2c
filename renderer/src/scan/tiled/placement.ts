// How the officer lays the sheet for one part, read from the plan's rectangle: a part that holds a
// corner of the sheet goes into the same corner of the glass (the easiest thing to lay by hand and
// to get right), a part along one edge goes against that edge of the glass, a part in the middle
// covers the glass. A sheet laid turned (the plan's `turned`: its left edge toward the glass's
// top, a quarter turn clockwise) puts each of its corners and edges a quarter turn further round.
import type { PlannedPart, TilePlan } from '../../../../electron/contract';

export type Corner = 'tl' | 'tr' | 'br' | 'bl';
export type Edge = 'top' | 'right' | 'bottom' | 'left';

export type Placement =
  | { readonly kind: 'corner'; readonly sheet: Corner; readonly glass: Corner }
  | { readonly kind: 'edge'; readonly sheet: Edge; readonly glass: Edge }
  | { readonly kind: 'inside' };

/** A part edge within this of the sheet's counts as on it (the plan rounds to 0.01 mm). */
const ON_EDGE_MM = 0.5;

/** Clockwise order: a quarter turn clockwise moves each one step on. */
const CORNERS: readonly Corner[] = ['tl', 'tr', 'br', 'bl'];
const EDGES: readonly Edge[] = ['top', 'right', 'bottom', 'left'];
/** Which corner or edge to name when a part holds two (a single column's parts): as one reads. */
const CORNER_PREFERENCE: readonly Corner[] = ['tl', 'tr', 'bl', 'br'];
const EDGE_PREFERENCE: readonly Edge[] = ['top', 'left', 'right', 'bottom'];
const quarter = <T>(ring: readonly T[], x: T, turned: boolean): T => (turned ? ring[(ring.indexOf(x) + 1) % ring.length]! : x);

export function placementOf(plan: TilePlan, part: PlannedPart): Placement {
  const { widthMm: W, heightMm: H } = plan.sheet;
  const on: Record<Edge, boolean> = {
    top: part.yMm <= ON_EDGE_MM,
    left: part.xMm <= ON_EDGE_MM,
    right: part.xMm + part.widthMm >= W - ON_EDGE_MM,
    bottom: part.yMm + part.heightMm >= H - ON_EDGE_MM,
  };
  const corners: Record<Corner, boolean> = { tl: on.top && on.left, tr: on.top && on.right, br: on.bottom && on.right, bl: on.bottom && on.left };
  const corner = CORNER_PREFERENCE.find((c) => corners[c]);
  if (corner) return { kind: 'corner', sheet: corner, glass: quarter(CORNERS, corner, plan.turned) };
  const edge = EDGE_PREFERENCE.find((e) => on[e]);
  if (edge) return { kind: 'edge', sheet: edge, glass: quarter(EDGES, edge, plan.turned) };
  return { kind: 'inside' };
}
