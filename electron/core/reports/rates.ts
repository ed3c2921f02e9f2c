// The index-766 rates over the dossiers received in a period (domain.md), per unit and level:
// digitization, electronic result and reuse. Each dossier is judged by its own procedure's
// checklist (reports/dossier-judgement.ts), so every figure can open to the dossiers behind it.
// Three reads (dossiers, their documents, their links) and one pass in memory: a month of a busy
// station is a few thousand dossiers.
import type { Database } from 'better-sqlite3';
import type { CatalogueProcedure, RateDossier, RateDossierFilter, RateDossierPage, RateRow, RatesReport, Settings } from '../../contract';
import { parseSnapshot } from '../records/dossiers';
import { type JudgedDocument, type JudgedLink, judgeDossier } from './dossier-judgement';

/** The procedure in today's catalogue (for dossiers received before the station kept their own). */
export type ProcedureLookup = (code: string) => CatalogueProcedure | null;

interface DossierRow {
  code: string;
  procedure_code: string | null;
  unit_code: string | null;
  level: RateRow['level'];
  received_at: string;
  issues_result: 0 | 1 | null;
  procedure_snapshot: string | null;
  officer: string | null;
}

interface DocumentRow {
  dossier_code: string;
  component_code: string | null;
  doc_type_code: string | null;
  kind: 'component' | 'result' | null;
  status: 'draft' | 'ready';
  reused_from: string | null;
  acknowledged: 0 | 1;
}

interface LinkRow {
  dossier_code: string;
  component_code: string | null;
  digitized: 0 | 1;
  reused: 0 | 1;
}

const PERIOD = 'SELECT code FROM dossiers WHERE received_at >= @from AND received_at < @until';

/** The period's bounds as stored times: `from` and `to` are Vietnam dates, both included. */
export function periodBounds(from: string, to: string): { from: string; until: string } {
  const until = new Date(Date.parse(`${to}T00:00:00+07:00`) + 86_400_000 + 7 * 3600_000).toISOString().slice(0, 10);
  return { from: `${from}T00:00:00.000+07:00`, until: `${until}T00:00:00.000+07:00` };
}

function groupBy<T extends { dossier_code: string }>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const list = map.get(r.dossier_code);
    if (list) list.push(r);
    else map.set(r.dossier_code, [r]);
  }
  return map;
}

/** Every dossier received in the period, judged; in reception order. */
export function judgePeriod(db: Database, from: string, to: string, today: ProcedureLookup): RateDossier[] {
  const params = periodBounds(from, to);
  const dossiers = db
    .prepare(
      `SELECT s.code, s.procedure_code, s.unit_code, s.level, s.received_at, s.issues_result, s.procedure_snapshot, u.display_name AS officer
       FROM dossiers s LEFT JOIN users u ON u.id = s.opened_by
       WHERE s.received_at >= @from AND s.received_at < @until ORDER BY s.received_at, s.code`,
    )
    .all(params) as DossierRow[];
  const documents = groupBy(
    db
      .prepare(
        `SELECT x.dossier_code, x.component_code, x.doc_type_code, x.kind, x.status, x.reused_from,
           EXISTS (SELECT 1 FROM outbox o WHERE o.document_id = x.id AND o.state = 'synced' AND o.receipt_id IS NOT NULL) AS acknowledged
         FROM documents x WHERE x.dossier_code IN (${PERIOD})`,
      )
      .all(params) as DocumentRow[],
  );
  const links = groupBy(db.prepare(`SELECT l.dossier_code, l.component_code, l.digitized, l.reused FROM dossier_links l WHERE l.dossier_code IN (${PERIOD})`).all(params) as LinkRow[]);

  return dossiers.map((d) => {
    const kept = parseSnapshot(d.procedure_snapshot);
    const procedure = kept?.procedure ?? (d.procedure_code === null ? null : today(d.procedure_code));
    return judgeDossier({
      code: d.code,
      procedureCode: d.procedure_code,
      unitCode: d.unit_code,
      level: d.level,
      receivedAt: d.received_at,
      officer: d.officer,
      issuesResult: d.issues_result === null ? null : d.issues_result === 1,
      procedure,
      catalogueVersion: kept?.catalogueVersion ?? null,
      documents: (documents.get(d.code) ?? []).map(
        (x): JudgedDocument => ({ componentCode: x.component_code, docTypeCode: x.doc_type_code, kind: x.kind, ready: x.status === 'ready', acknowledged: x.acknowledged === 1, reusedFrom: x.reused_from }),
      ),
      links: (links.get(d.code) ?? []).map((l): JudgedLink => ({ componentCode: l.component_code, digitized: l.digitized === 1, reused: l.reused === 1 })),
    });
  });
}

const rate = (n: number, of: number) => (of > 0 ? n / of : null);

function rowOf(group: readonly RateDossier[], unitCode: string | null, level: RateRow['level'], targets: Settings['rateTargets']): RateRow {
  const count = (f: (d: RateDossier) => boolean) => group.filter(f).length;
  const dossiers = group.length;
  const digitized = count((d) => d.digitized);
  const issuing = count((d) => d.issuesResult);
  const electronic = count((d) => d.electronicResult);
  const reused = count((d) => d.reused);
  const digitizationRate = rate(digitized, dossiers);
  const target = level ? targets[level] : null;
  return {
    unitCode,
    level,
    dossiers,
    digitized,
    digitizationRate,
    issuingResult: issuing,
    electronicResults: electronic,
    electronicResultRate: rate(electronic, issuing),
    reused,
    reuseRate: rate(reused, dossiers),
    target,
    meetsTarget: target === null || digitizationRate === null ? null : digitizationRate >= target,
    unknownProcedure: count((d) => d.unknownProcedure),
    resultsAwaitingStore: count((d) => d.resultAwaitingStore),
  };
}

const LEVEL_ORDER = { tinh: 0, huyen: 1, xa: 2 } as const;
const rowKey = (d: { unitCode: string | null; level: RateRow['level'] }) => `${d.level ?? ''}\u0000${d.unitCode ?? ''}`;

export function ratesFrom(judged: readonly RateDossier[], from: string, to: string, targets: Settings['rateTargets']): RatesReport {
  const groups = new Map<string, RateDossier[]>();
  for (const d of judged) {
    const list = groups.get(rowKey(d));
    if (list) list.push(d);
    else groups.set(rowKey(d), [d]);
  }
  const rows = [...groups.values()]
    .map((g) => rowOf(g, g[0]!.unitCode, g[0]!.level, targets))
    .sort((a, b) => (a.level === null ? -1 : b.level === null ? 1 : LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]) || (a.unitCode ?? '').localeCompare(b.unitCode ?? ''));
  return { from, to, rows, total: rowOf(judged, null, null, targets) };
}

/** `from` and `to` are Vietnam dates, both included. */
export function ratesReport(db: Database, from: string, to: string, targets: Settings['rateTargets'], today: ProcedureLookup): RatesReport {
  return ratesFrom(judgePeriod(db, from, to, today), from, to, targets);
}

const FILTERS: Readonly<Record<RateDossierFilter, (d: RateDossier) => boolean>> = {
  received: () => true,
  digitized: (d) => d.digitized,
  'not-digitized': (d) => !d.digitized,
  'issuing-result': (d) => d.issuesResult,
  'electronic-result': (d) => d.electronicResult,
  'no-electronic-result': (d) => d.issuesResult && !d.electronicResult,
  reused: (d) => d.reused,
  'unknown-procedure': (d) => d.unknownProcedure,
};

export interface RateDossierQuery {
  readonly filter: RateDossierFilter;
  /** One row of the report: both given (null for "not set"), or neither for all. */
  readonly unitCode?: string | null | undefined;
  readonly level?: RateRow['level'] | undefined;
  readonly limit: number;
  readonly offset: number;
}

/** The dossiers behind one figure, a page at a time. */
export function rateDossiers(judged: readonly RateDossier[], q: RateDossierQuery): RateDossierPage {
  const inRow = (d: RateDossier) => (q.unitCode === undefined || d.unitCode === q.unitCode) && (q.level === undefined || d.level === q.level);
  const chosen = judged.filter((d) => inRow(d) && FILTERS[q.filter](d));
  return { total: chosen.length, dossiers: chosen.slice(q.offset, q.offset + q.limit) };
}
