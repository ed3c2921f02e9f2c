// The read side: a version's receipt (for the station's reconciliation after a crash), the stored
// PDF (for reuse), what an owner already has, the client's latest audit head, and health.
//
// Who reads what. Reuse across the province is the point of the owner listing: any client sees
// there the latest version of every document that names the owner, and may download exactly those
// files. Everything else about a document is its committing client's alone: the receipts (ids,
// every version, the audit head that came with each) and the files of older versions or of
// documents that name no owner. What a client may not read is answered as a document that is not
// stored, with the same words, so that the answer does not tell them apart.
import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { BlobStore } from './blobs';
import { vietnamToday } from './clock';
import { receiptOf } from './commit';
import type { StoreDatabase, VersionRow } from './database';
import { DOCUMENT_ID, type Manifest } from './manifest';
import { ProblemError } from './problems';

export const CONTRACT_VERSION = '1.0';

const OWNER_ID: Record<string, RegExp> = {
  cccd: /^\d{12}$/, // căn cước công dân: 12 digits
  mst: /^\d{10}(-\d{3})?$/, // mã số thuế: 10 digits, a branch adds -NNN
};

function parseVersion(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^[1-9]\d{0,14}$/.test(raw)) throw new ProblemError(400, 'bad-request', `version: expected a positive integer, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

function parseBoolean(name: string, raw: string | undefined): boolean {
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  throw new ProblemError(400, 'bad-request', `${name}: expected true or false, got ${JSON.stringify(raw)}`);
}

/** The version asked for, if it is stored and this client may read it. */
function findRow(db: StoreDatabase, documentId: string, version: number | undefined, readable: (row: VersionRow) => boolean): VersionRow {
  const row = DOCUMENT_ID.test(documentId) ? (version === undefined ? db.latestVersion(documentId) : db.findVersion(documentId, version)) : undefined;
  if (!row || !readable(row)) throw new ProblemError(404, 'not-found', `no document ${documentId}${version === undefined ? '' : ` version ${version}`} is stored`);
  return row;
}

/** Receipts are for reconciliation: the committing client's own. */
const ownReceipt = (db: StoreDatabase, clientId: string) => (row: VersionRow) => db.documentOwner(row.document_id) === clientId;

/** A file is the committing client's, or anyone's when the owner listing shows it: the latest
 * version of a document whose latest manifest names an owner. */
const readableFile = (db: StoreDatabase, clientId: string) => (row: VersionRow) =>
  db.documentOwner(row.document_id) === clientId ||
  (row.owner_id_type !== null && row.owner_id_number !== null && db.latestVersion(row.document_id)?.version === row.version);

function ownerDocument(row: VersionRow) {
  const manifest = JSON.parse(row.manifest) as Manifest;
  const m = manifest.metadata;
  return {
    documentId: row.document_id,
    version: row.version,
    sha256: row.sha256,
    bytes: row.bytes,
    storedAt: row.stored_at,
    title: m?.title ?? null,
    kind: m?.kind ?? null,
    docTypeCode: m?.docTypeCode ?? null,
    docNumber: m?.docNumber ?? null,
    issueDate: m?.issueDate ?? null,
    issuer: m?.issuer ?? null,
    validUntil: m?.validUntil ?? null,
    ownerName: m?.ownerName ?? null,
    unitCode: manifest.station.unitCode ?? null,
  };
}

type VersionQuery = { Params: { documentId: string }; Querystring: { version?: string } };

export function registerReads(app: FastifyInstance, { db, blobs }: { db: StoreDatabase; blobs: BlobStore }): void {
  app.get('/v1/health', { config: { public: true } }, async () => ({ status: 'ok', contract: CONTRACT_VERSION }));

  app.get<VersionQuery>('/v1/documents/:documentId', async (request) => {
    return receiptOf(findRow(db, request.params.documentId, parseVersion(request.query.version), ownReceipt(db, request.clientId!)));
  });

  app.get<VersionQuery>('/v1/documents/:documentId/file', async (request, reply) => {
    const row = findRow(db, request.params.documentId, parseVersion(request.query.version), readableFile(db, request.clientId!));
    const etag = `"${row.sha256}"`;
    const digest = `sha-256=:${Buffer.from(row.sha256, 'hex').toString('base64')}:`;
    reply.header('ETag', etag).header('Digest', digest).header('Content-Digest', digest).header('Cache-Control', 'private, max-age=0, must-revalidate');
    // Content-addressed: a matching ETag means the station has these very bytes.
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply
      .type('application/pdf')
      .header('Content-Length', row.bytes)
      .header('Content-Disposition', `inline; filename="${row.document_id}-v${row.version}.pdf"`)
      .send(createReadStream(blobs.path(row.sha256)));
  });

  app.get<{ Params: { idType: string; idNumber: string }; Querystring: { valid?: string } }>('/v1/owners/:idType/:idNumber/documents', async (request) => {
    const { idType, idNumber } = request.params;
    const pattern = OWNER_ID[idType];
    if (!pattern) throw new ProblemError(422, 'invalid-owner-id', `idType: expected cccd or mst, got ${JSON.stringify(idType)}`);
    if (!pattern.test(idNumber))
      throw new ProblemError(422, 'invalid-owner-id', idType === 'cccd' ? 'idNumber: a cccd is 12 digits' : 'idNumber: a mst is 10 digits, or 10 digits then -NNN');
    const onlyValid = parseBoolean('valid', request.query.valid);
    const today = vietnamToday();
    const documents = db
      .ownerDocuments(idType, idNumber)
      .map(ownerDocument)
      .filter((d) => !onlyValid || d.validUntil === null || d.validUntil === 'permanent' || d.validUntil >= today);
    return { documents };
  });

  // The station's tamper-evidence anchor: the highest-seq audit head it has sent, its own only.
  app.get('/v1/audit-head', async (request) => {
    const head = db.auditHead(request.clientId!);
    if (!head) throw new ProblemError(404, 'no-audit-head', 'this client has sent no audit head with an accepted commit');
    return { seq: head.seq, hash: head.hash, receivedAt: head.receivedAt };
  });
}
