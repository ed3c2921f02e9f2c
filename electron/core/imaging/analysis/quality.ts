// A page's quality as a checker sees it (the archive's QC pass): blank, skewed, dark. The archive
// keeps pages as scanned (100% scale, no automatic steps), so a tilt or a dim scan stays on the
// record unless someone rescans it; the QC pass is the last person to notice. This reuses the
// pipeline's own analysis — the blank flag exactly as the pipeline decides it, and its skew
// estimate — and adds one measure of its own: how light the paper reads.
import { analyseWorkingCopy } from './analyse';
import { paperLevel, readWorkingCopy, type RawImage } from './raster';

/** The pipeline's middle blank sensitivity (profiles.ts BASE), the same the archive's blank separators use. */
const BLANK_SENSITIVITY = 0.5;
/** A tilt a reader notices: across an A4 line (170 mm) 1° drifts 3 mm, half a line of 10 pt text. */
export const SKEW_WARN_DEGREES = 1;
/** The paper's grey (0–255) under which a scan is too dark: white paper reads 235–255, aged or
 * recycled paper 200–230; under 60 % of white the brightness or the exposure was wrong, or the
 * paper is so dark that the text needs checking against the original. */
export const DARK_PAPER_GREY = 153;

export interface PageQuality {
  /** The pipeline's blank verdict (imaging/analysis/blank.ts at the middle sensitivity). */
  readonly blank: boolean;
  /** The page's tilt as scanned, clockwise positive; 0 when too little text to tell. */
  readonly skewDegrees: number;
  readonly skewed: boolean;
  /** The paper's grey level, 0 (black) to 255 (white): the level the brightest 40 % of the page reaches. */
  readonly paperGrey: number;
  readonly dark: boolean;
  readonly inkFraction: number;
}

export async function pageQuality(input: string | Buffer | RawImage, dpi: number): Promise<PageQuality> {
  const copy = await readWorkingCopy(input, dpi);
  const a = analyseWorkingCopy(copy, { dpi, orientation: false, deskew: true, findPaper: false, trimBorders: true, blankSensitivity: BLANK_SENSITIVITY, splitSpread: false });
  // The analysis answers the turn that straightens the page; the page's tilt is its opposite.
  const skewDegrees = a.deskewDegrees === 0 ? 0 : -a.deskewDegrees;
  const paperGrey = paperLevel(copy.grey);
  return {
    blank: a.blank,
    skewDegrees,
    // a blank page has no text to be crooked
    skewed: !a.blank && Math.abs(skewDegrees) >= SKEW_WARN_DEGREES,
    paperGrey,
    dark: paperGrey < DARK_PAPER_GREY,
    inkFraction: a.inkFraction,
  };
}
