// How a sync step failed, decided once where the answer is read: transient (try again after a
// backoff), needs-person (this document waits for a Retry), or blocking (nothing can be sent until
// someone fixes the configuration: wrong credentials, a broken TLS setup).
import { type ErrorCode, type ErrorDetails, type WireError, formatError } from '../../contract';
import { displayUrl } from './address';
import { type HttpResponse, INSECURE_URL, NetworkError, jsonOf } from './http';
import { retryAfterMs } from './pacing';

export type FailureKind = 'transient' | 'needs-person' | 'blocking';

export class SyncFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly error: WireError,
    readonly opts: { retryAfterMs?: number | null; forgetUpload?: boolean } = {},
  ) {
    super(error.message.en);
  }
}

export function failure(kind: FailureKind, code: ErrorCode, details: ErrorDetails, opts: SyncFailure['opts'] = {}): SyncFailure {
  return new SyncFailure(kind, formatError(code, details), opts);
}

/** A problem document's code and detail, if the answer is one. */
export function problemOf(res: HttpResponse): { code: string; detail: string } {
  const body = jsonOf(res) as { code?: unknown; detail?: unknown; title?: unknown } | null;
  const code = typeof body?.code === 'string' ? body.code : `http-${res.status}`;
  const detail = typeof body?.detail === 'string' ? body.detail : typeof body?.title === 'string' ? body.title : res.body.toString('utf8', 0, 200).replace(/\s+/g, ' ').trim() || `HTTP ${res.status}`;
  return { code, detail };
}

/** The failure for an answer that is not one of the step's expected ones. */
export function unexpectedAnswer(res: HttpResponse): SyncFailure {
  const { code, detail } = problemOf(res);
  const retry = retryAfterMs(res.headers, res.serverDate);
  if (res.status === 408 || res.status === 429 || res.status >= 500)
    return failure('transient', 'sync-server', { status: res.status, detail: `${code}: ${detail}` }, { retryAfterMs: retry });
  return failure('needs-person', 'sync-rejected', { id: '—', detail, reason: code });
}

/** The failure for a request that got no complete answer. */
export function networkFailure(e: unknown, url: string): SyncFailure {
  if (e instanceof NetworkError && e.code === INSECURE_URL) return failure('blocking', 'sync-insecure-url', { url: displayUrl(url) });
  if (e instanceof NetworkError && e.tls) return failure('blocking', 'sync-tls', { detail: `${e.code}: ${e.message}` });
  const detail = e instanceof NetworkError ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e);
  return failure('transient', 'sync-offline', { url: displayUrl(url), detail });
}
