// The large-sheet options shared by `sohoa import --stitch` and `sohoa scan --parts-from DIR`
// (issue 18): --sheet a3|a2|a1|a0|WxH and --landscape / --portrait, and the lines that say how the
// parts were joined.
import { type AssemblyReport, type SheetChoice, TILED_SHEET_NAMES, type TiledSheetName } from '../../contract';
import { formatNumber } from '../../contract/format';
import { type Parsed, badOption, stringOption } from '../args';
import type { Output } from '../output';

export const STITCH_OPTION_SPEC = { sheet: { type: 'string' }, landscape: { type: 'boolean' }, portrait: { type: 'boolean' } } as const;

/** --sheet (required) and the orientation, as `documents.import`'s `stitch` takes them. */
export function stitchOptions(p: Parsed): { sheet: SheetChoice; landscape?: boolean } {
  const given = stringOption(p, 'sheet');
  if (given === undefined) throw badOption('--sheet', 'say the size of the whole sheet: a3, a2, a1, a0 or WIDTHxHEIGHT in mm', 'cho biết khổ của cả tờ giấy: a3, a2, a1, a0 hoặc RỘNGxCAO tính bằng mm');
  let sheet: SheetChoice;
  const name = given.toLowerCase();
  if ((TILED_SHEET_NAMES as readonly string[]).includes(name)) sheet = { name: name as TiledSheetName };
  else {
    const m = /^(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)$/i.exec(given);
    if (!m)
      throw badOption('--sheet', `“${given}” is not a sheet (choose: ${TILED_SHEET_NAMES.join(', ')}, or WIDTHxHEIGHT in mm)`, `“${given}” không phải khổ giấy (chọn: ${TILED_SHEET_NAMES.join(', ')}, hoặc RỘNGxCAO tính bằng mm)`);
    sheet = { widthMm: Number(m[1]), heightMm: Number(m[2]) };
  }
  const landscape = Boolean(p.values.landscape);
  const portrait = Boolean(p.values.portrait);
  if (landscape && portrait) throw badOption('--landscape', 'give either --landscape or --portrait, not both', 'chỉ dùng một trong --landscape hoặc --portrait');
  return { sheet, ...(landscape ? { landscape: true } : portrait ? { landscape: false } : {}) };
}

/** What the officer is told of the joining (stderr: the result is the document). */
export function noteAssembly(out: Output, a: AssemblyReport): void {
  const mm = (n: number) => formatNumber(n, out.lang, 0);
  const width = a.sheet.orientation === 'landscape' ? a.sheet.heightMm : a.sheet.widthMm;
  const height = a.sheet.orientation === 'landscape' ? a.sheet.widthMm : a.sheet.heightMm;
  const worst = a.parts.reduce((m, p) => Math.max(m, p.maxPx), 0);
  out.note(out.t('stitchAssembled', { count: a.parts.length, width: mm(width), height: mm(height), dpi: a.dpi, seconds: formatNumber(a.seconds, out.lang, 1), worst: formatNumber(worst, out.lang, 2) }));
  const turned = a.parts.filter((p) => p.quarterTurns !== 0).map((p) => p.number);
  if (turned.length) out.note(out.t('stitchTurned', { parts: turned.join(', ') }));
  if (!a.paperFound) out.note(out.t('stitchPaperNotSeen'));
}
