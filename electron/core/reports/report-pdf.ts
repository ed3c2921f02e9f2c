// The rates as the printed report a province asks for: the State's heading (agency, national
// motto), the title and period, the figures per unit against their targets, the trend by month as
// a chart, the dossiers not yet digitized with what each lacks, and the signature block. A4,
// Liberation Serif (Times-compatible, with Vietnamese glyphs); dates dd/mm/yyyy, decimal commas.
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { type RateDossier, type RateRow, type RatesReport, type RatesTrend, formatDate, formatPercent } from '../../contract';
import { drawable, embedRecordFont, tagSubsetFonts } from '../pdf/fonts';
import { REPORT_WORDS, type ReportWords } from './report-words';

export interface ReportContext {
  readonly lang: 'vi' | 'en';
  readonly agencyName: string | null;
  readonly unitCode: string | null;
  /** The station's level target, drawn on the trend (null: no line). */
  readonly target: number | null;
  /** Who made the report (the signed-in supervisor), under "prepared by". */
  readonly preparedBy: string | null;
  /** Today, Vietnam date. */
  readonly today: string;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const INK = rgb(0, 0, 0);
const GREY = rgb(0.55, 0.55, 0.55);
const BAR = rgb(0.18, 0.36, 0.62);
const BELOW = rgb(0.75, 0.3, 0.2);

/** A page cursor: text placed line by line, a new page when the next block does not fit. */
class Writer {
  page: PDFPage;
  y: number;
  constructor(
    private readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.page = doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }
  get width(): number {
    return A4[0] - 2 * MARGIN;
  }
  need(height: number): void {
    if (this.y - height >= MARGIN) return;
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }
  /** Text at x (left), or centred in [x, x + width] when width is given; shortened to fit. */
  text(value: string, x: number, size: number, opts: { bold?: boolean; width?: number; align?: 'left' | 'center' | 'right'; y?: number; colour?: typeof INK } = {}): void {
    const font = opts.bold ? this.bold : this.regular;
    let shown = drawable(font)(value);
    const room = opts.width ?? this.width - (x - MARGIN);
    while (shown.length > 1 && font.widthOfTextAtSize(shown, size) > room) shown = `${shown.slice(0, -2)}…`;
    const w = font.widthOfTextAtSize(shown, size);
    const left = opts.align === 'center' ? x + (room - w) / 2 : opts.align === 'right' ? x + room - w : x;
    this.page.drawText(shown, { x: left, y: opts.y ?? this.y, size, font, color: opts.colour ?? INK });
  }
  line(size: number, gap = 1.35): void {
    this.y -= size * gap;
  }
  /** A paragraph wrapped at word boundaries to the text width, line after line. */
  paragraph(value: string, size: number, opts: { colour?: typeof INK } = {}): void {
    const words = drawable(this.regular)(value).split(/\s+/);
    let current = '';
    const flush = () => {
      this.need(size * 1.4);
      this.text(current, MARGIN, size, opts);
      this.line(size);
    };
    for (const word of words) {
      const tried = current ? `${current} ${word}` : word;
      if (current && this.regular.widthOfTextAtSize(tried, size) > this.width) {
        flush();
        current = word;
      } else current = tried;
    }
    if (current) flush();
  }
}

function heading(w: Writer, words: ReportWords, ctx: ReportContext): void {
  const half = w.width / 2;
  w.text((ctx.agencyName ?? words.noAgency).toUpperCase(), MARGIN, 11, { bold: true, width: half - 10, align: 'center' });
  w.text(words.nation, MARGIN + half, 11, { bold: true, width: half, align: 'center' });
  w.line(11);
  if (ctx.unitCode) w.text(`${words.unitCode}: ${ctx.unitCode}`, MARGIN, 10, { width: half - 10, align: 'center' });
  w.text(words.motto, MARGIN + half, 11, { bold: true, width: half, align: 'center' });
  const mottoWidth = w.bold.widthOfTextAtSize(words.motto, 11);
  w.page.drawLine({ start: { x: MARGIN + half + (half - mottoWidth) / 2, y: w.y - 3 }, end: { x: MARGIN + half + (half + mottoWidth) / 2, y: w.y - 3 }, thickness: 0.6, color: INK });
  w.line(11, 2.2);
  w.text(words.dated(ctx.today), MARGIN + half, 11, { width: half, align: 'center' });
  w.line(11, 2.6);
}

function title(w: Writer, words: ReportWords, report: RatesReport): void {
  w.text(words.title, MARGIN, 14, { bold: true, align: 'center' });
  w.line(14);
  w.text(words.subtitle, MARGIN, 12, { bold: true, align: 'center' });
  w.line(12);
  w.text(words.period(formatDate(report.from), formatDate(report.to)), MARGIN, 11, { align: 'center' });
  w.line(11, 2.4);
}

const COLUMNS = [0, 0.22, 0.31, 0.4, 0.5, 0.59, 0.68, 0.8, 0.9] as const;

function figures(w: Writer, words: ReportWords, report: RatesReport, lang: 'vi' | 'en'): void {
  w.need(60);
  w.text(words.sectionFigures, MARGIN, 12, { bold: true });
  w.line(12, 1.8);
  // A header cell may hold two lines ("Tỷ lệ\nsố hóa"): the row is as tall as its tallest cell.
  const cell = (values: readonly string[], bold: boolean) => {
    const lines = Math.max(...values.map((v) => v.split('\n').length));
    w.need(16 * lines);
    values.forEach((v, i) => {
      const x = MARGIN + COLUMNS[i]! * w.width;
      const next = i + 1 < COLUMNS.length ? MARGIN + COLUMNS[i + 1]! * w.width : MARGIN + w.width;
      v.split('\n').forEach((part, k) => w.text(part, x + 2, 9, { bold, width: next - x - 4, align: i === 0 ? 'left' : 'right', y: w.y - k * 11 }));
    });
    w.y -= (lines - 1) * 11;
    w.page.drawLine({ start: { x: MARGIN, y: w.y - 4 }, end: { x: MARGIN + w.width, y: w.y - 4 }, thickness: 0.3, color: GREY });
    w.line(9, 1.9);
  };
  cell(words.columns, true);
  const pct = (r: number | null) => formatPercent(r, lang, 2);
  const values = (r: RateRow, label: string) => [
    label,
    String(r.dossiers),
    String(r.digitized),
    pct(r.digitizationRate),
    r.target === null ? '—' : pct(r.target),
    r.meetsTarget === null ? '—' : r.meetsTarget ? words.yes : words.no,
    pct(r.electronicResultRate),
    pct(r.reuseRate),
    String(r.unknownProcedure),
  ];
  for (const r of report.rows) cell(values(r, `${r.unitCode ?? '—'} (${r.level ? words.levels[r.level] : '—'})`), false);
  cell(values(report.total, words.total), true);
  w.line(9, 0.6);
  for (const note of words.notes(report.total)) w.paragraph(note, 9.5, { colour: GREY });
  w.line(9, 1.2);
}

function trendChart(w: Writer, words: ReportWords, trend: RatesTrend, ctx: ReportContext): void {
  const height = 150;
  w.need(height + 50);
  w.text(words.sectionTrend, MARGIN, 12, { bold: true });
  w.line(12, 1.6);
  const top = w.y;
  const bottom = top - height;
  const left = MARGIN + 34;
  const plot = w.width - 34;
  for (const level of [0, 0.25, 0.5, 0.75, 1]) {
    const y = bottom + level * (height - 20);
    w.page.drawLine({ start: { x: left, y }, end: { x: left + plot, y }, thickness: 0.3, color: GREY });
    w.text(formatPercent(level, ctx.lang, 0), MARGIN, 8, { y: y - 3, width: 30, align: 'right', colour: GREY });
  }
  const n = Math.max(1, trend.months.length);
  // Slots of at most 70 pt, so that one month is a bar and not a wall.
  const slot = Math.min(70, plot / n);
  trend.months.forEach((m, i) => {
    const rate = m.total.digitizationRate;
    const start = left + i * slot;
    if (rate !== null) {
      const below = ctx.target !== null && rate < ctx.target;
      w.page.drawRectangle({ x: start + slot * 0.2, y: bottom, width: slot * 0.6, height: Math.max(0.5, rate * (height - 20)), color: below ? BELOW : BAR });
      w.text(formatPercent(rate, ctx.lang, 1), start, 7.5, { y: bottom + rate * (height - 20) + 3, width: slot, align: 'center' });
    }
    w.text(`${m.month.slice(5, 7)}/${m.month.slice(0, 4)}`, start, 7.5, { y: bottom - 11, width: slot, align: 'center' });
  });
  if (ctx.target !== null) {
    const y = bottom + ctx.target * (height - 20);
    w.page.drawLine({ start: { x: left, y }, end: { x: left + plot, y }, thickness: 1, color: BELOW, dashArray: [4, 3] });
    w.text(words.target(formatPercent(ctx.target, ctx.lang, 0)), left + plot - 120, 8, { y: y + 3, width: 120, align: 'right', colour: BELOW });
  }
  w.y = bottom - 26;
}

function notDigitized(w: Writer, words: ReportWords, dossiers: readonly RateDossier[]): void {
  const behind = dossiers.filter((d) => !d.digitized);
  w.need(40);
  w.text(words.sectionDossiers(behind.length), MARGIN, 12, { bold: true });
  w.line(12, 1.7);
  if (behind.length === 0) {
    w.text(words.noneBehind, MARGIN, 9.5);
    w.line(9.5, 2);
    return;
  }
  for (const d of behind) {
    w.need(14);
    w.text(d.code, MARGIN, 9, { width: w.width * 0.3 });
    w.text(d.procedureName ?? d.procedureCode ?? '—', MARGIN + w.width * 0.3, 9, { width: w.width * 0.28 });
    w.text(words.lacks(d), MARGIN + w.width * 0.58, 9, { width: w.width * 0.27 });
    w.text(d.officer ?? '—', MARGIN + w.width * 0.85, 9, { width: w.width * 0.15 });
    w.line(9, 1.6);
  }
  w.line(9, 1);
}

function signatures(w: Writer, words: ReportWords, ctx: ReportContext): void {
  w.need(110);
  w.line(10, 1.5);
  const half = w.width / 2;
  w.text(words.preparer, MARGIN, 11, { bold: true, width: half, align: 'center' });
  w.text(words.head, MARGIN + half, 11, { bold: true, width: half, align: 'center' });
  w.line(11);
  w.text(words.signHint, MARGIN, 9.5, { width: half, align: 'center' });
  w.text(words.sealHint, MARGIN + half, 9.5, { width: half, align: 'center' });
  w.line(9.5, 7);
  if (ctx.preparedBy) w.text(ctx.preparedBy, MARGIN, 11, { bold: true, width: half, align: 'center' });
}

export async function ratesPdf(report: RatesReport, trend: RatesTrend, dossiers: readonly RateDossier[], ctx: ReportContext, assetsDir: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const words = REPORT_WORDS[ctx.lang];
  doc.setTitle(`${words.title} — ${formatDate(report.from)}–${formatDate(report.to)}`);
  doc.setProducer('SoHoa Station');
  doc.setLanguage(ctx.lang === 'vi' ? 'vi-VN' : 'en');
  const w = new Writer(doc, await embedRecordFont(doc, assetsDir), await embedRecordFont(doc, assetsDir, 'Bold'));
  heading(w, words, ctx);
  title(w, words, report);
  figures(w, words, report, ctx.lang);
  trendChart(w, words, trend, ctx);
  notDigitized(w, words, dossiers);
  signatures(w, words, ctx);
  // Subset fonts named as such ("ABCDEF+LiberationSerif"), as the records are.
  await doc.flush();
  tagSubsetFonts(doc);
  return Buffer.from(await doc.save());
}
