// RFC 9457 problem documents: every error the store answers (outside tus's own plain-text
// replies and OAuth's RFC 6749 bodies) is one of these, with a machine-readable `code` that the
// station branches on. The `title` is fixed per code so that clients may show it; `detail` says
// what was wrong with this request.
import type { FastifyReply } from 'fastify';

export type ProblemCode =
  | 'bad-request'
  | 'unauthorized'
  | 'rate-limited'
  | 'not-found'
  | 'document-owned-elsewhere'
  | 'no-audit-head'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'upload-too-large'
  | 'storage-quota-exceeded'
  | 'too-many-uploads'
  | 'invalid-manifest'
  | 'invalid-owner-id'
  | 'upload-not-found'
  | 'upload-incomplete'
  | 'hash-mismatch'
  | 'not-a-pdf'
  | 'unsigned'
  | 'signature-invalid'
  | 'version-conflict'
  | 'idempotency-key-reused'
  | 'unavailable'
  | 'internal';

const TITLES: Record<ProblemCode, string> = {
  'bad-request': 'Malformed request',
  unauthorized: 'Missing, expired or invalid bearer token',
  'rate-limited': 'Too many attempts; wait before trying again',
  'not-found': 'Not found',
  'document-owned-elsewhere': 'This document belongs to another client',
  'no-audit-head': 'No audit head has been received from this client',
  'payload-too-large': 'Request body too large',
  'unsupported-media-type': 'Unsupported media type',
  'upload-too-large': 'The upload is larger than the store accepts',
  'storage-quota-exceeded': "The client's storage quota would be exceeded",
  'too-many-uploads': 'The client has too many unfinished uploads',
  'invalid-manifest': 'The manifest is not valid',
  'invalid-owner-id': 'The owner id is not valid',
  'upload-not-found': 'No such upload',
  'upload-incomplete': 'The upload is not complete',
  'hash-mismatch': 'The uploaded bytes differ from the manifest',
  'not-a-pdf': 'The upload is not a PDF',
  unsigned: 'The PDF has no signature',
  'signature-invalid': 'A signature in the PDF is not intact',
  'version-conflict': 'This version is stored with other content',
  'idempotency-key-reused': 'The Idempotency-Key was used for another request',
  unavailable: 'Temporarily unavailable',
  internal: 'Internal error',
};

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly code: ProblemCode;
}

/** Thrown anywhere in a route; the error handler turns it into the response. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly detail?: string,
    /** Extra response headers (WWW-Authenticate, Retry-After). */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? TITLES[code]);
    this.name = 'ProblemError';
  }
}

export function problem(status: number, code: ProblemCode, detail?: string): Problem {
  // A URN rather than an invented web address: the type names the code, and no one is tempted
  // to dereference it.
  return { type: `urn:sohoa:problem:${code}`, title: TITLES[code], status, ...(detail === undefined ? {} : { detail }), code };
}

export function sendProblem(reply: FastifyReply, status: number, code: ProblemCode, detail?: string, headers: Record<string, string> = {}): FastifyReply {
  return reply.code(status).headers(headers).type('application/problem+json').send(JSON.stringify(problem(status, code, detail)));
}
