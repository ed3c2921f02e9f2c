// Imaging profiles: which corrections run on every captured page, and what the page is stored as.
// The default serves the counter (straight, upright, borders trimmed, blanks flagged but kept: an
// officer decides); `auto` and `id-card` also find the paper on the glass and crop to it, `book`
// splits a spread at its gutter; the
// archive profiles remove blank pages (feeder duplex backs) and store grey or bilevel where the
// page has no colour. Colour is never dropped from a page that has it (seals, signatures in ink).

import type { ImagingProfileName } from '../../contract/imaging';

export type ProfileName = ImagingProfileName;

/** What a page without colour is stored as; a page with colour is always kept in colour. */
export type ColourPolicy = 'as-scanned' | 'grey' | 'bilevel';

export interface ImagingProfile {
  readonly name: ProfileName;
  /** false: the page is encoded as captured (no analysis at all). */
  readonly analyse: boolean;
  readonly orientation: boolean;
  readonly deskew: boolean;
  readonly findPaper: boolean;
  readonly trimBorders: boolean;
  /** null: blank pages are not looked for. */
  readonly blankSensitivity: number | null;
  readonly removeBlanks: boolean;
  readonly splitSpread: boolean;
  readonly colour: ColourPolicy;
}

const BASE: ImagingProfile = {
  name: 'default',
  analyse: true,
  orientation: true,
  deskew: true,
  findPaper: false,
  trimBorders: true,
  blankSensitivity: 0.5,
  removeBlanks: false,
  splitSpread: false,
  colour: 'as-scanned',
};

export const PROFILES: Readonly<Record<ProfileName, ImagingProfile>> = {
  default: BASE,
  auto: { ...BASE, name: 'auto', findPaper: true },
  'id-card': { ...BASE, name: 'id-card', findPaper: true, blankSensitivity: null },
  /** A bound book on the glass, its spread filling it: borders trimmed, split at the gutter. (The
   * paper search is left out: on a spread it can take the gutter's shadow for the sheet.) */
  book: { ...BASE, name: 'book', splitSpread: true },
  archive: { ...BASE, name: 'archive', removeBlanks: true },
  'archive-grey': { ...BASE, name: 'archive-grey', removeBlanks: true, colour: 'grey' },
  'archive-bilevel': { ...BASE, name: 'archive-bilevel', removeBlanks: true, colour: 'bilevel' },
  none: { ...BASE, name: 'none', analyse: false, orientation: false, deskew: false, trimBorders: false, blankSensitivity: null },
};

/** The profile a capture uses: the one asked for, else the paper preset's own (auto and id-card
 * crop to the paper), else the default. */
export function profileFor(asked: ProfileName | undefined, paperPreset?: string): ImagingProfile {
  if (asked) return PROFILES[asked];
  if (paperPreset === 'auto' || paperPreset === 'id-card') return PROFILES[paperPreset];
  return PROFILES.default;
}
