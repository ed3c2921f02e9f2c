// A sheet folded in half in a carrier sleeve through a duplex feeder (issue 18, the "carrier
// sheet" method): an A3 sheet folded to A4 with the side to scan outward, its two halves scanned as
// the front and the back of one pass, unfolded here into one page at the sheet's true size.
//
// How the halves come out of a duplex feeder. The sleeve goes in fold on the right, as carrier
// sheets ask: the front image is the left half, upright, the fold along its right edge. The back
// image is the right half, and its orientation is the driver's convention:
// - "book" (most ADF drivers: SANE's fujitsu, epjitsu, kodak, avision backends, TWAIN and WIA by
//   default): the back is read with the leading edge at the top, as a person sees it after turning
//   the sheet over like a book page — upright, the fold along its left edge;
// - "calendar" (a driver's "back side rotation" option, some eSCL scanners): turned over like a
//   wall calendar — the back arrives upside down, the fold along its right edge.
// No driver family reports which in its capabilities, and the officer may slip the sleeve in fold
// on the left, so the station does not trust either: it tries the four ways the halves can meet
// (the back turned or not, the front on the left or the right) and keeps the one whose edges at
// the fold continue each other (the ink crossing the fold), falling back on the convention given
// (book by default) when nothing crosses the fold. A sleeve fed bottom first gives the whole page
// upside down, which the imaging pipeline turns upright as for any page.
//
// Each half is found by its paper edges against the feeder's dark backing (the imaging's own
// paper finder), straightened by its edges' tilt, and cut to them; the halves are joined at the
// fold, top edges level. The join is by the paper edges alone: where a finer match is wanted (a
// fold pressed crooked), `refine` takes the registration's matcher and places the right half.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { StationError } from '../errors';
import type { Grey } from '../imaging/analysis/raster';
import { edgeTilt, findPaper, robustExtent } from '../imaging/analysis/paper';
import type { PartImage, PartPlacement, SheetSize } from './types';

export type DuplexBackConvention = 'book' | 'calendar';

export interface UnfoldOptions {
  /** The sheet folded (A3 → two A4 halves; any sheet folded across its long side). */
  readonly sheet: SheetSize;
  /** The driver's back-side convention when known; else detected, book when nothing tells. */
  readonly convention?: DuplexBackConvention;
  /** Where the unfolded page is written (.tif or .png: lossless). */
  readonly out: string;
  /** A folder for the halves handed to `refine`. */
  readonly tmpDir?: string;
  /** The registration's matcher, to place the right half against the left (default: by the paper
   * edges, dx = the left half's width, dy = 0). Only dy and dx are used: the halves are upright. */
  readonly refine?: (left: PartImage, right: PartImage) => Promise<PartPlacement>;
}

export interface UnfoldResult {
  readonly path: string;
  readonly widthPx: number;
  readonly heightPx: number;
  readonly dpi: number;
  /** Which scan went on the left (the front, when the sleeve went in fold on the right). */
  readonly left: 'front' | 'back';
  /** The back was upside down (the calendar convention) and was turned. */
  readonly backTurned: boolean;
  /** The way the halves meet was read from the ink across the fold (else from the convention). */
  readonly detected: boolean;
  /** How much ink the edges at the fold continue (continuity(), about −1…1). */
  readonly seamScore: number;
}

/** A half may differ from the sheet's half by this much (paper cut, a fold off the middle, sleeve). */
const HALF_SIZE_TOLERANCE = 0.03;
/** The working copy's resolution for finding the paper: fine enough for 0.13 mm edges. */
const WORKING_DPI = 200;
/** A tilt below this is left alone: 0.05° moves a 297 mm edge by a quarter of a millimetre. */
const MIN_TILT_DEG = 0.05;
/** The best way must continue at least this much of the inkiest edge, and the next way at most
 * this share of what the best does; else nothing tells and the convention decides. */
const MIN_SCORE = 0.3;
const MAX_SECOND = 0.5;

interface Half {
  /** The half straightened (when it was tilted), as an image sharp reads. */
  readonly image: Buffer | string;
  /** The paper in that image, full-resolution pixels. */
  readonly box: { left: number; top: number; width: number; height: number };
  /** The ink along the paper's left and right edges, top to bottom (see `profile`). */
  readonly leftEdge: Float64Array;
  readonly rightEdge: Float64Array;
}

/** The front and back of a folded sheet, unfolded into one page. */
export async function unfoldHalves(front: PartImage, back: PartImage, opts: UnfoldOptions): Promise<UnfoldResult> {
  const mm = (px: number, dpi: number) => (px * 25.4) / dpi;
  if (Math.abs(front.dpi - back.dpi) > 0.5) throw sizeError(front, back, opts.sheet);
  const dpi = front.dpi;
  const [f, b] = [await findHalf(front), await findHalf(back)];
  // Each half is the sheet's long side halved by its short side (A3: 210 × 297 mm), upright.
  const expected = { width: opts.sheet.heightMm / 2, height: opts.sheet.widthMm };
  for (const h of [f, b]) {
    const off = (got: number, want: number) => Math.abs(got - want) / want > HALF_SIZE_TOLERANCE;
    if (off(mm(h.box.width, dpi), expected.width) || off(mm(h.box.height, dpi), expected.height)) throw sizeError(front, back, opts.sheet, f, b);
  }

  // The four ways the halves can meet, each scored by the edges on either side of the fold.
  const reversed = (p: Float64Array) => Float64Array.from(p).reverse();
  const norm = Math.max(...[f.leftEdge, f.rightEdge, b.leftEdge, b.rightEdge].map(spread));
  const ways = [
    { left: 'front', backTurned: false, score: continuity(f.rightEdge, b.leftEdge, norm) },
    { left: 'front', backTurned: true, score: continuity(f.rightEdge, reversed(b.rightEdge), norm) },
    { left: 'back', backTurned: false, score: continuity(b.rightEdge, f.leftEdge, norm) },
    { left: 'back', backTurned: true, score: continuity(reversed(b.leftEdge), f.leftEdge, norm) },
  ] as const;
  const allowed = ways.filter((w) => !opts.convention || w.backTurned === (opts.convention === 'calendar'));
  const ranked = [...allowed].sort((x, y) => y.score - x.score);
  const [best, second] = [ranked[0]!, ranked[1]];
  const detected = best.score >= MIN_SCORE && (!second || second.score <= MAX_SECOND * best.score);
  const way = detected ? best : allowed.find((w) => w.left === 'front' && w.backTurned === (opts.convention === 'calendar'))!;

  const cut = async (h: Half, turn: boolean) => {
    const { data, info } = await sharp(h.image).extract(h.box).rotate(turn ? 180 : 0).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, channels: info.channels };
  };
  const frontCut = await cut(f, false);
  const backCut = await cut(b, way.backTurned);
  const [l, r] = way.left === 'front' ? [frontCut, backCut] : [backCut, frontCut];
  let place = { dx: l.width, dy: 0 };
  if (opts.refine) {
    const dir = opts.tmpDir ?? join(opts.out, '..');
    await mkdir(dir, { recursive: true });
    const write = async (img: typeof l, name: string) => {
      const path = join(dir, name);
      await sharp(img.data, { raw: { width: img.width, height: img.height, channels: img.channels as 3 } }).png({ compressionLevel: 1 }).toFile(path);
      return path;
    };
    const placed = await opts.refine(
      { index: 0, path: await write(l, 'fold-left.png'), dpi, widthPx: l.width, heightPx: l.height },
      { index: 1, path: await write(r, 'fold-right.png'), dpi, widthPx: r.width, heightPx: r.height },
    );
    place = { dx: Math.round(placed.dx), dy: Math.round(placed.dy) };
  }
  // The page: the halves side by side at the fold, top edges level, white where one is shorter.
  const top = Math.min(0, place.dy);
  const width = Math.max(l.width, place.dx + r.width);
  const height = Math.max(l.height, place.dy + r.height) - top;
  const raw = (img: typeof l) => ({ raw: { width: img.width, height: img.height, channels: img.channels as 3 } });
  await sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .composite([
      { input: l.data, ...raw(l), left: 0, top: -top },
      { input: r.data, ...raw(r), left: place.dx, top: place.dy - top },
    ])
    .withMetadata({ density: dpi })
    .toFile(opts.out);
  return { path: opts.out, widthPx: width, heightPx: height, dpi, left: way.left, backTurned: way.backTurned, detected, seamScore: best.score };
}

/** One half: its paper found on the working copy, straightened when tilted, and its edges' profiles. */
async function findHalf(part: PartImage): Promise<Half> {
  const scale = Math.min(1, WORKING_DPI / part.dpi);
  const look = async (image: Buffer | string) => {
    const meta = await sharp(image).metadata();
    const [fullWidth, fullHeight] = [meta.width ?? part.widthPx, meta.height ?? part.heightPx];
    const { data, info } = await sharp(image)
      .greyscale()
      .resize({ width: Math.max(1, Math.round(fullWidth * scale)), kernel: 'linear' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const grey: Grey = { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
    return { grey, region: findPaper(grey, part.dpi * scale), fullWidth, fullHeight };
  };
  let image: Buffer | string = part.path;
  let seen = await look(image);
  // edgeTilt reads each side within a narrow band about its first estimate: seen straight from
  // 0° a tilted side leaves the band, so the estimate is refined from its own last value.
  let tilt = 0;
  for (let i = 0; i < 4 && seen.region; i++) {
    const next = edgeTilt(seen.region.outline, tilt) ?? tilt;
    const settled = Math.abs(next - tilt) < 0.01;
    tilt = next;
    if (settled) break;
  }
  if (Math.abs(tilt) >= MIN_TILT_DEG) {
    // Straightened on the feeder's own dark backing, so the corners it uncovers stay background.
    image = await sharp(part.path).rotate(-tilt, { background: '#000000' }).png({ compressionLevel: 1 }).toBuffer();
    seen = await look(image);
  }
  const { grey, region, fullWidth, fullHeight } = seen;
  const k = fullWidth / grey.width; // full-resolution px per working px
  // No dark backing round it (a driver that crops to the paper): the whole image is the half.
  const e = region
    ? robustExtent(Float64Array.from(region.bounds.xs), Float64Array.from(region.bounds.ys), 0.0005)
    : { x0: 0, x1: grey.width - 1, y0: 0, y1: grey.height - 1 };
  const left = Math.max(0, Math.round(e.x0 * k));
  const topPx = Math.max(0, Math.round(e.y0 * k));
  const box = { left, top: topPx, width: Math.min(fullWidth, Math.round((e.x1 + 1) * k)) - left, height: Math.min(fullHeight, Math.round((e.y1 + 1) * k)) - topPx };
  // The ink along each edge: a band from half a millimetre to 3.5 mm inside it, averaged across and
  // smoothed over a millimetre down, so that what is compared is the run of text lines, rules and
  // strokes meeting the fold, not single pixels of glyphs either side of it.
  const mmPx = (part.dpi * scale) / 25.4;
  const [inset, band, smooth] = [Math.max(1, Math.round(mmPx / 2)), Math.max(2, Math.round(3 * mmPx)), Math.max(1, Math.round(mmPx / 2))];
  const rows = Math.max(0, Math.round(e.y1 - e.y0) + 1);
  const profile = (from: number, step: 1 | -1) => {
    const across = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      const y = Math.round(e.y0) + i;
      let sum = 0;
      for (let j = 0; j < band; j++) sum += grey.data[y * grey.width + Math.min(grey.width - 1, Math.max(0, from + step * (inset + j)))]!;
      across[i] = sum / band;
    }
    const out = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      let sum = 0, n = 0;
      for (let k = Math.max(0, i - smooth); k <= Math.min(rows - 1, i + smooth); k++) [sum, n] = [sum + across[k]!, n + 1];
      out[i] = sum / n;
    }
    return out;
  };
  return { image, box, leftEdge: profile(Math.round(e.x0), 1), rightEdge: profile(Math.round(e.x1), -1) };
}

/** The spread (variance) of a profile: how much ink runs along that edge. */
export function spread(p: Float64Array): number {
  if (p.length === 0) return 0;
  let sum = 0, squares = 0;
  for (const v of p) [sum, squares] = [sum + v, squares + v * v];
  const mean = sum / p.length;
  return squares / p.length - mean * mean;
}

/**
 * How well two edge profiles continue each other: their covariance over the common length, divided
 * by `norm`, the spread of the inkiest of the four edges. Correlation alone would not do: a rule
 * printed from edge to edge makes the two outer edges of the sheet look alike, perfectly, while the
 * edges at the fold carry that rule and all the text crossing it besides — the join that continues
 * the most ink wins. Under a grey level of spread (paper grain, scanner noise) it is 0.
 */
export function continuity(a: Float64Array, b: Float64Array, norm: number): number {
  const n = Math.min(a.length, b.length);
  if (n < 8 || norm < 1) return 0;
  let sa = 0, sb = 0;
  for (let i = 0; i < n; i++) [sa, sb] = [sa + a[i]!, sb + b[i]!];
  const [ma, mb] = [sa / n, sb / n];
  let ab = 0;
  for (let i = 0; i < n; i++) ab += (a[i]! - ma) * (b[i]! - mb);
  return ab / n / norm;
}

function sizeError(front: PartImage, back: PartImage, sheet: SheetSize, f?: Half, b?: Half): StationError {
  const mm = (px: number, dpi: number) => Math.round((px * 25.4) / dpi);
  const size = (p: PartImage, h?: Half) => (h ? `${mm(h.box.width, p.dpi)} × ${mm(h.box.height, p.dpi)} mm` : `${p.dpi} dpi`);
  const name = sheet.name === 'custom' ? `${sheet.widthMm} × ${sheet.heightMm} mm` : sheet.name.toUpperCase();
  return new StationError('folded-halves-size', { front: size(front, f), back: size(back, b), sheet: name });
}
