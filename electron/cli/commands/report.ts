// sohoa report [--from DATE] [--to DATE] [--json | --csv | --xlsx FILE | --pdf FILE]: the
// index-766 rates per unit and level over the dossiers received in the period (default: this month
// so far); --pdf writes the printed report the province asks for.
import type { RateRow } from '../../contract';
import { formatPercent, vietnamToday } from '../../contract';
import { stringOption } from '../args';
import type { Command } from '../command';
import type { Output } from '../output';
import { checkOutputTarget } from './shared';

function line(out: Output, r: RateRow, label: string): string {
  const pct = (rate: number | null) => formatPercent(rate, out.lang, 2);
  const target = r.target === null ? '' : ` / ${pct(r.target)} ${r.meetsTarget ? '✓' : '✗'}`;
  return [label.padEnd(24), String(r.dossiers).padStart(8), `${pct(r.digitizationRate)}${target}`.padEnd(24), pct(r.electronicResultRate).padStart(10), pct(r.reuseRate).padStart(10)].join('  ');
}

export const reportCommand: Command = {
  options: { from: { type: 'string' }, to: { type: 'string' }, csv: { type: 'boolean' }, xlsx: { type: 'string' }, pdf: { type: 'string' } },
  async run({ out, parsed, session }) {
    const today = vietnamToday();
    const from = stringOption(parsed, 'from') ?? `${today.slice(0, 8)}01`;
    const to = stringOption(parsed, 'to') ?? today;
    const xlsx = stringOption(parsed, 'xlsx');
    const pdf = stringOption(parsed, 'pdf');
    const target = xlsx !== undefined ? { format: 'xlsx' as const, path: xlsx } : pdf !== undefined ? { format: 'pdf' as const, path: pdf } : null;
    if (target) await checkOutputTarget(target.path);
    const s = await session();
    if (target) {
      const written = await s.call('reports.export', { from, to, format: target.format, lang: out.lang, path: target.path, overwrite: true });
      out.result(written, () => [out.t('wroteFile', { path: written.path })]);
      return 0;
    }
    if (parsed.values.csv) {
      const file = await s.call('reports.file', { from, to, format: 'csv', lang: out.lang });
      process.stdout.write(Buffer.from(file.base64, 'base64'));
      return 0;
    }
    const report = await s.call('reports.rates', { from, to });
    const levels = { tinh: out.t('levelTinh'), huyen: out.t('levelHuyen'), xa: out.t('levelXa') };
    out.result(report, () => [
      out.t('reportPeriod', { from, to }),
      [out.t('reportUnit').padEnd(24), out.t('reportDossiers').padStart(8), out.t('reportDigitization').padEnd(24), out.t('reportElectronic').padStart(10), out.t('reportReuse').padStart(10)].join('  '),
      ...report.rows.map((r) => line(out, r, `${r.unitCode ?? '—'} (${r.level ? levels[r.level] : '—'})`)),
      line(out, report.total, out.t('reportTotal')),
    ]);
    return 0;
  },
};
