// The rates as a file a province's report template can take: CSV (UTF-8 with a BOM, so that Excel
// reads the Vietnamese) or XLSX (percentages formatted as such); after the figures, the dossiers
// behind them, each with what it lacks (a second sheet; in CSV, a second table after a blank line).
import { type RateDossier, type RateRow, type RatesReport, formatDateTime } from '../../contract';

const HEADERS = {
  vi: ['Mã đơn vị', 'Cấp', 'Số hồ sơ tiếp nhận', 'Hồ sơ được số hóa', 'Tỷ lệ số hóa', 'Chỉ tiêu', 'Đạt', 'Hồ sơ có kết quả', 'Kết quả điện tử', 'Tỷ lệ kết quả điện tử', 'Hồ sơ tái sử dụng', 'Tỷ lệ tái sử dụng', 'Không xác định thủ tục', 'Kết quả chờ kho tỉnh xác nhận'],
  en: ['Unit', 'Level', 'Dossiers received', 'Dossiers digitized', 'Digitization rate', 'Target', 'Met', 'Dossiers with a result', 'Electronic results', 'Electronic result rate', 'Dossiers reusing', 'Reuse rate', 'Procedure not known', 'Results awaiting the store'],
} as const;
const DOSSIER_HEADERS = {
  vi: ['Mã hồ sơ', 'Mã thủ tục', 'Tên thủ tục', 'Mã đơn vị', 'Cấp', 'Tiếp nhận lúc', 'Cán bộ tiếp nhận', 'Được số hóa', 'Còn thiếu', 'Có kết quả', 'Kết quả điện tử', 'Tái sử dụng', 'Ghi chú'],
  en: ['Dossier', 'Procedure', 'Procedure name', 'Unit', 'Level', 'Received', 'Received by', 'Digitized', 'Missing', 'Issues a result', 'Electronic result', 'Reused', 'Note'],
} as const;
const YES_NO = { vi: ['có', 'không'], en: ['yes', 'no'] } as const;
const NOTES = {
  vi: { unknown: 'không xác định thủ tục', awaiting: 'kết quả chờ kho tỉnh xác nhận', result: 'kết quả chưa số hóa', old: 'theo danh mục hiện hành' },
  en: { unknown: 'procedure not known', awaiting: 'result awaiting the store', result: 'result not digitized', old: 'judged by the current catalogue' },
} as const;
const LEVELS = { vi: { tinh: 'tỉnh', huyen: 'huyện', xa: 'xã' }, en: { tinh: 'province', huyen: 'district', xa: 'commune' } } as const;
const TOTAL = { vi: 'Tổng', en: 'Total' } as const;

type Cell = string | number | null;

function cells(r: RateRow, lang: 'vi' | 'en', total: boolean): Cell[] {
  const met = r.meetsTarget === null ? null : r.meetsTarget ? (lang === 'vi' ? 'có' : 'yes') : lang === 'vi' ? 'không' : 'no';
  return [
    total ? TOTAL[lang] : (r.unitCode ?? '—'),
    r.level ? LEVELS[lang][r.level] : null,
    r.dossiers,
    r.digitized,
    r.digitizationRate,
    r.target,
    met,
    r.issuingResult,
    r.electronicResults,
    r.electronicResultRate,
    r.reused,
    r.reuseRate,
    r.unknownProcedure,
    r.resultsAwaitingStore,
  ];
}

function dossierCells(d: RateDossier, lang: 'vi' | 'en'): Cell[] {
  const yes = (b: boolean) => YES_NO[lang][b ? 0 : 1];
  const candidates: (string | null)[] = [
    d.unknownProcedure ? NOTES[lang].unknown : null,
    d.issuesResult && !d.resultDigitized ? NOTES[lang].result : null,
    d.resultAwaitingStore ? NOTES[lang].awaiting : null,
    !d.unknownProcedure && d.catalogueVersion === null ? NOTES[lang].old : null,
  ];
  const notes = candidates.filter((n): n is string => n !== null);
  return [
    d.code,
    d.procedureCode,
    d.procedureName,
    d.unitCode,
    d.level ? LEVELS[lang][d.level] : null,
    formatDateTime(d.receivedAt, lang),
    d.officer,
    yes(d.digitized),
    d.missing.map((m) => m.code).join(', '),
    yes(d.issuesResult),
    d.issuesResult ? yes(d.electronicResult) : null,
    yes(d.reused),
    notes.join('; '),
  ];
}

function dossierTable(dossiers: readonly RateDossier[], lang: 'vi' | 'en'): Cell[][] {
  return [[...DOSSIER_HEADERS[lang]], ...dossiers.map((d) => dossierCells(d, lang))];
}

const RATE_COLUMNS = new Set([4, 5, 9, 11]);

function table(report: RatesReport, lang: 'vi' | 'en'): Cell[][] {
  return [[...HEADERS[lang]], ...report.rows.map((r) => cells(r, lang, false)), cells(report.total, lang, true)];
}

export function ratesCsv(report: RatesReport, dossiers: readonly RateDossier[], lang: 'vi' | 'en'): Buffer {
  const quote = (v: Cell, col: number) => {
    if (v === null) return '';
    if (typeof v === 'number') return RATE_COLUMNS.has(col) ? v.toFixed(4) : String(v);
    return /[",\n;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  const lines = table(report, lang).map((row, i) => row.map((v, col) => (i === 0 ? quote(v, -1) : quote(v, col))).join(','));
  lines.push('', ...dossierTable(dossiers, lang).map((row) => row.map((v) => quote(v, -1)).join(',')));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}

export async function ratesXlsx(report: RatesReport, dossiers: readonly RateDossier[], lang: 'vi' | 'en'): Promise<Buffer> {
  // Loaded on first use: exceljs and what it pulls in (archiver, fast-csv…) cost ≈ 0.7 s of CPU
  // to import, which every command and start-up would otherwise pay for a spreadsheet now and then.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'SoHoa Station';
  const sheet = book.addWorksheet(lang === 'vi' ? 'Tỷ lệ số hóa' : 'Digitization rates');
  sheet.addRow([lang === 'vi' ? `Kỳ báo cáo: ${report.from} đến ${report.to}` : `Period: ${report.from} to ${report.to}`]);
  sheet.addRow([]);
  for (const [i, row] of table(report, lang).entries()) {
    const added = sheet.addRow(row);
    if (i === 0) added.font = { bold: true };
    if (i > 0) for (const col of RATE_COLUMNS) added.getCell(col + 1).numFmt = '0.00%';
  }
  sheet.columns.forEach((c) => (c.width = 18));
  const behind = book.addWorksheet(lang === 'vi' ? 'Hồ sơ' : 'Dossiers');
  for (const [i, row] of dossierTable(dossiers, lang).entries()) {
    const added = behind.addRow(row);
    if (i === 0) added.font = { bold: true };
  }
  behind.columns.forEach((c) => (c.width = 20));
  return Buffer.from(await book.xlsx.writeBuffer());
}
