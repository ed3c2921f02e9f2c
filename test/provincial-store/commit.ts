// PUT /v1/documents/{documentId}: a finished upload becomes a stored document version, once.
// Order of the answers: the request itself (400, 422 invalid-manifest), who owns the document
// (403 document-owned-elsewhere: only the client that first committed it adds versions), the
// idempotency key (409 idempotency-key-reused), what is stored already (200 the same receipt, 409
// version-conflict) — so that a repeated commit succeeds even after its upload is gone — then the
// upload and its bytes (422 upload-not-found — another client's upload is answered as a missing
// one —, upload-incomplete, hash-mismatch, not-a-pdf, unsigned, signature-invalid), and finally
// the insert (201). The audit head the manifest carries is kept on the version's receipt, and as
// the client's latest when its seq is the highest yet.
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { BlobStore } from './blobs';
import { vietnamNow } from './clock';
import type { AuditHead, StoreDatabase, VersionRow } from './database';
import { DOCUMENT_ID, type Manifest, canonicalJson, parseManifest } from './manifest';
import { type PdfVerdict, checkPdf } from './pdf-check';
import { ProblemError } from './problems';
import type { Uploads } from './uploads';

export interface Receipt {
  readonly receiptId: string;
  readonly documentId: string;
  readonly version: number;
  readonly sha256: string;
  readonly storedAt: string;
  /** The station's audit head sent with this version's commit, or null. */
  readonly auditHead: AuditHead | null;
}

export function receiptOf(row: VersionRow): Receipt {
  const auditHead = row.audit_seq !== null && row.audit_hash !== null ? { seq: row.audit_seq, hash: row.audit_hash } : null;
  return { receiptId: row.receipt_id, documentId: row.document_id, version: row.version, sha256: row.sha256, storedAt: row.stored_at, auditHead };
}

/** Runs one task at a time per key. Commits of one document are serialised so that a duplicate
 * waits for the first to finish rather than judging an upload the first is about to delete. */
class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(task);
    const tail = result.then(
      () => {},
      () => {},
    );
    this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

interface Deps {
  readonly db: StoreDatabase;
  readonly uploads: Uploads;
  readonly blobs: BlobStore;
}

type Answer = { status: 200 | 201; receipt: Receipt };

function conflict(row: VersionRow, manifest: Manifest): ProblemError {
  return new ProblemError(409, 'version-conflict', `version ${row.version} of ${row.document_id} is stored with sha256 ${row.sha256}, not ${manifest.sha256}; a changed document is a new version`);
}

/** Said the same way whether the document is another client's by a first commit or a race. */
const ownedElsewhere = (documentId: string) =>
  new ProblemError(403, 'document-owned-elsewhere', `document ${documentId} was first committed by another client; only that client adds versions of it`);

/** The same words for an upload that does not exist and for another client's: the answer must not
 * tell which uploads exist. */
const noSuchUpload = (uploadId: string) => new ProblemError(422, 'upload-not-found', `upload: no upload ${uploadId} (never created, terminated or expired); upload the file again`);

const keyReused = () => new ProblemError(409, 'idempotency-key-reused', 'this Idempotency-Key was used with another request body; use a new key for a new request');

export function registerCommit(app: FastifyInstance, { db, uploads, blobs }: Deps): void {
  const locks = new KeyedLock();

  /** The answer when the version is stored already: the same receipt, or a conflict. The receipt
   * keeps the head stored with the version; the head this repeat carries still counts as the
   * client's latest if it is the highest yet (the station's chain went on while the answer was lost). */
  function answerExisting(row: VersionRow, manifest: Manifest, clientId: string, key: string, requestHash: string): Answer {
    if (row.sha256 !== manifest.sha256) throw conflict(row, manifest);
    if (!db.bindKey(clientId, key, requestHash, row.receipt_id) && db.findKey(clientId, key)?.request_hash !== requestHash) throw keyReused();
    if (manifest.auditHead) db.keepAuditHead(clientId, manifest.auditHead, vietnamNow());
    return { status: 200, receipt: receiptOf(row) };
  }

  const verified = new Map<string, PdfVerdict>();

  async function commit(manifest: Manifest, clientId: string, key: string, requestHash: string): Promise<Answer> {
    // Again under the lock: another client's first commit may have finished while this one waited.
    const owner = db.documentOwner(manifest.documentId);
    if (owner !== undefined && owner !== clientId) throw ownedElsewhere(manifest.documentId);
    const existing = db.findVersion(manifest.documentId, manifest.version);
    if (existing) return answerExisting(existing, manifest, clientId, key, requestHash);

    const uploadId = uploads.idFromUrl(manifest.upload);
    if (uploadId === undefined) throw new ProblemError(422, 'upload-not-found', `upload: ${manifest.upload} is not an upload URL of this store (…/files/<id>)`);
    // Another client's upload is not this client's to commit, nor to learn of.
    if (db.uploadOwner(uploadId) !== clientId) throw noSuchUpload(uploadId);
    const upload = await uploads.get(uploadId);
    if (!upload) throw noSuchUpload(uploadId);
    if (upload.size === undefined || upload.offset < upload.size)
      throw new ProblemError(422, 'upload-incomplete', `upload ${uploadId} has ${upload.offset} of ${upload.size ?? 'an unknown number of'} bytes; resume it at its offset`);

    const staged = await blobs.stage(uploads.path(uploadId)).catch((e: unknown) => {
      // Terminated by the client between the check above and the copy.
      if (typeof e === 'object' && e !== null && 'code' in e && e.code === 'ENOENT') throw new ProblemError(422, 'upload-not-found', `upload: ${uploadId} was terminated; upload the file again`);
      throw e;
    });
    try {
      if (staged.sha256 !== manifest.sha256 || staged.bytes !== manifest.bytes)
        throw new ProblemError(422, 'hash-mismatch', `the uploaded bytes are ${staged.bytes} bytes with sha256 ${staged.sha256}; the manifest says ${manifest.bytes} bytes with sha256 ${manifest.sha256}; upload again`);
      // The verdict is a function of the bytes, and the bytes of their SHA-256 (checked above):
      // the same signed file committed again — another version, another station — is not re-read.
      const verdict = verified.get(staged.sha256) ?? (await checkPdf(staged.path));
      if (verdict.ok) {
        if (verified.size >= 10_000) verified.delete(verified.keys().next().value!);
        verified.set(staged.sha256, verdict);
      }
      if (!verdict.ok) throw new ProblemError(422, verdict.code, verdict.detail);
      await blobs.publish(staged);
    } catch (e) {
      await blobs.discard(staged.path);
      throw e;
    }

    const outcome = db.commitVersion(
      {
        document_id: manifest.documentId,
        version: manifest.version,
        sha256: manifest.sha256,
        bytes: manifest.bytes,
        receipt_id: randomUUID(),
        stored_at: vietnamNow(),
        client_id: clientId,
        owner_id_type: manifest.metadata?.ownerIdType ?? null,
        owner_id_number: manifest.metadata?.ownerIdNumber ?? null,
        manifest: JSON.stringify(manifest),
        audit_seq: manifest.auditHead?.seq ?? null,
        audit_hash: manifest.auditHead?.hash ?? null,
      },
      { clientId, key, requestHash },
      uploadId,
    );
    if (outcome.kind === 'owned-elsewhere') throw ownedElsewhere(manifest.documentId);
    if (outcome.kind === 'key-reused') throw keyReused();
    if (outcome.kind === 'exists') return answerExisting(outcome.row, manifest, clientId, key, requestHash);
    // The version is stored: the upload has served its purpose.
    await uploads.remove(uploadId);
    return { status: 201, receipt: receiptOf(outcome.row) };
  }

  app.put<{ Params: { documentId: string }; Body: unknown }>('/v1/documents/:documentId', async (request, reply) => {
    const clientId = request.clientId!; // set by the bearer check
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || key.length < 8 || key.length > 200)
      throw new ProblemError(400, 'bad-request', 'the Idempotency-Key header is required (8 to 200 characters)');
    if (request.body === undefined || request.body === null) throw new ProblemError(400, 'bad-request', 'a JSON manifest is required (Content-Type: application/json)');

    const { documentId } = request.params;
    if (!DOCUMENT_ID.test(documentId)) throw new ProblemError(422, 'invalid-manifest', `documentId: ${documentId} in the path is not a lowercase UUID`);
    const parsed = parseManifest(request.body);
    if (!parsed.ok) throw new ProblemError(422, 'invalid-manifest', parsed.detail);
    const manifest = parsed.manifest;
    if (manifest.documentId !== documentId) throw new ProblemError(422, 'invalid-manifest', `documentId: ${manifest.documentId} differs from the path's ${documentId}`);
    const owner = db.documentOwner(documentId);
    if (owner !== undefined && owner !== clientId) throw ownedElsewhere(documentId);

    const requestHash = createHash('sha256').update(canonicalJson(manifest)).digest('hex');
    const bound = db.findKey(clientId, key);
    if (bound && bound.request_hash !== requestHash) throw keyReused();

    const answer = await locks.run(documentId, () => commit(manifest, clientId, key, requestHash));
    return reply.code(answer.status).send(answer.receipt);
  });
}
