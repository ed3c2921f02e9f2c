// The policy table (contract/policy.ts) applied to one call, before its handler runs: the input
// fields only a narrower audience may give, the records the input names (each with the caller's
// row rule), and the paths on the station's disk (through the transport's gate). The role itself
// is checked first, by the auth service, which also knows whether the session is signed in.
import { type MethodPolicy, type PathUse, type RowRule, AUDIENCE_ROLES } from '../../contract';
import { StationError } from '../errors';
import type { DocumentRepository } from '../records/documents';
import type { DossierRepository } from '../records/dossiers';
import type { Caller } from './caller';
import { forbidden } from './forbidden';
import type { PathGate } from './path-gate';

export interface AdmissionDeps {
  readonly documents: DocumentRepository;
  readonly dossiers: DossierRepository;
}

/** The values at a field path: `a.b` for a nested field, `a[]` for every element of an array. */
export function valuesAt(input: unknown, field: string): unknown[] {
  let values: unknown[] = [input];
  for (const part of field.split('.')) {
    const each = part.endsWith('[]');
    const key = each ? part.slice(0, -2) : part;
    values = values.flatMap((v) => {
      if (v === null || typeof v !== 'object') return [];
      const next = (v as Record<string, unknown>)[key];
      if (next === undefined) return [];
      return each ? (Array.isArray(next) ? next : []) : [next];
    });
  }
  return values;
}

export function checkRestrictedFields(method: string, policy: MethodPolicy, input: unknown, caller: Caller): void {
  for (const [field, audience] of Object.entries(policy.restrictedFields ?? {}))
    if (valuesAt(input, field).length > 0 && !AUDIENCE_ROLES[audience].includes(caller.role)) throw forbidden(caller.role, `${method}: ${field}`);
}

/** Each record the input names, with the access the method needs. What the caller may not read
 * answers exactly as what does not exist (the repositories' lookups are the caller's own). */
export function checkRows(policy: MethodPolicy, input: unknown, caller: Caller, deps: AdmissionDeps): void {
  for (const rule of policy.rows) {
    const [value] = valuesAt(input, rule.field);
    if (value === undefined) {
      if (rule.optional) continue;
      throw new StationError('invalid-input', { field: rule.field, detail: 'required' });
    }
    checkRow(rule, String(value), caller, deps);
  }
}

function checkRow(rule: RowRule, value: string, caller: Caller, deps: AdmissionDeps): void {
  switch (rule.record) {
    case 'document': {
      const id = deps.documents.resolveId(value, rule.access);
      if (rule.access === 'write' && !rule.archiveFlow) refuseUnapprovedArchive(deps, id);
      return;
    }
    case 'page': {
      const documentId = deps.documents.pageDocument(value);
      if (documentId === null || !deps.documents.permits(documentId, 'read')) throw new StationError('page-not-found', { id: value });
      if (!deps.documents.permits(documentId, rule.access)) throw forbidden(caller.role, `${rule.access} page ${value}`);
      if (rule.access === 'write') refuseUnapprovedArchive(deps, documentId);
      return;
    }
    case 'dossier': {
      const exists = deps.dossiers.exists(value);
      if (!exists) {
        if (rule.mayCreate) return;
        throw new StationError('dossier-not-found', { code: value });
      }
      if (deps.dossiers.permits(value, rule.access)) return;
      // A code the counter types is not a secret (it is printed on the citizen's receipt): a
      // method that would receive the dossier says it is another officer's, nothing more.
      if (rule.mayCreate) throw new StationError('dossier-other-officer', { code: value });
      if (!deps.dossiers.permits(value, 'read')) throw new StationError('dossier-not-found', { code: value });
      throw forbidden(caller.role, `${rule.access} dossier ${value}`);
    }
    case 'account':
      // One's own account; an administrator anyone's. Officers cannot list accounts: another's id
      // answers as an unknown one.
      if (caller.role !== 'admin' && caller.userId !== value) throw new StationError('not-found', { id: value });
      return;
    case 'job':
      // A scan job lives in memory only; ScanJobs.cancel answers another person's job exactly as a
      // finished one (cancelled: false), which an unknown id also gets.
      return;
  }
}

/** Four eyes: a document of an archive batch changes outside the archive's own methods only once
 * a second person approved it (archive/service.ts review). */
export function refuseUnapprovedArchive(deps: Pick<AdmissionDeps, 'documents'>, documentId: string): void {
  const state = deps.documents.archiveState(documentId);
  if (state !== null && state !== 'approved') throw new StationError('archive-not-approved', { id: documentId });
}

/** Every path of the input through the transport's gate; `kept` is the file the caller chose
 * before through the same gate and keeps (their PKCS#12 file, in their preferences), read only
 * when a path is there to check. */
export function checkPaths(policy: MethodPolicy, input: unknown, gate: PathGate, kept: () => string | null): void {
  for (const { field, use } of policy.paths ?? [])
    for (const value of valuesAt(input, field)) if (typeof value === 'string' && !(use === 'read' && value === kept())) gate.check(value, use as PathUse, field);
}
