// What the officer chose for a large sheet scanned in parts (issue 18): a named sheet or their
// own millimetres, and how it is read. Kept as typed (text) until it is asked of the station, so
// that a half-typed "84" is not refused while the officer is still typing "841".
import { PAPER_PRESETS, type SheetChoice, type SheetOrientation, type SourceCaps, type TilePlan, TILED_SHEET_NAMES, type TiledSheetName, formatNumber } from '../../../../electron/contract';
import type { Language } from '../../i18n';

export interface TiledChoice {
  sheet: TiledSheetName | 'custom';
  orientation: SheetOrientation;
  /** The custom sides as typed (mm; a decimal comma is fine). */
  widthText: string;
  heightText: string;
}

export function isTiledSheet(name: string): name is TiledSheetName {
  return (TILED_SHEET_NAMES as readonly string[]).includes(name);
}

/** Whether a named sheet lies on the source's glass in one scan (either way round). */
export function fitsGlass(name: TiledSheetName, caps: SourceCaps | undefined): boolean {
  const max = caps?.maxArea;
  if (!max) return true;
  const { width, height } = PAPER_PRESETS[name];
  const within = (w: number, h: number) => w <= max.width + 0.5 && h <= max.height + 0.5;
  return within(width, height);
}

/** The first choice: the sheet the officer pressed, else the smallest that does not fit the glass. */
export function startChoice(caps: SourceCaps | undefined, sheet?: TiledSheetName): TiledChoice {
  const first = sheet ?? [...TILED_SHEET_NAMES].reverse().find((n) => !fitsGlass(n, caps)) ?? 'a3';
  return { sheet: first, orientation: 'portrait', widthText: '', heightText: '' };
}

const number = (text: string) => (text.trim() === '' ? null : Number(text.trim().replace(',', '.')));

/** The sheet to plan, or null while a custom side is still empty. Nonsense (0, -5, "abc") is
 * sent as it is: the station's refusal says what to type. */
export function sheetInput(c: TiledChoice): SheetChoice | null {
  if (c.sheet !== 'custom') return { name: c.sheet };
  const [w, h] = [number(c.widthText), number(c.heightText)];
  return w === null || h === null ? null : { widthMm: w, heightMm: h };
}

const mm = (n: number, lang: Language) => formatNumber(n, lang, Number.isInteger(n) ? 0 : 1);

/** "A0" or "700 × 500 mm". */
export function sheetName(plan: TilePlan, lang: Language): string {
  return plan.sheet.name === 'custom' ? `${mm(plan.sheet.widthMm, lang)} × ${mm(plan.sheet.heightMm, lang)} mm` : plan.sheet.name.toUpperCase();
}

/** A glass within a few millimetres of A4 or A3 is called so (drivers report 215.9 × 296.9); any
 * other by its size. */
export function glassName(glass: TilePlan['glass'], lang: Language): string {
  const near = (w: number, h: number) => Math.abs(glass.widthMm - w) <= 8 && Math.abs(glass.heightMm - h) <= 8;
  if (near(210, 297)) return 'A4';
  if (near(297, 420)) return 'A3';
  return `${mm(glass.widthMm, lang)} × ${mm(glass.heightMm, lang)} mm`;
}

/** Which standard glass to compare with: the other one; both for a glass of neither size. */
export function comparisons(plan: TilePlan): readonly ('a4' | 'a3')[] {
  const name = glassName(plan.glass, 'en');
  return name === 'A4' ? ['a3'] : name === 'A3' ? ['a4'] : ['a4', 'a3'];
}

export { mm as formatMm };
