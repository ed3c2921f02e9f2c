// Each officer's activity for a period, and the audit viewer's query, through the dispatcher with
// real accounts, real signatures (test PKI) and the real reference store: documents saved and
// their pages, signatures, documents the store confirmed, reuse, failed sign-ins and failed sends
// counted for the person who did them, and the roles that may read them.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MethodInput, type MethodName, type MethodOutput, vietnamToday } from '../../electron/contract';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation, refused } from '../helpers/station';
import { type TestPki, createTestPki } from '../pki/test-pki';
import { type FaultProxy, startFaultProxy } from '../provincial-store/fault-proxy';
import { DEFAULT_CLIENT, type ProvincialStore, startProvincialStore } from '../provincial-store/harness';

let t: TestStation;
let pki: TestPki;
let store: ProvincialStore;
let proxy: FaultProxy;
let tmp: ReturnType<typeof tempDir>;
let page: string;
const today = vietnamToday();
const PASSWORDS = { admin: 'quan-tri-2026!', mai: 'mot-cua-xa-hoa', hung: 'luu-tru-vien-9', lan: 'giam-sat-vien-1' };
type Person = { call<M extends MethodName>(m: M, i: MethodInput<M>): Promise<MethodOutput<M>> };

async function signedIn(username: keyof typeof PASSWORDS): Promise<Person> {
  const session = t.station.auth.newSession();
  const person: Person = { call: (m, i) => t.call(m, i, { emit: () => {}, session }) };
  await person.call('session.login', { username, password: PASSWORDS[username] });
  return person;
}

async function signedDocument(p: Person, pages: number, title: string): Promise<string> {
  const doc = await p.call('documents.import', { paths: Array.from({ length: pages }, () => page), ocr: 'skip', metadata: { title } });
  await p.call('documents.sign', { id: doc.id, key: { kind: 'p12', path: pki.signer.p12, password: pki.p12Password } });
  return doc.id;
}

let admin: Person;
let mai: Person;
let hung: Person;
let lan: Person;
const ids: Record<string, string> = {};

beforeAll(async () => {
  pki = await createTestPki();
  store = await startProvincialStore();
  proxy = await startFaultProxy(store.url);
  tmp = tempDir('activity');
  page = join(tmp.path, 'page.png');
  await vietnamesePage(page, { dpi: 100 });
  t = await openTestStation({ env: { ...process.env, SOHOA_SYNC_URL: proxy.url, SOHOA_SYNC_CLIENT_ID: DEFAULT_CLIENT.id, SOHOA_SYNC_CLIENT_SECRET: DEFAULT_CLIENT.secret } });
  await t.call('users.create', { username: 'admin', displayName: 'Quản trị', role: 'admin', password: PASSWORDS.admin });
  admin = await signedIn('admin');
  // How the station signs is the administrator's: B-B (no timestamp authority), invisible.
  await admin.call('settings.update', { unitCode: '000.00.01.H12', level: 'xa', signatureLevel: 'B-B', signatureVisible: false });
  await admin.call('users.create', { username: 'mai', displayName: 'Trần Thị Mai', role: 'officer', password: PASSWORDS.mai });
  await admin.call('users.create', { username: 'hung', displayName: 'Lê Văn Hùng', role: 'archivist', password: PASSWORDS.hung });
  await admin.call('users.create', { username: 'lan', displayName: 'Phạm Thu Lan', role: 'supervisor', password: PASSWORDS.lan });
  mai = await signedIn('mai');
  hung = await signedIn('hung');
  lan = await signedIn('lan');

  ids.maiA = await signedDocument(mai, 2, 'Đơn đề nghị');
  ids.maiB = await signedDocument(mai, 1, 'Giấy khai sinh');
  ids.hungC = await signedDocument(hung, 3, 'Quyết định giao đất');
  // Mai reuses her own earlier document for a new dossier instead of scanning it again.
  const dossier = `000.00.01.H12-${today.slice(2).replace(/-/g, '')}-0007`;
  await mai.call('dossiers.open', { code: dossier });
  await mai.call('reuse.attach', { dossierCode: dossier, documentId: ids.maiB });
  // A wrong password for Hùng, typed at another window.
  const stranger = t.station.auth.newSession();
  await refused(t.call('session.login', { username: 'hung', password: 'sai-mat-khau-roi' }, { emit: () => {}, session: stranger }));
  // The store answers Hùng's commit with a receipt for other bytes: his send fails and waits.
  proxy.policy = (req) => (req.method === 'PUT' && req.path.includes(ids.hungC!) ? { kind: 'rewrite-json', edit: (b) => ({ ...b, sha256: '0'.repeat(64) }) } : { kind: 'pass' });
  await admin.call('sync.run', {});
  proxy.policy = () => ({ kind: 'pass' });
});

afterAll(async () => {
  await t?.close();
  await proxy?.close();
  await store?.cleanup();
  await pki?.close();
  tmp?.cleanup();
});

describe('officer activity', () => {
  it('counts each person’s saves, pages, signatures, confirmed sends, reuse and errors for the period', async () => {
    const report = await lan.call('reports.activity', { from: today, to: today });
    const byName = Object.fromEntries(report.rows.map((r) => [r.name, r]));
    expect(byName['Trần Thị Mai']).toMatchObject({ username: 'mai', role: 'officer', created: 2, pages: 3, signed: 2, synced: 2, reused: 1, failedLogins: 0, syncErrors: 0, errors: 0 });
    expect(byName['Lê Văn Hùng']).toMatchObject({ username: 'hung', role: 'archivist', created: 1, pages: 3, signed: 1, synced: 0, reused: 0, failedLogins: 1, syncErrors: 1, errors: 2 });
    // Everyone with an account is listed, the quiet ones with zeros.
    expect(byName['Phạm Thu Lan']).toMatchObject({ created: 0, pages: 0, signed: 0, synced: 0, errors: 0 });
    expect(report.total).toMatchObject({ created: 3, pages: 6, signed: 3, synced: 2, reused: 1, failedLogins: 1, syncErrors: 1 });
    // Hùng's bytes did reach the store, but a receipt for other bytes is never taken as synced.
    expect(store.documents().map((d) => d.documentId)).toEqual(expect.arrayContaining([ids.maiA, ids.maiB]));
  });

  it('counts nothing outside the period, and refuses a period that ends before it starts', async () => {
    const report = await lan.call('reports.activity', { from: '2024-01-01', to: '2024-12-31' });
    expect(report.total).toMatchObject({ created: 0, pages: 0, signed: 0, synced: 0, reused: 0, errors: 0 });
    expect(report.rows.every((r) => r.created === 0 && r.errors === 0)).toBe(true);
    const bad = await refused(lan.call('reports.activity', { from: today, to: '2024-01-01' }));
    expect(bad).toMatchObject({ code: 'invalid-input', details: { field: 'to' } });
  });

  it('is the supervisors’ and administrators’ to read, not an officer’s', async () => {
    expect((await refused(mai.call('reports.activity', { from: today, to: today }))).code).toBe('forbidden');
    expect((await refused(hung.call('audit.query', {}))).code).toBe('forbidden');
    expect((await admin.call('reports.activity', { from: today, to: today })).total.created).toBe(3);
  });
});

describe('the audit viewer’s query', () => {
  it('filters by actor, action, document and period, newest first, a page at a time', async () => {
    const signs = await lan.call('audit.query', { action: 'sign' });
    expect(signs.entries.map((e) => e.documentId)).toEqual([ids.hungC, ids.maiB, ids.maiA]);
    expect(signs.nextBeforeSeq).toBeNull();

    const mais = await lan.call('audit.query', { actor: 'Trần Thị Mai', action: 'create' });
    expect(mais.entries.map((e) => e.documentId)).toEqual([ids.maiB, ids.maiA]);

    // A document by the first characters of its id, as `sohoa audit list --document` takes it.
    const ofDoc = await lan.call('audit.query', { documentId: ids.maiA!.slice(0, 13) });
    expect(new Set(ofDoc.entries.map((e) => e.documentId))).toEqual(new Set([ids.maiA]));
    expect(ofDoc.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'sign', 'sync']));

    // Paging: two at a time until the end, every row once, in descending order.
    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const pageOf = await lan.call('audit.query', { limit: 2, from: today, to: today, ...(before ? { beforeSeq: before } : {}) });
      seen.push(...pageOf.entries.map((e) => e.seq));
      if (pageOf.nextBeforeSeq === null) break;
      before = pageOf.nextBeforeSeq;
    }
    const all = await lan.call('audit.query', { limit: 500 });
    expect(seen).toEqual(all.entries.map((e) => e.seq));
    expect(seen).toEqual([...seen].sort((a, b) => b - a));

    expect((await lan.call('audit.query', { from: '2024-01-01', to: '2024-12-31' })).entries).toEqual([]);
    expect((await refused(lan.call('audit.query', { action: 'rename' as 'view' }))).code).toBe('invalid-input');
  });
});
