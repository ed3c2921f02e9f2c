// One camera photo → its corrected page image(s): the one entry the CLI's import and the camera
// capture call. Steps, each in its own file: exposure (too dark / too bright, exposure.ts), the
// page's outline (outline.ts), its true aspect and size (page-aspect.ts, page-size.ts), motion
// blur (sharpness.ts), a book spread's gutter (spread.ts), perspective correction (rectify.ts)
// and the light evened (lighting.ts). Curvature flattening of a bound book's curled page is not
// done here: a page is taken as a flat rectangle.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { StationError } from '../errors';
import { uuidv7 } from '../ids';
import { MAX_INPUT_PIXELS } from '../imaging/page-encoder';
import { decoderDetail } from '../imaging/strict-decode';
import { cameraCv, type CvMat, matFromRaw, withMats } from './cv';
import { checkExposure, measureExposure, type Exposure } from './exposure';
import { findOutline } from './outline';
import { pageAspect } from './page-aspect';
import { type PageSize, pageSize } from './page-size';
import { lightEstimate, evenLight } from './lighting';
import { rectify } from './rectify';
import { checkSharpness, measureSharpness, type Sharpness } from './sharpness';
import { type Gutter, findSpreadGutter } from './spread';
import type { PaperName, Quad } from './types';

export interface CameraPhotoOptions {
  /** Where the page files are written (the caller removes them). */
  readonly workDir: string;
  /** The paper the page is on; absent: from the page's measured aspect (page-size.ts). */
  readonly paper?: PaperName | undefined;
  /** Resolution of the corrected pages (default 200 dpi, the station's import default). */
  readonly dpi?: number | undefined;
  /** A book spread: split at the gutter ('auto': when a landscape outline has one). */
  readonly spread?: 'auto' | 'yes' | 'no' | undefined;
  /** The page's corners as a person set them ("redo with this outline"): no search. */
  readonly corners?: Quad | undefined;
  /** Divide out the lamp's hot spot and shadows (default yes). */
  readonly evenLight?: boolean | undefined;
}

export interface CameraPage {
  /** A PNG stating its resolution. */
  readonly file: string;
  readonly widthPx: number;
  readonly heightPx: number;
  readonly dpi: number;
  readonly widthMm: number;
  readonly heightMm: number;
}

export interface CameraPhotoResult {
  /** One page, or two for a spread (left, right). */
  readonly pages: readonly CameraPage[];
  /** The page's (or the whole spread's) corners in the photo, continuous pixel coordinates. */
  readonly outline: Quad;
  readonly measures: {
    readonly photo: { readonly width: number; readonly height: number };
    /** Width/height of the outline as the page truly is (a spread: both pages). */
    readonly ratio: number;
    readonly focalPx: number | null;
    readonly size: PageSize;
    /** The gutter's place as a share of the spread's width, and its depth; null: one page. */
    readonly gutter: { readonly share: number; readonly depth: number } | null;
    readonly exposure: Exposure;
    readonly sharpness: Sharpness;
    readonly timingsMs: Readonly<Record<string, number>>;
  };
}

export const DEFAULT_CAMERA_DPI = 200;
/** The page's outermost millimetre is set to paper white: there the desk bleeds in through the
 * lens's softness and the interpolation (a dark line along the edge that OCR read as "|"), and no
 * page carries text that close to its edge. */
const EDGE_MM = 1;
const PAPER_WHITE = 250;

function whitenEdge(page: { data: Buffer; cols: number; rows: number }, px: number): void {
  const { data, cols, rows } = page;
  for (let y = 0; y < rows; y++) {
    const edgeRow = y < px || y >= rows - px;
    for (let x = 0; x < cols; x++) if (edgeRow || x < px || x >= cols - px) data.fill(PAPER_WHITE, (y * cols + x) * 3, (y * cols + x) * 3 + 3);
  }
}
/** A landscape outline wider than this (width/height) may be a spread. */
const SPREAD_MIN_RATIO = 1.15;

async function decode(file: string): Promise<{ data: Buffer; width: number; height: number }> {
  try {
    const { data, info } = await sharp(file, { limitInputPixels: MAX_INPUT_PIXELS }).rotate().toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (e) {
    throw new StationError('import-unreadable', { file, detail: decoderDetail(e, file) }, { cause: e });
  }
}

/** A corrected page as a PNG stating its resolution (lossless: the imaging pipeline encodes it once). */
async function writePage(page: { data: Buffer; cols: number; rows: number }, file: string, dpi: number): Promise<void> {
  await sharp(page.data, { raw: { width: page.cols, height: page.rows, channels: 3 } })
    .withMetadata({ density: dpi })
    .png({ compressionLevel: 1 })
    .toFile(file);
}

/** Turns one photo of a page (or a book spread) into upright page images at their true size. */
export async function correctCameraPhoto(input: string, opts: CameraPhotoOptions): Promise<CameraPhotoResult> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - t);
    t = now;
  };
  const dpi = opts.dpi ?? DEFAULT_CAMERA_DPI;
  const photo = await decode(input);
  const cv = await cameraCv();
  lap('decode');
  await mkdir(opts.workDir, { recursive: true });
  const work = withMats((keep) => {
    const rgb = keep(matFromRaw(cv, photo.data, photo.width, photo.height, 3));
    const grey = keep(new cv.Mat());
    cv.cvtColor(rgb, grey, cv.COLOR_RGB2GRAY);
    const exposure = measureExposure(grey.data);
    checkExposure(exposure, input);
    const corners = opts.corners ?? findOutline(cv, rgb, input).corners;
    lap('outline');
    const aspect = pageAspect(corners, photo);
    // the page as photographed, at the photo's own sampling: blur and the gutter are judged here
    const sideMean = (Math.hypot(corners[0].x - corners[3].x, corners[0].y - corners[3].y) + Math.hypot(corners[1].x - corners[2].x, corners[1].y - corners[2].y)) / 2;
    const nativeH = Math.max(8, Math.round(sideMean));
    const nativeW = Math.max(8, Math.round(nativeH * aspect.ratio));
    const native = keep(rectify(cv, grey, corners, nativeW, nativeH));
    const sharpness = measureSharpness(cv, native);
    checkSharpness(sharpness, input);
    let gutter: Gutter | null = null;
    if (opts.spread === 'yes' || (opts.spread !== 'no' && aspect.ratio > SPREAD_MIN_RATIO)) {
      gutter = findSpreadGutter(cv, native);
      if (!gutter && opts.spread === 'yes') gutter = { x: Math.round(nativeW / 2), depth: 0 };
    }
    lap('measure');
    const share = gutter ? gutter.x / nativeW : null;
    const size = pageSize(gutter ? aspect.ratio / 2 : aspect.ratio, opts.paper);
    const pageW = Math.round((size.widthMm / 25.4) * dpi);
    const pageH = Math.round((size.heightMm / 25.4) * dpi);
    // a spread is corrected whole, then cut at its gutter and each half set to the page's size
    const totalW = share === null ? pageW : pageW * 2;
    const flat = keep(rectify(cv, rgb, corners, totalW, pageH));
    lap('rectify');
    let even = flat;
    if (opts.evenLight !== false) {
      const light = keep(lightEstimate(cv, flat));
      even = keep(evenLight(cv, flat, light));
    }
    lap('light');
    const halves: CvMat[] = [];
    if (share === null) halves.push(even);
    else {
      const cut = Math.round(share * totalW);
      for (const [x0, x1] of [[0, cut], [cut, totalW]] as const) {
        const part = keep(new cv.Mat(pageH, x1 - x0, cv.CV_8UC3));
        const rowBytes = (x1 - x0) * 3;
        for (let y = 0; y < pageH; y++) part.data.set(even.data.subarray((y * totalW + x0) * 3, (y * totalW + x0) * 3 + rowBytes), y * rowBytes);
        const sized = keep(new cv.Mat());
        cv.resize(part, sized, new cv.Size(pageW, pageH), 0, 0, cv.INTER_CUBIC);
        halves.push(sized);
      }
    }
    // copied out of the WebAssembly heap before the Mats are deleted
    return { exposure, corners, aspect, sharpness, size, share, depth: gutter?.depth ?? 0, pages: halves.map((m) => ({ data: Buffer.from(m.data), cols: m.cols, rows: m.rows })) };
  });
  const pages: CameraPage[] = [];
  for (const p of work.pages) {
    whitenEdge(p, Math.round((EDGE_MM / 25.4) * dpi));
    const file = join(opts.workDir, `${uuidv7()}-camera-page.png`);
    await writePage(p, file, dpi);
    pages.push({ file, widthPx: p.cols, heightPx: p.rows, dpi, widthMm: work.size.widthMm, heightMm: work.size.heightMm });
  }
  lap('write');
  return {
    pages,
    outline: work.corners,
    measures: {
      photo: { width: photo.width, height: photo.height },
      ratio: work.aspect.ratio,
      focalPx: work.aspect.focalPx,
      size: work.size,
      gutter: work.share === null ? null : { share: work.share, depth: work.depth },
      exposure: work.exposure,
      sharpness: work.sharpness,
      timingsMs: timings,
    },
  };
}
