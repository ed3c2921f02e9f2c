// Which parts of the sheet no part covers: the reduced sheet's unlabelled cells (seams.ts), grouped
// into areas, each with its box in sheet pixels and millimetres and where it lies in words — what
// the officer needs to know to scan the missing part. A sliver along the sheet's edges no thicker
// than EDGE_TOLERANCE_MM (the paper's edge itself as the parts reach it) is not a missing part.
import { MM_PER_INCH } from './sheet-geometry';
import { NONE } from './seams';

export interface UncoveredArea {
  /** Sheet pixels. */
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  /** Millimetres, from the sheet's top-left corner. */
  readonly leftMm: number;
  readonly topMm: number;
  readonly widthMm: number;
  readonly heightMm: number;
  /** Share of the sheet's area. */
  readonly fraction: number;
  /** Where on the sheet, in words. */
  readonly where: { readonly vi: string; readonly en: string };
}

export const EDGE_TOLERANCE_MM = 1;

export function uncoveredAreas(labels: Uint8Array, cells: { width: number; height: number }, factor: number, sheet: { width: number; height: number }, dpi: number): UncoveredArea[] {
  const { width, height } = cells;
  const seen = new Uint8Array(width * height);
  const mm = (px: number) => Math.round((px / dpi) * MM_PER_INCH);
  const areas: UncoveredArea[] = [];
  const stack: number[] = [];
  for (let start = 0; start < labels.length; start++) {
    if (labels[start] !== NONE || seen[start]) continue;
    let x0 = width, y0 = height, x1 = -1, y1 = -1, count = 0;
    seen[start] = 1;
    stack.push(start);
    while (stack.length > 0) {
      const c = stack.pop()!;
      const x = c % width;
      const y = (c - x) / width;
      count++;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
      const next = [x > 0 ? c - 1 : -1, x + 1 < width ? c + 1 : -1, y > 0 ? c - width : -1, y + 1 < height ? c + width : -1];
      for (const n of next) {
        if (n >= 0 && !seen[n] && labels[n] === NONE) {
          seen[n] = 1;
          stack.push(n);
        }
      }
    }
    const left = Math.min(sheet.width, x0 * factor);
    const top = Math.min(sheet.height, y0 * factor);
    const box = { left, top, width: Math.min(sheet.width, (x1 + 1) * factor) - left, height: Math.min(sheet.height, (y1 + 1) * factor) - top };
    // Its thickness: t for a band t thick along one edge, or along two (an L round a corner, whose
    // box is the whole sheet): cells = (w + h − t)·t; t is the smaller side for a compact area.
    const w = x1 - x0 + 1;
    const h = y1 - y0 + 1;
    const t = ((w + h) - Math.sqrt(Math.max(0, (w + h) ** 2 - 4 * count))) / 2;
    if (((t * factor) / dpi) * MM_PER_INCH <= EDGE_TOLERANCE_MM) continue;
    areas.push({
      ...box,
      leftMm: mm(box.left),
      topMm: mm(box.top),
      widthMm: mm(box.width),
      heightMm: mm(box.height),
      fraction: (count * factor * factor) / (sheet.width * sheet.height),
      where: whereOnSheet((box.left + box.width / 2) / sheet.width, (box.top + box.height / 2) / sheet.height),
    });
  }
  return areas.sort((p, q) => q.fraction - p.fraction);
}

/** A third of the sheet each way: "top left corner", "bottom edge", "middle", … */
export function whereOnSheet(fx: number, fy: number): { vi: string; en: string } {
  const col = fx < 1 / 3 ? 0 : fx < 2 / 3 ? 1 : 2;
  const row = fy < 1 / 3 ? 0 : fy < 2 / 3 ? 1 : 2;
  const vi = [
    ['góc trên bên trái', 'phía trên, ở giữa', 'góc trên bên phải'],
    ['mép trái, ở giữa', 'giữa tờ giấy', 'mép phải, ở giữa'],
    ['góc dưới bên trái', 'phía dưới, ở giữa', 'góc dưới bên phải'],
  ];
  const en = [
    ['the top left corner', 'the top, in the middle', 'the top right corner'],
    ['the left edge, half-way down', 'the middle of the sheet', 'the right edge, half-way down'],
    ['the bottom left corner', 'the bottom, in the middle', 'the bottom right corner'],
  ];
  return { vi: vi[row]![col]!, en: en[row]![col]! };
}
