// Large paper from a small scanner (issue 18): the plan of the parts an officer scans, shown before
// the first one. The officer picks the sheet; the station reads the glass from the scanner's
// capabilities and answers with the parts (overlap ≥ 15 % on each shared edge), where each lies on
// the sheet, in the order a person scans them, and the same sheet on the common A4 and A3 glasses
// for comparison.
import { z } from 'zod';
import { DocumentDetail, SourceKind } from './model';

/** The sheet sizes offered for tiled capture (A4 and smaller fit any glass). */
export const TILED_SHEET_NAMES = ['a3', 'a2', 'a1', 'a0'] as const;
export const TiledSheetName = z.enum(TILED_SHEET_NAMES);
export type TiledSheetName = z.infer<typeof TiledSheetName>;

export const SheetOrientation = z.enum(['portrait', 'landscape']);
export type SheetOrientation = z.infer<typeof SheetOrientation>;

/** A named sheet, or the officer's own millimetres. The sides are not bounded here: the planner
 * refuses a size no paper has with its own message (`sheet-size-invalid`), which tells the officer
 * what to type rather than naming a field. */
export const SheetChoice = z.union([
  z.object({ name: TiledSheetName }).strict(),
  z.object({ widthMm: z.number(), heightMm: z.number() }).strict(),
]);
export type SheetChoice = z.infer<typeof SheetChoice>;

/** One part, where it lies on the sheet as read (x right, y down, from the top-left corner). */
export const PlannedPart = z.object({
  /** 1-based, in the order the officer scans them. */
  number: z.number().int().positive(),
  row: z.number().int().nonnegative(),
  col: z.number().int().nonnegative(),
  xMm: z.number(),
  yMm: z.number(),
  widthMm: z.number().positive(),
  heightMm: z.number().positive(),
});
export type PlannedPart = z.infer<typeof PlannedPart>;

export const TilePlan = z.object({
  sheet: z.object({ name: z.enum([...TILED_SHEET_NAMES, 'custom']), widthMm: z.number(), heightMm: z.number(), orientation: SheetOrientation }),
  /** The glass as the scanner reports it (its own width × height). */
  glass: z.object({ widthMm: z.number(), heightMm: z.number() }),
  /** The sheet lies a quarter turn round on the glass (its left edge toward the glass's top):
   * fewer parts that way. Its parts then come out turned: `partTurnDeg` brings them upright. */
  turned: z.boolean(),
  /** Clockwise degrees that turn a part as scanned upright onto the sheet (0, or -90 when turned). */
  partTurnDeg: z.union([z.literal(0), z.literal(-90)]),
  rows: z.number().int().positive(),
  cols: z.number().int().positive(),
  count: z.number().int().positive(),
  /** The overlap across each shared vertical / horizontal edge, as a fraction of the part's side
   * (≥ 0.15); null where there is a single column / row. */
  overlapX: z.number().nullable(),
  overlapY: z.number().nullable(),
  /** The sheet fits the glass: one ordinary scan, nothing to stitch. */
  fitsGlass: z.boolean(),
  /** In scanning order. */
  parts: z.array(PlannedPart),
});
export type TilePlan = z.infer<typeof TilePlan>;

/** The common glasses the plan is compared with. */
export const COMPARISON_GLASSES = { a4: { widthMm: 210, heightMm: 297 }, a3: { widthMm: 297, heightMm: 420 } } as const;

export const StitchPlanInput = z
  .object({
    sheet: SheetChoice,
    /** How a named sheet is read; a custom size is read as typed (wider than tall: landscape). */
    orientation: SheetOrientation.default('portrait'),
    /** The scanner whose glass the parts are planned for (its flatbed). */
    device: z.string().min(1).max(300),
    source: SourceKind.default('flatbed'),
  })
  .strict();
export type StitchPlanInput = z.input<typeof StitchPlanInput>;

export const StitchPlanOutput = z.object({
  plan: TilePlan,
  /** The scanner's name as the officer knows it. */
  deviceName: z.string(),
  /** The same sheet on an A4 and an A3 glass (null where that glass cannot plan it). */
  compare: z.object({ a4: TilePlan.nullable(), a3: TilePlan.nullable() }),
});
export type StitchPlanOutput = z.infer<typeof StitchPlanOutput>;

/** One part of an assembled sheet: where it went, and how well it fits its neighbours. */
export const AssembledPart = z.object({
  /** 1-based: the draft's page order (the order scanned), or the files' order in an import. */
  number: z.number().int().positive(),
  /** The draft's page it came from (null: a file of an import). */
  pageId: z.string().nullable(),
  /** Read from the page's kept capture (what the scanner saw), not the processed page image. */
  fromCapture: z.boolean(),
  placed: z.boolean(),
  /** Laid on the glass turned by quarter turns against the other parts (2: upside down); it was
   * turned back, nothing to rescan. */
  quarterTurns: z.number().int().min(0).max(3),
  /** Its top-left corner on the sheet (mm from the sheet's top-left corner) and its turn (degrees, clockwise). */
  xMm: z.number(),
  yMm: z.number(),
  angleDeg: z.number(),
  /** How far its overlaps still disagree with its neighbours after the global adjustment, in pixels
   * at the sheet's dpi (RMS over its overlaps, and the largest); 0 without a measured overlap. */
  rmsPx: z.number().nonnegative(),
  maxPx: z.number().nonnegative(),
});
export type AssembledPart = z.infer<typeof AssembledPart>;

/** A cut between two parts, in pixels of the assembled page (for a preview that shows the seams). */
export const AssemblySeam = z.object({
  /** The two parts' numbers. */
  parts: z.tuple([z.number().int().positive(), z.number().int().positive()]),
  points: z.array(z.tuple([z.number(), z.number()])),
});
export type AssemblySeam = z.infer<typeof AssemblySeam>;

export const AssemblyReport = z.object({
  sheet: z.object({ name: z.enum([...TILED_SHEET_NAMES, 'custom']), widthMm: z.number(), heightMm: z.number(), orientation: SheetOrientation }),
  /** The assembled page as composed, before the imaging pipeline (pixels at `dpi`). */
  dpi: z.number().positive(),
  widthPx: z.number().int().positive(),
  heightPx: z.number().int().positive(),
  /** The paper's edges were seen among the parts (on the lid); else the parts were centred on the sheet. */
  paperFound: z.boolean(),
  parts: z.array(AssembledPart),
  /** Present when asked for (`seams: true`). */
  seams: z.array(AssemblySeam).optional(),
  /** What no part covers (empty: the whole sheet is there). */
  uncovered: z.array(z.object({ leftMm: z.number(), topMm: z.number(), widthMm: z.number(), heightMm: z.number(), where: z.object({ vi: z.string(), en: z.string() }) })),
  seconds: z.number().nonnegative(),
});
export type AssemblyReport = z.infer<typeof AssemblyReport>;

export const StitchAssembleInput = z
  .object({
    /** The draft whose pages, in order, are the parts of one sheet. */
    documentId: z.string().trim().min(1).max(64),
    sheet: SheetChoice,
    /** The sheet lies landscape (true) or portrait (false); absent: as the paper found lies (a
     * custom size: as typed, wider than tall being landscape). */
    landscape: z.boolean().optional(),
    /** Also answer the cuts between the parts (a preview's "show seams"). */
    seams: z.boolean().default(false),
  })
  .strict();
export type StitchAssembleInput = z.input<typeof StitchAssembleInput>;

export const StitchAssembleOutput = z.object({ document: DocumentDetail, report: AssemblyReport });
export type StitchAssembleOutput = z.infer<typeof StitchAssembleOutput>;

export const stitchMethods = {
  /** The parts of a large sheet on the scanner's glass, before the first one is scanned. */
  'stitch.plan': { input: StitchPlanInput, output: StitchPlanOutput },
  /** A folded sheet scanned through a duplex feeder in a carrier sleeve (a draft's two pages, the
   * front and the back) unfolded into one page at the sheet's true size. */
  'stitch.unfold': {
    input: z
      .object({
        id: z.string().trim().min(1).max(64),
        /** The sheet folded in half (A3 to A4 halves by default). */
        sheet: TiledSheetName.default('a3'),
        /** The driver's back-side convention, when the officer knows it; else read from the ink across the fold. */
        convention: z.enum(['book', 'calendar']).optional(),
      })
      .strict(),
    output: DocumentDetail,
  },
  /** A draft's pages — the parts of one large sheet, in the order scanned — assembled into one page
   * at the sheet's true size (each part read from its kept capture), which then goes through the
   * imaging pipeline. Refused with what to rescan when a part cannot be placed; the draft is then
   * left as it was. */
  'stitch.assemble': { input: StitchAssembleInput, output: StitchAssembleOutput },
  /** Stops the draft's assembly under way (its call is then refused with stitch-cancelled, the
   * draft left as it was). `cancelled` false: none was running. */
  'stitch.cancelAssembly': {
    input: z.object({ documentId: z.string().trim().min(1).max(64) }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
} as const;
