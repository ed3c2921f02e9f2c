// The sync engine against the real reference store on loopback, through a fault-injecting proxy:
// each signed record sent once with a matching receipt, uploads resumed from the server's offset,
// Retry-After honoured, bad receipts and garbage never believed, bad credentials a pause, not a storm.
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type MetadataInput, vietnamToday } from '../../electron/contract';
import { vietnamIso } from '../../electron/core/time';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { tempDir } from '../helpers/paths';
import { type TestStation, openTestStation, refused as refusedCall } from '../helpers/station';
import { type TestPki, createTestPki } from '../pki/test-pki';
import { type FaultProxy, startFaultProxy } from '../provincial-store/fault-proxy';
import { DEFAULT_CLIENT, type ProvincialStore, startProvincialStore } from '../provincial-store/harness';

let pki: TestPki;
let store: ProvincialStore;
let proxy: FaultProxy;
let tmp: ReturnType<typeof tempDir>;
let page: string;
const stations: TestStation[] = [];

const syncEnv = (overrides: Record<string, string> = {}) => ({
  ...process.env,
  SOHOA_SYNC_URL: proxy.url,
  SOHOA_SYNC_CLIENT_ID: DEFAULT_CLIENT.id,
  SOHOA_SYNC_CLIENT_SECRET: DEFAULT_CLIENT.secret,
  ...overrides,
});

async function station(env: NodeJS.ProcessEnv = syncEnv()): Promise<TestStation> {
  const t = await openTestStation({ env });
  await t.call('settings.update', { unitCode: '000.00.01.H12', level: 'xa' });
  stations.push(t);
  return t;
}

async function signed(t: TestStation, metadata: MetadataInput = {}): Promise<string> {
  const doc = await t.call('documents.import', { paths: [page], ocr: 'skip', metadata });
  await t.call('documents.sign', { id: doc.id, key: { kind: 'p12', path: pki.signer.p12, password: pki.p12Password }, level: 'B-B', visible: false });
  return doc.id;
}

const pdfOf = async (t: TestStation, id: string) => (await t.call('documents.get', { id })).pdf!.sha256;

beforeAll(async () => {
  pki = await createTestPki();
  store = await startProvincialStore();
  proxy = await startFaultProxy(store.url);
  tmp = tempDir('sync');
  page = join(tmp.path, 'page.png');
  await vietnamesePage(page, { dpi: 150 });
});

afterEach(() => {
  proxy.policy = () => ({ kind: 'pass' });
});

afterAll(async () => {
  for (const t of stations) await t.close();
  await proxy?.close();
  await store?.cleanup();
  await pki?.close();
  tmp?.cleanup();
});

describe('sync', () => {
  it('sends each signed record once, and counts it synced only on a receipt with its SHA-256', async () => {
    const t = await station();
    const ids = [await signed(t, { title: 'Giấy khai sinh' }), await signed(t), await signed(t)];
    expect((await t.call('sync.status', {})).counts).toMatchObject({ pending: 3, synced: 0 });

    const run = await t.call('sync.run', {});
    expect(run).toEqual({ synced: 3, failed: 0, remaining: 0, blocked: null });
    const stored = store.documents().filter((d) => ids.includes(d.documentId));
    const byId = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
    expect(stored.map((d) => [d.documentId, d.version, d.sha256]).sort(byId)).toEqual((await Promise.all(ids.map(async (id) => [id, 1, await pdfOf(t, id)]))).sort(byId));

    const status = await t.call('sync.status', {});
    expect(status).toMatchObject({ configured: true, blocked: null, counts: { pending: 0, synced: 3, failed: 0 }, oldestPendingAt: null });
    expect(status.lastSyncedAt).toMatch(/\+07:00$/);
    expect(status.byOfficer).toHaveLength(1);
    expect(status.byOfficer[0]).toMatchObject({ synced: 3 });

    expect(await t.call('sync.run', {})).toEqual({ synced: 0, failed: 0, remaining: 0, blocked: null });
    expect(store.documents().filter((d) => ids.includes(d.documentId))).toHaveLength(3);
  });

  it('sends the final record: an unsent earlier signature is superseded, a sent one stays version 1', async () => {
    const t = await station();
    const id = await signed(t);
    await t.call('documents.sign', { id, key: { kind: 'p12', path: pki.signer.p12, password: pki.p12Password }, level: 'B-B', visible: false });
    await t.call('sync.run', {});
    expect(store.documents().filter((d) => d.documentId === id).map((d) => [d.version, d.sha256])).toEqual([[2, await pdfOf(t, id)]]);
    await t.call('documents.sign', { id, key: { kind: 'p12', path: pki.signer.p12, password: pki.p12Password }, level: 'B-B', visible: false });
    await t.call('sync.run', {});
    expect(store.documents().filter((d) => d.documentId === id).map((d) => d.version)).toEqual([2, 3]);
  });

  it('resumes an upload from the server’s offset after the connection drops mid-upload', async () => {
    const t = await station();
    const id = await signed(t);
    let dropped = false;
    proxy.policy = (req) => {
      if (req.method === 'PATCH' && !dropped) {
        dropped = true;
        return { kind: 'drop-request', afterBytes: 60_000 };
      }
      return { kind: 'pass' };
    };
    const from = proxy.log.length;
    const first = await t.call('sync.run', {});
    expect(first).toMatchObject({ synced: 0, failed: 1 });
    const failed = (await t.call('sync.status', {})).failures.find((f) => f.documentId === id)!;
    expect(failed.error?.code).toBe('sync-offline');
    expect(failed.nextAttemptAt).not.toBeNull(); // it tries again by itself

    expect(await t.call('sync.retry', {})).toEqual({ retried: 1 });
    expect(await t.call('sync.run', {})).toMatchObject({ synced: 1, failed: 0 });
    const patches = proxy.log.slice(from).filter((r) => r.method === 'PATCH');
    expect(patches[0]!.uploadOffset).toBe(0);
    expect(patches.at(-1)!.uploadOffset).toBeGreaterThan(0); // resumed, not restarted
    expect(proxy.log.slice(from).some((r) => r.method === 'HEAD')).toBe(true);
    expect(store.documents().filter((d) => d.documentId === id)).toHaveLength(1);
  });

  it('honours Retry-After and does not hammer a store that asked it to wait', async () => {
    const t = await station();
    await signed(t);
    await signed(t);
    proxy.policy = (req) => (req.method === 'PUT' ? { kind: 'status', status: 503, retryAfter: '120' } : { kind: 'pass' });
    const first = await t.call('sync.run', {});
    expect(first.synced).toBe(0);
    const status = await t.call('sync.status', {});
    const waiting = status.failures.filter((f) => f.error?.code === 'sync-server');
    expect(waiting.length).toBeGreaterThanOrEqual(1);
    for (const f of waiting) expect(new Date(f.nextAttemptAt!).getTime() - Date.now()).toBeGreaterThan(100_000);
    const before = proxy.log.length;
    expect(await t.call('sync.run', {})).toMatchObject({ synced: 0 });
    expect(proxy.log.length).toBe(before); // nobody knocked again
  });

  it('never takes a receipt for other bytes as synced, nor garbage as an answer', async () => {
    const t = await station();
    const id = await signed(t);
    proxy.policy = (req) => (req.method === 'PUT' ? { kind: 'rewrite-json', edit: (b) => ({ ...b, sha256: '0'.repeat(64) }) } : { kind: 'pass' });
    await t.call('sync.run', {});
    let item = (await t.call('sync.status', {})).failures.find((f) => f.documentId === id);
    expect(item?.error?.code).toBe('sync-receipt-mismatch');
    expect((await t.call('sync.status', {})).counts.synced).toBe(0);

    proxy.policy = (req) => (req.method === 'PUT' ? { kind: 'garbage' } : { kind: 'pass' });
    await t.call('sync.retry', {});
    await t.call('sync.run', {});
    item = (await t.call('sync.status', {})).failures.find((f) => f.documentId === id);
    expect(item?.error?.code).toBe('sync-garbage');

    proxy.policy = () => ({ kind: 'pass' });
    await t.call('sync.retry', {});
    expect(await t.call('sync.run', {})).toMatchObject({ synced: 1 });
    expect(store.documents().filter((d) => d.documentId === id).map((d) => d.sha256)).toEqual([await pdfOf(t, id)]);
  });

  it('pauses on wrong credentials with one token request and a clear message, and on a missing configuration', async () => {
    const t = await station(syncEnv({ SOHOA_SYNC_CLIENT_SECRET: 'sai-khoa' }));
    await signed(t);
    await signed(t);
    const from = proxy.log.length;
    const run = await t.call('sync.run', {});
    expect(run.blocked?.code).toBe('sync-credentials');
    expect(run.blocked?.message.vi).toContain('Kho dữ liệu tỉnh từ chối thông tin xác thực');
    expect(proxy.log.slice(from).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /oauth/token']);
    const status = await t.call('sync.status', {});
    expect(status.blocked?.code).toBe('sync-credentials');
    expect(status.counts.pending).toBe(2); // untouched, not counted as failed attempts

    const unconfigured = await station({ ...process.env, SOHOA_SYNC_URL: '', SOHOA_SYNC_CLIENT_ID: '', SOHOA_SYNC_CLIENT_SECRET: '' });
    await signed(unconfigured);
    expect((await unconfigured.call('sync.run', {})).blocked?.code).toBe('sync-not-configured');
    expect((await unconfigured.call('sync.status', {})).configured).toBe(false);
  });

  it('looks up an owner’s documents province-wide, and answers “offline” quickly when the store is down', async () => {
    const t = await station();
    await signed(t, { ownerIdNumber: '001203004567', ownerName: 'Nguyễn Văn An', title: 'Giấy khai sinh', validUntil: 'permanent' });
    expect(await t.call('sync.run', {})).toMatchObject({ synced: 1 });
    const found = await t.call('reuse.lookup', { ownerIdNumber: '001203004567' });
    expect(found.status).toBe('ok');
    if (found.status === 'ok') expect(found.documents.map((d) => d.title)).toContain('Giấy khai sinh');

    proxy.policy = () => ({ kind: 'delay', ms: 10_000 });
    const slow = await t.call('reuse.lookup', { ownerIdNumber: '001203004567' });
    expect(slow.status).toBe('offline');
    if (slow.status === 'offline') expect(slow.reason.code).toBe('sync-offline');
  });

  it('counts the index-766 rates by unit and level over the dossiers received in the period', async () => {
    const t = await station();
    const today = vietnamToday();
    const key = { kind: 'p12' as const, path: pki.signer.p12, password: pki.p12Password };
    // Certification of copies (2.000815): two required components, TP01 and TP02.
    const doc = async (dossierCode: string, kind: 'component' | 'result', componentCode?: string, sign = false) => {
      const d = await t.call('documents.import', { paths: [page], ocr: 'skip', metadata: { dossierCode, kind, ...(componentCode ? { componentCode } : {}) } });
      if (sign) await t.call('documents.sign', { id: d.id, key, level: 'B-B', visible: false });
      return d.id;
    };
    const code = (n: number) => `000.00.01.H12-${today.slice(2).replace(/-/g, '')}-${String(n).padStart(4, '0')}`;
    const open = (n: number, issuesResult?: boolean) => t.call('dossiers.open', { code: code(n), procedureCode: '2.000815', ...(issuesResult === undefined ? {} : { issuesResult }) });
    const both = async (n: number) => {
      await doc(code(n), 'component', 'TP01');
      return doc(code(n), 'component', 'TP02');
    };
    // D1: its components and its electronic result, sent: digitized, electronic result.
    await open(1);
    await both(1);
    await doc(code(1), 'result', undefined, true);
    // D2: its components, no result known: digitized.
    await open(2);
    await both(2);
    // D3: one component saved, the other still a draft: not digitized.
    await open(3);
    await doc(code(3), 'component', 'TP01');
    t.station.documents.createDraft('01900000-0000-7000-8000-0000000000d3', 'scan', { dossierCode: code(3), kind: 'component', componentCode: 'TP02' }, vietnamIso());
    // D4: the counter said its procedure issues a result, which is not there yet.
    await open(4, true);
    await both(4);
    // D5: a component reused from an earlier digitization (the records issue's reuse sets this mark).
    await open(5);
    const reused = await both(5);
    t.station.documents.markReused(reused, 'remote:01900000-0000-7000-8000-00000000beef');
    // D6: another unit, at district level; D7: received before the period.
    await t.call('settings.update', { unitCode: '000.00.02.H12', level: 'huyen' });
    await open(6);
    await both(6);
    await t.call('dossiers.open', { code: '000.00.01.H12-240101-0007', procedureCode: '2.000815', receivedAt: '2024-01-01T08:00:00+07:00' });
    await t.call('sync.run', {});

    const report = await t.call('reports.rates', { from: today, to: today });
    const xa = report.rows.find((r) => r.level === 'xa')!;
    expect(xa).toMatchObject({ unitCode: '000.00.01.H12', dossiers: 5, digitized: 3, digitizationRate: 0.6, issuingResult: 2, electronicResults: 1, electronicResultRate: 0.5, reused: 1, reuseRate: 0.2, target: 0.75, meetsTarget: false });
    expect(report.rows.find((r) => r.level === 'huyen')).toMatchObject({ unitCode: '000.00.02.H12', dossiers: 1, digitized: 1, digitizationRate: 1, target: 0.8, meetsTarget: true });
    expect(report.total).toMatchObject({ dossiers: 6, digitized: 4, issuingResult: 2, electronicResults: 1, reused: 1 });

    const csv = join(tmp.path, 'rates.csv');
    await t.call('reports.export', { from: today, to: today, format: 'csv', path: csv });
    const text = readFileSync(csv, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('Tỷ lệ số hóa');
    expect(text).toMatch(/000\.00\.01\.H12,xã,5,3,0\.6000,0\.7500,không,2,1,0\.5000,1,0\.2000/);
    const xlsx = join(tmp.path, 'rates.xlsx');
    await t.call('reports.export', { from: today, to: today, format: 'xlsx', lang: 'en', path: xlsx });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    const sheet = book.getWorksheet('Digitization rates')!;
    expect(sheet.getRow(3).getCell(1).value).toBe('Unit');
    const xaRow = [4, 5].map((n) => sheet.getRow(n)).find((r) => r.getCell(2).value === 'commune')!;
    expect(xaRow.getCell(5).value).toBe(0.6);
    expect(xaRow.getCell(5).numFmt).toBe('0.00%');
    expect((await refusedCall(t.call('reports.rates', { from: today, to: '2020-01-01' }))).code).toBe('invalid-input');
  });

  it('speaks TLS to a store whose certificate chains to the pinned CA, and refuses it otherwise', async () => {
    // A certificate for 127.0.0.1 from the test CA, on a TLS front of the store.
    const dir = pki.dir;
    const openssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    writeFileSync(join(dir, 'tls.ext'), 'subjectAltName = IP:127.0.0.1\nextendedKeyUsage = serverAuth\n');
    openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'tls.key', '-out', 'tls.csr', '-subj', '/CN=127.0.0.1']);
    openssl(['x509', '-req', '-in', 'tls.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'tls.pem', '-days', '30', '-extfile', 'tls.ext']);
    const front = await startFaultProxy(store.url, { tls: { key: readFileSync(join(dir, 'tls.key')), cert: readFileSync(join(dir, 'tls.pem')) } });
    try {
      const env = syncEnv({ SOHOA_SYNC_URL: front.url });
      const unpinned = await station(env);
      const id = await signed(unpinned);
      const refused = await unpinned.call('sync.run', {});
      expect(refused.blocked?.code).toBe('sync-tls');
      expect(refused.blocked?.message.en).toContain('pinned CA');

      await unpinned.call('settings.update', { syncCaFile: pki.caPem });
      expect(await unpinned.call('sync.run', {})).toMatchObject({ synced: 1, blocked: null });
      expect(store.documents().filter((d) => d.documentId === id)).toHaveLength(1);
    } finally {
      await front.close();
    }
  });

  it('syncs with a clock two hours off the store’s, and tells the supervisor', async () => {
    const t = await station();
    const id = await signed(t);
    proxy.policy = () => ({ kind: 'shift-date', seconds: 7200 });
    expect(await t.call('sync.run', {})).toMatchObject({ synced: 1 });
    expect(store.documents().filter((d) => d.documentId === id)).toHaveLength(1);
    const skew = (await t.call('sync.status', {})).clockSkewSeconds;
    expect(skew).toBeGreaterThan(7100);
    expect(skew).toBeLessThan(7300);
  });

  it('never commits a record whose bytes on disk no longer match their hash, and says so', async () => {
    const t = await station();
    const id = await signed(t);
    const file = t.station.blobs.pathOf(await pdfOf(t, id));
    const bytes = readFileSync(file);
    bytes[bytes.length >> 1]! ^= 0x01;
    writeFileSync(file, bytes);
    expect(await t.call('sync.run', {})).toMatchObject({ synced: 0, failed: 1 });
    const failure = (await t.call('sync.status', {})).failures.find((f) => f.documentId === id)!;
    expect(failure.error?.code).toBe('file-corrupt');
    expect(failure.nextAttemptAt).toBeNull(); // a person must restore it from a backup
    expect(store.documents().filter((d) => d.documentId === id)).toHaveLength(0);
  });
});
