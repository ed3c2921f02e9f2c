// One station against another, through the reference store on loopback: each attack is made for
// real with the second station's own credentials, and refused. A document belongs to the client
// that first committed it, an upload to the client that created it, a quota to each client, and
// an audit head to the client that sent it.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/paths';
import { DATABASE_FILE } from './database';
import { type ProvincialStore, type StoreClient, startProvincialStore } from './harness';
import { OWNER, type Pdf, StoreSession, makeTestPdfs, manifest, problemOf, receiptOf } from './store-kit';

const A: StoreClient = { id: 'xa-hoa-thuan', secret: 'secret-of-hoa-thuan-station' };
const B: StoreClient = { id: 'xa-tan-an', secret: 'secret-of-tan-an-station' };

let store: ProvincialStore;
let a: StoreSession;
let b: StoreSession;
let signed: Pdf;
let signedOther: Pdf;

beforeAll(async () => {
  ({ signed, signedOther } = await makeTestPdfs());
  store = await startProvincialStore({ clients: [A, B] });
  a = await StoreSession.open(store, A);
  b = await StoreSession.open(store, B);
});

afterAll(async () => {
  await store?.cleanup();
});

/** The answer to a request, as comparable as two answers can be: status, headers but the date, body. */
async function shape(res: Response) {
  const headers = Object.fromEntries([...res.headers].filter(([k]) => k !== 'date' && k !== 'keep-alive' && k !== 'connection'));
  return { status: res.status, headers, body: await res.text() };
}

const unknownUpload = () => `/files/${randomUUID().replaceAll('-', '')}`;

describe('a document belongs to the client that first committed it', () => {
  it("refuses another client's new version, with other owner metadata, as 403 document-owned-elsewhere", async () => {
    const id = randomUUID();
    expect((await a.uploadAndCommit(signed, id)).status).toBe(201);

    // Station B re-signs "its" version 2 of A's record for another citizen.
    const hijack = manifest(signedOther, id, await b.upload(signedOther.bytes), {
      version: 2,
      metadata: { title: 'Giấy chứng nhận giả', kind: 'result', ownerIdType: 'cccd', ownerIdNumber: '079203009999', ownerName: 'Người khác' },
    });
    const refused = await b.commit(id, hijack);
    expect(refused.status).toBe(403);
    expect(await problemOf(refused)).toMatchObject({ status: 403, code: 'document-owned-elsewhere' });
    // Nor may B repeat A's own version 1 to be handed its receipt.
    const repeat = await b.commit(id, manifest(signed, id, await b.upload(signed.bytes)));
    expect(repeat.status).toBe(403);
    expect((await problemOf(repeat)).code).toBe('document-owned-elsewhere');

    expect(store.documents().filter((d) => d.documentId === id)).toEqual([{ documentId: id, version: 1, sha256: signed.sha256, bytes: signed.bytes.length }]);
    const listed = (await (await b.api('/v1/owners/cccd/079203009999/documents')).json()) as { documents: unknown[] };
    expect(listed.documents).toEqual([]);
    // The owner goes on as before.
    expect((await a.uploadAndCommit(signedOther, id, { version: 2 })).status).toBe(201);
  });

  it('two clients racing to commit a new document: one 201, one 403, one row', async () => {
    const id = randomUUID();
    const [fromA, fromB] = await Promise.all([a.upload(signed.bytes), b.upload(signed.bytes)]);
    const answers = await Promise.all([a.commit(id, manifest(signed, id, fromA)), b.commit(id, manifest(signed, id, fromB))]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 403]);
    expect(store.documents().filter((d) => d.documentId === id)).toHaveLength(1);
  });

  it("answers another client's receipt as a document that is not stored, and serves only the files reuse lists", async () => {
    const id = randomUUID();
    await a.uploadAndCommit(signed, id, { auditHead: { seq: 1, hash: 'a'.repeat(64) } });
    await a.uploadAndCommit(signedOther, id, { version: 2 });
    const missing = randomUUID();

    // The receipt (ids, versions, the audit head) is the committing station's alone.
    for (const query of ['', '?version=1', '?version=2']) {
      const theirs = await b.api(`/v1/documents/${id}${query}`);
      const none = await b.api(`/v1/documents/${missing}${query}`);
      expect(theirs.status).toBe(404);
      const [p, q] = [await problemOf(theirs), await problemOf(none)];
      expect({ ...p, detail: p.detail?.replace(id, 'ID') }).toEqual({ ...q, detail: q.detail?.replace(missing, 'ID') });
    }
    expect((await a.api(`/v1/documents/${id}?version=1`)).status).toBe(200);

    // Reuse: the owner listing shows the latest version, and that file is anyone's to fetch.
    const listed = (await (await b.api(`/v1/owners/cccd/${OWNER}/documents`)).json()) as { documents: { documentId: string; version: number }[] };
    expect(listed.documents).toContainEqual(expect.objectContaining({ documentId: id, version: 2 }));
    const latest = await b.api(`/v1/documents/${id}/file`);
    expect(latest.status).toBe(200);
    expect(Buffer.from(await latest.arrayBuffer()).equals(signedOther.bytes)).toBe(true);
    expect((await b.api(`/v1/documents/${id}/file?version=2`)).status).toBe(200);
    // A superseded version is not listed, so not served to others; its owner still has it.
    const older = await b.api(`/v1/documents/${id}/file?version=1`);
    expect(older.status).toBe(404);
    expect((await problemOf(older)).code).toBe('not-found');
    expect((await a.api(`/v1/documents/${id}/file?version=1`)).status).toBe(200);

    // A document that names no owner is listed nowhere, so it is no one else's to download.
    const anonymous = randomUUID();
    expect((await a.uploadAndCommit(signed, anonymous, { metadata: { title: 'Không có chủ' } })).status).toBe(201);
    expect((await b.api(`/v1/documents/${anonymous}/file`)).status).toBe(404);
    expect((await a.api(`/v1/documents/${anonymous}/file`)).status).toBe(200);
  });
});

describe('an upload belongs to the client that created it', () => {
  it("answers another client's HEAD, PATCH and DELETE exactly as an unknown upload, and leaves the upload alone", async () => {
    const half = 4000;
    const url = await a.upload(signed.bytes, half);
    const path = new URL(url).pathname;

    const head = await shape(await b.tus(path, { method: 'HEAD' }));
    expect(head.status).toBe(404);
    expect(head).toEqual(await shape(await b.tus(unknownUpload(), { method: 'HEAD' })));

    const patchHeaders = { 'Upload-Offset': String(half), 'Content-Type': 'application/offset+octet-stream' };
    const patched = await shape(await b.tus(path, { method: 'PATCH', headers: patchHeaders, body: Buffer.from('%PDF-1.7 hijacked') }));
    expect(patched.status).toBe(404);
    expect(patched).toEqual(await shape(await b.tus(unknownUpload(), { method: 'PATCH', headers: patchHeaders, body: Buffer.from('%PDF-1.7 hijacked') })));

    const deleted = await shape(await b.tus(path, { method: 'DELETE' }));
    expect(deleted.status).toBe(404);
    expect(deleted).toEqual(await shape(await b.tus(unknownUpload(), { method: 'DELETE' })));

    // A's upload is as A left it: same offset, resumable, committable.
    const mine = await a.tus(path, { method: 'HEAD' });
    expect(mine.status).toBe(200);
    expect(mine.headers.get('upload-offset')).toBe(String(half));
    expect((await a.patch(url, half, signed.bytes.subarray(half))).status).toBe(204);
    const id = randomUUID();
    expect((await a.commit(id, manifest(signed, id, url))).status).toBe(201);
  });

  it("refuses a commit that names another client's upload, in the words used for a missing one", async () => {
    const url = await a.upload(signed.bytes);
    const id = randomUUID();
    const stolen = await b.commit(id, manifest(signed, id, url));
    expect(stolen.status).toBe(422);
    const p = await problemOf(stolen);
    const uploadId = new URL(url).pathname.split('/').pop()!;
    const gone = unknownUpload().split('/').pop()!;
    const q = await problemOf(await b.commit(id, manifest(signed, id, `${store.url}/files/${gone}`)));
    expect({ ...p, detail: p.detail?.replace(uploadId, 'ID') }).toEqual({ ...q, detail: q.detail?.replace(gone, 'ID') });
    expect(p.code).toBe('upload-not-found');
    expect(store.documents().filter((d) => d.documentId === id)).toEqual([]);
    // Still A's to commit.
    expect((await a.commit(id, manifest(signed, id, url))).status).toBe(201);
  });
});

describe('per-client quotas', () => {
  it('refuses uploads past the in-flight limit (507 too-many-uploads) for that client only, until one is done', async () => {
    const limited = await startProvincialStore({ clients: [A, B], quota: { uploads: 2 } });
    try {
      const [qa, qb] = [await StoreSession.open(limited, A), await StoreSession.open(limited, B)];
      const first = await qa.upload(signed.bytes, 0);
      await qa.upload(signed.bytes, 0);
      const third = await qa.createUpload(signed.bytes.length);
      expect(third.status).toBe(507);
      expect(third.headers.get('tus-resumable')).toBe('1.0.0');
      expect((await problemOf(third)).code).toBe('too-many-uploads');
      // Another client's limit is its own.
      expect((await qb.createUpload(signed.bytes.length)).status).toBe(201);
      // A terminated upload frees its place; so does a committed one.
      expect((await qa.tus(new URL(first).pathname, { method: 'DELETE' })).status).toBe(204);
      const again = await qa.upload(signed.bytes);
      expect((await qa.createUpload(signed.bytes.length)).status).toBe(507);
      const id = randomUUID();
      expect((await qa.commit(id, manifest(signed, id, again))).status).toBe(201);
      expect((await qa.createUpload(signed.bytes.length)).status).toBe(201);
    } finally {
      await limited.cleanup();
    }
  });

  it('refuses an upload that would take a client past its bytes (507 storage-quota-exceeded), counting stored versions and uploads in flight', async () => {
    const size = signed.bytes.length;
    const limited = await startProvincialStore({ clients: [A, B], quota: { bytes: 3 * size } });
    try {
      const [qa, qb] = [await StoreSession.open(limited, A), await StoreSession.open(limited, B)];
      expect((await qa.uploadAndCommit(signed)).status).toBe(201); // size stored
      await qa.upload(signed.bytes, 0); // size reserved in flight
      const over = await qa.createUpload(size + 1);
      expect(over.status).toBe(507);
      expect(over.headers.get('tus-resumable')).toBe('1.0.0');
      const p = await problemOf(over);
      expect(p.code).toBe('storage-quota-exceeded');
      expect(p.detail).toContain(String(2 * size));
      // Exactly up to the quota is allowed; a byte more is not.
      expect((await qa.createUpload(size)).status).toBe(201);
      expect((await qa.createUpload(1)).status).toBe(507);
      // B's quota is untouched by A's.
      expect((await qb.createUpload(3 * size)).status).toBe(201);
      expect(limited.documents()).toHaveLength(1);
    } finally {
      await limited.cleanup();
    }
  });

  it('refuses a single upload above the per-upload maximum as a 413 problem', async () => {
    const huge = await a.createUpload(1024 ** 3 + 1);
    expect(huge.status).toBe(413);
    expect((await problemOf(huge)).code).toBe('upload-too-large');
  });
});

describe('the audit head', () => {
  const head = (seq: number, fill: string) => ({ seq, hash: fill.repeat(64) });

  it('keeps the head on the receipt, serves the highest seq at /v1/audit-head, and never lowers it', async () => {
    const session = await StoreSession.open(store, A);
    // A's first head in this store was seq 1 (the reuse test above); this one goes higher.
    const first = randomUUID();
    const r5 = await receiptOf(await session.uploadAndCommit(signed, first, { auditHead: head(5, 'b') }));
    expect(r5.auditHead).toEqual(head(5, 'b'));
    expect(((await (await session.api(`/v1/documents/${first}`)).json()) as { auditHead: unknown }).auditHead).toEqual(head(5, 'b'));
    const latest = await session.api('/v1/audit-head');
    expect(latest.status).toBe(200);
    expect(await latest.json()).toEqual({ ...head(5, 'b'), receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+07:00$/) });

    // A lower seq is kept on its receipt but does not lower the latest; an equal seq with another
    // hash (a rewritten chain) does not replace the first either.
    const r3 = await receiptOf(await session.uploadAndCommit(signed, randomUUID(), { auditHead: head(3, 'c') }));
    expect(r3.auditHead).toEqual(head(3, 'c'));
    expect((await session.uploadAndCommit(signed, randomUUID(), { auditHead: head(5, 'd') })).status).toBe(201);
    expect(await (await session.api('/v1/audit-head')).json()).toMatchObject(head(5, 'b'));

    // A commit without a head has none on its receipt, and leaves the latest alone.
    expect((await receiptOf(await session.uploadAndCommit(signed))).auditHead).toBeNull();
    expect(await (await session.api('/v1/audit-head')).json()).toMatchObject(head(5, 'b'));

    // A refused commit's head is not kept.
    const refusedId = randomUUID();
    const refused = await session.commit(refusedId, manifest(signed, refusedId, await session.upload(signed.bytes), { sha256: signedOther.sha256, auditHead: head(100, 'e') }));
    expect((await problemOf(refused)).code).toBe('hash-mismatch');
    expect(await (await session.api('/v1/audit-head')).json()).toMatchObject(head(5, 'b'));

    // A repeated commit answers the stored receipt (its head as first kept); the newer head it
    // carries still counts.
    const again = await session.commit(first, manifest(signed, first, 'unused', { auditHead: head(9, 'f') }));
    expect(again.status).toBe(200);
    expect((await receiptOf(again)).auditHead).toEqual(head(5, 'b'));
    expect(await (await session.api('/v1/audit-head')).json()).toMatchObject(head(9, 'f'));
  });

  it('refuses a malformed head as invalid-manifest', async () => {
    const url = await a.upload(signed.bytes);
    const id = randomUUID();
    const bad = [{ seq: 0, hash: 'a'.repeat(64) }, { seq: 1.5, hash: 'a'.repeat(64) }, { seq: '3', hash: 'a'.repeat(64) }, { seq: 2, hash: 'A'.repeat(64) }, { seq: 2, hash: 'a'.repeat(63) }, { seq: 2 }, { seq: 2, hash: 'a'.repeat(64), chain: 'x' }, 'head'];
    for (const auditHead of bad) {
      const res = await a.commit(id, manifest(signed, id, url, { auditHead }));
      expect(res.status, JSON.stringify(auditHead)).toBe(422);
      const p = await problemOf(res);
      expect(p.code).toBe('invalid-manifest');
      expect(p.detail).toMatch(/auditHead/);
    }
    expect(store.documents().filter((d) => d.documentId === id)).toEqual([]);
    // null means "no head yet", as if absent.
    expect((await receiptOf(await a.commit(id, manifest(signed, id, url, { auditHead: null })))).auditHead).toBeNull();
  });

  it("is the sending client's alone", async () => {
    const fresh = await startProvincialStore({ clients: [A, B] });
    try {
      const [fa, fb] = [await StoreSession.open(fresh, A), await StoreSession.open(fresh, B)];
      expect((await fa.uploadAndCommit(signed, randomUUID(), { auditHead: head(7, 'a') })).status).toBe(201);
      const none = await fb.api('/v1/audit-head');
      expect(none.status).toBe(404);
      expect((await problemOf(none)).code).toBe('no-audit-head');
      expect((await fb.uploadAndCommit(signed, randomUUID(), { auditHead: head(2, 'b') })).status).toBe(201);
      expect(await (await fb.api('/v1/audit-head')).json()).toMatchObject(head(2, 'b'));
      expect(await (await fa.api('/v1/audit-head')).json()).toMatchObject(head(7, 'a'));
      // And no one without a token.
      const anonymous = await fetch(`${fresh.url}/v1/audit-head`);
      expect(anonymous.status).toBe(401);
      expect((await problemOf(anonymous)).code).toBe('unauthorized');
    } finally {
      await fresh.cleanup();
    }
  });
});

describe('a data folder from before owners were kept (schema 1)', () => {
  it('gives each stored document to the client of its first version', async () => {
    const dir = tempDir('provincial-store-schema-1');
    const dataDir = join(dir.path, 'data');
    mkdirSync(dataDir);
    const id = randomUUID();
    // Schema 1's versions table, as the store before this change wrote it.
    const old = new Database(join(dataDir, DATABASE_FILE));
    old.exec(`CREATE TABLE versions (id INTEGER PRIMARY KEY, document_id TEXT NOT NULL, version INTEGER NOT NULL, sha256 TEXT NOT NULL, bytes INTEGER NOT NULL,
      receipt_id TEXT NOT NULL UNIQUE, stored_at TEXT NOT NULL, client_id TEXT NOT NULL, owner_id_type TEXT, owner_id_number TEXT, manifest TEXT NOT NULL, UNIQUE (document_id, version))`);
    const insert = old.prepare('INSERT INTO versions (document_id, version, sha256, bytes, receipt_id, stored_at, client_id, manifest) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    insert.run(id, 1, signed.sha256, signed.bytes.length, randomUUID(), '2025-01-23T10:00:00.000+07:00', A.id, '{}');
    // Before owners were kept, B could add a version to A's document: A stays the owner.
    insert.run(id, 2, signedOther.sha256, signedOther.bytes.length, randomUUID(), '2025-01-24T10:00:00.000+07:00', B.id, '{}');
    old.pragma('user_version = 1');
    old.close();
    const migrated = await startProvincialStore({ dataDir, clients: [A, B] });
    try {
      const [ma, mb] = [await StoreSession.open(migrated, A), await StoreSession.open(migrated, B)];
      expect(await (await ma.api(`/v1/documents/${id}?version=1`)).json()).toMatchObject({ documentId: id, version: 1, auditHead: null });
      expect((await mb.api(`/v1/documents/${id}`)).status).toBe(404);
      const refused = await mb.commit(id, manifest(signed, id, `${migrated.url}/files/${'0'.repeat(32)}`, { version: 3 }));
      expect(refused.status).toBe(403);
      expect((await problemOf(refused)).code).toBe('document-owned-elsewhere');
    } finally {
      await migrated.cleanup();
      dir.cleanup();
    }
  });
});
