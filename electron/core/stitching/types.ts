// Large paper from a small scanner (issue 18): the words the planner, the registration and the
// composition share. A sheet larger than the glass is scanned in overlapping parts (or folded
// through a duplex feeder); the parts are placed on the sheet and composed at the sheet's true size.
//
// Coordinates are pixels at the parts' dpi, x to the right and y down, origin at the top-left
// corner of the image (part) or of the assembled sheet. They are continuous: pixel (u, v) covers
// [u, u+1) × [v, v+1), its centre at (u+0.5, v+0.5) — code that puts centres at whole numbers (as
// OpenCV's warpAffine does) shifts by half a pixel on each side.

/** The paper sizes the officer picks from; `custom` carries its own millimetres. */
export type SheetName = 'a3' | 'a2' | 'a1' | 'a0' | 'custom';

export interface SheetSize {
  readonly name: SheetName;
  /** Portrait: width ≤ height (a landscape sheet is the same paper turned). */
  readonly widthMm: number;
  readonly heightMm: number;
}

/** One scanned part, as a file on disk (raw captures are large: never all in memory at once). */
export interface PartImage {
  /** The order the officer scanned it in, from 0. */
  readonly index: number;
  readonly path: string;
  readonly dpi: number;
  readonly widthPx: number;
  readonly heightPx: number;
}

/**
 * Where a part lies on the assembled sheet: a rigid motion (the dpi fixes the scale). A part pixel
 * (u, v) lands at sheet pixel
 *   x = cos θ · u − sin θ · v + dx
 *   y = sin θ · u + cos θ · v + dy
 * with θ = angleDeg in radians (positive turns the part clockwise on the screen, y being down).
 */
export interface PartPlacement {
  readonly index: number;
  readonly angleDeg: number;
  readonly dx: number;
  readonly dy: number;
}

/** Where a sheet's assembly is (stitch.progress): each part read (its features found), the parts
 * matched and adjusted together, the paper found among them, the page composed band by band. */
export type AssemblyStage = 'reading' | 'matching' | 'locating' | 'composing';
export interface AssemblyProgress {
  readonly stage: AssemblyStage;
  /** Parts read (reading); rows composed (composing); 0 otherwise. */
  readonly done: number;
  /** The parts (reading, matching, locating); the page's rows (composing). */
  readonly total: number;
}
