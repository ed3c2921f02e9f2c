// The supervisor's reports over the station's records: the index-766 rates (judged dossier by
// dossier, the figures opened to their dossiers, the trend, the reconciliation with the store),
// as data or files (CSV, XLSX, the printed PDF), each person's activity, and the audit viewer.
import type { Database } from 'better-sqlite3';
import type { ActivityReport, AuditPage, FileRef, RateDossierPage, RatesReport, RatesTrend, ReconcileReport, Settings, SyncCheck } from '../../contract';
import { currentCaller } from '../auth/caller';
import { writeOutputFile } from '../records/output-file';
import type { Receipt } from '../sync/store-client';
import { vietnamIso } from '../time';
import { activityReport } from './activity';
import { type AuditFilter, queryAudit } from './audit-query';
import { ratesCsv, ratesXlsx } from './export';
import { type ProcedureLookup, type RateDossierQuery, judgePeriod, rateDossiers, ratesFrom, ratesReport } from './rates';
import { reconcile } from './reconcile';
import { ratesTrend } from './trend';

type ReportFormat = 'csv' | 'xlsx' | 'pdf';

export interface StationReports {
  rates(from: string, to: string): RatesReport;
  /** The dossiers behind one figure of the rates, each with what it lacks. */
  rateDossiers(q: { from: string; to: string } & RateDossierQuery): RateDossierPage;
  /** The records the period counts as sent, checked against the store's receipts. */
  reconcile(from: string, to: string): Promise<ReconcileReport>;
  /** The rates month by month over a period. */
  trend(from: string, to: string): RatesTrend;
  export(q: { from: string; to: string; format: ReportFormat; lang: 'vi' | 'en'; path: string; overwrite: boolean }): Promise<FileRef & { path: string }>;
  /** The rates as a spreadsheet (csv, xlsx) or the printed report (pdf). */
  file(q: { from: string; to: string; format: ReportFormat; lang: 'vi' | 'en' }): Promise<Buffer>;
  /** Each person's work over a period, and the audit log filtered for the supervisor's viewer. */
  activity(from: string, to: string): ActivityReport;
  audit(q: AuditFilter): AuditPage;
  /** Whether the provincial store answers the saved address and credentials. */
  checkSync(): Promise<SyncCheck>;
}

export interface StationReportsDeps {
  readonly db: Database;
  readonly settings: () => Settings;
  readonly assetsDir: string;
  /** A procedure in today's catalogue: judges dossiers received before the station kept their own. */
  readonly procedureToday: ProcedureLookup;
  readonly sync: {
    storeReceipts(versions: readonly { documentId: string; version: number }[]): Promise<(Receipt | null)[]>;
    check(): Promise<SyncCheck>;
  };
}

export function createStationReports({ db, settings, assetsDir, procedureToday, sync }: StationReportsDeps): StationReports {
  const judged = (from: string, to: string) => judgePeriod(db, from, to, procedureToday);
  return {
    rates: (from, to) => ratesReport(db, from, to, settings().rateTargets, procedureToday),
    rateDossiers: (q) => rateDossiers(judged(q.from, q.to), q),
    reconcile: (from, to) => reconcile(db, from, to, (versions) => sync.storeReceipts(versions)),
    trend: (from, to) => ratesTrend(judged(from, to), from, to, settings().rateTargets),
    async export(q) {
      return writeOutputFile(q.path, [await this.file(q)], { overwrite: q.overwrite });
    },
    async file(q) {
      const dossiers = judged(q.from, q.to);
      const s = settings();
      const report = ratesFrom(dossiers, q.from, q.to, s.rateTargets);
      if (q.format === 'csv') return ratesCsv(report, dossiers, q.lang);
      if (q.format === 'xlsx') return ratesXlsx(report, dossiers, q.lang);
      const caller = currentCaller();
      const context = { lang: q.lang, agencyName: s.agencyName, unitCode: s.unitCode, target: s.level ? s.rateTargets[s.level] : null, preparedBy: caller?.userId ? caller.name : null, today: vietnamIso().slice(0, 10) };
      // pdf-lib loads with the first PDF report, not with every process that opens the station.
      const { ratesPdf } = await import('./report-pdf');
      return ratesPdf(report, ratesTrend(dossiers, q.from, q.to, s.rateTargets), dossiers, context, assetsDir);
    },
    activity: (from, to) => activityReport(db, from, to),
    audit: (q) => queryAudit(db, q),
    checkSync: () => sync.check(),
  };
}
