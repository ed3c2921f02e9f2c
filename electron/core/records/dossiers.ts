// Dossiers as received at the counter: the unit of the index-766 rates. Opened explicitly with
// their reception details, or implicitly when their first document is saved.
import type { Database } from 'better-sqlite3';
import { type Access, CatalogueProcedure, type Dossier } from '../../contract';
import { currentCaller } from '../auth/caller';
import { dossierCondition, withCondition } from '../auth/row-rules';
import { StationError } from '../errors';
import { vietnamIso } from '../time';

interface DossierRow {
  code: string;
  procedure_code: string | null;
  unit_code: string | null;
  level: Dossier['level'];
  received_at: string;
  channel: Dossier['channel'];
  issues_result: 0 | 1 | null;
}

const toDossier = (r: DossierRow): Dossier => ({
  code: r.code,
  procedureCode: r.procedure_code,
  unitCode: r.unit_code,
  level: r.level,
  receivedAt: r.received_at,
  channel: r.channel,
  issuesResult: r.issues_result === null ? null : r.issues_result === 1,
});

/** A procedure as the catalogue in force listed it, and that catalogue's version. */
export interface ProcedureSnapshot {
  readonly catalogueVersion: string;
  readonly procedure: CatalogueProcedure;
}

/** Reads a stored snapshot; one that no longer parses (a bug, a hand edit) is as good as none. */
export function parseSnapshot(text: string | null): ProcedureSnapshot | null {
  if (text === null) return null;
  try {
    const json = JSON.parse(text) as { catalogueVersion?: unknown; procedure?: unknown };
    const procedure = CatalogueProcedure.safeParse(json.procedure);
    return procedure.success && typeof json.catalogueVersion === 'string' ? { catalogueVersion: json.catalogueVersion, procedure: procedure.data } : null;
  } catch {
    return null;
  }
}

export interface NewDossier {
  readonly code: string;
  readonly procedureCode?: string | undefined;
  readonly receivedAt?: string | undefined;
  readonly channel?: Dossier['channel'] | undefined;
  readonly issuesResult?: boolean | undefined;
}

export class DossierRepository {
  /** `snapshotOf`: the procedure in the catalogue in force now (null: not in it, or no catalogue; never throws). */
  constructor(
    private readonly db: Database,
    private readonly snapshotOf: (procedureCode: string) => ProcedureSnapshot | null = () => null,
  ) {}

  /** The procedure a dossier the caller may read was received under, as the catalogue listed it then. */
  procedureOf(code: string): CatalogueProcedure | null {
    if (!this.get(code)) return null;
    const row = this.db.prepare('SELECT procedure_snapshot FROM dossiers WHERE code = ?').get(code) as { procedure_snapshot: string | null } | undefined;
    return parseSnapshot(row?.procedure_snapshot ?? null)?.procedure ?? null;
  }

  private snapshotText(procedureCode: string | undefined): string | null {
    if (procedureCode === undefined) return null;
    // Null (not in the catalogue, or no catalogue): the dossier is received, judged later by the day's.
    const snapshot = this.snapshotOf(procedureCode);
    return snapshot ? JSON.stringify(snapshot) : null;
  }

  /** A dossier the current caller may read (the officer who received it, supervision). */
  get(code: string): Dossier | null {
    const visible = dossierCondition(currentCaller(), 'read');
    const row = this.db.prepare(`SELECT * FROM dossiers s ${withCondition(['s.code = @code'], visible)}`).get({ ...visible?.params, code }) as DossierRow | undefined;
    return row ? toDossier(row) : null;
  }

  /** Whether a dossier has this code, whoever received it (a code is printed on the receipt). */
  exists(code: string): boolean {
    return this.db.prepare('SELECT 1 FROM dossiers WHERE code = ?').get(code) !== undefined;
  }

  permits(code: string, access: Access): boolean {
    const condition = dossierCondition(currentCaller(), access);
    return this.db.prepare(`SELECT 1 FROM dossiers s ${withCondition(['s.code = @code'], condition)}`).get({ ...condition?.params, code }) !== undefined;
  }

  /** Opens a dossier; opening it again with the same details is harmless, with others refused. */
  open(input: NewDossier, unit: { unitCode: string | null; level: Dossier['level'] }, now: string): Dossier {
    return this.db.transaction(() => {
      const receivedAt = vietnamIso(input.receivedAt ? new Date(input.receivedAt) : new Date(now));
      // The dispatcher let only the officer who received it (or nobody yet) this far.
      const existing = this.exists(input.code) ? this.get(input.code) : null;
      if (existing) {
        // A dossier saved with its first document before the counter gave its details: complete it.
        const clashes =
          (input.procedureCode !== undefined && existing.procedureCode !== null && existing.procedureCode !== input.procedureCode) ||
          (input.issuesResult !== undefined && existing.issuesResult !== null && existing.issuesResult !== input.issuesResult);
        if (clashes) throw new StationError('dossier-exists', { code: input.code });
        this.db
          .prepare(
            `UPDATE dossiers SET procedure_code = coalesce(procedure_code, ?), issues_result = coalesce(issues_result, ?), channel = coalesce(?, channel),
               procedure_snapshot = coalesce(procedure_snapshot, ?) WHERE code = ?`,
          )
          .run(input.procedureCode ?? null, input.issuesResult === undefined ? null : Number(input.issuesResult), input.channel ?? null, this.snapshotText(input.procedureCode ?? existing.procedureCode ?? undefined), input.code);
        return this.get(input.code)!;
      }
      this.db
        .prepare(
          'INSERT INTO dossiers (code, procedure_code, unit_code, level, received_at, channel, issues_result, created_at, opened_by, procedure_snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          input.code,
          input.procedureCode ?? null,
          unit.unitCode,
          unit.level,
          receivedAt,
          input.channel ?? 'counter',
          input.issuesResult === undefined ? null : Number(input.issuesResult),
          now,
          currentCaller()?.userId ?? null,
          this.snapshotText(input.procedureCode),
        );
      return this.get(input.code)!;
    })();
  }
}
