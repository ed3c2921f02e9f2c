// The provincial store's HTTP contract (test/provincial-store/openapi.yaml) as calls: a bearer
// token by client credentials, tus 1.0 uploads that resume from the server's offset, the commit
// with its idempotency key, receipts, and the owner lookup for reuse.
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { RemoteDocument } from '../../contract';
import type { SyncConfig } from './config';
import { SyncFailure, failure, networkFailure, problemOf, unexpectedAnswer } from './failure';
import { HttpClient, type HttpResponse, type RequestInit, jsonOf } from './http';
import { TokenBucket, paced } from './pacing';

const TUS = { 'Tus-Resumable': '1.0.0' };

const Token = z.object({ access_token: z.string().min(1), token_type: z.string().regex(/^bearer$/i), expires_in: z.number().positive() });
export const Receipt = z.object({ receiptId: z.string().min(1), documentId: z.string(), version: z.number().int(), sha256: z.string(), storedAt: z.string() });
export type Receipt = z.infer<typeof Receipt>;
const OwnerDocuments = z.object({ documents: z.array(RemoteDocument.partial().extend(RemoteDocument.pick({ documentId: true, version: true, sha256: true, storedAt: true }).shape)) });

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

  private async send(path: string, init: RequestInit): Promise<HttpResponse> {
    const url = path.startsWith('http') ? path : `${this.config.url}${path}`;
    try {
      const res = await this.http.request(url, init);
      if (res.serverDate) this.clockSkewMs = res.serverDate.getTime() - Date.now();
      return res;
    } catch (e) {
      throw networkFailure(e, url);
    }
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
    return new URL(location, `${this.config.url}/`).toString();
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

  async commit(documentId: string, version: number, idempotencyKey: string, manifest: object): Promise<CommitOutcome> {
    const res = await this.authorised(`/v1/documents/${documentId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'Idempotency-Key': idempotencyKey },
      body: Buffer.from(JSON.stringify(manifest)),
    });
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
