// Paper sizes the station scans, in millimetres (portrait: width × height). Presets are named
// after the paper, as officers know it (cli.md): a7…a0, the ID-1 card (CCCD, driving licence),
// letter and legal; `auto` scans the whole glass and leaves finding the paper to imaging.
import { z } from 'zod';

export interface PaperSize {
  readonly width: number;
  readonly height: number;
}

export const PAPER_PRESETS = {
  a7: { width: 74, height: 105 },
  a6: { width: 105, height: 148 },
  a5: { width: 148, height: 210 },
  a4: { width: 210, height: 297 },
  a3: { width: 297, height: 420 },
  a2: { width: 420, height: 594 },
  a1: { width: 594, height: 841 },
  a0: { width: 841, height: 1189 },
  // ISO/IEC 7810 ID-1, scanned landscape as the card lies on the glass.
  'id-card': { width: 85.6, height: 53.98 },
  letter: { width: 215.9, height: 279.4 },
  legal: { width: 215.9, height: 355.6 },
} as const satisfies Record<string, PaperSize>;

export type FixedPresetName = keyof typeof PAPER_PRESETS;
export const PRESET_NAMES = [...(Object.keys(PAPER_PRESETS) as FixedPresetName[]), 'auto'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];
export const PresetName = z.enum(PRESET_NAMES);

/** Millimetres on paper: at least 10 mm, at most 2 m (beyond any wide-format scanner). */
export const Millimetres = z.number().min(10).max(2000);

/** A paper choice: a named preset, or a custom size. */
export const Paper = z.union(
  [z.object({ preset: PresetName }).strict(), z.object({ width: Millimetres, height: Millimetres }).strict()],
  { error: `expected { preset: ${PRESET_NAMES.join(' | ')} } or { width, height } in mm (10–2000)` },
);
export type Paper = z.infer<typeof Paper>;

/** The size a paper choice asks for; `auto` asks for the whole area the source offers. */
export function paperSize(paper: Paper, sourceMax: PaperSize | null): PaperSize | null {
  if ('width' in paper) return { width: paper.width, height: paper.height };
  if (paper.preset === 'auto') return sourceMax;
  return PAPER_PRESETS[paper.preset];
}

/** Importing photographs of pages (issue 19, `sohoa import --camera`): each image file is a camera
 * photo whose page is found, set straight at its true size, split if a book spread, and its light
 * evened before the imaging pipeline. `paper`: the paper the pages are on (absent: from each
 * page's measured aspect, A-series taken as A4). */
export const CameraImport = z
  .object({
    paper: z.enum(Object.keys(PAPER_PRESETS) as [FixedPresetName, ...FixedPresetName[]]).optional(),
    spread: z.enum(['auto', 'yes', 'no']).default('auto'),
  })
  .strict();
export type CameraImport = z.infer<typeof CameraImport>;
