// Reuse at the counter: an owner's still-valid documents, here and province-wide, attached to a
// new dossier by a link flagged for the national portal, with no bytes copied; and the record
// model's validation of what is typed.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetadataInput, OwnerIdNumber, vietnamToday } from '../../electron/contract';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation, refused } from '../helpers/station';
import { DEFAULT_CLIENT, type ProvincialStore, startProvincialStore } from '../provincial-store/harness';
import { type TestPki, createTestPki } from '../pki/test-pki';

const OWNER = '049080001234';
let tmp: ReturnType<typeof tempDir>;
let pki: TestPki;
let store: ProvincialStore;
let here: TestStation;
let elsewhere: TestStation;
const pages: string[] = [];

const env = () => ({ ...process.env, SOHOA_SYNC_URL: store.url, SOHOA_SYNC_CLIENT_ID: DEFAULT_CLIENT.id, SOHOA_SYNC_CLIENT_SECRET: DEFAULT_CLIENT.secret });
const blobCount = (t: TestStation) => {
  const db = new Database(join(t.dataDir, 'station.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM blobs').pluck().get() as number;
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  tmp = tempDir('reuse');
  pki = await createTestPki();
  store = await startProvincialStore();
  for (const [i, colour] of ['#f4f1ea', '#eef4e9', '#f4e9ee', '#e9eef4'].entries()) {
    pages.push(join(tmp.path, `p${i}.png`));
    await sharp({ create: { width: 300, height: 420, channels: 3, background: colour } }).png().toFile(pages[i]!);
  }
  here = await openTestStation({ env: env() });
  elsewhere = await openTestStation({ env: env() });
  for (const t of [here, elsewhere]) await t.call('settings.update', { unitCode: '000.00.01.H12', level: 'xa' });
});

afterAll(async () => {
  await here?.close();
  await elsewhere?.close();
  await store?.stop();
  await pki?.close();
  tmp?.cleanup();
});

describe('reuse', () => {
  it('offers the owner’s still-valid documents and attaches one to a new dossier in one call, copying nothing', async () => {
    const birth = await here.call('documents.import', {
      paths: [pages[0]!],
      ocr: 'skip',
      metadata: { title: 'Giấy khai sinh', kind: 'result', ownerIdNumber: OWNER, ownerName: 'Nguyễn Văn Đức', issueDate: '1980-08-20', validUntil: 'permanent' },
    });
    await here.call('documents.import', {
      paths: [pages[1]!],
      ocr: 'skip',
      metadata: { title: 'Giấy xác nhận tình trạng hôn nhân', ownerIdNumber: OWNER, issueDate: '2021-01-04', validUntil: '2021-07-04' },
    });
    const offered = await here.call('reuse.candidates', { ownerIdNumber: OWNER, online: false });
    expect(offered.owner).toEqual({ idNumber: OWNER, idType: 'citizen', name: 'Nguyễn Văn Đức' });
    expect(offered.local.map((d) => d.metadata.title)).toEqual(['Giấy khai sinh']); // the expired one is not offered
    expect(offered.local[0]!.legacy).toBe(true);

    const blobs = blobCount(here);
    const link = await here.call('reuse.attach', { dossierCode: '000.00.01.H12-261123-0007', documentId: offered.local[0]!.id, componentCode: 'TP01' });
    expect(link).toMatchObject({ documentId: birth.id, digitized: true, reused: true, fromNationalStore: false, replacesResult: null, componentCode: 'TP01', title: 'Giấy khai sinh' });
    expect(blobCount(here)).toBe(blobs); // a link, not a copy
    // The same key pressed twice attaches once.
    expect((await here.call('reuse.attach', { dossierCode: '000.00.01.H12-261123-0007', documentId: birth.id })).id).toBe(link.id);

    const dossier = await here.call('dossiers.get', { code: '000.00.01.H12-261123-0007' });
    expect(dossier.links).toHaveLength(1);
    // Received today: this month's rates count it (the test must not depend on the month it runs in).
    const today = vietnamToday();
    const rates = await here.call('reports.rates', { from: `${today.slice(0, 8)}01`, to: today });
    // Received without a procedure (attached on the scan screen): reused, but never counted as
    // digitized, since nobody knows what it should hold (the checklist rates: test/core/true-rates).
    expect(rates.total).toMatchObject({ dossiers: 1, reused: 1, digitized: 0, unknownProcedure: 1 });
    const [audited] = await here.call('audit.list', { documentId: birth.id, limit: 1 });
    expect(audited).toMatchObject({ action: 'reuse', details: { dossierCode: '000.00.01.H12-261123-0007' } });
    // A reused record cannot be deleted from under the dossier that relies on it.
    expect((await refused(here.call('documents.delete', { id: birth.id, reason: 'dọn dẹp' }))).code).toBe('document-in-use');
  });

  it('refuses an expired or unfinished document', async () => {
    const expired = (await here.call('documents.list', {})).find((d) => d.metadata.validUntil === '2021-07-04')!;
    const err = await refused(here.call('reuse.attach', { dossierCode: '000.00.01.H12-261123-0008', documentId: expired.id }));
    expect(err.code).toBe('reuse-not-valid');
    expect(err.message.vi).toContain('2021-07-04');
    expect((await refused(here.call('reuse.attach', { dossierCode: '000.00.01.H12-261123-0008', documentId: expired.id, remote: { documentId: 'x', version: 1, ownerIdNumber: OWNER } }))).code).toBe('invalid-input');
  });

  it('finds what another station sent to the provincial store, and links to it there', async () => {
    const sent = await elsewhere.call('documents.import', {
      paths: [pages[2]!],
      ocr: 'skip',
      metadata: { title: 'Quyết định giao đất', kind: 'result', ownerIdNumber: OWNER, ownerName: 'Nguyễn Văn Đức', issueDate: '2019-03-12', validUntil: 'permanent' },
    });
    await elsewhere.call('documents.sign', { id: sent.id, key: { kind: 'p12', path: pki.signer.p12, password: pki.p12Password }, level: 'B-B', visible: false });
    expect(await elsewhere.call('sync.run', {})).toMatchObject({ synced: 1 });

    const offered = await here.call('reuse.candidates', { ownerIdNumber: OWNER, online: true });
    expect(offered.province.status).toBe('ok');
    if (offered.province.status !== 'ok') return;
    const remote = offered.province.documents.find((d) => d.title === 'Quyết định giao đất')!;
    expect(remote).toBeDefined();
    const link = await here.call('reuse.attach', {
      dossierCode: '000.00.01.H12-261123-0009',
      remote: { documentId: remote.documentId, version: remote.version, ownerIdNumber: OWNER },
      fromNationalStore: true,
      replacesResult: 'KQ-2019-0312',
    });
    expect(link).toMatchObject({ documentId: null, remoteDocumentId: remote.documentId, remoteVersion: remote.version, reused: true, fromNationalStore: true, replacesResult: 'KQ-2019-0312' });
    const gone = await refused(here.call('reuse.attach', { dossierCode: '000.00.01.H12-261123-0009', remote: { documentId: remote.documentId, version: 99, ownerIdNumber: OWNER } }));
    expect(gone.code).toBe('reuse-not-valid');
  });
});

describe('the record model refuses what cannot be true', () => {
  it('checks personal ids, tax codes, dates and archival fields', () => {
    expect(OwnerIdNumber.safeParse('049080001234').success).toBe(true);
    expect(OwnerIdNumber.safeParse('003080001234').success).toBe(false); // 003 is no province
    expect(OwnerIdNumber.safeParse('04908000123').success).toBe(false);
    expect(OwnerIdNumber.safeParse('0100109106').success).toBe(true); // a real tax code
    expect(OwnerIdNumber.safeParse('0100109107').success).toBe(false); // its check digit mistyped
    expect(OwnerIdNumber.safeParse('0100109106-001').success).toBe(true); // a branch
    expect(MetadataInput.safeParse({ issueDate: '2999-01-01' }).success).toBe(false);
    expect(MetadataInput.safeParse({ issueDate: '1890-01-01' }).success).toBe(false);
    expect(MetadataInput.safeParse({ issueDate: '2020-01-01', validUntil: '2019-12-31' }).success).toBe(false);
    expect(MetadataInput.safeParse({ fonds: 'UBND xã Hòa Thuận', box: '12', fileNumber: '345', retention: '20', physicalCondition: 'ố vàng, rách mép' }).success).toBe(true);
    expect(MetadataInput.safeParse({ retention: 'mãi mãi' }).success).toBe(false);
    expect(MetadataInput.safeParse({ retention: 'permanent' }).success).toBe(true);
  });

  it('keeps a dossier code received once with its details, and stores archival fields', async () => {
    await here.call('dossiers.open', { code: '000.00.01.H12-261120-0001', procedureCode: '1.001234' });
    const clash = await refused(here.call('dossiers.open', { code: '000.00.01.H12-261120-0001', procedureCode: '2.000999' }));
    expect(clash.code).toBe('dossier-exists');
    expect((await refused(here.call('dossiers.open', { code: '000.00.01.H12-261340-0001' }))).code).toBe('invalid-input'); // no 40th of December
    expect((await refused(here.call('dossiers.open', { code: '000.00.01.H12-301231-0001' }))).code).toBe('invalid-input'); // received in 2030?
    expect((await refused(here.call('dossiers.open', { code: '000.00.01.H12-261120-0003', receivedAt: '2030-01-01T08:00:00+07:00' }))).code).toBe('invalid-input');
    expect((await refused(here.call('dossiers.get', { code: '000.00.01.H12-261120-0002' }))).code).toBe('dossier-not-found');
    const doc = await here.call('documents.import', {
      paths: [pages[3]!],
      ocr: 'skip',
      metadata: { title: 'Sổ đăng ký hộ tịch 1995', issueDate: '1995-06-01', fonds: 'UBND xã Hòa Thuận', box: '12', fileNumber: '345', retention: 'permanent', physicalCondition: 'ố vàng' },
    });
    expect(doc.metadata).toMatchObject({ fonds: 'UBND xã Hòa Thuận', box: '12', fileNumber: '345', retention: 'permanent', physicalCondition: 'ố vàng' });
    expect(doc.legacy).toBe(true);
    expect((await refused(here.call('documents.get', { id: 'không-phải-mã' }))).code).toBe('not-found');
  });
});
