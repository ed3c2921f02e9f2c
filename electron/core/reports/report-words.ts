// The printed report's words, in Vietnamese (the form a province files) and English.
import type { RateDossier, RateRow } from '../../contract';

export interface ReportWords {
  readonly nation: string;
  readonly motto: string;
  readonly noAgency: string;
  readonly unitCode: string;
  dated(today: string): string;
  readonly title: string;
  readonly subtitle: string;
  period(from: string, to: string): string;
  readonly sectionFigures: string;
  readonly columns: readonly string[];
  readonly levels: Readonly<Record<'tinh' | 'huyen' | 'xa', string>>;
  readonly total: string;
  readonly yes: string;
  readonly no: string;
  notes(total: RateRow): string[];
  readonly sectionTrend: string;
  target(rate: string): string;
  sectionDossiers(count: number): string;
  readonly noneBehind: string;
  lacks(d: RateDossier): string;
  readonly preparer: string;
  readonly head: string;
  readonly signHint: string;
  readonly sealHint: string;
}

const [y, m, d] = [(s: string) => s.slice(0, 4), (s: string) => s.slice(5, 7), (s: string) => s.slice(8, 10)];

export const REPORT_WORDS: Readonly<Record<'vi' | 'en', ReportWords>> = {
  vi: {
    nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    motto: 'Độc lập - Tự do - Hạnh phúc',
    noAgency: 'Cơ quan (chưa đặt tên trong Cài đặt)',
    unitCode: 'Mã đơn vị',
    dated: (today) => `ngày ${d(today)} tháng ${m(today)} năm ${y(today)}`,
    title: 'BÁO CÁO',
    subtitle: 'Kết quả số hóa hồ sơ, kết quả giải quyết thủ tục hành chính',
    period: (from, to) => `(Chỉ số 766, nhóm 4 — kỳ báo cáo từ ngày ${from} đến ngày ${to})`,
    sectionFigures: 'I. Tỷ lệ theo đơn vị và cấp',
    columns: ['Đơn vị (cấp)', 'Hồ sơ\ntiếp nhận', 'Hồ sơ\nsố hóa', 'Tỷ lệ\nsố hóa', 'Chỉ tiêu', 'Đạt', 'Tỷ lệ KQ\nđiện tử', 'Tỷ lệ tái\nsử dụng', 'Không rõ\nthủ tục'],
    levels: { tinh: 'tỉnh', huyen: 'huyện', xa: 'xã' },
    total: 'Tổng cộng',
    yes: 'Đạt',
    no: 'Chưa đạt',
    notes: (t) => [
      `Hồ sơ được số hóa khi mọi thành phần bắt buộc của thủ tục (theo danh mục tại thời điểm tiếp nhận) đã có bản số hóa và kết quả (nếu có) đã được số hóa.`,
      `Hồ sơ không xác định thủ tục: ${t.unknownProcedure} (tính vào số tiếp nhận, không tính là đã số hóa). Kết quả chờ kho tỉnh xác nhận: ${t.resultsAwaitingStore}.`,
    ],
    sectionTrend: 'II. Tỷ lệ số hóa theo tháng',
    target: (rate) => `Chỉ tiêu ${rate}`,
    sectionDossiers: (n) => `III. Hồ sơ chưa được số hóa (${n})`,
    noneBehind: 'Không có: mọi hồ sơ tiếp nhận trong kỳ đã được số hóa.',
    lacks: (x) =>
      x.unknownProcedure
        ? 'không xác định thủ tục'
        : [x.missing.length > 0 ? `thiếu ${x.missing.map((c) => c.code).join(', ')}` : null, x.issuesResult && !x.resultDigitized ? 'kết quả chưa số hóa' : null].filter(Boolean).join('; '),
    preparer: 'NGƯỜI LẬP BÁO CÁO',
    head: 'THỦ TRƯỞNG ĐƠN VỊ',
    signHint: '(Ký, ghi rõ họ tên)',
    sealHint: '(Ký tên, đóng dấu)',
  },
  en: {
    nation: 'SOCIALIST REPUBLIC OF VIETNAM',
    motto: 'Independence - Freedom - Happiness',
    noAgency: 'Agency (not named in Settings)',
    unitCode: 'Unit code',
    dated: (today) => `${d(today)}/${m(today)}/${y(today)}`,
    title: 'REPORT',
    subtitle: 'Digitization of dossiers and of administrative procedure results',
    period: (from, to) => `(Index 766, group 4 — period from ${from} to ${to})`,
    sectionFigures: 'I. Rates by unit and level',
    columns: ['Unit (level)', 'Dossiers\nreceived', 'Dossiers\ndigitized', 'Digitiza-\ntion rate', 'Target', 'Met', 'Electronic\nresults', 'Reuse\nrate', 'Procedure\nnot known'],
    levels: { tinh: 'province', huyen: 'district', xa: 'commune' },
    total: 'Total',
    yes: 'Met',
    no: 'Not met',
    notes: (t) => [
      'A dossier is digitized when every required component of its procedure (as the catalogue listed it when received) has a digitized record, and so has its result where one is issued.',
      `Dossiers without a known procedure: ${t.unknownProcedure} (counted as received, never as digitized). Results awaiting the provincial store: ${t.resultsAwaitingStore}.`,
    ],
    sectionTrend: 'II. Digitization rate by month',
    target: (rate) => `Target ${rate}`,
    sectionDossiers: (n) => `III. Dossiers not digitized (${n})`,
    noneBehind: 'None: every dossier received in the period is digitized.',
    lacks: (x) =>
      x.unknownProcedure
        ? 'procedure not known'
        : [x.missing.length > 0 ? `missing ${x.missing.map((c) => c.code).join(', ')}` : null, x.issuesResult && !x.resultDigitized ? 'result not digitized' : null].filter(Boolean).join('; '),
    preparer: 'PREPARED BY',
    head: 'HEAD OF UNIT',
    signHint: '(Signature, full name)',
    sealHint: '(Signature and seal)',
  },
};
