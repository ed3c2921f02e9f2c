// The documents list says where each record stands with the provincial store (local, waiting,
// sent) and finds records by title, number, owner and dossier code — through the same calls the
// Documents screen makes (documents.list, documents.search), against the real reference store.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation } from '../helpers/station';
import { type TestPki, createTestPki } from '../pki/test-pki';
import { DEFAULT_CLIENT, type ProvincialStore, startProvincialStore } from '../provincial-store/harness';

let pki: TestPki;
let store: ProvincialStore;
let tmp: ReturnType<typeof tempDir>;
let t: TestStation;
let page: string;

beforeAll(async () => {
  pki = await createTestPki();
  store = await startProvincialStore();
  tmp = tempDir('doc-list');
  page = join(tmp.path, 'page.png');
  await vietnamesePage(page, { dpi: 150 });
  t = await openTestStation({ env: { ...process.env, SOHOA_SYNC_URL: store.url, SOHOA_SYNC_CLIENT_ID: DEFAULT_CLIENT.id, SOHOA_SYNC_CLIENT_SECRET: DEFAULT_CLIENT.secret } });
  await t.call('settings.update', { unitCode: '000.00.01.H12', level: 'xa' });
});

afterAll(async () => {
  await t?.close();
  await store?.cleanup();
  await pki?.close();
  tmp?.cleanup();
});

const stateOf = async (id: string) => (await t.call('documents.list', { limit: 100 })).find((d) => d.id === id)?.syncState;

describe('the documents list', () => {
  it('gives each record its place with the provincial store: local until signed, waiting, then sent', async () => {
    const doc = await t.call('documents.import', { paths: [page], ocr: 'skip', metadata: { title: 'Giấy khai sinh', docNumber: '123/2026/KS', ownerName: 'Trần Thị Bích', ownerIdNumber: '001190012345', dossierCode: '000.00.01.H12-261207-0001' } });
    expect(await stateOf(doc.id)).toBe('local');
    await t.call('documents.sign', { id: doc.id, key: { kind: 'p12', path: pki.signer.p12, password: pki.p12Password }, level: 'B-B', visible: false });
    expect(await stateOf(doc.id)).toBe('pending');
    expect(await t.call('sync.run', {})).toMatchObject({ synced: 1, failed: 0 });
    expect(await stateOf(doc.id)).toBe('synced');
  });

  it('finds a record by its title, number, owner (with or without diacritics) and dossier code, with its owner and state', async () => {
    const other = await t.call('documents.import', { paths: [page], ocr: 'skip', metadata: { title: 'Giấy chứng nhận kết hôn', ownerName: 'Lê Văn Cường', dossierCode: '000.00.01.H12-261207-0002' } });
    const ids = async (text: string) => (await t.call('documents.search', { text, limit: 50 })).map((d) => d.id);
    const [signed] = (await t.call('documents.list', { limit: 100 })).filter((d) => d.metadata.title === 'Giấy khai sinh');
    for (const text of ['khai sinh', '123/2026/KS', 'Trần Thị Bích', 'tran thi bich', '000.00.01.H12-261207-0001']) expect(await ids(text), text).toEqual([signed!.id]);
    expect(await ids('kết hôn')).toEqual([other.id]);
    const [hit] = await t.call('documents.search', { text: 'khai sinh', limit: 5 });
    expect(hit).toMatchObject({ syncState: 'synced', metadata: { ownerName: 'Trần Thị Bích', ownerIdNumber: '001190012345' } });
  });
});
