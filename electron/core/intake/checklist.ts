// A dossier's checklist: for each component its procedure asks for, what is done (scanned, signed,
// reused) and, while it is to do, what the owner already has that would satisfy it. Pure: it is
// given what the records hold and decides nothing else.
import type { CatalogueProcedure, Checklist, ChecklistItem, ComponentState, DocumentSummary, Dossier, DossierLink, ReuseCandidates, ReuseOffer } from '../../contract';

/** Lower case without diacritics (đ → d): "Căn cước công dân" matches "CAN CUOC CONG DAN". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
}

function satisfies(component: CatalogueProcedure['components'][number], docTypeCode: string | null, title: string | null): boolean {
  if (docTypeCode && component.docTypeCodes.some((c) => c.toLowerCase() === docTypeCode.toLowerCase())) return true;
  return title !== null && fold(title) === fold(component.name);
}

/** The owner's documents that satisfy a component: this station's first (no download), then the
 * province's; each once, and not one already attached to this dossier. */
export function offersFor(component: CatalogueProcedure['components'][number], found: ReuseCandidates | null, ownerIdNumber: string | null, attached: readonly DossierLink[]): ReuseOffer[] {
  if (!found || !ownerIdNumber) return [];
  const taken = new Set(attached.flatMap((l) => [l.documentId, l.remoteDocumentId].filter((x): x is string => x !== null)));
  const local: ReuseOffer[] = found.local
    .filter((d) => !taken.has(d.id) && satisfies(component, d.metadata.docTypeCode, d.metadata.title))
    .map((d) => ({ key: d.id, where: 'here', title: d.metadata.title ?? d.id, docNumber: d.metadata.docNumber, issueDate: d.metadata.issueDate, validUntil: d.metadata.validUntil, attach: { documentId: d.id, ownerIdNumber } }));
  const remote: ReuseOffer[] =
    found.province.status === 'ok'
      ? found.province.documents
          .filter((d) => !taken.has(d.documentId) && satisfies(component, d.docTypeCode, d.title))
          .map((d) => ({
            key: `${d.documentId}:${d.version}`,
            where: 'province',
            title: d.title ?? d.documentId,
            docNumber: d.docNumber,
            issueDate: d.issueDate,
            validUntil: d.validUntil,
            attach: { remote: { documentId: d.documentId, version: d.version, ownerIdNumber } },
          }))
      : [];
  return [...local, ...remote];
}

export interface ChecklistInputs {
  readonly dossier: Dossier;
  readonly procedure: CatalogueProcedure | null;
  readonly ownerIdNumber: string | null;
  /** The dossier's documents made here, newest first (drafts included). */
  readonly documents: readonly DocumentSummary[];
  readonly links: readonly DossierLink[];
  /** The reuse lookup (null: no owner id yet). */
  readonly candidates: ReuseCandidates | null;
  readonly province: Checklist['province'];
}

function stateOf(doc: DocumentSummary): ComponentState {
  if (doc.status === 'draft') return 'scanning';
  return doc.signatureCount > 0 ? 'signed' : 'scanned';
}

export function buildChecklist(i: ChecklistInputs): Checklist {
  const items: ChecklistItem[] = (i.procedure?.components ?? []).map((c) => {
    const link = i.links.find((l) => l.componentCode === c.code) ?? null;
    // A saved document wins over a later draft of the same component (a page added by mistake).
    const mine = i.documents.filter((d) => d.metadata.componentCode === c.code);
    const document = mine.find((d) => d.status === 'ready') ?? mine[0] ?? null;
    const state: ComponentState = link ? 'reused' : document ? stateOf(document) : 'todo';
    return {
      code: c.code,
      name: c.name,
      required: c.required,
      preset: c.preset,
      state,
      document,
      link,
      offers: state === 'todo' ? offersFor(c, i.candidates, i.ownerIdNumber, i.links) : [],
    };
  });
  const done = (s: ComponentState) => s === 'scanned' || s === 'signed' || s === 'reused';
  return {
    dossier: i.dossier,
    procedure: i.procedure ? { code: i.procedure.code, name: i.procedure.name } : null,
    ownerIdNumber: i.ownerIdNumber,
    items,
    complete: items.length > 0 && items.every((it) => !it.required || done(it.state)),
    unsigned: items.filter((it) => it.state === 'scanned').length,
    province: i.province,
  };
}
