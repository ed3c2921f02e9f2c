// Applies one page's analysis with sharp (libvips): the turn (quarter turns and deskew in one
// rotation), the crop to the paper or past the scanner's borders, the split of a book spread, and
// the colour policy; then encodes each resulting page — JPEG for colour and grey, CCITT G4 for
// bilevel — and its thumbnail. libvips streams the pixels in strips on its own threads: the only
// buffers JavaScript sees are the encoded outputs. Pure function of files, so it runs in a pool
// worker (pool.ts) or in-process alike.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { ColorMode } from '../../contract';
import { type Box, type PageAnalysis, analysePage, straightenedSize } from './analysis';
import type { HandSteps } from './hand-steps';
import { bilevelG4 } from './bilevel';
import { decodeOnce } from './decoded-page';
import { type ImageInput, THUMB_BOX, openImage, pageJpegOptions } from './page-encoder';
import { damagedImage, decodesCleanly } from './strict-decode';
import { type ImagingProfile, PROFILES, type ProfileName } from './profiles';

export const JPEG_QUALITY = 85;
/** Above this many pixels (A3 at 300 dpi is 17 Mpx) a page is encoded in one streaming pass into a
 * file: optimised Huffman tables make libjpeg hold every coefficient of the page (≈ 6 bytes per
 * pixel, 0.9 GB for A0 at 300 dpi), and a buffer of the result would be tens of megabytes more. */
export const LARGE_PAGE_PIXELS = 30_000_000;
/** Optimised Huffman tables make a page ≈ 18 % smaller and double the JPEG encoder's time (65 →
 * 122 ms of CPU for A4 at 300 dpi). Counter scans at up to 200 dpi get them (their size is what
 * the store and the sync carry most); at higher resolutions the feeder's pace comes first. */
export const OPTIMISE_HUFFMAN_UP_TO_DPI = 200;
/** Below this the turn is not worth a resampling of the whole page. */
const MIN_DESKEW_DEGREES = 0.05;
export const WHITE = { r: 255, g: 255, b: 255, alpha: 1 };

export interface ProcessRequest {
  readonly input: ImageInput;
  /** The mode the page was captured in. */
  readonly mode: ColorMode;
  readonly dpi: number;
  readonly profile: ProfileName;
  /** Where an oriented copy of an odd input (EXIF orientation, a later TIFF page) may go. */
  readonly workDir: string;
  /** A file from outside (an import): decoded at libvips' fail-on-warning level, a damaged one
   * refused as import-damaged-image (strict-decode.ts) — the page's own decode is the check. */
  readonly strict?: boolean | undefined;
}

/** What was done to one stored page, with its parameters: kept beside the page (page_steps). */
export interface PageSteps {
  readonly profile: ProfileName;
  /** EXIF orientation applied to an imported photo (1: none). */
  readonly exifOrientation: number;
  readonly quarterTurns: 0 | 1 | 2 | 3;
  /** Clockwise, after the quarter turns; 0 when below the threshold. */
  readonly deskewDegrees: number;
  /** In the turned image's canvas; null: the whole. */
  readonly crop: Box | null;
  /** Which half of a book spread this page is. */
  readonly part: 'whole' | 'left' | 'right';
  readonly capturedMode: ColorMode;
  readonly storedMode: ColorMode;
  readonly blank: boolean;
  readonly inkFraction: number | null;
  readonly hasColour: boolean | null;
  /** What a person did by hand after the pipeline (hand-steps.ts); absent: nothing. */
  readonly hand?: HandSteps | undefined;
}

export interface ProcessedPart {
  /** The encoded page: bytes, or for a large page a file in the work folder (the caller moves it
   * into the blob store and removes it). */
  readonly image: Uint8Array | { readonly file: string };
  readonly mediaType: 'image/jpeg' | 'image/tiff';
  readonly thumb: Uint8Array;
  readonly widthPx: number;
  readonly heightPx: number;
  readonly mode: ColorMode;
  readonly steps: PageSteps;
  /** The stored page differs from a plain encoding of the capture (so the capture is worth keeping). */
  readonly changed: boolean;
}

export interface ProcessedPage {
  /** Empty when the profile removes blank pages and this one is blank. */
  readonly parts: readonly ProcessedPart[];
  readonly blank: boolean;
  readonly timingsMs: Readonly<Record<string, number>>;
}

function storedMode(captured: ColorMode, hasColour: boolean, profile: ImagingProfile): ColorMode {
  if (captured === 'bw') return 'bw';
  if (captured === 'color' && hasColour) return 'color';
  if (profile.colour === 'bilevel') return 'bw';
  if (profile.colour === 'grey') return 'gray';
  return captured;
}

/** A copy of an input that the analysis cannot read as it is (it reads page 0 and ignores EXIF);
 * `strict`: the input is decoded whole at the fail-on-warning level for it (strict-decode.ts). */
export async function oriented(input: ImageInput, orientation: number, workDir: string, strict = false): Promise<{ file: string; cleanup: () => Promise<void> } | null> {
  if (orientation <= 1 && !input.page) return null;
  const file = join(workDir, `oriented-${process.pid}-${Math.random().toString(36).slice(2)}.tif`);
  try {
    await openImage(input, strict ? 'warning' : 'error').autoOrient().tiff({ compression: 'none' }).toFile(file);
  } catch (e) {
    await rm(file, { force: true });
    throw strict ? damagedImage(e, input.file) : e;
  }
  return { file, cleanup: () => rm(file, { force: true }) };
}

const NO_ANALYSIS: PageAnalysis = { rotateQuarterTurns: 0, deskewDegrees: 0, crop: null, blank: false, inkFraction: 0, spreadGutterX: null, hasColour: true, timingsMs: {} };

export async function processPage(req: ProcessRequest): Promise<ProcessedPage> {
  const profile = PROFILES[req.profile];
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (stage: string) => {
    const now = performance.now();
    timings[stage] = (timings[stage] ?? 0) + now - t;
    t = now;
  };
  const meta = await openImage(req.input).metadata();
  const exifOrientation = meta.orientation ?? 1;
  const strict = req.strict === true;
  const copy = await oriented(req.input, exifOrientation, req.workDir, strict);
  let straightened: string | null = null;
  try {
    const source: ImageInput = copy ? { file: copy.file } : req.input;
    const odd = exifOrientation >= 5;
    const width = odd ? (meta.height ?? 0) : (meta.width ?? 0);
    const height = odd ? (meta.width ?? 0) : (meta.height ?? 0);
    lap('open');
    const decoded = await decodeOnce(source, meta, profile.analyse, strict && !copy); // one decoding for the analysis and the encoder
    // A strict page neither decoded whole above nor copied (large, 16-bit, alpha, no analysis): the
    // encoder may read only part of its file (a crop), so its damage check is a decoding of its own.
    if (strict && !copy && !decoded.whole) await decodesCleanly(req.input);
    lap('decode');
    const a = profile.analyse
      ? await analysePage(decoded.analysisInput, {
          dpi: req.dpi,
          orientation: profile.orientation,
          deskew: profile.deskew,
          findPaper: profile.findPaper,
          trimBorders: profile.trimBorders,
          blankSensitivity: profile.blankSensitivity,
          splitSpread: profile.splitSpread,
        })
      : NO_ANALYSIS;
    Object.assign(timings, Object.fromEntries(Object.entries(a.timingsMs).map(([k, v]) => [`analyse.${k}`, v])));
    lap('analyse');
    if (a.blank && profile.removeBlanks) return { parts: [], blank: true, timingsMs: timings };

    const deskew = Math.abs(a.deskewDegrees) >= MIN_DESKEW_DEGREES ? a.deskewDegrees : 0;
    const turned = straightenedSize(width, height, { rotateQuarterTurns: a.rotateQuarterTurns, deskewDegrees: deskew });
    // Without a crop, a straightened page keeps the size it was scanned at (A4 stays A4 at true
    // size): the turned canvas's centre, its corners filled white, as a deskewing scanner does.
    const upright = a.rotateQuarterTurns % 2 === 1 ? { width: height, height: width } : { width, height };
    const whole: Box = a.crop ?? {
      left: (turned.width - upright.width) / 2,
      top: (turned.height - upright.height) / 2,
      width: upright.width,
      height: upright.height,
    };
    const gutter = a.spreadGutterX !== null && profile.splitSpread ? Math.round(a.spreadGutterX) : null;
    const boxes: { part: PageSteps['part']; box: Box }[] =
      gutter !== null && gutter > 0 && gutter < whole.width
        ? [
            { part: 'left', box: { ...whole, width: gutter } },
            { part: 'right', box: { ...whole, left: whole.left + gutter, width: whole.width - gutter } },
          ]
        : [{ part: 'whole', box: whole }];
    const mode = storedMode(req.mode, profile.analyse ? a.hasColour : true, profile);
    const parts: ProcessedPart[] = [];
    const turns = a.rotateQuarterTurns * 90 + deskew;
    // A large page is straightened into a tiled work file first (see straightenLarge).
    straightened = width * height > LARGE_PAGE_PIXELS && deskew !== 0 && a.rotateQuarterTurns === 0 ? await straightenLarge(source, deskew, req.workDir) : null;
    for (const { part, box } of boxes) {
      const rounded = clampBox(box, turned);
      const cropped = rounded.left !== 0 || rounded.top !== 0 || rounded.width !== turned.width || rounded.height !== turned.height;
      let image = straightened ? openImage({ file: straightened }) : decoded.open();
      if (turns !== 0 && !straightened) image = image.rotate(turns, { background: WHITE });
      if (cropped) image = image.extract(rounded);
      // Only a real alpha channel is flattened (a CMYK image's fourth band is no alpha).
      if (meta.hasAlpha) image = image.flatten({ background: WHITE });
      const large = rounded.width * rounded.height > LARGE_PAGE_PIXELS;
      const file = large ? join(req.workDir, `page-${process.pid}-${Math.random().toString(36).slice(2)}.${mode === 'bw' ? 'tif' : 'jpg'}`) : null;
      const encoded = await encode(image, mode, rounded.height, req.dpi, file);
      lap('encode');
      const thumb = await thumbnail(file ?? encoded.data!, mode);
      lap('thumbnail');
      const steps: PageSteps = {
        profile: profile.name,
        exifOrientation,
        quarterTurns: a.rotateQuarterTurns,
        deskewDegrees: deskew,
        crop: cropped ? rounded : null,
        part,
        capturedMode: req.mode,
        storedMode: mode,
        blank: a.blank,
        inkFraction: profile.analyse ? a.inkFraction : null,
        hasColour: profile.analyse ? a.hasColour : null,
      };
      const changed = turns !== 0 || cropped || mode !== req.mode;
      parts.push({ image: file ? { file } : encoded.data!, mediaType: encoded.mediaType, thumb, widthPx: encoded.width, heightPx: encoded.height, mode, steps, changed });
    }
    return { parts, blank: a.blank, timingsMs: timings };
  } finally {
    await copy?.cleanup();
    if (straightened) await rm(straightened, { force: true });
  }
}

/** The screen's small copy of an encoded page (a buffer, or a large page's file). */
export function thumbnail(page: Buffer | string, mode: ColorMode): Promise<Buffer> {
  return sharp(page)
    .resize({ ...THUMB_BOX, fit: 'inside', withoutEnlargement: true })
    .toColourspace(mode === 'color' ? 'srgb' : 'b-w')
    .jpeg({ quality: 75 })
    .toBuffer();
}

/** A large page (an A0 map) turned by a small angle. sharp's rotate made libvips hold the whole
 * page (0.95 GB for A0 at 300 dpi); its affine transform, which yields the same pixels on the same
 * canvas, stays near 0.5 GB — but sharp extracts before an affine, so the turned page goes to a
 * tiled, uncompressed work file that the crop and the encoder then read in tiles. */
export async function straightenLarge(source: ImageInput, degrees: number, workDir: string): Promise<string> {
  const file = join(workDir, `turned-${process.pid}-${Math.random().toString(36).slice(2)}.tif`);
  const r = (degrees * Math.PI) / 180;
  await openImage(source)
    .affine([Math.cos(r), -Math.sin(r), Math.sin(r), Math.cos(r)], { background: WHITE, interpolator: 'bilinear' })
    .tiff({ compression: 'none', tile: true, tileWidth: 256, tileHeight: 256 })
    .toFile(file);
  return file;
}

/** Whole pixels, inside the turned image. */
export function clampBox(b: Box, size: { width: number; height: number }): Box {
  const left = Math.max(0, Math.min(size.width - 1, Math.round(b.left)));
  const top = Math.max(0, Math.min(size.height - 1, Math.round(b.top)));
  const width = Math.max(1, Math.min(size.width - left, Math.round(b.width)));
  const height = Math.max(1, Math.min(size.height - top, Math.round(b.height)));
  return { left, top, width, height };
}

export type Encoded = { data: Buffer | null; mediaType: 'image/jpeg' | 'image/tiff'; width: number; height: number };

/** Encodes into a buffer, or into `file` (a large page). */
export async function encode(image: sharp.Sharp, mode: ColorMode, heightPx: number, dpi: number, file: string | null): Promise<Encoded> {
  const run = async (out: sharp.Sharp) => {
    if (file) {
      const info = await out.toFile(file);
      return { data: null, info };
    }
    return out.toBuffer({ resolveWithObject: true });
  };
  if (mode === 'bw') {
    const { data, info } = await run(bilevelG4(image, heightPx, dpi));
    return { data, mediaType: 'image/tiff', width: info.width, height: info.height };
  }
  // No metadata is carried over: the resolution lives in the page's row, and a phone photo's EXIF
  // (place, device) has no business in a record; sharp's withMetadata would also force sRGB on grey.
  const jpeg = pageJpegOptions(dpi, !file); // the counter's small encoding up to 200 dpi (page-encoder.ts)
  const out = mode === 'color' ? image.toColourspace('srgb').jpeg({ ...jpeg, chromaSubsampling: '4:2:0' }) : image.toColourspace('b-w').jpeg(jpeg);
  const { data, info } = await run(out);
  return { data, mediaType: 'image/jpeg', width: info.width, height: info.height };
}
