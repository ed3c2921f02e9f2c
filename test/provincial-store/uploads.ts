// Resumable uploads (tus 1.0: creation, HEAD offsets, PATCH, termination) by @tus/server with its
// file store in DIR/uploads, mounted at /files. Upload state lives in files beside the bytes, so
// an upload survives a store restart and the station resumes it at the offset HEAD reports.
import { FileStore } from '@tus/file-store';
import { Server as TusServer } from '@tus/server';
import type { FastifyInstance } from 'fastify';
import { join } from 'node:path';

/** The largest upload accepted (advertised as Tus-Max-Size; larger → 413). */
export const MAX_UPLOAD_BYTES = 1024 ** 3;
/** Unfinished uploads older than this are removed. */
const EXPIRATION_MS = 7 * 24 * 3600_000;
/** tus ids are 32 hex characters; anything else never names an upload (nor a path outside). */
const UPLOAD_ID = /^[A-Za-z0-9_-]{1,128}$/;

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

export function registerUploads(app: FastifyInstance, dataDir: string): Uploads {
  const directory = join(dataDir, 'uploads');
  const datastore = new FileStore({ directory, expirationPeriodInMilliseconds: EXPIRATION_MS });
  const tus = new TusServer({
    path: '/files',
    datastore,
    // "/files/<id>", resolved by the client against the address it used: right behind a proxy or
    // a TLS terminator, where an absolute URL built from this server's view would not be.
    relativeLocation: true,
    maxSize: MAX_UPLOAD_BYTES,
    // The contract requires Upload-Length ≥ 1: a deferred or empty upload can never be a PDF.
    async onUploadCreate(_req, upload) {
      if (upload.size === undefined || upload.size < 1) throw { status_code: 400, body: 'Upload-Length must be at least 1 (deferred length is not supported)\n' };
      return {};
    },
  });

  // The tus routes live in their own scope with one catch-all body parser that reads nothing:
  // tus reads the raw request stream itself, whatever its content type.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    const handOver = async (request: { raw: Parameters<TusServer['handle']>[0] }, reply: { hijack(): void; raw: Parameters<TusServer['handle']>[1] }) => {
      reply.hijack();
      await tus.handle(request.raw, reply.raw);
    };
    scope.route({ method: 'OPTIONS', url: '/files', config: { public: true }, handler: handOver });
    scope.route({ method: 'POST', url: '/files', handler: handOver });
    scope.route({ method: ['HEAD', 'PATCH', 'DELETE'], url: '/files/:uploadId', handler: handOver });
  });

  // Expired, unfinished uploads go now and then; the timer never keeps the process alive.
  const sweep = () => void tus.cleanUpExpiredUploads().catch((e: unknown) => console.error('provincial store: sweeping expired uploads failed:', e));
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
