// Large pages recognised in overlapping horizontal bands, so that the memory of recognition is
// bounded by the band, not the page: tesseract holds a page several times over (colour, grey,
// binary, its own copies), 1.5 GB for an A0 at 300 dpi. Each band is a strip of the full width,
// cropped from the stored image at full resolution (nothing rescaled: the boxes stay exact), and
// recognised on its own; its words are moved back to page coordinates by the strip's top.
//
// The bands overlap, so that every line lies whole in at least one of them. Each band owns the
// rows between the middles of its overlaps, and keeps only the lines whose middle it owns: a line
// seen by two bands is kept once, and a line cut by a band's edge (its middle then close to that
// edge, outside what the band owns) is taken from the neighbour that sees it whole. This holds for
// every line shorter than twice the overlap.
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { StationError } from '../errors';
import type { Word } from '../pdf/text-layer';
import type { OcrEngine, OcrOptions, OcrResult } from './engine';

export interface BandLimits {
  /** Pages up to this size are recognised whole (A3 at 300 dpi is 17.4 Mpx). */
  readonly wholePagePixels: number;
  /** The rows a band owns, as pixels of a full-width strip (its overlaps come on top). */
  readonly bandPixels: number;
  /** The overlap on each side, in inches of the page: lines up to twice this tall are safe. */
  readonly overlapInches: number;
}

export const DEFAULT_BAND_LIMITS: BandLimits = { wholePagePixels: 20e6, bandPixels: 12e6, overlapInches: 0.6 };

export interface Band {
  /** The strip given to the engine: its first row and its height. */
  readonly top: number;
  readonly height: number;
  /** The rows whose lines this band keeps: [ownTop, ownBottom). */
  readonly ownTop: number;
  readonly ownBottom: number;
}

/** Bands of about `rows` owned rows each, every one widened by `overlap` rows on both sides. */
export function planBands(pageHeight: number, rows: number, overlap: number): Band[] {
  const count = Math.max(1, Math.ceil(pageHeight / Math.max(1, rows)));
  const owned = Math.ceil(pageHeight / count);
  const bands: Band[] = [];
  for (let i = 0; i < count; i++) {
    const ownTop = i * owned;
    const ownBottom = Math.min(pageHeight, ownTop + owned);
    const top = Math.max(0, ownTop - overlap);
    bands.push({ top, height: Math.min(pageHeight, ownBottom + overlap) - top, ownTop, ownBottom });
  }
  return bands;
}

/** Line numbers of different bands must never meet: each band's are moved past the previous. */
const LINE_SPAN = 1e12;

/** The bands' words in page coordinates, each line kept by the one band that owns its middle. */
export function mergeBands(parts: readonly { band: Band; result: OcrResult }[]): OcrResult {
  const words: Word[] = [];
  const lines = new Map<number, string[]>();
  let confSum = 0;
  parts.forEach(({ band, result }, index) => {
    for (const w of result.words) {
      const top = w.lineY ?? w.y;
      const height = w.lineH ?? w.h;
      const middle = band.top + top + height / 2;
      if (middle < band.ownTop || middle >= band.ownBottom) continue;
      const line = w.line === undefined ? undefined : index * LINE_SPAN + w.line;
      const moved: Word = { ...w, y: w.y + band.top, line, lineY: w.lineY === undefined ? undefined : w.lineY + band.top };
      words.push(moved);
      confSum += w.conf ?? 0;
      const key = line ?? -(words.length); // a word without a line stands alone
      lines.set(key, [...(lines.get(key) ?? []), w.text]);
    }
  });
  return { text: [...lines.values()].map((l) => l.join(' ')).join('\n'), words, confidence: words.length ? confSum / words.length : 0 };
}

export interface PageRecognition {
  readonly engine: OcrEngine;
  readonly options: OcrOptions;
  /** Where the bands' strips are written (removed at the end). */
  readonly workDir: string;
  /** Runs one engine call when its pixels fit the memory budget (the queue's slots). */
  readonly slot: <T>(pixels: number, work: () => Promise<T>) => Promise<T>;
  readonly limits?: BandLimits;
}

/** Recognises a page image: whole when it is small enough, else band by band (in parallel as far
 * as the slots allow). */
export async function recognisePage(imagePath: string, page: PageRecognition): Promise<OcrResult> {
  const limits = page.limits ?? DEFAULT_BAND_LIMITS;
  const { width, height } = await sharp(imagePath).metadata();
  if (!width || !height || width * height <= limits.wholePagePixels) {
    return page.slot(width && height ? width * height : limits.wholePagePixels, () => page.engine.recognise(imagePath, page.options));
  }
  const overlap = Math.ceil(limits.overlapInches * page.options.dpi);
  const bands = planBands(height, Math.max(4 * overlap, Math.floor(limits.bandPixels / width)), overlap);
  const dir = await mkdtemp(join(page.workDir, 'ocr-bands-'));
  try {
    const results = await Promise.all(
      bands.map((band, i) =>
        page.slot(width * band.height, async () => {
          if (page.options.signal?.aborted) throw new StationError('cancelled');
          const strip = join(dir, `band-${i}.png`);
          // Sequential read: libvips decodes the image line by line down to the strip, never whole.
          await sharp(imagePath, { sequentialRead: true }).extract({ left: 0, top: band.top, width, height: band.height }).png({ compressionLevel: 1 }).toFile(strip);
          try {
            return { band, result: await page.engine.recognise(strip, page.options) };
          } finally {
            await rm(strip, { force: true });
          }
        }),
      ),
    );
    return mergeBands(results);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
