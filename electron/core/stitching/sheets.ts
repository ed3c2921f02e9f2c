// The sheets an officer scans in parts: the ISO sizes by name, or their own millimetres, checked
// for sense before anything is planned. A sheet is kept portrait (width ≤ height, as types.ts
// says); the orientation it is read in is a separate choice.
import { PAPER_PRESETS, type SheetChoice, type SheetOrientation } from '../../contract';
import { StationError } from '../errors';
import type { SheetSize } from './types';

/** The smallest side any paper worth planning has, and the largest a sheet may have: beyond 2 m no
 * counter handles it on a desk, and the parts on any glass would be too many to stitch. */
export const MIN_SIDE_MM = 10;
export const MAX_SIDE_MM = 2000;

const mm = (n: number) => (Number.isFinite(n) ? String(Number(n.toFixed(1))) : String(n));

/** The sheet a choice names, portrait; refuses a size no paper has (zero, negative, not a number,
 * under 1 cm or over 2 m a side) with what to type instead. */
export function sheetSize(choice: SheetChoice): SheetSize {
  if ('name' in choice) {
    const { width, height } = PAPER_PRESETS[choice.name];
    return { name: choice.name, widthMm: width, heightMm: height };
  }
  const { widthMm, heightMm } = choice;
  const sane = (n: number) => Number.isFinite(n) && n >= MIN_SIDE_MM && n <= MAX_SIDE_MM;
  if (!sane(widthMm) || !sane(heightMm))
    throw new StationError('sheet-size-invalid', { width: mm(widthMm), height: mm(heightMm), min: MIN_SIDE_MM, max: MAX_SIDE_MM });
  return { name: 'custom', widthMm: Math.min(widthMm, heightMm), heightMm: Math.max(widthMm, heightMm) };
}

/** The sheet's sides as it is read: width × height. */
export function orientedSides(sheet: SheetSize, orientation: SheetOrientation): { widthMm: number; heightMm: number } {
  return orientation === 'portrait' ? { widthMm: sheet.widthMm, heightMm: sheet.heightMm } : { widthMm: sheet.heightMm, heightMm: sheet.widthMm };
}

/** The orientation a custom size was typed in (wider than tall: landscape). */
export function typedOrientation(choice: SheetChoice): SheetOrientation | null {
  return 'name' in choice ? null : choice.widthMm > choice.heightMm ? 'landscape' : 'portrait';
}
