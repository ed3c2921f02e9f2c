// The supervisor's screen in Chromium against browser mode and the real reference store: the
// queue, a failure while the store is down (with its reason and a Retry), the send, the rates per
// unit with their chart, and the CSV for the province's report.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamToday } from '../../electron/contract';
import { openStation } from '../../electron/core/station';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { tempDir } from '../helpers/paths';
import { type TestPki, createTestPki } from '../pki/test-pki';
import { DEFAULT_CLIENT, type ProvincialStore, startProvincialStore } from '../provincial-store/harness';
import { type BrowserMode, screenshot, startBrowserMode } from './browser';

let pki: TestPki;
let store: ProvincialStore;
let mode: BrowserMode;
let tmp: ReturnType<typeof tempDir>;
const today = vietnamToday();
const code = (n: number) => `000.00.01.H12-${today.slice(2).replace(/-/g, '')}-${String(n).padStart(4, '0')}`;

beforeAll(async () => {
  pki = await createTestPki();
  store = await startProvincialStore();
  Object.assign(process.env, { SOHOA_SYNC_URL: store.url, SOHOA_SYNC_CLIENT_ID: DEFAULT_CLIENT.id, SOHOA_SYNC_CLIENT_SECRET: DEFAULT_CLIENT.secret });
  tmp = tempDir('e2e-supervisor');
  mode = await startBrowserMode();
  const station = await openStation({ dataDir: mode.dataDir, env: { SOHOA_STATION_PASSPHRASE: process.env.SOHOA_STATION_PASSPHRASE } });
  try {
    station.updateSettings({ unitCode: '000.00.01.H12', level: 'xa', operatorName: 'Trần Thị Mai' });
    const page = join(tmp.path, 'page.png');
    await vietnamesePage(page, { dpi: 100 });
    const key = { kind: 'p12' as const, path: pki.signer.p12, password: pki.p12Password };
    for (const [n, kind, sign] of [[1, 'component', true], [1, 'result', true], [2, 'component', true], [3, 'component', false]] as const) {
      const doc = await station.importFiles([page], { dossierCode: code(n), kind, title: `Hồ sơ ${n} — ${kind === 'result' ? 'kết quả' : 'thành phần'}` }, 100, { ocr: 'skip' });
      if (sign) await station.signing.signDocument(doc.id, { key, level: 'B-B', visible: false });
    }
    // Dossier 3 still has a component being scanned: not yet digitized.
    station.documents.createDraft('01900000-0000-7000-8000-0000000000e3', 'scan', { dossierCode: code(3), kind: 'component' }, new Date().toISOString());
  } finally {
    await station.close();
  }
});

afterAll(async () => {
  await mode?.close();
  await store?.cleanup();
  await pki?.close();
  tmp?.cleanup();
});

describe('the supervisor’s screen', () => {
  it('shows the queue, a failure with its reason while the store is down, then the send and the rates', async () => {
    const page = await mode.newPage();
    await page.goto(mode.url);
    await page.getByRole('button', { name: 'Giám sát' }).click();
    const sync = page.getByRole('region', { name: 'Đồng bộ với kho dữ liệu tỉnh' });
    await expect.poll(() => sync.getByTestId('tile-syncPending').innerText()).toMatch(/^3\s/);

    await store.stop();
    await sync.getByRole('button', { name: 'Gửi ngay' }).click();
    const failure = sync.getByTestId('sync-failure').first();
    await failure.waitFor({ timeout: 30_000 });
    await expect(failure.innerText()).resolves.toMatch(/Không kết nối được kho dữ liệu tỉnh/);
    await screenshot(page, 'supervisor-store-down-1366x768');

    await store.start();
    await sync.getByRole('button', { name: 'Thử lại tất cả' }).click();
    await sync.getByRole('button', { name: 'Gửi ngay' }).click();
    await expect.poll(() => sync.getByTestId('tile-syncSynced').innerText(), { timeout: 30_000 }).toMatch(/^3\s/);
    await expect(sync.getByTestId('sync-failure').count()).resolves.toBe(0);
    expect(store.documents()).toHaveLength(3);
    await expect(sync.innerText()).resolves.toMatch(/Trần Thị Mai\s+0\s+3\s+0/);

    const rates = page.getByRole('region', { name: 'Tỷ lệ số hóa (Chỉ số 766)' });
    const row = rates.getByTestId('rate-row').first();
    await expect.poll(() => row.innerText()).toMatch(/000\.00\.01\.H12 \(xã\)\s+3\s+66,67%\s+75,00%\s+100,00%\s+0,00%/);
    await rates.getByRole('img', { name: 'Biểu đồ tỷ lệ số hóa theo đơn vị so với chỉ tiêu' }).waitFor();
    await screenshot(page, 'supervisor-1366x768');

    const [download] = await Promise.all([page.waitForEvent('download'), rates.getByRole('button', { name: 'CSV' }).click()]);
    const csv = readFileSync(await download.path());
    expect(download.suggestedFilename()).toBe(`ty-le-so-hoa_${today.slice(0, 8)}01_${today}.csv`);
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.toString('utf8')).toContain('000.00.01.H12,xã,3,2,0.6667');

    await page.getByLabel('Ngôn ngữ').selectOption('en');
    await page.getByRole('heading', { name: 'Digitization rates (index 766)' }).waitFor();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'supervisor-english-1920x1080');
    await page.close();
  });
});
