// The shapes the camera's page geometry passes between its steps.
import { type FixedPresetName, PAPER_PRESETS } from '../../contract/presets';

/** A point in a photo's pixels (continuous coordinates: a pixel's centre is at +0.5). */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A page's four corners in the photo: top-left, top-right, bottom-right, bottom-left as the page
 * reads (the first side is the page's top edge). */
export type Quad = readonly [Point, Point, Point, Point];

/** The papers a camera page can be set to: the station's presets (portrait, millimetres). */
export const PAPERS: Readonly<Record<PaperName, { readonly widthMm: number; readonly heightMm: number }>> = Object.fromEntries(
  Object.entries(PAPER_PRESETS).map(([name, p]) => [name, { widthMm: p.width, heightMm: p.height }]),
) as Record<PaperName, { widthMm: number; heightMm: number }>;
export type PaperName = FixedPresetName;
