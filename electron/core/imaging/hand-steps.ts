// What a person does to a page by hand (issue 4, item 10): quarter turns, a crop box, undo, back
// to the capture. Kept as a list in the page's steps JSON (page_steps.steps → `hand`), never as
// an edited image: every edit derives the page again from its kept original capture (rederive.ts),
// so a second edit never re-encodes an already encoded image. Pure functions, no pixels.
import type { Box } from './analysis';

export type HandStep =
  /** Clockwise quarter turns (3: one turn to the left). */
  | { readonly kind: 'rotate'; readonly quarterTurns: 1 | 2 | 3 }
  /** In the pixels of the page as it was shown when the box was drawn. */
  | { readonly kind: 'crop'; readonly box: Box }
  /** Back to the capture: everything before it (automatic steps included) no longer applies. */
  | { readonly kind: 'revert' };

export interface HandSteps {
  /** 'capture': the kept original is the capture; the pipeline's automatic steps are applied to
   * it first. 'stored': the page had no original kept (its image was the capture, unchanged), so
   * its image as first stored became the original — the automatic steps are already in it. */
  readonly base: 'capture' | 'stored';
  /** Oldest first; undo drops the last. */
  readonly steps: readonly HandStep[];
}

/** A crop smaller than this (in page pixels, each side) is a slip of the mouse, not a page. */
export const MIN_CROP_PX = 32;

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** What a list of hand steps amounts to: the image it starts from, then one turn and one crop. */
export interface HandResult {
  /** The automatic steps apply (no revert among the hand steps, and the base is the capture). */
  readonly automatic: boolean;
  /** Clockwise quarter turns of the starting image. */
  readonly quarterTurns: 0 | 1 | 2 | 3;
  /** In the turned starting image; null: all of it. */
  readonly crop: Box | null;
  /** The page's size after all steps. */
  readonly size: Size;
}

/** The steps that count: those after the last revert. */
export function effectiveSteps(hand: HandSteps): { reverted: boolean; steps: readonly HandStep[] } {
  const last = hand.steps.map((s) => s.kind).lastIndexOf('revert');
  return { reverted: last >= 0, steps: hand.steps.slice(last + 1) };
}

/** A box in an image of `size` (w×h) after the image turns a quarter clockwise (size becomes h×w). */
function turnBox(b: Box, size: Size): Box {
  return { left: size.height - (b.top + b.height), top: b.left, width: b.height, height: b.width };
}

/**
 * Folds the steps into one turn and one crop. `startSize(automatic)` is the size of the image the
 * hand steps start from: the capture with the automatic steps applied, or the bare capture.
 * Turning and cropping commute once the box is turned with the page, so any sequence becomes
 * "turn, then crop" — one resampling-free pass.
 */
export function foldHandSteps(hand: HandSteps, startSize: (automatic: boolean) => Size): HandResult {
  const { reverted, steps } = effectiveSteps(hand);
  const automatic = hand.base === 'capture' && !reverted;
  const start = startSize(automatic);
  let turns = 0;
  let frame: Size = start; // the turned starting image
  let crop: Box = { left: 0, top: 0, width: start.width, height: start.height };
  for (const step of steps) {
    if (step.kind === 'rotate') {
      for (let i = 0; i < step.quarterTurns; i++) {
        crop = turnBox(crop, frame);
        frame = { width: frame.height, height: frame.width };
      }
      turns = (turns + step.quarterTurns) % 4;
    } else if (step.kind === 'crop') {
      crop = { left: crop.left + step.box.left, top: crop.top + step.box.top, width: step.box.width, height: step.box.height };
    }
  }
  const whole = crop.left === 0 && crop.top === 0 && crop.width === frame.width && crop.height === frame.height;
  return { automatic, quarterTurns: turns as HandResult['quarterTurns'], crop: whole ? null : crop, size: { width: crop.width, height: crop.height } };
}

/** Why a box cannot crop a page of `size`, or null when it can. */
export function cropProblem(box: Box, size: Size): string | null {
  const ints = [box.left, box.top, box.width, box.height].every(Number.isInteger);
  if (!ints) return 'not whole pixels';
  if (box.width < MIN_CROP_PX || box.height < MIN_CROP_PX) return `smaller than ${MIN_CROP_PX} px`;
  if (box.left < 0 || box.top < 0 || box.left + box.width > size.width || box.top + box.height > size.height) return `outside the page (${size.width}×${size.height} px)`;
  return null;
}
