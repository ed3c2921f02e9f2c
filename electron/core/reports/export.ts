// The rates as a file a province's report template can take: CSV (UTF-8 with a BOM, so that Excel
// reads the Vietnamese) or XLSX (percentages formatted as such).
import ExcelJS from 'exceljs';
import type { RateRow, RatesReport } from '../../contract';

const HEADERS = {
  vi: ['Mã đơn vị', 'Cấp', 'Số hồ sơ tiếp nhận', 'Hồ sơ được số hóa', 'Tỷ lệ số hóa', 'Chỉ tiêu', 'Đạt', 'Hồ sơ có kết quả', 'Kết quả điện tử', 'Tỷ lệ kết quả điện tử', 'Hồ sơ tái sử dụng', 'Tỷ lệ tái sử dụng'],
  en: ['Unit', 'Level', 'Dossiers received', 'Dossiers digitized', 'Digitization rate', 'Target', 'Met', 'Dossiers with a result', 'Electronic results', 'Electronic result rate', 'Dossiers reusing', 'Reuse rate'],
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
  ];
}

const RATE_COLUMNS = new Set([4, 5, 9, 11]);

function table(report: RatesReport, lang: 'vi' | 'en'): Cell[][] {
  return [[...HEADERS[lang]], ...report.rows.map((r) => cells(r, lang, false)), cells(report.total, lang, true)];
}

export function ratesCsv(report: RatesReport, lang: 'vi' | 'en'): Buffer {
  const quote = (v: Cell, col: number) => {
    if (v === null) return '';
    if (typeof v === 'number') return RATE_COLUMNS.has(col) ? v.toFixed(4) : String(v);
    return /[",\n;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  const lines = table(report, lang).map((row, i) => row.map((v, col) => (i === 0 ? quote(v, -1) : quote(v, col))).join(','));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}

export async function ratesXlsx(report: RatesReport, lang: 'vi' | 'en'): Promise<Buffer> {
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
  return Buffer.from(await book.xlsx.writeBuffer());
}
