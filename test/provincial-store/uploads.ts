// Resumable uploads (tus 1.0: creation, HEAD offsets, PATCH, termination) by @tus/server with its
// file store in DIR/uploads, mounted at /files. Upload state lives in files beside the bytes, so
// an upload survives a store restart and the station resumes it at the offset HEAD reports.
//
// Every upload belongs to the client that created it: the store records it (and the bytes it may
// grow to) in SQLite before tus creates it, under the client's quota. Another client's HEAD, PATCH
// or DELETE is handed to tus as a request for an upload that does not exist, so that the answer is
// the very one an unknown upload gets and says nothing of what others are sending.
import { FileStore } from '@tus/file-store';
import { Server as TusServer } from '@tus/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Quota, StoreDatabase } from './database';
import { ProblemError } from './problems';

/** The largest upload accepted (advertised as Tus-Max-Size; larger → 413). */
export const MAX_UPLOAD_BYTES = 1024 ** 3;
/** Unfinished uploads older than this are removed. */
const EXPIRATION_MS = 7 * 24 * 3600_000;
/** tus ids are 32 hex characters; anything else never names an upload (nor a path outside). */
const UPLOAD_ID = /^[A-Za-z0-9_-]{1,128}$/;
/** tus 1.0: every response but OPTIONS carries the protocol version, refusals included. */
const TUS_HEADERS = { 'Tus-Resumable': '1.0.0' };

export type UploadInfo = Awaited<ReturnType<FileStore['getUpload']>>;

export interface Uploads {
  /** The upload named by a URL from POST /files (absolute, or relative to the store). */
  idFromUrl(url: string): string | undefined;
  /** The upload, or undefined when there is none (never created, terminated or expired). */
  get(id: string): Promise<UploadInfo | undefined>;
  /** Where the bytes are. */
  path(id: string): string;
  /** Best effort: a committed upload is no longer needed. */
  remove(id: string): Promise<void>;
  close(): void;
}

/** tus answers with errors shaped { status_code, body }. */
function tusStatus(e: unknown): number | undefined {
  return typeof e === 'object' && e !== null && 'status_code' in e && typeof e.status_code === 'number' ? e.status_code : undefined;
}

const newUploadId = () => randomBytes(16).toString('hex');

type RawRequest = Parameters<TusServer['handle']>[0];
type RawReply = Parameters<TusServer['handle']>[1];

export function registerUploads(app: FastifyInstance, dataDir: string, db: StoreDatabase, quota: Quota): Uploads {
  const directory = join(dataDir, 'uploads');
  const datastore = new FileStore({ directory, expirationPeriodInMilliseconds: EXPIRATION_MS });
  // The id reserved for the POST being handled: tus asks for a name deep inside its handler, and
  // the request it hands over is its own copy, so the id travels with the call instead.
  const reservedId = new AsyncLocalStorage<string>();
  // Ids reserved and not yet created: a sweep must not take them for uploads that vanished.
  const creating = new Set<string>();

  const tus = new TusServer({
    path: '/files',
    datastore,
    // "/files/<id>", resolved by the client against the address it used: right behind a proxy or
    // a TLS terminator, where an absolute URL built from this server's view would not be.
    relativeLocation: true,
    maxSize: MAX_UPLOAD_BYTES,
    namingFunction() {
      const id = reservedId.getStore();
      // Fail closed: an upload nobody owns would be nobody's to resume, and nobody's quota.
      if (id === undefined) throw { status_code: 500, body: 'no upload id was reserved for this request\n' };
      return id;
    },
    // The contract requires Upload-Length ≥ 1: a deferred or empty upload can never be a PDF.
    async onUploadCreate(_req, upload) {
      if (upload.size === undefined || upload.size < 1) throw { status_code: 400, body: 'Upload-Length must be at least 1 (deferred length is not supported)\n' };
      return {};
    },
  });

  const exists = async (id: string) => {
    try {
      await datastore.getUpload(id);
      return true;
    } catch (e) {
      const status = tusStatus(e);
      if (status === 404 || status === 410) return false;
      throw e;
    }
  };

  /** Forgets the records of uploads that are gone (expired and swept, or lost in a crash). */
  async function forgetVanished(clientId?: string): Promise<void> {
    for (const id of db.uploadIds(clientId)) if (!creating.has(id) && !(await exists(id))) db.forgetUpload(id);
  }

  const handOver = async (request: { raw: RawRequest }, reply: FastifyReply) => {
    reply.hijack();
    await tus.handle(request.raw, reply.raw as RawReply);
  };

  /** POST /files: checks the length and the client's quota, records the upload as the client's,
   * then lets tus create it under that id. */
  async function create(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const clientId = request.clientId!; // set by the bearer check
    const header = request.headers['upload-length'];
    if (typeof header !== 'string' || !/^\d{1,16}$/.test(header) || Number(header) < 1)
      throw new ProblemError(400, 'bad-request', 'Upload-Length must be a whole number of bytes ≥ 1 (deferred length is not supported)', TUS_HEADERS);
    const length = Number(header);
    if (length > MAX_UPLOAD_BYTES) throw new ProblemError(413, 'upload-too-large', `Upload-Length ${length} is above the store's ${MAX_UPLOAD_BYTES} bytes per upload`, TUS_HEADERS);

    const id = newUploadId();
    let reservation = db.reserveUpload(clientId, id, length, quota);
    if (reservation.kind !== 'reserved') {
      // Uploads that expired since the last sweep no longer hold anything: count without them.
      await forgetVanished(clientId);
      reservation = db.reserveUpload(clientId, id, length, quota);
    }
    if (reservation.kind === 'too-many-uploads')
      throw new ProblemError(507, 'too-many-uploads', `this client has ${reservation.inFlight} uploads in flight, its limit; commit or terminate (DELETE) one first`, TUS_HEADERS);
    if (reservation.kind === 'over-quota')
      throw new ProblemError(507, 'storage-quota-exceeded', `this client holds ${reservation.used} bytes (stored and in flight) of its ${quota.bytes}; ${length} more would exceed it`, TUS_HEADERS);

    creating.add(id);
    try {
      await reservedId.run(id, () => handOver(request, reply));
    } finally {
      creating.delete(id);
      // Not created after all (refused by tus, or the client went away): nothing to count.
      if (reply.raw.statusCode !== 201) db.forgetUpload(id);
    }
  }

  /** HEAD, PATCH, DELETE /files/<id>: the owner's requests go to tus as they are; anyone else's
   * name an upload that cannot exist, and get exactly the answer an unknown upload gets. */
  async function existing(request: FastifyRequest<{ Params: { uploadId: string } }>, reply: FastifyReply): Promise<void> {
    const id = request.params.uploadId;
    const mine = db.uploadOwner(id) === request.clientId;
    if (!mine) request.raw.url = `/files/${newUploadId()}`;
    await handOver(request, reply);
    const status = reply.raw.statusCode;
    // Terminated, or found gone: it no longer counts against the client.
    if (mine && ((request.method === 'DELETE' && status === 204) || status === 404 || status === 410)) db.forgetUpload(id);
  }

  // The tus routes live in their own scope with one catch-all body parser that reads nothing:
  // tus reads the raw request stream itself, whatever its content type.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    scope.route({ method: 'OPTIONS', url: '/files', config: { public: true }, handler: handOver });
    scope.route({ method: 'POST', url: '/files', handler: create });
    scope.route<{ Params: { uploadId: string } }>({ method: ['HEAD', 'PATCH', 'DELETE'], url: '/files/:uploadId', handler: existing });
  });

  // Expired, unfinished uploads go now and then, and their records with them; the timer never
  // keeps the process alive.
  const sweep = () =>
    void tus
      .cleanUpExpiredUploads()
      .then(() => forgetVanished())
      .catch((e: unknown) => console.error('provincial store: sweeping expired uploads failed:', e));
  sweep();
  const timer = setInterval(sweep, 3600_000).unref();

  return {
    idFromUrl(url) {
      let pathname: string;
      try {
        pathname = new URL(url, 'http://store.invalid/').pathname;
      } catch {
        return undefined;
      }
      // Any prefix before /files/<id>: a reverse proxy may mount the store under a path.
      const id = /\/files\/([^/]+)$/.exec(pathname)?.[1];
      return id !== undefined && UPLOAD_ID.test(id) ? id : undefined;
    },
    async get(id) {
      try {
        return await datastore.getUpload(id);
      } catch (e) {
        const status = tusStatus(e);
        if (status === 404 || status === 410) return undefined;
        throw e;
      }
    },
    path: (id) => join(directory, id),
    async remove(id) {
      await datastore.remove(id).catch(() => {});
    },
    close: () => clearInterval(timer),
  };
}
