// Kodak patch codes, read from a reduced greyscale copy of a page. A patch is four black bars
// parallel to the leading edge, each narrow (0.08 in, 2.03 mm) or wide (0.20 in, 5.08 mm), with
// narrow spaces between them: 0.80 in (20.3 mm) in all, at least 0.75 in long across the page
// (Kodak A-61599, "Patch code specifications"). From the leading edge, the bars of each patch:
// Patch 1 WWnn, Patch 2 WnnW, Patch 3 WnWn, Patch 4 (toggle) nWWn, Patch T (transfer) nWnW,
// Patch 6 nnWW. The archive batch splits its stack at Patch T, the patch scanners use for it.

export interface GreyImage {
  /** One byte a pixel, rows top to bottom; row 0 is the leading edge. */
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
  /** Pixels per inch of this copy. */
  readonly dpi: number;
}

export type PatchCode = '1' | '2' | '3' | '4' | '6' | 'T';

const PATTERNS: Readonly<Record<string, PatchCode>> = { WWnn: '1', WnnW: '2', WnWn: '3', nWWn: '4', nWnW: 'T', nnWW: '6' };
const NARROW_MM = 2.03;
const WIDE_MM = 5.08;
/** Printing and scanning spread or thin a bar; Kodak's own tolerance is ±0.25 mm, which a copy
 * at 100 dpi (0.25 mm a pixel) cannot hold. Narrow and wide stay well apart with these. */
const NARROW_TOLERANCE_MM = 0.9;
const WIDE_TOLERANCE_MM = 1.3;
/** A pixel darker than this is ink. */
const INK_LEVEL = 128;
/** A row of a strip is part of a bar when this share of its pixels is ink. */
const BAR_FILL = 0.8;

function barKind(mm: number): 'n' | 'W' | null {
  if (Math.abs(mm - NARROW_MM) <= NARROW_TOLERANCE_MM) return 'n';
  if (Math.abs(mm - WIDE_MM) <= WIDE_TOLERANCE_MM) return 'W';
  return null;
}

/** Runs of bar rows and gaps down one vertical strip: [isBar, length in rows][]. */
function rowRuns(img: GreyImage, x0: number, stripWidth: number): [boolean, number][] {
  const runs: [boolean, number][] = [];
  const need = Math.ceil(stripWidth * BAR_FILL);
  for (let y = 0; y < img.height; y++) {
    let ink = 0;
    const row = y * img.width + x0;
    for (let x = 0; x < stripWidth; x++) if (img.data[row + x]! < INK_LEVEL) ink++;
    const bar = ink >= need;
    const last = runs.at(-1);
    if (last && last[0] === bar) last[1]++;
    else runs.push([bar, 1]);
  }
  return runs;
}

/** The patch in one strip's runs: four bars with narrow gaps, white before and after. */
function patchInRuns(runs: readonly [boolean, number][], mmPerRow: number): PatchCode | null {
  for (let i = 1; i + 7 <= runs.length; i++) {
    if (!runs[i]![0]) continue;
    const window = runs.slice(i, i + 7);
    if (window.length < 7) break;
    const before = runs[i - 1]!;
    const after = runs[i + 7];
    // The bars need a quiet zone on each side, or they are part of a larger drawing.
    if (before[1] * mmPerRow < NARROW_MM || (after && after[1] * mmPerRow < NARROW_MM)) continue;
    let pattern = '';
    let ok = true;
    for (let k = 0; k < 7 && ok; k++) {
      const mm = window[k]![1] * mmPerRow;
      const kind = barKind(mm);
      if (k % 2 === 0) {
        if (kind === null) ok = false;
        else pattern += kind;
      } else if (kind !== 'n') ok = false;
    }
    if (ok && PATTERNS[pattern]) return PATTERNS[pattern]!;
  }
  return null;
}

/** The patch code on the page, if any: strips one inch wide (the patch is at least 0.75 in long),
 * every half inch across the page. */
export function findPatchCode(img: GreyImage): PatchCode | null {
  const strip = Math.max(4, Math.round(img.dpi * 0.75));
  const step = Math.max(1, Math.round(img.dpi / 2));
  const mmPerRow = 25.4 / img.dpi;
  for (let x0 = 0; x0 + strip <= img.width; x0 += step) {
    const code = patchInRuns(rowRuns(img, x0, strip), mmPerRow);
    if (code) return code;
  }
  return null;
}
