// Reuse at the counter: an owner's still-valid documents (here, and in the provincial store), and
// the link that attaches one to a new dossier. A link is a row that points at the record — the
// bytes stay where they are — flagged as the national portal expects.
import type { Database } from 'better-sqlite3';
import { type DocumentSummary, type DossierLink, type RemoteLookup, type ReuseCandidates, vietnamToday } from '../../contract';
import { type Caller, actorOf, asStation } from '../auth/caller';
import { StationError } from '../errors';
import type { AuditLog } from './audit';
import type { DocumentRepository } from './documents';

interface LinkRow {
  id: number;
  dossier_code: string;
  component_code: string | null;
  document_id: string | null;
  remote_document_id: string | null;
  remote_version: number | null;
  title: string | null;
  digitized: 0 | 1;
  reused: 0 | 1;
  from_national_store: 0 | 1;
  replaces_result: string | null;
  attached_at: string;
  attached_by: string;
}

const toLink = (r: LinkRow): DossierLink => ({
  id: r.id,
  dossierCode: r.dossier_code,
  componentCode: r.component_code,
  documentId: r.document_id,
  remoteDocumentId: r.remote_document_id,
  remoteVersion: r.remote_version,
  title: r.title,
  digitized: r.digitized === 1,
  reused: r.reused === 1,
  fromNationalStore: r.from_national_store === 1,
  replacesResult: r.replaces_result,
  attachedAt: r.attached_at,
  attachedBy: r.attached_by,
});

/** Still valid on `today`: permanent, not stated, or not yet past. */
const STILL_VALID = "(valid_until IS NULL OR valid_until = 'permanent' OR valid_until >= @today)";

export interface ReuseDeps {
  readonly db: Database;
  readonly documents: DocumentRepository;
  readonly audit: AuditLog;
  readonly lookupRemote: (ownerIdNumber: string) => Promise<RemoteLookup>;
  /** The station's unit and level, for a dossier first seen here. */
  readonly unit: () => { unitCode: string | null; level: 'tinh' | 'huyen' | 'xa' | null };
}

export interface AttachRequest {
  readonly dossierCode: string;
  readonly documentId?: string | undefined;
  /** With documentId: the owner it was offered for (reuse.candidates). */
  readonly ownerIdNumber?: string | undefined;
  readonly remote?: { readonly documentId: string; readonly version: number; readonly ownerIdNumber: string } | undefined;
  readonly componentCode?: string | undefined;
  readonly fromNationalStore: boolean;
  readonly replacesResult?: string | undefined;
}

export class ReuseService {
  constructor(private readonly deps: ReuseDeps) {}

  localCandidates(ownerIdNumber: string, today = vietnamToday()): DocumentSummary[] {
    const ids = this.deps.db
      .prepare(`SELECT id FROM documents WHERE owner_key = @owner AND status = 'ready' AND ${STILL_VALID} ORDER BY created_at DESC LIMIT 200`)
      .pluck()
      .all({ owner: this.deps.documents.cipher.ownerKey(ownerIdNumber), today }) as string[];
    // Colleagues' records too: the owner is at the counter with their id (the lookup is audited).
    return asStation(() => ids.flatMap((id) => this.deps.documents.summary(id) ?? []));
  }

  /** An owner's records, colleagues' included: audited as the caller's lookup (the owner's blind
   * index, never their id), wherever it is asked from (the reuse panel, the intake checklist). */
  async candidates(ownerIdNumber: string, online: boolean): Promise<ReuseCandidates> {
    this.deps.audit.append('reuse-lookup', null, { owner: this.deps.documents.cipher.ownerKey(ownerIdNumber).slice(0, 16), where: online ? 'station and province' : 'station' });
    const local = this.localCandidates(ownerIdNumber);
    const today = vietnamToday();
    let province: RemoteLookup = { status: 'not-configured' };
    if (online) {
      province = await this.deps.lookupRemote(ownerIdNumber);
      if (province.status === 'ok') {
        // What this station made and sent is already offered as local.
        const here = new Set(this.deps.db.prepare('SELECT id FROM documents WHERE owner_key = ?').pluck().all(this.deps.documents.cipher.ownerKey(ownerIdNumber)) as string[]);
        province = { status: 'ok', documents: province.documents.filter((d) => !here.has(d.documentId) && (d.validUntil === null || d.validUntil === 'permanent' || d.validUntil >= today)) };
      }
    }
    return { owner: this.deps.documents.owners.get(ownerIdNumber), local, province };
  }

  links(dossierCode: string): DossierLink[] {
    return (this.deps.db.prepare('SELECT * FROM dossier_links WHERE dossier_code = ? ORDER BY id').all(dossierCode) as LinkRow[]).map(toLink);
  }

  /** Attaches a document to a dossier. Attaching the same one again returns the link it has. */
  async attach(req: AttachRequest, caller: Caller, now: string): Promise<DossierLink> {
    const { db } = this.deps;
    let target: { documentId: string | null; remoteId: string | null; remoteVersion: number | null; remoteSha: string | null; title: string | null; component: string | null };
    if (req.documentId !== undefined) {
      // One's own record, or one of the owner whose id the counter has (a reuse candidate): a
      // colleague's record named by its id alone answers as an unknown one.
      const owner = req.ownerIdNumber === undefined ? null : this.deps.documents.cipher.ownerKey(req.ownerIdNumber);
      const id = asStation(() => {
        const found = this.deps.documents.resolveId(req.documentId!);
        return owner !== null && db.prepare('SELECT 1 FROM documents WHERE id = ? AND owner_key = ?').get(found, owner) !== undefined ? found : null;
      }) ?? this.deps.documents.resolveId(req.documentId);
      const doc = db.prepare(`SELECT title, component_code, status, valid_until, ${STILL_VALID} AS valid FROM documents WHERE id = @id`).get({ id, today: vietnamToday() }) as
        | { title: string | null; component_code: string | null; status: string; valid_until: string | null; valid: 0 | 1 }
        | undefined;
      if (!doc || doc.status !== 'ready' || !doc.valid) throw new StationError('reuse-not-valid', { id, validUntil: doc?.valid_until ?? '—' });
      target = { documentId: id, remoteId: null, remoteVersion: null, remoteSha: null, title: doc.title, component: doc.component_code };
    } else {
      const remote = req.remote!;
      // The store is asked again: what is attached must exist there, in that version, still valid.
      const found = await this.deps.lookupRemote(remote.ownerIdNumber);
      if (found.status === 'not-configured') throw new StationError('sync-not-configured', {});
      if (found.status === 'offline') throw new StationError('sync-offline', { url: '', detail: found.reason.message.en, ...found.reason.details });
      const doc = found.documents.find((d) => d.documentId === remote.documentId && d.version === remote.version);
      if (!doc || (doc.validUntil && doc.validUntil !== 'permanent' && doc.validUntil < vietnamToday()))
        throw new StationError('reuse-not-valid', { id: remote.documentId, validUntil: doc?.validUntil ?? '—' });
      target = { documentId: null, remoteId: remote.documentId, remoteVersion: remote.version, remoteSha: doc.sha256, title: doc.title, component: null };
    }
    const existing = (target.documentId
      ? db.prepare('SELECT * FROM dossier_links WHERE dossier_code = ? AND document_id = ?').get(req.dossierCode, target.documentId)
      : db.prepare('SELECT * FROM dossier_links WHERE dossier_code = ? AND remote_document_id = ?').get(req.dossierCode, target.remoteId)) as LinkRow | undefined;
    if (existing) return toLink(existing);

    const { unitCode, level } = this.deps.unit();
    const id = db.transaction(() => {
      // Reuse is often the first thing done for a dossier: receive it now if it is new.
      db.prepare('INSERT OR IGNORE INTO dossiers (code, unit_code, level, received_at, created_at, opened_by) VALUES (?, ?, ?, ?, ?, ?)').run(req.dossierCode, unitCode, level, now, now, caller.userId);
      const linkId = db
        .prepare(
          `INSERT INTO dossier_links (dossier_code, component_code, document_id, remote_document_id, remote_version, remote_sha256, title, digitized, reused,
             from_national_store, replaces_result, attached_at, attached_by) VALUES (?, ?, ?, ?, ?, ?, ?, 1, 1, ?, ?, ?, ?)`,
        )
        .run(req.dossierCode, req.componentCode ?? target.component, target.documentId, target.remoteId, target.remoteVersion, target.remoteSha, target.title, Number(req.fromNationalStore), req.replacesResult ?? null, now, caller.name)
        .lastInsertRowid as number;
      this.deps.audit.append('reuse', target.documentId, { dossierCode: req.dossierCode, remote: target.remoteId, version: target.remoteVersion, fromNationalStore: req.fromNationalStore }, actorOf(caller));
      return linkId;
    })();
    return toLink(db.prepare('SELECT * FROM dossier_links WHERE id = ?').get(id) as LinkRow);
  }

  /** Takes a reused paper off a dossier (attached to the wrong component, or the citizen brought
   * a newer one): the link goes, the record it pointed at stays as it was. */
  detach(dossierCode: string, linkId: number, caller: Caller): DossierLink {
    const { db } = this.deps;
    return db.transaction(() => {
      const row = db.prepare('SELECT * FROM dossier_links WHERE id = ? AND dossier_code = ?').get(linkId, dossierCode) as LinkRow | undefined;
      if (!row) throw new StationError('reuse-link-not-found', { code: dossierCode, link: linkId });
      db.prepare('DELETE FROM dossier_links WHERE id = ?').run(linkId);
      this.deps.audit.append('reuse-detach', row.document_id, { dossierCode, componentCode: row.component_code, remote: row.remote_document_id, version: row.remote_version }, actorOf(caller));
      return toLink(row);
    })();
  }
}
