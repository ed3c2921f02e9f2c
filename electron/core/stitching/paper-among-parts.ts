// The paper among the placed parts, on their small composition (sheet-locate.ts). The parts of a
// sheet's edge show what lies beyond the paper — the scanner's lid, lighter or darker than the
// paper, or the dark of an open lid — and the composition has matched the parts' exposures, so one
// tone tells "beyond" from paper everywhere. "Beyond" is what reaches the composition's border
// through pixels of that tone (or through places no part covers); the paper is the rest, its print
// enclosed by it. The imaging pipeline's own paper finder looks for a sheet darker than a light lid
// (an ID card); a large sheet is often the lighter of the two, hence this.
//
// The paper's centre, turn and sides come from the mask's moments: for a filled rectangle the
// principal axes are its sides and each side is √(12 · variance) along it — robust to a ragged
// edge pixel or a line of print that touches the edge.
import sharp from 'sharp';
import { placed, toPart } from './sheet-geometry';
import type { PartImage, PartPlacement } from './types';

export interface GreyPixels {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

export interface PaperEstimate {
  /** Centre, pixels of the small composition (continuous coordinates). */
  readonly cx: number;
  readonly cy: number;
  /** The paper's turn against the composition, degrees clockwise, within ±45°. */
  readonly angleDeg: number;
  /** Its sides along its own axes (its width is the side nearest the composition's x axis). */
  readonly widthPx: number;
  readonly heightPx: number;
  readonly longSideAcross: boolean;
}

/** "Beyond" and paper must differ by this many grey levels to be told apart. */
const MIN_CONTRAST = 8;
/** The paper found must be at least this share of the composition (else it is a mark, not the sheet). */
const MIN_SHARE = 0.3;

export async function readGrey(file: string): Promise<GreyPixels> {
  const { data, info } = await sharp(file, { limitInputPixels: false }).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** 1 where some part covers the pixel's centre, `margin` pixels in from its edge (the composition
 * leaves a part's outermost pixels white where it blends them out). */
export function coverage(parts: readonly PartImage[], placements: readonly PartPlacement[], width: number, height: number, margin = 2): Uint8Array {
  const mask = new Uint8Array(width * height);
  for (const pl of placements) {
    const part = parts.find((p) => p.index === pl.index)!;
    const g = placed(part.index, part.widthPx, part.heightPx, pl);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = y * width + x;
        if (mask[i]) continue;
        const { u, v } = toPart(g, x + 0.5, y + 0.5);
        if (u >= margin && v >= margin && u < g.width - margin && v < g.height - margin) mask[i] = 1;
      }
    }
  }
  return mask;
}

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  values.sort((a, b) => a - b);
  return values[values.length >> 1]!;
}

/** The paper, or null when it cannot be told from what lies beyond it (or none lies beyond). */
export function findPaperAmongParts(g: GreyPixels, covered: Uint8Array): PaperEstimate | null {
  const { width: w, height: h, data } = g;
  // What lies beyond: the first covered pixel in from each point of the border.
  const ring: number[] = [];
  const firstCovered = (x0: number, y0: number, dx: number, dy: number) => {
    for (let x = x0, y = y0; x >= 0 && y >= 0 && x < w && y < h; x += dx, y += dy) {
      if (covered[y * w + x]) return void ring.push(data[y * w + x]!);
    }
  };
  for (let x = 0; x < w; x++) {
    firstCovered(x, 0, 0, 1);
    firstCovered(x, h - 1, 0, -1);
  }
  for (let y = 0; y < h; y++) {
    firstCovered(0, y, 1, 0);
    firstCovered(w - 1, y, -1, 0);
  }
  const beyond = median(ring);
  // The paper: the light of the middle half (its 75th percentile: paper, not print).
  const middle: number[] = [];
  for (let y = h >> 2; y < (3 * h) >> 2; y += 2) for (let x = w >> 2; x < (3 * w) >> 2; x += 2) if (covered[y * w + x]) middle.push(data[y * w + x]!);
  middle.sort((a, b) => a - b);
  const paperLevel = middle[Math.floor(middle.length * 0.75)] ?? NaN;
  if (!(Math.abs(paperLevel - beyond) >= MIN_CONTRAST)) return null;
  const cut = (paperLevel + beyond) / 2;
  const lighterBeyond = beyond > paperLevel;
  const looksBeyond = (v: number) => (lighterBeyond ? v >= cut : v <= cut);

  // Flood from the border through "beyond" and uncovered pixels.
  const outside = new Uint8Array(w * h);
  const stack = new Int32Array(w * h);
  let top = 0;
  const push = (i: number) => {
    if (outside[i] || (covered[i] && !looksBeyond(data[i]!))) return;
    outside[i] = 1;
    stack[top++] = i;
  };
  for (let x = 0; x < w; x++) {
    push(x);
    push((h - 1) * w + x);
  }
  for (let y = 0; y < h; y++) {
    push(y * w);
    push(y * w + w - 1);
  }
  while (top > 0) {
    const i = stack[--top]!;
    const x = i % w;
    if (x > 0) push(i - 1);
    if (x < w - 1) push(i + 1);
    if (i >= w) push(i - w);
    if (i < w * (h - 1)) push(i + w);
  }

  // Moments of the paper (everything not reached).
  let n = 0, sx = 0, sy = 0;
  for (let y = 0, i = 0; y < h; y++) {
    for (let x = 0; x < w; x++, i++) {
      if (outside[i]) continue;
      n++;
      sx += x + 0.5;
      sy += y + 0.5;
    }
  }
  if (n < MIN_SHARE * w * h) return null;
  const cx = sx / n, cy = sy / n;
  let sxx = 0, syy = 0, sxy = 0;
  for (let y = 0, i = 0; y < h; y++) {
    for (let x = 0; x < w; x++, i++) {
      if (outside[i]) continue;
      const dx = x + 0.5 - cx, dy = y + 0.5 - cy;
      sxx += dx * dx;
      syy += dy * dy;
      sxy += dx * dy;
    }
  }
  const [mxx, myy, mxy] = [sxx / n, syy / n, sxy / n];
  // The major axis's angle, then the side nearest the x axis: the paper's turn within ±45°.
  const major = 0.5 * Math.atan2(2 * mxy, mxx - myy);
  const quarter = Math.PI / 2;
  const angle = major - Math.round(major / quarter) * quarter;
  const [c, s] = [Math.cos(angle), Math.sin(angle)];
  const along = c * c * mxx + 2 * c * s * mxy + s * s * myy;
  const across = s * s * mxx - 2 * c * s * mxy + c * c * myy;
  const widthPx = Math.sqrt(12 * along);
  const heightPx = Math.sqrt(12 * across);
  return { cx, cy, angleDeg: (angle * 180) / Math.PI, widthPx, heightPx, longSideAcross: widthPx > heightPx };
}
