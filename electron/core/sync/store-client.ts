// The provincial store's HTTP contract (test/provincial-store/openapi.yaml) as calls: a bearer
// token by client credentials, tus 1.0 uploads that resume from the server's offset, the commit
// with its idempotency key, receipts, the owner lookup for reuse, and the audit head it keeps.
// Every request goes to the configured store's own origin only: a Location or a redirect that
// points elsewhere is refused before the bearer token (or anything else) is sent there.
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { RemoteDocument } from '../../contract';
import type { SyncConfig } from './config';
import { displayUrl } from './address';
import { SyncFailure, failure, networkFailure, problemOf, unexpectedAnswer } from './failure';
import { HttpClient, type HttpResponse, type RequestInit, jsonOf } from './http';
import { TokenBucket, paced } from './pacing';

const TUS = { 'Tus-Resumable': '1.0.0' };

const Token = z.object({ access_token: z.string().min(1), token_type: z.string().regex(/^bearer$/i), expires_in: z.number().positive() });
/** The station's audit chain at a moment: its last row and that row's hash. */
export const AuditHead = z.object({ seq: z.number().int().positive(), hash: z.string().regex(/^[0-9a-f]{64}$/) });
export type AuditHead = z.infer<typeof AuditHead>;
/** auditHead: the head the commit carried, as the store keeps it on the receipt (a store that
 * predates it leaves it out). */
export const Receipt = z.object({ receiptId: z.string().min(1), documentId: z.string(), version: z.number().int(), sha256: z.string(), storedAt: z.string(), auditHead: AuditHead.nullable().optional() });
export type Receipt = z.infer<typeof Receipt>;
/** GET /v1/audit-head: the last head this station sent, and when the store received it. */
export const RemoteAuditHead = AuditHead.extend({ receivedAt: z.string() });
export type RemoteAuditHead = z.infer<typeof RemoteAuditHead>;
const OwnerDocuments = z.object({ documents: z.array(RemoteDocument.partial().extend(RemoteDocument.pick({ documentId: true, version: true, sha256: true, storedAt: true }).shape)) });

/** A Location header made absolute against the request's address (null: not an address). */
function resolved(location: string | undefined, base: string): string | null {
  if (typeof location !== 'string') return null;
  try {
    return new URL(location, base).toString();
  } catch {
    return null;
  }
}

export type CommitOutcome = { kind: 'stored'; receipt: Receipt } | { kind: 'conflict' } | { kind: 'upload-lost'; reason: string };

export class StoreClient {
  private readonly http: HttpClient;
  private token: { value: string; until: number } | null = null;
  private readonly bucket: TokenBucket | null;
  /** The store's clock minus ours (ms), from its last Date header. */
  clockSkewMs: number | null = null;

  constructor(
    readonly config: SyncConfig,
    timeoutMs = 30_000,
  ) {
    this.http = new HttpClient(timeoutMs, config.ca);
    this.bucket = config.bandwidthBytesPerSecond ? new TokenBucket(config.bandwidthBytesPerSecond) : null;
  }

  close(): void {
    this.http.close();
  }

  /** Whether a URL (a tus Location, an upload kept from an earlier run) is on the store's origin. */
  owns(url: string): boolean {
    try {
      return new URL(url).origin === new URL(this.config.url).origin;
    } catch {
      return false;
    }
  }

  private foreign(location: string): SyncFailure {
    return failure('blocking', 'sync-foreign-origin', { url: displayUrl(this.config.url), location: displayUrl(location) });
  }

  private async send(path: string, init: RequestInit): Promise<HttpResponse> {
    const url = path.startsWith('http') ? path : `${this.config.url}${path}`;
    // The one door every request passes: nothing (a token least of all) to another origin.
    if (!this.owns(url)) throw this.foreign(url);
    let res: HttpResponse;
    try {
      res = await this.http.request(url, init);
    } catch (e) {
      throw networkFailure(e, url);
    }
    if (res.serverDate) this.clockSkewMs = res.serverDate.getTime() - Date.now();
    // Redirects are never followed (the API has none): one is a store moved or a relay misdirecting.
    if (res.status >= 300 && res.status < 400) throw this.foreign(resolved(res.headers.location, url) ?? `HTTP ${res.status}`);
    return res;
  }

  /** A bearer token, fetched again shortly before it expires (timed by our monotonic clock, so a
   * station clock that is off does not matter). */
  private bearer(): Promise<string> {
    if (this.token && performance.now() < this.token.until) return Promise.resolve(this.token.value);
    // One request for every worker waiting: wrong credentials cost one refusal, not a storm.
    this.tokenRequest ??= this.fetchToken().finally(() => (this.tokenRequest = null));
    return this.tokenRequest;
  }

  private tokenRequest: Promise<string> | null = null;

  private async fetchToken(): Promise<string> {
    const basic = Buffer.from(`${encodeURIComponent(this.config.clientId)}:${encodeURIComponent(this.config.clientSecret)}`).toString('base64');
    const res = await this.send('/oauth/token', {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: Buffer.from('grant_type=client_credentials'),
    });
    if (res.status === 400 || res.status === 401) {
      const body = jsonOf(res) as { error?: string; error_description?: string } | null;
      throw failure('blocking', 'sync-credentials', { detail: [body?.error ?? `HTTP ${res.status}`, body?.error_description].filter(Boolean).join(': ') });
    }
    if (res.status !== 200) throw unexpectedAnswer(res);
    const token = Token.safeParse(jsonOf(res));
    if (!token.success) throw failure('transient', 'sync-garbage', { detail: 'the token answer is not an OAuth token' });
    this.token = { value: token.data.access_token, until: performance.now() + Math.max(5, token.data.expires_in - 30) * 1000 };
    return this.token.value;
  }

  /** A call with the bearer token; on 401 the token is fetched once more, then it is refused. */
  private async authorised(path: string, init: RequestInit & { headers?: Record<string, string> }, body?: () => RequestInit['body']): Promise<HttpResponse> {
    for (let attempt = 0; ; attempt++) {
      const res = await this.send(path, { ...init, body: body ? body() : init.body, headers: { ...init.headers, authorization: `Bearer ${await this.bearer()}` } });
      if (res.status !== 401) return res;
      this.token = null;
      if (attempt > 0) throw failure('blocking', 'sync-credentials', { detail: problemOf(res).detail });
    }
  }

  async createUpload(bytes: number, meta: Record<string, string>): Promise<string> {
    const metadata = Object.entries(meta)
      .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
      .join(',');
    const res = await this.authorised('/files', { method: 'POST', headers: { ...TUS, 'Upload-Length': String(bytes), 'Upload-Metadata': metadata } });
    const location = res.headers.location;
    if (res.status !== 201 || typeof location !== 'string') throw res.status === 201 ? failure('transient', 'sync-garbage', { detail: 'the upload has no Location' }) : unexpectedAnswer(res);
    const upload = resolved(location, `${this.config.url}/`);
    if (!upload) throw failure('transient', 'sync-garbage', { detail: 'the upload’s Location is not an address' });
    // Refused here, before it is kept in the outbox and PATCHed with our token.
    if (!this.owns(upload)) throw this.foreign(upload);
    return upload;
  }

  /** The server's offset for an upload, or null when it no longer knows it (start again). */
  async uploadOffset(url: string): Promise<number | null> {
    const res = await this.authorised(url, { method: 'HEAD', headers: TUS });
    if (res.status === 404 || res.status === 410) return null;
    const offset = Number(res.headers['upload-offset']);
    if (res.status !== 200 || !Number.isSafeInteger(offset) || offset < 0) throw res.status === 200 ? failure('transient', 'sync-garbage', { detail: 'no Upload-Offset' }) : unexpectedAnswer(res);
    return offset;
  }

  /** Sends the file from `offset` up to `end` in one PATCH, streamed from disk (each chunk shown
   * to `onChunk` as it goes); returns the server's new offset, or null when the upload is gone. */
  /** Sends bytes [offset, end) of the content that `source` reads (the blob store decrypts it). */
  async patch(url: string, source: (start: number, end: number) => Readable, offset: number, end: number, onChunk: (chunk: Uint8Array) => void): Promise<number | null> {
    const bucket = this.bucket;
    const body = () =>
      (async function* () {
        for await (const chunk of paced(source(offset, end), bucket)) {
          onChunk(chunk);
          yield chunk;
        }
      })();
    const res = await this.authorised(url, { method: 'PATCH', headers: { ...TUS, 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream', 'Content-Length': String(end - offset) } }, body);
    if (res.status === 404 || res.status === 410) return null;
    if (res.status === 409) return this.uploadOffset(url); // our offset was stale: ask, then go on
    const next = Number(res.headers['upload-offset']);
    if (res.status !== 204 || !Number.isSafeInteger(next)) throw res.status === 204 ? failure('transient', 'sync-garbage', { detail: 'no Upload-Offset after PATCH' }) : unexpectedAnswer(res);
    return next;
  }

  /** Whether this store refused the manifest's auditHead as an unknown field (it predates it). */
  auditHeadRefused = false;

  async commit(documentId: string, version: number, idempotencyKey: string, manifest: { readonly auditHead?: AuditHead }): Promise<CommitOutcome> {
    const body = this.auditHeadRefused ? { ...manifest, auditHead: undefined } : manifest;
    const res = await this.authorised(`/v1/documents/${documentId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'Idempotency-Key': idempotencyKey },
      body: Buffer.from(JSON.stringify(body)),
    });
    // A store older than the audit head refuses the field (its manifest is closed): the record
    // still goes, without it, rather than every commit failing until the province upgrades. The
    // refusal is checked before the store binds the idempotency key, so the key is free again.
    if (res.status === 422 && body.auditHead) {
      const { code, detail } = problemOf(res);
      if (code === 'invalid-manifest' && /\bauditHead\b/.test(detail)) {
        this.auditHeadRefused = true; // (the retry sends none: it cannot come back here)
        return this.commit(documentId, version, idempotencyKey, manifest);
      }
    }
    if (res.status === 200 || res.status === 201) return { kind: 'stored', receipt: this.receiptOf(res) };
    // A conflict, or our key with another body (the same version sent again through a new upload):
    // either way the receipt decides.
    if (res.status === 409 && ['version-conflict', 'idempotency-key-reused'].includes(problemOf(res).code)) return { kind: 'conflict' };
    if (res.status === 422) {
      const { code, detail } = problemOf(res);
      // The bytes on the server are not ours (a broken transfer): send them again.
      if (['hash-mismatch', 'upload-incomplete', 'upload-not-found'].includes(code)) return { kind: 'upload-lost', reason: `${code}: ${detail}` };
      throw failure('needs-person', 'sync-rejected', { id: documentId, detail, reason: code });
    }
    throw unexpectedAnswer(res);
  }

  async receipt(documentId: string, version: number): Promise<Receipt | null> {
    const res = await this.authorised(`/v1/documents/${documentId}?version=${version}`, { method: 'GET', headers: { accept: 'application/json' } });
    if (res.status === 404) return null;
    if (res.status !== 200) throw unexpectedAnswer(res);
    return this.receiptOf(res);
  }

  /** The last audit head the store holds for this station, or null when it has none yet. */
  async auditHead(): Promise<RemoteAuditHead | null> {
    const res = await this.authorised('/v1/audit-head', { method: 'GET', headers: { accept: 'application/json' } });
    if (res.status === 404 && problemOf(res).code === 'no-audit-head') return null;
    if (res.status !== 200) throw unexpectedAnswer(res);
    const head = RemoteAuditHead.safeParse(jsonOf(res));
    if (!head.success) throw failure('transient', 'sync-garbage', { detail: 'the audit head answer is not one' });
    return head.data;
  }

  private receiptOf(res: HttpResponse): Receipt {
    const r = Receipt.safeParse(jsonOf(res));
    if (!r.success) throw failure('transient', 'sync-garbage', { detail: 'the receipt is not one' });
    return r.data;
  }

  async ownerDocuments(idType: 'cccd' | 'mst', idNumber: string): Promise<RemoteDocument[]> {
    const res = await this.authorised(`/v1/owners/${idType}/${encodeURIComponent(idNumber)}/documents?valid=true`, { method: 'GET', headers: { accept: 'application/json' } });
    if (res.status !== 200) throw unexpectedAnswer(res);
    const body = OwnerDocuments.safeParse(jsonOf(res));
    if (!body.success) throw failure('transient', 'sync-garbage', { detail: 'the owner lookup answer is not a document list' });
    const nil = <T>(v: T | undefined) => v ?? null;
    return body.data.documents.map((d) => ({
      documentId: d.documentId,
      version: d.version,
      sha256: d.sha256,
      storedAt: d.storedAt,
      bytes: nil(d.bytes),
      title: nil(d.title),
      kind: nil(d.kind),
      docTypeCode: nil(d.docTypeCode),
      docNumber: nil(d.docNumber),
      issueDate: nil(d.issueDate),
      issuer: nil(d.issuer),
      validUntil: nil(d.validUntil),
      ownerName: nil(d.ownerName),
      unitCode: nil(d.unitCode),
    }));
  }
}

export { SyncFailure };
