// The reference provincial store, as a station meets it: a real child process on loopback, real
// tus uploads, and PDFs signed by the station itself with the test PKI. Every answer is checked
// against openapi.yaml's shapes; the store's SQLite is read directly to count rows.
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/paths';
import { DEFAULT_CLIENT, type ProvincialStore, startProvincialStore } from './harness';
import { type Pdf, StoreSession, makeTestPdfs, manifest, pdf, problemOf, receiptOf, tokenFor } from './store-kit';

let store: ProvincialStore;
let session: StoreSession;
let signed: Pdf;
let signedOther: Pdf;
let unsigned: Pdf;
let tampered: Pdf;
let token: string;

const RECEIPT = { receiptId: expect.any(String), documentId: expect.any(String), version: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/), storedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+07:00$/), auditHead: null };

const api = (path: string, init: RequestInit = {}, s: ProvincialStore = store, bearer = token) =>
  fetch(`${s.url}${path}`, { ...init, headers: { Authorization: `Bearer ${bearer}`, ...init.headers } });
const tus = (path: string, init: RequestInit = {}) => session.tus(path, init);
const patch = (url: string, offset: number, chunk: Buffer) => session.patch(url, offset, chunk);
const upload = (bytes: Buffer, sent?: number) => session.upload(bytes, sent);
const commit = (documentId: string, body: unknown, key?: string) => session.commit(documentId, body, key);
const uploadAndCommit = (file: Pdf, documentId?: string, extra?: Record<string, unknown>, key?: string) => session.uploadAndCommit(file, documentId, extra, key);

beforeAll(async () => {
  ({ signed, signedOther, unsigned, tampered } = await makeTestPdfs());
  store = await startProvincialStore();
  session = await StoreSession.open(store);
  token = session.token;
});

afterAll(async () => {
  await store?.cleanup();
});

describe('tokens and health', () => {
  it('answers health without a token, and unknown routes with a 404 problem', async () => {
    const health = await fetch(`${store.url}/v1/health`);
    expect(await health.json()).toEqual({ status: 'ok', contract: '1.0' });
    const unknown = await fetch(`${store.url}/v2/nothing`);
    expect(unknown.status).toBe(404);
    expect((await problemOf(unknown)).code).toBe('not-found');
  });

  it('issues tokens for HTTP Basic and for body credentials, and refuses a wrong secret', async () => {
    const form = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(`${store.url}/oauth/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields).toString() });
    const basic = `Basic ${Buffer.from(`${DEFAULT_CLIENT.id}:${DEFAULT_CLIENT.secret}`).toString('base64')}`;

    const viaBasic = await form({ grant_type: 'client_credentials' }, { Authorization: basic });
    expect(viaBasic.status).toBe(200);
    expect(viaBasic.headers.get('cache-control')).toBe('no-store');
    expect(await viaBasic.json()).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });
    const viaBody = await form({ grant_type: 'client_credentials', client_id: DEFAULT_CLIENT.id, client_secret: DEFAULT_CLIENT.secret });
    expect(viaBody.status).toBe(200);
    const issued = ((await viaBody.json()) as { access_token: string }).access_token;
    expect((await api('/v1/documents/00000000-0000-4000-8000-000000000000', {}, store, issued)).status).toBe(404); // accepted, and nothing there

    const wrong = await form({ grant_type: 'client_credentials', client_id: DEFAULT_CLIENT.id, client_secret: 'not-the-secret' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_client' });
    const unknown = await form({ grant_type: 'client_credentials' }, { Authorization: `Basic ${Buffer.from('nobody:x').toString('base64')}` });
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ error: 'invalid_client' });
    const grant = await form({ grant_type: 'password' }, { Authorization: basic });
    expect(grant.status).toBe(400);
    expect(await grant.json()).toMatchObject({ error: 'unsupported_grant_type' });
    const noGrant = await form({}, { Authorization: basic });
    expect(noGrant.status).toBe(400);
    expect(await noGrant.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('refuses requests without a valid bearer token, tus ones included', async () => {
    const id = randomUUID();
    const put = await fetch(`${store.url}/v1/documents/${id}`, { method: 'PUT', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() }, body: '{}' });
    expect(put.status).toBe(401);
    expect(put.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await problemOf(put)).code).toBe('unauthorized');
    const create = await fetch(`${store.url}/files`, { method: 'POST', headers: { 'Tus-Resumable': '1.0.0', 'Upload-Length': '10' } });
    expect(create.status).toBe(401);
    expect((await problemOf(create)).code).toBe('unauthorized');
    const forged = await api(`/v1/documents/${id}`, {}, store, 'not-a-token');
    expect(forged.status).toBe(401);
    expect((await problemOf(forged)).code).toBe('unauthorized');
    // tus discovery needs no token.
    const options = await fetch(`${store.url}/files`, { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('tus-version')).toContain('1.0.0');
    expect(options.headers.get('tus-extension')).toContain('termination');
  });
});

describe('upload and commit', () => {
  it('resumes an upload at the offset HEAD reports, refuses a wrong offset, commits once and repeats the same receipt', async () => {
    const half = Math.floor(signed.bytes.length / 2);
    const url = await upload(signed.bytes, half);
    const head = await tus(new URL(url).pathname, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('upload-offset')).toBe(String(half));
    expect(head.headers.get('upload-length')).toBe(String(signed.bytes.length));
    expect((await patch(url, 0, signed.bytes.subarray(0, 10))).status).toBe(409);
    const rest = await patch(url, half, signed.bytes.subarray(half));
    expect(rest.status).toBe(204);
    expect(rest.headers.get('upload-offset')).toBe(String(signed.bytes.length));

    const id = randomUUID();
    const body = manifest(signed, id, url);
    const key = randomUUID();
    const first = await commit(id, body, key);
    expect(first.status).toBe(201);
    const receipt = await first.json();
    expect(receipt).toEqual({ ...RECEIPT, documentId: id, version: 1, sha256: signed.sha256 });

    // Repeated with the same key, or with another (the station lost the answer): the same receipt.
    for (const again of [key, randomUUID()]) {
      const repeat = await commit(id, body, again);
      expect(repeat.status).toBe(200);
      expect(await repeat.json()).toEqual(receipt);
    }
    expect(store.documents().filter((d) => d.documentId === id)).toEqual([{ documentId: id, version: 1, sha256: signed.sha256, bytes: signed.bytes.length }]);
    expect(readFileSync(store.filePath(signed.sha256)).equals(signed.bytes)).toBe(true);
    // The upload served its purpose.
    expect([404, 410]).toContain((await tus(new URL(url).pathname, { method: 'HEAD' })).status);

    // The same version with other content is a conflict, never an overwrite.
    const conflict = await commit(id, manifest(signedOther, id, await upload(signedOther.bytes)));
    expect(conflict.status).toBe(409);
    expect((await problemOf(conflict)).code).toBe('version-conflict');
    // The same key with another body is refused too.
    const otherId = randomUUID();
    const reused = await commit(otherId, manifest(signed, otherId, await upload(signed.bytes)), key);
    expect(reused.status).toBe(409);
    expect((await problemOf(reused)).code).toBe('idempotency-key-reused');
    expect(store.documents().filter((d) => d.documentId === id || d.documentId === otherId)).toHaveLength(1);

    // Version 2 of the same document is a new version.
    const v2 = await commit(id, manifest(signedOther, id, await upload(signedOther.bytes), { version: 2 }));
    expect(v2.status).toBe(201);
    expect(await v2.json()).toMatchObject({ documentId: id, version: 2, sha256: signedOther.sha256 });
  });

  it('terminates an upload on request', async () => {
    const url = await upload(signed.bytes, 100);
    expect((await tus(new URL(url).pathname, { method: 'DELETE' })).status).toBe(204);
    expect([404, 410]).toContain((await tus(new URL(url).pathname, { method: 'HEAD' })).status);
  });

  it('refuses what it cannot store, each with its code', async () => {
    const id = randomUUID();
    const expect422 = async (res: Response, code: string) => {
      expect(res.status).toBe(422);
      const p = await problemOf(res);
      expect(p.code, p.detail).toBe(code);
      return p;
    };
    await expect422(await commit(id, manifest(signed, id, await upload(signed.bytes), { sha256: signedOther.sha256 })), 'hash-mismatch');
    await expect422(await commit(id, manifest(signed, id, await upload(signed.bytes), { bytes: signed.bytes.length + 1 })), 'hash-mismatch');
    await expect422(await uploadAndCommit(unsigned, id), 'unsigned');
    const broken = await expect422(await uploadAndCommit(tampered, id), 'signature-invalid');
    expect(broken.detail).toMatch(/Digest Mismatch/);
    await expect422(await uploadAndCommit(pdf(Buffer.from('hello, not a PDF at all'), signed.signatures), id), 'not-a-pdf');
    await expect422(await commit(id, manifest(signed, id, await upload(signed.bytes, 1000))), 'upload-incomplete');
    await expect422(await commit(id, manifest(signed, id, `${store.url}/files/0123456789abcdef0123456789abcdef`)), 'upload-not-found');
    await expect422(await commit(id, manifest(signed, id, 'not an upload')), 'upload-not-found');

    const url = await upload(signed.bytes);
    expect((await expect422(await commit(id, { ...manifest(signed, id, url), extra: 1 }), 'invalid-manifest')).detail).toMatch(/extra/);
    const { sha256: _omitted, ...noHash } = manifest(signed, id, url);
    expect((await expect422(await commit(id, noHash), 'invalid-manifest')).detail).toMatch(/sha256/);
    expect((await expect422(await commit(id, manifest(signed, randomUUID(), url)), 'invalid-manifest')).detail).toMatch(/documentId/);
    expect((await expect422(await commit(id, manifest(signed, id, url, { signatures: [] })), 'invalid-manifest')).detail).toMatch(/signatures/);
    const badDate = manifest(signed, id, url, { metadata: { validUntil: '2026-02-30' } });
    expect((await expect422(await commit(id, badDate), 'invalid-manifest')).detail).toMatch(/metadata\.validUntil/);
    expect((await expect422(await commit('NOT-A-UUID', manifest(signed, 'NOT-A-UUID', url)), 'invalid-manifest')).detail).toMatch(/documentId/);

    const malformed = await commit(id, '{"documentId": ');
    expect(malformed.status).toBe(400);
    expect((await problemOf(malformed)).code).toBe('bad-request');
    const noKey = await api(`/v1/documents/${id}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(manifest(signed, id, url)) });
    expect(noKey.status).toBe(400);
    expect((await problemOf(noKey)).code).toBe('bad-request');

    expect(store.documents().filter((d) => d.documentId === id)).toEqual([]);
    // The upload that was refused only for its manifest can still be committed.
    expect((await commit(id, manifest(signed, id, url))).status).toBe(201);
  });

  it('two identical commits at once: one 201, one 200, one row', async () => {
    const id = randomUUID();
    const body = manifest(signed, id, await upload(signed.bytes));
    const key = randomUUID();
    const answers = await Promise.all([commit(id, body, key), commit(id, body, key)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 201]);
    const [a, b] = await Promise.all(answers.map((r) => r.json()));
    expect(a).toEqual(b);
    expect(store.documents().filter((d) => d.documentId === id)).toHaveLength(1);
  });
});

describe('reading back', () => {
  it('gives receipts by version and the file with its hash', async () => {
    const id = randomUUID();
    const v1 = await (await uploadAndCommit(signed, id)).json();
    const v2 = await (await uploadAndCommit(signedOther, id, { version: 2 })).json();
    expect(await (await api(`/v1/documents/${id}`)).json()).toEqual(v2);
    expect(await (await api(`/v1/documents/${id}?version=1`)).json()).toEqual(v1);
    const missing = await api(`/v1/documents/${id}?version=3`);
    expect(missing.status).toBe(404);
    expect((await problemOf(missing)).code).toBe('not-found');
    expect((await problemOf(await api(`/v1/documents/${randomUUID()}`))).code).toBe('not-found');

    const file = await api(`/v1/documents/${id}/file?version=1`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('etag')).toBe(`"${signed.sha256}"`);
    expect(file.headers.get('digest')).toBe(`sha-256=:${createHash('sha256').update(signed.bytes).digest('base64')}:`);
    expect(Buffer.from(await file.arrayBuffer()).equals(signed.bytes)).toBe(true);
    const latest = await api(`/v1/documents/${id}/file`);
    expect(latest.headers.get('etag')).toBe(`"${signedOther.sha256}"`);
    expect(Buffer.from(await latest.arrayBuffer()).equals(signedOther.bytes)).toBe(true);
    expect((await api(`/v1/documents/${randomUUID()}/file`)).status).toBe(404);
  });

  it("lists an owner's documents, newest first, the expired ones only without valid=true", async () => {
    const owner = '079203001234';
    const meta = (validUntil: string | null, title: string, ownerIdNumber = owner) => ({ metadata: { title, kind: 'result', ownerIdType: 'cccd', ownerIdNumber, ownerName: 'Lê Thị Hoa', validUntil } });
    const expired = await receiptOf(await uploadAndCommit(signed, randomUUID(), meta('2000-01-01', 'Giấy phép hết hạn')));
    const forever = await receiptOf(await uploadAndCommit(signed, randomUUID(), meta(null, 'Giấy khai sinh')));
    const current = await receiptOf(await uploadAndCommit(signed, randomUUID(), meta('2999-12-31', 'Giấy phép còn hạn')));
    await uploadAndCommit(signed, randomUUID(), meta(null, 'Của người khác', '079203009999'));

    const all = (await (await api(`/v1/owners/cccd/${owner}/documents`)).json()) as { documents: { documentId: string }[] };
    expect(all.documents.map((d) => d.documentId)).toEqual([current.documentId, forever.documentId, expired.documentId]);
    const valid = await api(`/v1/owners/cccd/${owner}/documents?valid=true`);
    expect(valid.status).toBe(200);
    expect(await valid.json()).toEqual({
      documents: [
        { documentId: current.documentId, version: 1, sha256: signed.sha256, bytes: signed.bytes.length, storedAt: current.storedAt, title: 'Giấy phép còn hạn', kind: 'result', docTypeCode: null, docNumber: null, issueDate: null, issuer: null, validUntil: '2999-12-31', ownerName: 'Lê Thị Hoa', unitCode: 'H12.01' },
        expect.objectContaining({ documentId: forever.documentId, validUntil: null }),
      ],
    });
    expect(await (await api('/v1/owners/mst/0312345678-001/documents?valid=true')).json()).toEqual({ documents: [] });

    for (const bad of ['cccd/07920300123', 'cccd/0792030012345', 'mst/031234567', 'mst/0312345678-01', 'passport/079203001234']) {
      const res = await api(`/v1/owners/${bad}/documents`);
      expect(res.status, bad).toBe(422);
      expect((await problemOf(res)).code).toBe('invalid-owner-id');
    }
  });
});

describe('a store that restarts', () => {
  it('keeps its documents and its tokens across stop/start and kill/start, and resumes an upload', async () => {
    const id = randomUUID();
    const receipt = await (await uploadAndCommit(signed, id)).json();
    const before = store.documents();
    const port = store.port;
    const half = 5000;
    const url = await upload(signedOther.bytes, half);

    await store.stop();
    expect(store.documents()).toEqual(before); // readable while the store is down
    await store.start();
    expect(store.port).toBe(port);
    expect(store.documents()).toEqual(before);
    // The token issued before the restart still works.
    expect(await (await api(`/v1/documents/${id}`)).json()).toEqual(receipt);

    await store.kill();
    await store.start();
    expect(store.documents()).toEqual(before);
    const file = await api(`/v1/documents/${id}/file`);
    expect(Buffer.from(await file.arrayBuffer()).equals(signed.bytes)).toBe(true);
    // The upload resumes where the store says it stands.
    const head = await tus(new URL(url).pathname, { method: 'HEAD' });
    expect(head.headers.get('upload-offset')).toBe(String(half));
    expect((await patch(url, half, signedOther.bytes.subarray(half))).status).toBe(204);
    const other = randomUUID();
    expect((await commit(other, manifest(signedOther, other, url))).status).toBe(201);
  });

  it('refuses a token once it has expired', async () => {
    const short = await startProvincialStore({ tokenTtl: 1 });
    try {
      const issued = await tokenFor(short);
      expect((await api('/v1/owners/cccd/079203001234/documents', {}, short, issued)).status).toBe(200);
      let status = 200;
      for (let i = 0; i < 100 && status === 200; i++) {
        await new Promise((r) => setTimeout(r, 100));
        status = (await api('/v1/owners/cccd/079203001234/documents', {}, short, issued)).status;
      }
      expect(status).toBe(401);
    } finally {
      await short.cleanup();
    }
  });
});

describe('the command line', () => {
  it('refuses to start without a client, saying why', async () => {
    const dir = tempDir('provincial-store-args');
    try {
      await expect(startProvincialStore({ dataDir: dir.path, clients: [] })).rejects.toThrow(/no client is listed/);
    } finally {
      dir.cleanup();
    }
  });
});
