// Whether one dossier counts as digitized, by the index's definitions (domain.md): every required
// component of its procedure — as the catalogue listed it when the dossier was received — has a
// ready record made here or one attached by reuse, and its result is digitized where one is
// issued. Optional components count only if present: one begun and left unfinished is missing.
// Pure: it is given what the records hold and the procedure, and decides nothing else.
import type { CatalogueProcedure, MissingComponent, RateDossier } from '../../contract';

export interface JudgedDocument {
  readonly componentCode: string | null;
  readonly docTypeCode: string | null;
  readonly kind: 'component' | 'result' | null;
  readonly ready: boolean;
  /** Its latest signed version has the store's receipt. */
  readonly acknowledged: boolean;
  readonly reusedFrom: string | null;
}

export interface JudgedLink {
  readonly componentCode: string | null;
  readonly digitized: boolean;
  readonly reused: boolean;
}

export interface DossierFacts {
  readonly code: string;
  readonly procedureCode: string | null;
  readonly unitCode: string | null;
  readonly level: RateDossier['level'];
  readonly receivedAt: string;
  readonly officer: string | null;
  /** What the counter said (null: not said). */
  readonly issuesResult: boolean | null;
  /** The procedure it is judged by, and the catalogue edition that listed it (null: today's). */
  readonly procedure: CatalogueProcedure | null;
  readonly catalogueVersion: string | null;
  readonly documents: readonly JudgedDocument[];
  readonly links: readonly JudgedLink[];
}

type Component = CatalogueProcedure['components'][number];

/** A record made for this component: saved with its code, or (scanned outside the checklist) of a document type it names. */
function madeFor(c: Component, d: JudgedDocument): boolean {
  if (d.kind === 'result') return false;
  if (d.componentCode !== null) return d.componentCode === c.code;
  return d.docTypeCode !== null && c.docTypeCodes.some((t) => t.toLowerCase() === d.docTypeCode!.toLowerCase());
}

export function judgeDossier(f: DossierFacts): RateDossier {
  const results = f.documents.filter((d) => d.kind === 'result');
  // The counter's word wins; not said, a dossier issues a result when one was made for it.
  const issuesResult = f.issuesResult ?? results.length > 0;
  const resultDigitized = results.some((d) => d.ready);
  const electronicResult = results.some((d) => d.ready && d.acknowledged);
  const reused = f.links.some((l) => l.reused) || f.documents.some((d) => d.reusedFrom !== null);
  const unknownProcedure = f.procedureCode === null || f.procedure === null;

  const missing: MissingComponent[] = [];
  for (const c of f.procedure?.components ?? []) {
    const linked = f.links.some((l) => l.componentCode === c.code && l.digitized);
    const made = f.documents.filter((d) => madeFor(c, d));
    const done = linked || made.some((d) => d.ready);
    if (done) continue;
    // An optional component counts only if present: absent is fine, begun and unfinished is not.
    if (c.required || made.length > 0) missing.push({ code: c.code, name: c.name });
  }
  return {
    code: f.code,
    procedureCode: f.procedureCode,
    procedureName: f.procedure?.name ?? null,
    unitCode: f.unitCode,
    level: f.level,
    receivedAt: f.receivedAt,
    officer: f.officer,
    catalogueVersion: f.catalogueVersion,
    unknownProcedure,
    digitized: !unknownProcedure && missing.length === 0 && (!issuesResult || resultDigitized),
    missing,
    issuesResult,
    resultDigitized,
    electronicResult: issuesResult && electronicResult,
    resultAwaitingStore: issuesResult && resultDigitized && !electronicResult,
    reused,
  };
}
