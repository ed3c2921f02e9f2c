// Blank pages: how much of the page is ink once scanner noise, punch holes and bleed-through are
// set aside. Ink is what is much darker than the paper (bleed-through from the back is faint, so
// it stays under the cut); connected pieces of ink smaller than a speck of dust are noise; solid
// round pieces the size of a punch hole near the page's edge are holes, not content.
// A faint pencil note is not much darker than the paper either — no darker than a strong
// bleed-through from thin paper — but its strokes are sharp: the paper's level is reached within
// half a millimetre of them, while the paper softens what shows through from the back. So a pale
// pixel with a steep rise to the paper beside it, away from dark ink (whose soft rims would
// otherwise pass), is ink too.
import { paperLevel, type Grey } from './raster';

export interface InkMeasure {
  /** ink pixels kept, as a fraction of the paper's area */
  readonly fraction: number;
  readonly pieces: number;
  /** the ink that counts: 1 where a kept piece is */
  readonly kept: Uint8Array;
}

const DUST_MM = 1.0; // a piece whose larger side is under this is a speck, not a mark
const HOLE_MIN_MM = 4, HOLE_MAX_MM = 9, HOLE_EDGE_MM = 25;
/** Faint strokes: paler than analyse.ts's ink cut (half the paper's grey) but darker than this share of it… */
const FAINT_CUT = 0.8;
/** …and with the paper's level, less this share of it, reached within FAINT_REACH_MM: a sharp edge, not a soft show-through. */
const FAINT_RISE = 0.22;
const FAINT_REACH_MM = 0.5;

/** Pale, sharp strokes (pencil) away from dark ink, inside the paper: see the head of this file. */
export function faintStrokes(g: Grey, ink: Uint8Array, paper: Uint8Array | null, dpi: number, level = paperLevel(g, paper ?? undefined)): Uint8Array {
  const { width: w, height: h, data } = g;
  const pale = level * FAINT_CUT, rise = level * FAINT_RISE;
  const r = Math.max(1, Math.round((FAINT_REACH_MM / 25.4) * dpi));
  const faint = new Uint8Array(w * h);
  for (let y = r; y < h - r; y++)
    for (let x = r, i = y * w + r; x < w - r; x++, i++) {
      const v = data[i]!;
      if (v >= pale || ink[i] || (paper && !paper[i])) continue;
      let top = 0, nearInk = false;
      for (let dy = -r; dy <= r && !nearInk; dy++)
        for (let dx = -r, j = (y + dy) * w + x - r; dx <= r; dx++, j++) {
          if (ink[j]) { nearInk = true; break; }
          if (data[j]! > top) top = data[j]!;
        }
      if (!nearInk && top - v > rise) faint[i] = 1;
    }
  return faint;
}

export function measureInk(g: Grey, dark: Uint8Array, paper: Uint8Array | null, paperArea: number, dpi: number): InkMeasure {
  const { width: w, height: h } = g;
  const level = paperLevel(g, paper ?? undefined);
  const ink = faintStrokes(g, dark, paper, dpi, level);
  for (let i = 0; i < ink.length; i++) if (dark[i]) ink[i] = 1;
  const mm = dpi / 25.4;
  const labels = new Int32Array(w * h);
  const stack = new Int32Array(w * h);
  let kept = 0, pieces = 0, label = 0;
  const keep: number[] = [0];
  // paper extent, for "near the edge"
  let px0 = w, px1 = 0, py0 = h, py1 = 0;
  if (paper) {
    for (let y = 0; y < h; y++)
      for (let x = 0, i = y * w; x < w; x++, i++) if (paper[i]) { if (x < px0) px0 = x; if (x > px1) px1 = x; if (y < py0) py0 = y; if (y > py1) py1 = y; }
  } else { px0 = 0; px1 = w - 1; py0 = 0; py1 = h - 1; }
  for (let start = 0; start < ink.length; start++) {
    if (!ink[start] || labels[start]) continue;
    label++;
    let top = 0, count = 0, x0 = w, x1 = 0, y0 = h, y1 = 0;
    stack[top++] = start;
    labels[start] = label;
    while (top > 0) {
      const i = stack[--top]!;
      const x = i % w, y = (i / w) | 0;
      count++;
      if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y;
      // 8-connected: thin strokes broken by the reduction stay one piece
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= w) continue;
          const j = yy * w + xx;
          if (ink[j] && !labels[j]) { labels[j] = label; stack[top++] = j; }
        }
      }
    }
    const bw = (x1 - x0 + 1) / mm, bh = (y1 - y0 + 1) / mm;
    keep.push(0);
    if (Math.max(bw, bh) < DUST_MM) continue;
    const solid = count / ((x1 - x0 + 1) * (y1 - y0 + 1));
    const nearEdge = Math.min(x0 - px0, px1 - x1, y0 - py0, py1 - y1) / mm < HOLE_EDGE_MM;
    const roundish = bw >= HOLE_MIN_MM && bw <= HOLE_MAX_MM && bh >= HOLE_MIN_MM && bh <= HOLE_MAX_MM && Math.abs(bw - bh) < 1.5;
    if (nearEdge && roundish && solid > 0.6) continue; // a punch hole
    kept += count;
    pieces++;
    keep[label] = 1;
  }
  const keptMask = new Uint8Array(w * h);
  for (let i = 0; i < keptMask.length; i++) if (labels[i]) keptMask[i] = keep[labels[i]!]!;
  kept += growIntoRims(g, keptMask, paper, level * FAINT_CUT, Math.max(1, Math.round(FAINT_REACH_MM * mm)));
  return { fraction: kept / Math.max(1, paperArea), pieces, kept: keptMask };
}

/** A mark's pale rim is its ink too: the reduction to the working copy spreads a thin stroke into
 * grey neighbours, which the dark cut leaves out, so a page number or an initial would count for a
 * fraction of what it is and sit near the blank threshold. Only kept marks grow (dust, holes and
 * show-through have none), by at most `reach` px into pixels darker than `pale`; returns the pixels added. */
function growIntoRims(g: Grey, kept: Uint8Array, paper: Uint8Array | null, pale: number, reach: number): number {
  const { width: w, height: h, data } = g;
  let front: number[] = [];
  for (let i = 0; i < kept.length; i++) if (kept[i]) front.push(i);
  let added = 0;
  for (let step = 0; step < reach && front.length; step++) {
    const next: number[] = [];
    for (const i of front) {
      const x = i % w, y = (i / w) | 0;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx, yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
          const j = yy * w + xx;
          if (kept[j] || data[j]! >= pale || (paper && !paper[j])) continue;
          kept[j] = 1;
          added++;
          next.push(j);
        }
    }
    front = next;
  }
  return added;
}

/** The ink fraction under which a page is blank, for a sensitivity 0..1: 0 → 1e-7 (any mark keeps a page),
 * 0.5 → 1e-5 (less ink than a bare page number: a digit alone measures ≈ 3e-5 on A4, "Trang 2/3", an initial
 * or "Đã kiểm tra" 2–4e-4, a faint pencil note ≈ 4e-4), 1 → 1e-3 (anything short of a line of text goes). */
export function blankThreshold(sensitivity: number): number {
  const s = Math.min(1, Math.max(0, sensitivity));
  return 10 ** (-7 + 4 * s);
}
