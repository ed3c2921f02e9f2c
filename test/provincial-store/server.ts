// The provincial store as a Fastify app: records in SQLite, PDFs by hash, uploads by tus, every
// error a problem document. main.ts gives it its options and a port.
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { mkdirSync } from 'node:fs';
import { type Client, registerAuth } from './auth';
import { BlobStore } from './blobs';
import { registerCommit } from './commit';
import { type Quota, StoreDatabase, isBusy } from './database';
import { ProblemError, type ProblemCode, sendProblem } from './problems';
import type { TokenLimits } from './rate-limit';
import { registerReads } from './reads';
import { registerUploads } from './uploads';

export interface StoreOptions {
  readonly dataDir: string;
  readonly clients: readonly Client[];
  readonly tokenTtlSeconds: number;
  /** Each client's limits on bytes held and uploads in flight. */
  readonly quota: Quota;
  /** How often /oauth/token may be tried. */
  readonly tokenLimits: TokenLimits;
}

/** 10 GiB and 100 uploads in flight a client: room for thousands of signed records of a few MB,
 * and far more uploads than a station runs at once (two) with room for those that crashes or cut
 * connections left behind, yet no single client can fill a disk or its inodes. */
export const DEFAULT_QUOTA: Quota = { bytes: 10 * 1024 ** 3, uploads: 100 };

export interface ProvincialStoreServer {
  readonly app: FastifyInstance;
  /** Stops listening, lets requests in flight finish, closes the database. */
  close(): Promise<void>;
}

const CODE_BY_STATUS: Record<number, ProblemCode> = { 404: 'not-found', 413: 'payload-too-large', 415: 'unsupported-media-type' };

export async function buildStore(opts: StoreOptions): Promise<ProvincialStoreServer> {
  mkdirSync(opts.dataDir, { recursive: true });
  const db = new StoreDatabase(opts.dataDir);
  const blobs = new BlobStore(opts.dataDir);
  // No request log: the harness reads stdout for one line, and tests read stderr on failure.
  const app = Fastify({ logger: false, bodyLimit: 1 << 20 });

  app.setErrorHandler((error: FastifyError | ProblemError, request, reply) => {
    if (error instanceof ProblemError) return sendProblem(reply, error.status, error.code, error.detail, error.headers);
    // A busy database is the client's cue to retry, not a failure of its request.
    if (isBusy(error)) return sendProblem(reply, 503, 'unavailable', 'the store is busy; retry', { 'Retry-After': '1' });
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return sendProblem(reply, status, CODE_BY_STATUS[status] ?? 'bad-request', error.message);
    console.error(`provincial store: ${request.method} ${request.url} failed:`, error);
    return sendProblem(reply, 500, 'internal', 'the store failed to answer; see its log');
  });
  app.setNotFoundHandler((request, reply) => sendProblem(reply, 404, 'not-found', `no route ${request.method} ${request.url.split('?')[0]}`));

  registerAuth(app, db, opts.clients, opts.tokenTtlSeconds, opts.tokenLimits);
  const uploads = registerUploads(app, opts.dataDir, db, opts.quota);
  registerCommit(app, { db, uploads, blobs });
  registerReads(app, { db, blobs });
  await app.ready();

  return {
    app,
    async close() {
      await app.close();
      uploads.close();
      db.close();
    },
  };
}
