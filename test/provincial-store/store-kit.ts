// What the store's tests share: PDFs signed by the station with the test PKI (the store checks
// every signature, so only real ones get through), a manifest for them, and a session — one
// client's token and the tus and commit calls a station makes with it.
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { tempDir } from '../helpers/paths';
import { openTestStation } from '../helpers/station';
import { createTestPki } from '../pki/test-pki';
import { DEFAULT_CLIENT, type ProvincialStore, type StoreClient } from './harness';

export interface Pdf {
  readonly bytes: Buffer;
  readonly sha256: string;
  readonly signatures: { signer: string; serial: string; issuer: string; signedAt: string; level: string; subFilter: string }[];
}

export const OWNER = '001203004567';
export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
export const pdf = (bytes: Buffer, signatures: Pdf['signatures'] = []): Pdf => ({ bytes, sha256: sha256(bytes), signatures });

export interface TestPdfs {
  /** Two records signed by the station (different bytes). */
  readonly signed: Pdf;
  readonly signedOther: Pdf;
  /** A record without a signature, its manifest claiming the signed one's. */
  readonly unsigned: Pdf;
  /** The signed record with one byte changed inside its signed range. */
  readonly tampered: Pdf;
}

/** Makes the PDFs with a real station and the test PKI. */
export async function makeTestPdfs(): Promise<TestPdfs> {
  const pki = await createTestPki();
  const tmp = tempDir('provincial-store-pdfs');
  const t = await openTestStation();
  try {
    const page = join(tmp.path, 'page.png');
    await vietnamesePage(page, { dpi: 100 });
    const stationPdf = async (sign: boolean): Promise<Pdf> => {
      const doc = await t.call('documents.import', { paths: [page], ocr: 'skip' });
      const signatures = sign ? (await t.call('documents.sign', { id: doc.id, key: { kind: 'p12', path: pki.signer.p12, password: pki.p12Password }, level: 'B-B' })).signatures : [];
      const file = join(tmp.path, `${doc.id}.pdf`);
      await t.call('documents.export', { id: doc.id, path: file, overwrite: true });
      return pdf(readFileSync(file), signatures.map(({ signer, serial, issuer, signedAt, level, subFilter }) => ({ signer, serial, issuer, signedAt, level, subFilter })));
    };
    const signed = await stationPdf(true);
    const signedOther = await stationPdf(true);
    // A manifest must list signatures: `unsigned` is the answer to one that claims what the file lacks.
    const unsigned = { ...(await stationPdf(false)), signatures: signed.signatures };
    const bytes = Buffer.from(signed.bytes);
    const at = bytes.indexOf('stream') + 200; // inside the page image, well within the signed range
    bytes[at] = bytes[at]! ^ 0x01;
    const tampered = pdf(bytes, signed.signatures);
    return { signed, signedOther, unsigned, tampered };
  } finally {
    await t.close();
    await pki.close();
    tmp.cleanup();
  }
}

export function manifest(file: Pdf, documentId: string, uploadUrl: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    documentId,
    version: 1,
    sha256: file.sha256,
    bytes: file.bytes.length,
    upload: uploadUrl,
    pageCount: 1,
    metadata: { title: 'Giấy xác nhận tình trạng hôn nhân', kind: 'result', ownerIdType: 'cccd', ownerIdNumber: OWNER, ownerName: 'Nguyễn Văn Đức', validUntil: null },
    digitizedAt: '2025-01-23T10:00:00+07:00',
    digitizedBy: 'Trần Thị Bình',
    signatures: file.signatures,
    station: { id: 'station-test', unitCode: 'H12.01', level: 'xa' },
    ...extra,
  };
}

export interface Receipt {
  receiptId: string;
  documentId: string;
  version: number;
  sha256: string;
  storedAt: string;
  auditHead: { seq: number; hash: string } | null;
}
export const receiptOf = async (res: Response) => (await res.json()) as Receipt;

/** The answer as an RFC 9457 problem document, checked to be one. */
export async function problemOf(res: Response): Promise<{ status: number; code: string; detail?: string }> {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as { type: string; title: string; status: number; code: string; detail?: string };
  expect(body).toMatchObject({ type: expect.any(String), title: expect.any(String), status: res.status, code: expect.any(String) });
  return body;
}

/** POST /oauth/token with HTTP Basic; the raw answer. */
export function requestToken(store: { readonly url: string }, client: StoreClient): Promise<Response> {
  return fetch(`${store.url}/oauth/token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
}

export async function tokenFor(store: ProvincialStore, client: StoreClient = DEFAULT_CLIENT): Promise<string> {
  const res = await requestToken(store, client);
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** One client signed in to one store, making the calls a station makes. */
export class StoreSession {
  private constructor(
    readonly store: ProvincialStore,
    readonly client: StoreClient,
    readonly token: string,
  ) {}

  static async open(store: ProvincialStore, client: StoreClient = DEFAULT_CLIENT): Promise<StoreSession> {
    return new StoreSession(store, client, await tokenFor(store, client));
  }

  api(path: string, init: RequestInit = {}): Promise<Response> {
    const url = path.startsWith('http') ? path : `${this.store.url}${path}`;
    return fetch(url, { ...init, headers: { Authorization: `Bearer ${this.token}`, ...init.headers } });
  }

  tus(path: string, init: RequestInit = {}): Promise<Response> {
    return this.api(path, { ...init, headers: { 'Tus-Resumable': '1.0.0', ...init.headers } });
  }

  patch(url: string, offset: number, chunk: Buffer): Promise<Response> {
    return this.tus(url, { method: 'PATCH', headers: { 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' }, body: chunk });
  }

  /** POST /files for this many bytes; the raw answer. */
  createUpload(length: number): Promise<Response> {
    return this.tus('/files', { method: 'POST', headers: { 'Upload-Length': String(length), 'Upload-Metadata': `filename ${Buffer.from('record.pdf').toString('base64')}` } });
  }

  /** Creates an upload of these bytes and sends the first `sent` of them; returns its URL. */
  async upload(bytes: Buffer, sent = bytes.length): Promise<string> {
    const created = await this.createUpload(bytes.length);
    expect(created.status).toBe(201);
    // The store answers with a relative Location: resolve it as a client does.
    const url = new URL(created.headers.get('location')!, `${this.store.url}/`).toString();
    if (sent > 0) expect((await this.patch(url, 0, bytes.subarray(0, sent))).status).toBe(204);
    return url;
  }

  commit(documentId: string, body: unknown, key: string = randomUUID()): Promise<Response> {
    return this.api(`/v1/documents/${documentId}`, { method: 'PUT', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  }

  /** Uploads the file whole and commits it; returns the response. */
  async uploadAndCommit(file: Pdf, documentId: string = randomUUID(), extra: Record<string, unknown> = {}, key?: string): Promise<Response> {
    return this.commit(documentId, manifest(file, documentId, await this.upload(file.bytes), extra), key);
  }
}
