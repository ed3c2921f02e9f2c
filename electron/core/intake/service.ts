// Counter intake over the station's services: open a dossier for a procedure of the catalogue,
// its checklist, the code read from a scanned receipt, the set signed with one PIN, the receipt.
import { existsSync } from 'node:fs';
import { type CatalogueState, type Checklist, DossierCode, type IntakeReceipt, type ReceiptRead, type ReuseCandidates, type SignRequest, invalidInput } from '../../contract';
import { StationError, errorMessage } from '../errors';
import type { Station } from '../station';
import { vietnamIso } from '../time';
import { type FoundCode, qrModules, readCodes } from './barcode';
import { type FirstPages, buildChecklist } from './checklist';


/** A dossier code inside what a receipt's symbol says (some carry a portal address around it). */
const CODE_INSIDE = /[A-Za-z0-9][A-Za-z0-9.]*-\d{6}-\d{1,6}/;

export interface IntakeService {
  catalogue(): CatalogueState;
  installCatalogue(path: string): CatalogueState;
  open(input: { code: string; procedureCode: string; ownerIdNumber?: string | undefined; online: boolean }): Promise<Checklist>;
  checklist(input: { code: string; ownerIdNumber?: string | undefined; online: boolean }): Promise<Checklist>;
  /** `scannedBy`: the caller's account (null before accounts exist): only their own receipt scan is read and discarded. */
  readReceipt(from: { documentId?: string | undefined; path?: string | undefined }, scannedBy: string | null): Promise<ReceiptRead>;
  signSet(code: string, req: SignRequest): Promise<Checklist>;
  receipt(code: string, officer: string): Promise<IntakeReceipt>;
}


export function createIntake(station: Station): IntakeService {
  const catalogues = () => station.catalogue();
  const { documents } = station;

  const procedureOf = (code: string | null) => (code === null ? null : (catalogues().state().catalogue.procedures.find((p) => p.code === code) ?? null));

  /** Page 1 of each local candidate the officer may see (a colleague's record is offered by its
   * details alone: its image is not theirs to open). */
  const firstPagesOf = (candidates: ReuseCandidates | null): FirstPages => {
    const pages = new Map<string, { id: string; sha256: string }>();
    for (const d of candidates?.local ?? []) {
      if (!documents.summary(d.id)) continue;
      const first = documents.pages(d.id)[0];
      if (first && first.purgedAt === null) pages.set(d.id, { id: first.id, sha256: first.sha256 });
    }
    return pages;
  };

  const checklist: IntakeService['checklist'] = async ({ code, ownerIdNumber, online }) => {
    const dossier = station.dossiers.get(code);
    if (!dossier) throw new StationError('dossier-not-found', { code });
    const docs = documents.list({ dossierCode: code, limit: 500, offset: 0 });
    // The owner typed at the counter, else the one the dossier's documents name.
    const owner = ownerIdNumber ?? docs.map((d) => d.metadata.ownerIdNumber).find((o): o is string => o !== null) ?? null;
    const candidates = owner ? await station.reuse.candidates(owner, online) : null;
    return buildChecklist({
      firstPages: firstPagesOf(candidates),
      dossier,
      // The components as listed when the dossier was received; a later catalogue applies to new dossiers.
      procedure: station.dossiers.procedureOf(code) ?? procedureOf(dossier.procedureCode),
      ownerIdNumber: owner,
      documents: docs,
      links: station.reuse.links(code),
      candidates,
      province: candidates ? candidates.province.status : 'skipped',
    });
  };

  /** The codes on a draft's first page (a receipt scan); the draft leaves the station either way. */
  const readDraftAndDiscard = async (documentId: string, scannedBy: string | null): Promise<FoundCode[]> => {
    const id = documents.resolveId(documentId);
    const doc = documents.get(id);
    if (!doc) throw new StationError('not-found', { id: documentId });
    // Someone else's draft is not this officer's receipt (and is not theirs to discard).
    if (scannedBy !== null && doc.createdBy !== scannedBy) throw new StationError('not-found', { id: documentId });
    if (doc.status !== 'draft') throw new StationError('invalid-input', { field: 'documentId', detail: 'a saved document is not a receipt scan', detail_vi: 'tài liệu đã lưu không phải bản quét biên nhận' });
    if (station.scans.isScanning(id)) throw new StationError('scan-running', { id });
    try {
      const blob = doc.pages[0] ? documents.pageBlob(doc.pages[0].id, 'image') : null;
      if (!blob) throw new StationError('document-empty', { id });
      const plain = await station.blobs.materialise(blob.sha256);
      try {
        return await readCodes(plain.path);
      } finally {
        await plain.done();
      }
    } finally {
      // The receipt's image is not a record: it leaves the station once read (or not read).
      for (const sha of documents.discardDraft(id, 'receipt read at the counter')) station.blobs.removeFile(sha);
      station.events.emit('documents.changed', id);
    }
  };

  const readImageFile = async (path: string): Promise<FoundCode[]> => {
    if (!existsSync(path)) throw new StationError('import-unreadable', { file: path, detail: 'no such file', detail_vi: 'không có tệp này' });
    try {
      return await readCodes(path);
    } catch (e) {
      if (e instanceof StationError) throw e;
      throw new StationError('import-unreadable', { file: path, detail: errorMessage(e) }, { cause: e });
    }
  };

  /** The owner's name as the dossier's own documents give it, else as a reused document of this
   * station gives it for the same owner (a reused CCCD names its holder). */
  const ownerNameOf = (list: Checklist): string | null => {
    const named = (d: { metadata: { ownerName: string | null; ownerIdNumber: string | null } } | null | undefined) =>
      d && d.metadata.ownerName && (list.ownerIdNumber === null || d.metadata.ownerIdNumber === null || d.metadata.ownerIdNumber === list.ownerIdNumber) ? d.metadata.ownerName : null;
    for (const item of list.items) {
      const name = named(item.document) ?? (item.link?.documentId ? named(documents.summary(item.link.documentId)) : null);
      if (name) return name;
    }
    return null;
  };

  return {
    catalogue: () => catalogues().state(),
    installCatalogue: (path) => catalogues().install(path),
    checklist,

    async open({ code, procedureCode, ownerIdNumber, online }) {
      if (!procedureOf(procedureCode)) throw new StationError('procedure-unknown', { procedure: procedureCode });
      const { unitCode, level } = station.settings();
      station.dossiers.open({ code, procedureCode, channel: 'counter' }, { unitCode, level }, vietnamIso());
      return checklist({ code, ownerIdNumber, online });
    },

    async readReceipt(from, scannedBy) {
      return codeOf(from.path !== undefined ? await readImageFile(from.path) : await readDraftAndDiscard(from.documentId ?? '', scannedBy));
    },

    async signSet(code, req) {
      if (!station.dossiers.get(code)) throw new StationError('dossier-not-found', { code });
      const unsigned = documents.list({ dossierCode: code, status: 'ready', limit: 500, offset: 0 }).filter((d) => d.metadata.componentCode !== null && d.signatureCount === 0);
      if (unsigned.length === 0) throw new StationError('nothing-to-sign', { code });
      // One after another with the same key: a wrong PIN stops at the first, before any is signed.
      for (const d of unsigned) await station.signing.signDocument(d.id, req);
      return checklist({ code, online: false });
    },

    async receipt(code, officer) {
      const list = await checklist({ code, online: false });
      const settings = station.settings();
      return {
        code,
        procedure: list.procedure,
        agencyName: settings.agencyName,
        unitCode: list.dossier.unitCode ?? settings.unitCode,
        ownerIdNumber: list.ownerIdNumber,
        ownerName: ownerNameOf(list),
        officer,
        demonstration: list.items.some((it) => it.document?.demonstration === true) || station.documents.demonstrationMode(),
        issuedAt: vietnamIso(),
        receivedAt: list.dossier.receivedAt,
        components: list.items.map((it) => ({
          code: it.code,
          name: it.name,
          state: it.state,
          pageCount: it.document?.pageCount ?? null,
          sha256: it.document?.pdf?.sha256 ?? null,
        })),
        qr: await qrModules(code),
      };
    },
  };
}

/** The first code that is a valid dossier code; else why the one found is not, or that none was. */
function codeOf(found: readonly FoundCode[]): ReceiptRead {
  for (const f of found) {
    const candidate = f.text.match(CODE_INSIDE)?.[0];
    if (candidate && DossierCode.safeParse(candidate).success) return { code: candidate, format: f.format };
  }
  const first = found[0];
  if (!first) throw new StationError('receipt-unreadable');
  const why = DossierCode.safeParse(first.text.match(CODE_INSIDE)?.[0] ?? first.text);
  const d = why.success ? {} : (invalidInput(why.error).details ?? {});
  throw new StationError('receipt-code-invalid', { text: first.text.slice(0, 80), detail: String(d.detail ?? ''), detail_vi: String(d.detail_vi ?? d.detail ?? '') });
}
