// Seams through low-ink areas. Every cell of the reduced sheet (overview.ts) is given to one part:
// first to the part it lies deepest inside (the seams then run down the middle of each overlap),
// then, for each pair of parts that meet, the cut between them is moved to the cheapest path across
// their shared cells — cheap on blank paper, dear on ink and where the two parts disagree — so that
// a seam runs between lines of text and through the gaps between words rather than through them.
// The path follows the overlap's long axis one row (or column) at a time and may run sideways
// within a row as far as it likes (the cost of each cell it crosses is paid), which lets it step
// around a word into the next gap. compose.ts blends a few pixels across the final cut.
import { type Overview, cellCentre } from './overview';
import { toSheet } from './sheet-geometry';

/** A cut between two parts, in sheet pixels, for showing the seams on request. */
export interface SeamLine {
  readonly parts: readonly [number, number];
  readonly points: readonly (readonly [number, number])[];
}

export interface SeamMap {
  /** Per cell of the reduced sheet, the position in `ov.prints` of the part it shows; NONE where no part reaches. */
  readonly labels: Uint8Array;
  readonly seams: readonly SeamLine[];
}

export const NONE = 255;
/** A cell the two parts do not both cover (or another part's): the path may not cross it. */
const BLOCKED = 1e6;

/** `corrected[p]`: print p's values with its exposure matched. */
export function chooseSeams(ov: Overview, corrected: readonly Uint8Array[]): SeamMap {
  if (ov.prints.length >= NONE) throw new RangeError(`${ov.prints.length} parts are more than a sheet is composed from`);
  const labels = deepestLabels(ov);
  const seams: SeamLine[] = [];
  for (const [a, b] of meetingPairs(labels, ov.width, ov.height)) {
    const seam = cutBetween(ov, labels, corrected, a, b);
    if (seam) seams.push(seam);
  }
  return { labels, seams };
}

function deepestLabels(ov: Overview): Uint8Array {
  const labels = new Uint8Array(ov.width * ov.height).fill(NONE);
  const best = new Float32Array(ov.width * ov.height).fill(-1);
  ov.prints.forEach((p, n) => {
    const { part } = p;
    for (let j = 0; j < p.h; j++) {
      const Y = cellCentre(p.y0 + j, ov.factor) - part.dy;
      for (let i = 0; i < p.w; i++) {
        if (!p.inside[j * p.w + i]) continue;
        // How deep inside the part the cell lies: pixels to its nearest edge.
        const X = cellCentre(p.x0 + i, ov.factor) - part.dx;
        const u = part.cos * X + part.sin * Y;
        const v = -part.sin * X + part.cos * Y;
        const depth = Math.min(u, part.width - 1 - u, v, part.height - 1 - v);
        const cell = (p.y0 + j) * ov.width + p.x0 + i;
        if (depth > best[cell]!) {
          best[cell] = depth;
          labels[cell] = n;
        }
      }
    }
  });
  return labels;
}

function meetingPairs(labels: Uint8Array, width: number, height: number): [number, number][] {
  const seen = new Set<number>();
  const note = (p: number, q: number) => {
    if (p !== q && p !== NONE && q !== NONE) seen.add(Math.min(p, q) * 256 + Math.max(p, q));
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const l = labels[y * width + x]!;
      if (x + 1 < width) note(l, labels[y * width + x + 1]!);
      if (y + 1 < height) note(l, labels[(y + 1) * width + x]!);
    }
  }
  return [...seen].sort((p, q) => p - q).map((key) => [key >> 8, key & 255]);
}

/** Moves the cut between prints `a` and `b` to the cheapest path across their shared cells. */
function cutBetween(ov: Overview, labels: Uint8Array, corrected: readonly Uint8Array[], a: number, b: number): SeamLine | null {
  const pa = ov.prints[a]!;
  const pb = ov.prints[b]!;
  const ca = toSheet(pa.part, pa.part.width / 2, pa.part.height / 2);
  const cb = toSheet(pb.part, pb.part.width / 2, pb.part.height / 2);
  // Side by side: the cut runs down the rows; one above the other: along the columns.
  const down = Math.abs(ca.x - cb.x) >= Math.abs(ca.y - cb.y);
  const [first, second] = (down ? ca.x <= cb.x : ca.y <= cb.y) ? [a, b] : [b, a];
  const x0 = Math.max(pa.x0, pb.x0), x1 = Math.min(pa.x0 + pa.w, pb.x0 + pb.w);
  const y0 = Math.max(pa.y0, pb.y0), y1 = Math.min(pa.y0 + pa.h, pb.y0 + pb.h);
  if (x1 <= x0 || y1 <= y0) return null;
  // "along" runs with the cut, "across" from the first part to the second.
  const [along0, along1, across0, across1] = down ? [y0, y1, x0, x1] : [x0, x1, y0, y1];
  const span = across1 - across0;
  const cellAt = (al: number, ac: number) => (down ? al * ov.width + ac : ac * ov.width + al);
  const xy = (al: number, ac: number): [number, number] => (down ? [ac, al] : [al, ac]);
  const costA = corrected[a]!;
  const costB = corrected[b]!;
  /** The cost of the cut passing through each cell of one row (or column); BLOCKED off the pair's shared cells. */
  const rowCost = new Float64Array(span);
  const costsOf = (al: number): void => {
    for (let ac = across0; ac < across1; ac++) {
      const x = down ? ac : al;
      const y = down ? al : ac;
      const l = labels[y * ov.width + x]!;
      const ia = x - pa.x0, ja = y - pa.y0, ib = x - pb.x0, jb = y - pb.y0;
      const ka = ja * pa.w + ia;
      const kb = jb * pb.w + ib;
      if ((l !== a && l !== b) || ia < 0 || ia >= pa.w || ja < 0 || ja >= pa.h || ib < 0 || ib >= pb.w || jb < 0 || jb >= pb.h || !pa.inside[ka] || !pb.inside[kb]) {
        rowCost[ac - across0] = BLOCKED;
        continue;
      }
      const va = costA[ka]!;
      const vb = costB[kb]!;
      // Ink on either side, and disagreement between them (a seam there would show).
      rowCost[ac - across0] = 1 + (255 - va) + (255 - vb) + 2 * Math.abs(va - vb);
    }
  };

  const points: [number, number][] = [];
  let segment: { al: number; lo: number; hi: number; costs: Float64Array; from: Int32Array }[] = [];
  const finish = () => {
    if (segment.length === 0) return;
    // Back from the cheapest end, giving each row's shared cells to the side they lie on.
    const last = segment[segment.length - 1]!;
    let best = -1;
    let bestCost = Infinity;
    for (let c = last.lo; c <= last.hi; c++) if (last.costs[c - across0]! < bestCost) [best, bestCost] = [c, last.costs[c - across0]!];
    const path: [number, number][] = [];
    for (let r = segment.length - 1; r >= 0; r--) {
      const row = segment[r]!;
      const from = row.from[best - across0]!;
      for (let c = row.lo; c <= row.hi; c++) {
        const cell = cellAt(row.al, c);
        const l = labels[cell]!;
        if (l === a || l === b) labels[cell] = c < best ? first : second;
      }
      path.push([row.al, best]);
      if (r > 0 && Math.abs(from - best) > 1) path.push([row.al, from]);
      best = from;
    }
    for (const [al, ac] of path.reverse()) {
      const [x, y] = xy(al, ac);
      points.push([cellCentre(x, ov.factor), cellCentre(y, ov.factor)]);
    }
    segment = [];
  };

  for (let al = along0; al < along1; al++) {
    let lo = -1, hi = -1;
    costsOf(al);
    for (let i = 0; i < span; i++) {
      if (rowCost[i]! < BLOCKED) {
        if (lo < 0) lo = across0 + i;
        hi = across0 + i;
      }
    }
    if (lo < 0) {
      finish();
      continue;
    }
    const costs = new Float64Array(span).fill(Infinity);
    const from = new Int32Array(span).fill(-1);
    const prev = segment[segment.length - 1];
    if (!prev) {
      for (let ac = lo; ac <= hi; ac++) {
        costs[ac - across0] = rowCost[ac - across0]!;
        from[ac - across0] = ac;
      }
    } else {
      // Enter from the row before at some cell t, then run sideways to ac paying each cell crossed.
      const fwd = new Float64Array(span).fill(Infinity);
      const fwdFrom = new Int32Array(span).fill(-1);
      for (let ac = lo; ac <= hi; ac++) {
        const i = ac - across0;
        const enter = prev.costs[i]!;
        const run = ac > lo ? fwd[i - 1]! + rowCost[i - 1]! : Infinity;
        if (enter <= run) {
          fwd[i] = enter;
          fwdFrom[i] = ac;
        } else {
          fwd[i] = run;
          fwdFrom[i] = fwdFrom[i - 1]!;
        }
      }
      let back = Infinity;
      let backFrom = -1;
      for (let ac = hi; ac >= lo; ac--) {
        const i = ac - across0;
        const enter = prev.costs[i]!;
        const run = ac < hi ? back + rowCost[i + 1]! : Infinity;
        if (enter <= run) {
          back = enter;
          backFrom = ac;
        } else back = run;
        const fromFwd = fwd[i]! <= back;
        costs[i] = (fromFwd ? fwd[i]! : back) + rowCost[i]!;
        from[i] = fromFwd ? fwdFrom[i]! : backFrom;
      }
      let reachable = false;
      for (let i = lo - across0; i <= hi - across0 && !reachable; i++) reachable = Number.isFinite(costs[i]!);
      if (!reachable) {
        // No way in from the row before (the shared cells jumped): a new stretch of cut.
        finish();
        for (let ac = lo; ac <= hi; ac++) {
          costs[ac - across0] = rowCost[ac - across0]!;
          from[ac - across0] = ac;
        }
      }
    }
    segment.push({ al, lo, hi, costs, from });
  }
  finish();
  // One point per cell row is thousands on an A0 sheet: keep those that shape the line (within half a cell).
  return points.length > 0 ? { parts: [ov.prints[a]!.part.index, ov.prints[b]!.part.index], points: simplified(points, ov.factor / 2) } : null;
}

/** Ramer–Douglas–Peucker: the polyline's points that keep it within `tolerance` pixels. */
export function simplified(points: readonly (readonly [number, number])[], tolerance: number): (readonly [number, number])[] {
  if (points.length <= 2) return [...points];
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [i, j] = stack.pop()!;
    const [x0, y0] = points[i]!;
    const [x1, y1] = points[j]!;
    const len = Math.hypot(x1 - x0, y1 - y0);
    let far = -1;
    let farthest = tolerance;
    for (let k = i + 1; k < j; k++) {
      const [x, y] = points[k]!;
      const d = len === 0 ? Math.hypot(x - x0, y - y0) : Math.abs((x1 - x0) * (y0 - y) - (x0 - x) * (y1 - y0)) / len;
      if (d > farthest) [far, farthest] = [k, d];
    }
    if (far < 0) continue;
    keep[far] = 1;
    stack.push([i, far], [far, j]);
  }
  return points.filter((_, k) => keep[k]);
}
