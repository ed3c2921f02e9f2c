// The rates as a supervisor checks them (issue 21), in Chromium against browser mode: a figure
// opens to the dossiers behind it, each with what it lacks and who received it; a dossier opens
// to its components; the trend by month is drawn; the printed report downloads as a PDF.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamToday } from '../../electron/contract';
import { openStation } from '../../electron/core/station';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { tempDir } from '../helpers/paths';
import { type BrowserMode, screenshot, startBrowserMode } from './browser';

let mode: BrowserMode;
let tmp: ReturnType<typeof tempDir>;
const today = vietnamToday();
const code = (n: number) => `000.00.01.H12-${today.slice(2).replace(/-/g, '')}-${String(n).padStart(4, '0')}`;

beforeAll(async () => {
  tmp = tempDir('e2e-rates-behind');
  mode = await startBrowserMode();
  const station = await openStation({ dataDir: mode.dataDir, env: { SOHOA_STATION_PASSPHRASE: process.env.SOHOA_STATION_PASSPHRASE } });
  try {
    station.updateSettings({ unitCode: '000.00.01.H12', level: 'xa', agencyName: 'UBND xã Hòa Thuận' });
    const page = join(tmp.path, 'page.png');
    await vietnamesePage(page, { dpi: 100 });
    const unit = { unitCode: '000.00.01.H12', level: 'xa' as const };
    // 1: complete (certification of copies: TP01 and TP02); 2: TP02 missing; 3: no procedure.
    for (const n of [1, 2]) station.dossiers.open({ code: code(n), procedureCode: '2.000815' }, unit, new Date().toISOString());
    const papers = [[1, 'TP01'], [1, 'TP02'], [2, 'TP01']] as const;
    for (const [n, component] of papers) await station.importFiles([page], { dossierCode: code(n), kind: 'component', componentCode: component, title: `Hồ sơ ${n} — ${component}` }, 100, { ocr: 'skip' });
    await station.importFiles([page], { dossierCode: code(3), title: 'Đơn không rõ thủ tục' }, 100, { ocr: 'skip' });
  } finally {
    await station.close();
  }
});

afterAll(async () => {
  await mode?.close();
  tmp?.cleanup();
});

describe('the rates, figure by figure', () => {
  it('opens a rate to the dossiers behind it, with what each lacks, and prints the report', async () => {
    const page = await mode.newPage();
    await page.goto(mode.url);
    await page.getByRole('button', { name: 'Giám sát' }).click();
    const rates = page.getByRole('region', { name: 'Tỷ lệ số hóa (Chỉ số 766)' });
    const total = rates.getByTestId('rate-row').last();
    // One of three digitized, with a decimal comma.
    await expect.poll(() => total.innerText()).toMatch(/Tổng\s+3\s+33,33%/);

    await total.getByRole('button', { name: /^33,33% — Xem các hồ sơ/ }).click();
    const behind = page.getByTestId('rate-dossiers');
    await behind.waitFor();
    await expect(behind.getByRole('button', { name: 'Chưa số hóa (2)' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(behind.getByRole('button', { name: 'Đã số hóa (1)' }).isVisible()).resolves.toBe(true);
    const states = () => behind.getByTestId('rate-dossier').evaluateAll((rows) => rows.map((r) => [r.querySelector('th')?.textContent, r.querySelector('[data-testid="rate-dossier-state"]')?.textContent]));
    await expect.poll(states).toEqual([
      [code(2), 'Thiếu TP02'],
      [code(3), 'Không xác định thủ tục'],
    ]);
    await screenshot(page, 'rates-behind-1366x768');

    // The dossier itself: its components with the counter's words.
    await behind.getByTestId('rate-dossier').first().getByRole('button', { name: 'Xem hồ sơ' }).click();
    const dialog = page.getByRole('dialog', { name: `Hồ sơ ${code(2)}` });
    await dialog.waitFor();
    await expect.poll(() => dialog.getByTestId('dossier-component').allInnerTexts()).toEqual([
      expect.stringMatching(/^TP01\s+Bản chính giấy tờ, văn bản cần chứng thực \(bắt buộc\)\s+Đã quét, chưa ký\s+Mở bản số hóa$/),
      expect.stringMatching(/^TP02\s+Bản sao cần chứng thực \(bắt buộc\)\s+Chưa có\s*$/),
    ]);
    await screenshot(page, 'rates-dossier-dialog-1366x768');
    await dialog.getByRole('button', { name: 'Đóng' }).click();

    // The trend by month, bar by bar.
    await rates.getByRole('img', { name: 'Biểu đồ tỷ lệ số hóa theo tháng so với chỉ tiêu' }).waitFor();
    await expect(rates.getByTestId('trend-month').count()).resolves.toBe(12);

    // The printed report.
    const [download] = await Promise.all([page.waitForEvent('download'), rates.getByRole('button', { name: 'In báo cáo (PDF)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^ty-le-so-hoa_.*\.pdf$/);
    const text = execFileSync('pdftotext', ['-layout', await download.path(), '-'], { encoding: 'utf8' });
    expect(text).toContain('UBND XÃ HÒA THUẬN');
    expect(text).toMatch(/III\. Hồ sơ chưa được số hóa \(2\)/);

    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'rates-behind-1920x1080');
    await page.close();
  });

  it('judges against the targets the administrator sets, typed as percentages', async () => {
    const page = await mode.newPage();
    await page.goto(mode.url);
    await page.getByRole('button', { name: 'Cài đặt' }).click();
    const targets = page.getByRole('form', { name: 'Chỉ tiêu tỷ lệ số hóa (%)' });
    await expect(targets.getByLabel('Cấp xã').inputValue()).resolves.toBe('75');
    await targets.getByLabel('Cấp xã').fill('abc');
    await targets.getByRole('button', { name: 'Lưu' }).click();
    await expect(targets.innerText()).resolves.toContain('Nhập một phần trăm từ 0 đến 100');
    await targets.getByLabel('Cấp xã').fill('30');
    await targets.getByRole('button', { name: 'Lưu' }).click();
    await targets.getByRole('status').waitFor();
    await screenshot(page, 'settings-rate-targets-1366x768');
    await page.getByRole('button', { name: 'Giám sát' }).click();
    const unit = page.getByRole('region', { name: 'Tỷ lệ số hóa (Chỉ số 766)' }).getByTestId('rate-row').first();
    await expect.poll(() => unit.innerText()).toMatch(/000\.00\.01\.H12 \(xã\)\s+3\s+33,33%\s+30,00%/);
    await page.close();
  });
});
