// A dossier's checklist: for each component its procedure asks for, what is done (scanned, signed,
// reused) and, while it is to do, what the owner already has that would satisfy it. Pure: it is
// given what the records hold and decides nothing else.
import type { CatalogueProcedure, Checklist, ChecklistItem, ComponentState, DocumentSummary, Dossier, DossierLink, RemoteDocument, ReuseCandidates, ReuseOffer } from '../../contract';

/** Lower case without diacritics (đ → d): "Căn cước công dân" matches "CAN CUOC CONG DAN". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
}

type Component = CatalogueProcedure['components'][number];

/** A component the procedure lets an earlier digitization stand for: the catalogue names the
 * document types (mã giấy tờ) that satisfy it. One without (a form filled in for this dossier,
 * "Bản chính … cần chứng thực": an original the officer must see) is always scanned. */
export const isReusable = (component: Component): boolean => component.docTypeCodes.length > 0;

function satisfies(component: Component, docTypeCode: string | null, title: string | null): boolean {
  if (!isReusable(component)) return false;
  if (docTypeCode && component.docTypeCodes.some((c) => c.toLowerCase() === docTypeCode.toLowerCase())) return true;
  return title !== null && fold(title) === fold(component.name);
}

/** The same paper, wherever it was digitized: its type and number (số, ký hiệu) when it has one. */
const paperOf = (o: ReuseOffer): string => (o.docNumber ? `${(o.docTypeCode ?? fold(o.title)).toLowerCase()}|${fold(o.docNumber)}` : o.key);

/** Page 1 of a record on this station (for its thumbnail), by document id. */
export type FirstPages = ReadonlyMap<string, { readonly id: string; readonly sha256: string }>;

/** The owner's documents that satisfy a component: this station's first (no download), then the
 * province's; each paper once (the newest version of a record, and a paper digitized both here
 * and elsewhere offered from here), and not one already attached to this dossier. */
export function offersFor(component: Component, found: ReuseCandidates | null, ownerIdNumber: string | null, attached: readonly DossierLink[], firstPages: FirstPages = new Map()): ReuseOffer[] {
  if (!found || !ownerIdNumber || !isReusable(component)) return [];
  const taken = new Set(attached.flatMap((l) => [l.documentId, l.remoteDocumentId].filter((x): x is string => x !== null)));
  const local: ReuseOffer[] = found.local
    .filter((d) => !taken.has(d.id) && satisfies(component, d.metadata.docTypeCode, d.metadata.title))
    .map((d) => ({
      key: d.id,
      where: 'here',
      title: d.metadata.title ?? d.id,
      docTypeCode: d.metadata.docTypeCode,
      docNumber: d.metadata.docNumber,
      issueDate: d.metadata.issueDate,
      issuer: d.metadata.issuer,
      validUntil: d.metadata.validUntil,
      firstPage: firstPages.get(d.id) ?? null,
      attach: { documentId: d.id, ownerIdNumber },
    }));
  const newest = new Map<string, RemoteDocument>();
  if (found.province.status === 'ok')
    for (const d of found.province.documents) {
      const seen = newest.get(d.documentId);
      if (!seen || seen.version < d.version) newest.set(d.documentId, d);
    }
  const remote: ReuseOffer[] = [...newest.values()]
    .filter((d) => !taken.has(d.documentId) && satisfies(component, d.docTypeCode, d.title))
    .map((d) => ({
      key: `${d.documentId}:${d.version}`,
      where: 'province',
      title: d.title ?? d.documentId,
      docTypeCode: d.docTypeCode,
      docNumber: d.docNumber,
      issueDate: d.issueDate,
      issuer: d.issuer,
      validUntil: d.validUntil,
      firstPage: null,
      attach: { remote: { documentId: d.documentId, version: d.version, ownerIdNumber } },
    }));
  const papers = new Set<string>();
  return [...local, ...remote].filter((o) => {
    const paper = paperOf(o);
    if (papers.has(paper)) return false;
    papers.add(paper);
    return true;
  });
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
  /** Page 1 of the candidates on this station. */
  readonly firstPages?: FirstPages;
  readonly province: Checklist['province'];
}

function stateOf(doc: DocumentSummary): ComponentState {
  if (doc.status === 'draft') return 'scanning';
  return doc.signatureCount > 0 ? 'signed' : 'scanned';
}

export function buildChecklist(i: ChecklistInputs): Checklist {
  // One paper is offered once in the checklist: on the first component still to do that it fits
  // (the owner's ID card, where a procedure asks for two — the bride's and the groom's — shows on
  // the first; attached there, it leaves the list, and detached it comes back).
  const offered = new Set<string>();
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
      reusable: isReusable(c),
      docTypeCode: c.docTypeCodes[0] ?? null,
      state,
      document,
      link,
      offers:
        state === 'todo'
          ? offersFor(c, i.candidates, i.ownerIdNumber, i.links, i.firstPages).filter((o) => {
              if (offered.has(o.key)) return false;
              offered.add(o.key);
              return true;
            })
          : [],
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
