// The index-766 rates over the dossiers received in a period (domain.md), per unit and level:
// digitization, electronic result and reuse. Counted in SQL, one pass over the period's dossiers.
import type { Database } from 'better-sqlite3';
import type { RateRow, RatesReport, Settings } from '../../contract';

interface Counts {
  unit_code: string | null;
  level: 'tinh' | 'huyen' | 'xa' | null;
  dossiers: number;
  digitized: number;
  issuing: number;
  electronic: number;
  reused: number;
}

// A document without a kind counts as a component (most scanned papers are), and so does one
// attached by reuse (it is digitized: DuocSoHoa); a dossier issues a
// result when the counter said so, or (not said) when a result document exists for it.
const RATES_SQL = `
  WITH d AS (SELECT * FROM dossiers WHERE received_at >= @from AND received_at < @until),
  docs AS (
    SELECT x.dossier_code AS code,
      sum(coalesce(x.kind, 'component') = 'component' AND x.status = 'ready') AS comp_ready,
      sum(coalesce(x.kind, 'component') = 'component' AND x.status = 'draft') AS comp_draft,
      sum(x.kind = 'result') AS results,
      sum(x.kind = 'result' AND x.status = 'ready') AS result_ready,
      sum(x.kind = 'result' AND EXISTS (SELECT 1 FROM outbox o WHERE o.document_id = x.id AND o.state = 'synced')) AS result_synced,
      sum(x.reused_from IS NOT NULL) AS reused
    FROM documents x WHERE x.dossier_code IN (SELECT code FROM d) GROUP BY x.dossier_code),
  links AS (
    SELECT l.dossier_code AS code, sum(l.digitized) AS linked, sum(l.reused) AS reused
    FROM dossier_links l WHERE l.dossier_code IN (SELECT code FROM d) GROUP BY l.dossier_code),
  j AS (
    SELECT d.unit_code, d.level, coalesce(docs.comp_ready, 0) + coalesce(links.linked, 0) AS comp_ready, coalesce(docs.comp_draft, 0) AS comp_draft,
      coalesce(docs.result_ready, 0) AS result_ready, coalesce(docs.result_synced, 0) AS result_synced,
      coalesce(docs.reused, 0) + coalesce(links.reused, 0) AS reused, coalesce(d.issues_result, coalesce(docs.results, 0) > 0) AS issuing
    FROM d LEFT JOIN docs ON docs.code = d.code LEFT JOIN links ON links.code = d.code)
  SELECT unit_code, level, count(*) AS dossiers,
    sum(comp_ready > 0 AND comp_draft = 0 AND (issuing = 0 OR result_ready > 0)) AS digitized,
    sum(issuing) AS issuing,
    sum(issuing AND result_synced > 0) AS electronic,
    sum(reused > 0) AS reused
  FROM j GROUP BY unit_code, level ORDER BY level, unit_code`;

const rate = (n: number, of: number) => (of > 0 ? n / of : null);

function row(c: Counts, targets: Settings['rateTargets']): RateRow {
  const digitizationRate = rate(c.digitized, c.dossiers);
  const target = c.level ? targets[c.level] : null;
  return {
    unitCode: c.unit_code,
    level: c.level,
    dossiers: c.dossiers,
    digitized: c.digitized,
    digitizationRate,
    issuingResult: c.issuing,
    electronicResults: c.electronic,
    electronicResultRate: rate(c.electronic, c.issuing),
    reused: c.reused,
    reuseRate: rate(c.reused, c.dossiers),
    target,
    meetsTarget: target === null || digitizationRate === null ? null : digitizationRate >= target,
  };
}

/** `from` and `to` are Vietnam dates, both included. */
export function ratesReport(db: Database, from: string, to: string, targets: Settings['rateTargets']): RatesReport {
  const until = new Date(Date.parse(`${to}T00:00:00+07:00`) + 86_400_000);
  const untilText = `${new Date(until.getTime() + 7 * 3600_000).toISOString().slice(0, 10)}T00:00:00.000+07:00`;
  const counts = db.prepare(RATES_SQL).all({ from: `${from}T00:00:00.000+07:00`, until: untilText }) as Counts[];
  const sum = (k: keyof Omit<Counts, 'unit_code' | 'level'>) => counts.reduce((n, c) => n + c[k], 0);
  const total = row({ unit_code: null, level: null, dossiers: sum('dossiers'), digitized: sum('digitized'), issuing: sum('issuing'), electronic: sum('electronic'), reused: sum('reused') }, targets);
  return { from, to, rows: counts.map((c) => row(c, targets)), total };
}
