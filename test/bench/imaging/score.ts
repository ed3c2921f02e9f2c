// Scores a tool's answers on the ground-truth set: the same measures for the station's analysis
// and for unpaper, so that the two are compared on equal terms.
import { rotatedSize } from '../../../electron/core/imaging/analysis/raster';
import type { Box } from '../../../electron/core/imaging/analysis';
import type { GroundTruth } from '../../fixtures/imaging/cases';

/** What a tool said about one page; null where the tool has no such function. */
export interface Answer {
  readonly deskewDegrees: number | null;
  readonly quarterTurns: 0 | 1 | 2 | 3 | null;
  /** the kept region, in the canvas of the tool's own straightened image */
  readonly crop: Box | null;
  /** size of the tool's straightened canvas (unpaper keeps the input's size; sharp grows it) */
  readonly canvas: { readonly width: number; readonly height: number };
  readonly blank: boolean | null;
  readonly gutterX: number | null;
  readonly hasColour: boolean | null;
  readonly cpuMs: number;
}

export interface Scores {
  readonly deskew: { readonly meanError: number; readonly maxError: number; readonly pages: number; readonly byKind: Record<string, { mean: number; max: number }> };
  readonly cropIoU: { readonly mean: number; readonly min: number; readonly pages: number } | null;
  readonly blank: { readonly precision: number; readonly recall: number; readonly truePositives: number; readonly falsePositives: number; readonly falseNegatives: number } | null;
  readonly orientation: { readonly accuracy: number; readonly pages: number } | null;
  readonly gutter: { readonly meanErrorMm: number; readonly maxErrorMm: number; readonly found: number; readonly pages: number } | null;
  readonly colour: { readonly accuracy: number; readonly pages: number } | null;
  readonly cpuMsPerPage: number;
}

/** Kinds whose skew is known and measurable (blank pages have nothing to straighten). */
const SKEWED = new Set(['text', 'form', 'card', 'a5', 'borders', 'orientation']);
const CROPPED = new Set(['card', 'a5', 'borders']);
const ORIENTED = new Set(['text', 'form', 'orientation']);

function iou(a: Box, b: Box): number {
  const x0 = Math.max(a.left, b.left), y0 = Math.max(a.top, b.top);
  const x1 = Math.min(a.left + a.width, b.left + b.width), y1 = Math.min(a.top + a.height, b.top + b.height);
  const inter = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
  return inter / (a.width * a.height + b.width * b.height - inter);
}

/** A tool's box moved into the truth's canvas: both canvases are centred on the same point (the input's centre). */
function inTruthCanvas(box: Box, answer: Answer, truth: GroundTruth): Box {
  const t = rotatedSize(truth.width, truth.height, truth.deskewDegrees);
  return { ...box, left: box.left + (t.width - answer.canvas.width) / 2, top: box.top + (t.height - answer.canvas.height) / 2 };
}

const mean = (v: number[]) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN);

export function score(set: readonly GroundTruth[], answers: readonly Answer[]): Scores {
  const errors: { kind: string; e: number }[] = [];
  const ious: number[] = [];
  let tp = 0, fp = 0, fn = 0, blankAnswered = false;
  let oriented = 0, orientedRight = 0, orientationAnswered = false;
  const gutterErrors: number[] = [];
  let gutterPages = 0;
  let colourRight = 0, colourPages = 0;
  set.forEach((truth, i) => {
    const a = answers[i]!;
    const kind = truth.spec.kind;
    if (SKEWED.has(kind) && a.deskewDegrees !== null) errors.push({ kind, e: Math.abs(a.deskewDegrees - truth.deskewDegrees) });
    if (CROPPED.has(kind) && truth.crop) ious.push(a.crop ? iou(inTruthCanvas(a.crop, a, truth), truth.crop) : iou({ left: 0, top: 0, ...rotatedSize(truth.width, truth.height, truth.deskewDegrees) }, truth.crop));
    if (a.blank !== null) {
      blankAnswered = true;
      if (a.blank && truth.blank) tp++;
      else if (a.blank) fp++;
      else if (truth.blank) fn++;
    }
    if (ORIENTED.has(kind)) {
      oriented++;
      if (a.quarterTurns !== null) orientationAnswered = true;
      if ((a.quarterTurns ?? 0) === truth.quarterTurns) orientedRight++;
    }
    if (kind === 'spread' && truth.gutterX !== null) {
      gutterPages++;
      if (a.gutterX !== null) gutterErrors.push((Math.abs(a.gutterX - truth.gutterX) / truth.dpi) * 25.4);
    }
    if (a.hasColour !== null) {
      colourPages++;
      if (a.hasColour === truth.hasColour) colourRight++;
    }
  });
  const byKind: Record<string, { mean: number; max: number }> = {};
  for (const k of SKEWED) {
    const e = errors.filter((x) => x.kind === k).map((x) => x.e);
    if (e.length) byKind[k] = { mean: mean(e), max: Math.max(...e) };
  }
  const all = errors.map((x) => x.e);
  return {
    deskew: { meanError: mean(all), maxError: Math.max(...all), pages: all.length, byKind },
    cropIoU: ious.length ? { mean: mean(ious), min: Math.min(...ious), pages: ious.length } : null,
    blank: blankAnswered ? { precision: tp + fp ? tp / (tp + fp) : 0, recall: tp + fn ? tp / (tp + fn) : 0, truePositives: tp, falsePositives: fp, falseNegatives: fn } : null,
    orientation: { accuracy: orientedRight / Math.max(1, oriented), pages: oriented, ...(orientationAnswered ? {} : { note: 'no detection' }) },
    gutter: gutterPages ? { meanErrorMm: gutterErrors.length ? mean(gutterErrors) : NaN, maxErrorMm: gutterErrors.length ? Math.max(...gutterErrors) : NaN, found: gutterErrors.length, pages: gutterPages } : null,
    colour: colourPages ? { accuracy: colourRight / colourPages, pages: colourPages } : null,
    cpuMsPerPage: mean(answers.map((a) => a.cpuMs)),
  };
}
