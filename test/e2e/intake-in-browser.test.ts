// Counter intake in Chromium against browser mode, on real back ends: the SANE test scanner, a
// SoftHSM2 token, the reference provincial store. A 3-component dossier (Đăng ký khai tử): the
// owner's ID card reused with one key, two papers scanned with their one-touch preset and marked
// done, the set signed with the token's PIN, the receipt. The officer's clicks and keystrokes are
// counted (trusted input events in the page) and printed with the wall time the test observed.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamToday } from '../../electron/contract';
import { openStation } from '../../electron/core/station';
import { writeReceipt } from '../fixtures/receipts/receipt';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { tempDir } from '../helpers/paths';
import { saneEnv, writeSaneConfig } from '../helpers/sane';
import { type SoftToken, createSoftToken } from '../pki/soft-token';
import { type TestPki, createTestPki } from '../pki/test-pki';
import { DEFAULT_CLIENT, type ProvincialStore, startProvincialStore } from '../provincial-store/harness';
import { type BrowserMode, screenshot, startBrowserMode } from './browser';

let pki: TestPki;
let token: SoftToken;
let store: ProvincialStore;
let mode: BrowserMode;
let tmp: ReturnType<typeof tempDir>;
const today = vietnamToday().slice(2).replace(/-/g, '');
const code = `000.00.01.H12-${today}-0315`;
const owner = '049080001234';
const stationEnv = () => ({ SOHOA_STATION_PASSPHRASE: process.env.SOHOA_STATION_PASSPHRASE });

/** An officer's effort: trusted clicks and key presses in the page (what a person did, not what
 * the page did by itself). */
async function countEffort(page: Page): Promise<void> {
  // A pointer press, not 'click': Enter on a button or in a form also fires a click, and that is
  // the key already counted. (Page script, given as text: it runs in the browser, not in Node.)
  await page.addInitScript(`
    const effort = { clicks: 0, keys: 0 };
    globalThis.effort = effort;
    document.addEventListener('mousedown', (e) => { if (e.isTrusted) effort.clicks++; }, true);
    document.addEventListener('keydown', (e) => { if (e.isTrusted) effort.keys++; }, true);
  `);
}
const effortOf = (page: Page) => page.evaluate(() => ({ ...(globalThis as unknown as { effort: { clicks: number; keys: number } }).effort }));

beforeAll(async () => {
  pki = await createTestPki();
  token = createSoftToken([pki.signer]);
  store = await startProvincialStore();
  Object.assign(process.env, { SOHOA_SYNC_URL: store.url, SOHOA_SYNC_CLIENT_ID: DEFAULT_CLIENT.id, SOHOA_SYNC_CLIENT_SECRET: DEFAULT_CLIENT.secret });
  tmp = tempDir('e2e-intake');
  mode = await startBrowserMode();
  const station = await openStation({ dataDir: mode.dataDir, env: stationEnv() });
  try {
    station.updateSettings({ agencyName: 'UBND xã Hòa Thuận', unitCode: '000.00.01.H12', level: 'xa', operatorName: 'Trần Thị Mai', pkcs11Modules: [token.module], trustStore: [pki.caPem], tsaUrl: pki.tsaUrl, readFolders: [tmp.path] });
    const page = join(tmp.path, 'card.png');
    await vietnamesePage(page, { dpi: 100 });
    // The owner's ID card, digitized at an earlier visit and still valid.
    await station.importFiles([page], { title: 'Căn cước công dân', docTypeCode: 'CCCD', ownerIdNumber: owner, ownerName: 'Nguyễn Văn Đức', docNumber: '049080001234', issueDate: '2021-06-01', validUntil: '2036-06-01' }, 100, { ocr: 'skip' });
  } finally {
    await station.close();
  }
});

afterAll(async () => {
  await mode?.close();
  await store?.cleanup();
  await pki?.close();
  token?.cleanup();
  tmp?.cleanup();
});

describe('counter intake', () => {
  it('takes a 3-component dossier from its code to the signed set and the receipt, and counts the officer’s effort', async () => {
    const page = await mode.newPage();
    await countEffort(page);
    await page.goto(mode.url);
    const started = Date.now();

    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
    const form = page.getByRole('form', { name: 'Mở hồ sơ tại quầy' });
    // The code field has the focus as the tab opens: the officer just types.
    await expect.poll(() => form.getByLabel('Mã hồ sơ').evaluate((i) => i === i.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.type(code);
    await form.getByRole('radio', { name: /Đăng ký khai tử/ }).click();
    const ownerField = form.getByLabel(/Số định danh \/ mã số thuế của chủ hồ sơ/);
    await ownerField.click();
    await ownerField.pressSequentially(owner);
    await screenshot(page, 'intake-open-1366x768');
    await ownerField.press('Enter');

    const list = page.getByRole('region', { name: `Hồ sơ ${code}` });
    await list.waitFor();
    const item = (name: string) => list.getByTestId('intake-item').filter({ hasText: name });
    const state = (name: string) => item(name).getByTestId('intake-state').innerText();
    // The owner's card is offered on the ID component and focused: Enter reuses it.
    const offer = item('Giấy tờ tùy thân').getByRole('button', { name: /Tái sử dụng: Căn cước công dân/ });
    await expect.poll(() => offer.evaluate((b) => b === b.ownerDocument.activeElement)).toBe(true);
    await screenshot(page, 'intake-checklist-1366x768');
    await page.keyboard.press('Enter');
    await expect.poll(() => state('Giấy tờ tùy thân')).toBe('Tái sử dụng');

    const focused = (l: ReturnType<Page['locator']>) => l.evaluate((b) => b === b.ownerDocument.activeElement);
    // The first paper with the keyboard only: the next component's scan has the focus, then Done.
    const first = item('Tờ khai đăng ký khai tử');
    await expect.poll(() => focused(first.getByRole('button', { name: 'Quét (A4)' }))).toBe(true);
    await page.keyboard.press('Enter');
    await first.getByTestId('page-thumb').first().waitFor({ timeout: 60_000 });
    await expect.poll(() => focused(first.getByRole('button', { name: 'Xong' }))).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => state('Tờ khai đăng ký khai tử'), { timeout: 60_000 }).toBe('Đã quét, chưa ký');

    // The second with the mouse: its one-touch scan, a look at the page, Done.
    const second = item('Giấy báo tử');
    await second.getByRole('button', { name: 'Quét (A4)' }).click();
    await second.getByTestId('page-thumb').first().waitFor({ timeout: 60_000 });
    // The scanner has stopped: the badge says the pages are not saved yet, not that it scans.
    await expect.poll(() => state('Giấy báo tử'), { timeout: 60_000 }).toBe('Chưa lưu');
    await screenshot(page, 'intake-review-1366x768');
    await second.getByRole('button', { name: 'Xong' }).click();
    await expect.poll(() => state('Giấy báo tử'), { timeout: 60_000 }).toBe('Đã quét, chưa ký');
    await expect(list.getByRole('status').innerText()).resolves.toBe('Đã xong 3/3 thành phần');

    // Complete: signing has the focus.
    await expect.poll(() => focused(list.getByRole('button', { name: 'Ký số bộ hồ sơ (2 tài liệu)' }))).toBe(true);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Ký số 2 tài liệu của hồ sơ ${code}` });
    const pin = dialog.getByLabel('Mã PIN');
    await expect.poll(() => pin.evaluate((i) => i === i.ownerDocument.activeElement)).toBe(true);
    await pin.pressSequentially(token.pin);
    await screenshot(page, 'intake-sign-1366x768');
    await pin.press('Enter');

    const receipt = page.getByTestId('intake-receipt');
    await receipt.waitFor({ timeout: 90_000 });
    const elapsedMs = Date.now() - started;
    const effort = await effortOf(page);
    await expect(receipt.innerText()).resolves.toMatch(
      new RegExp(`PHIẾU SỐ HÓA HỒ SƠ[\\s\\S]*${code.replace(/\./g, '\\.')}[\\s\\S]*Đăng ký khai tử \\(1\\.000656\\)[\\s\\S]*Tờ khai đăng ký khai tử[\\s\\S]*Đã quét và ký số[\\s\\S]*Giấy báo tử[\\s\\S]*Đã quét và ký số[\\s\\S]*Tái sử dụng[\\s\\S]*lúc \\d{2}:\\d{2} ngày \\d{2}/\\d{2}/\\d{4}`),
    );
    await receipt.getByRole('img', { name: `Mã QR của hồ sơ ${code}` }).waitFor();
    await screenshot(page, 'intake-receipt-1366x768');

    // What the officer did, and how long the test took end to end (scans, OCR, signing included).
    console.log(`intake effort: ${effort.clicks} clicks + ${effort.keys} keystrokes = ${effort.clicks + effort.keys} actions (${code.length} of the keys typed the dossier code, ${owner.length} the owner id, ${token.pin.length} the PIN); wall time ${(elapsedMs / 1000).toFixed(1)} s`);
    expect(effort.clicks).toBeLessThanOrEqual(7);
    expect(effort.clicks + effort.keys).toBeLessThanOrEqual(70);
    await page.close();

    // Queued for sync: the serving station sends both signed scans to the provincial store.
    await expect.poll(() => store.documents().length, { timeout: 60_000, interval: 500 }).toBe(2);
    const station = await openStation({ dataDir: mode.dataDir, env: stationEnv() });
    try {
      const docs = station.documents.list({ dossierCode: code, limit: 10, offset: 0 });
      expect(docs.map((d) => [d.metadata.componentCode, d.signatureCount, d.metadata.ownerIdNumber]).sort()).toEqual([['TP01', 1, owner], ['TP02', 1, owner]]);
      expect(station.reuse.links(code)).toEqual([expect.objectContaining({ componentCode: 'TP03', reused: true })]);
    } finally {
      await station.close();
    }
  });

  it('shows the same dossier and its receipt on a 1920 × 1080 screen', async () => {
    const page = await mode.newPage({ width: 1920, height: 1080 });
    await page.goto(mode.url);
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
    const form = page.getByRole('form', { name: 'Mở hồ sơ tại quầy' });
    await form.getByLabel('Mã hồ sơ').fill(code);
    await form.getByLabel(/Tìm thủ tục/).fill('khai tu'); // without diacritics
    await expect.poll(() => form.getByRole('radio').count()).toBe(1);
    await screenshot(page, 'intake-open-1920x1080');
    await form.getByRole('button', { name: 'Mở hồ sơ', exact: true }).click();
    const list = page.getByRole('region', { name: `Hồ sơ ${code}` });
    await expect.poll(() => list.getByTestId('intake-state').allInnerTexts()).toEqual(['Đã quét và ký số', 'Đã quét và ký số', 'Tái sử dụng']);
    await screenshot(page, 'intake-checklist-1920x1080');
    await list.getByRole('button', { name: 'Xem phiếu số hóa' }).click();
    await page.getByTestId('intake-receipt').waitFor();
    await screenshot(page, 'intake-receipt-1920x1080');
    // The same receipt in English.
    await page.getByLabel('Ngôn ngữ').selectOption('en');
    await expect(page.getByTestId('intake-receipt').innerText()).resolves.toMatch(/DIGITIZATION RECEIPT[\s\S]*Component[\s\S]*Scanned and signed[\s\S]*Reused[\s\S]*Received by Trần Thị Mai/);
    await screenshot(page, 'intake-receipt-english-1920x1080');
    await page.close();
  });

  it('reads the receipt’s code from an image scanned through SANE’s pnm backend, and says what to do when a scan has none', async () => {
    const page = await mode.newPage();
    await page.goto(mode.url);
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
    const form = page.getByRole('form', { name: 'Mở hồ sơ tại quầy' });

    // The test scanner's page has no code on it.
    await form.getByRole('button', { name: 'Quét giấy biên nhận' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.getAttribute('data-code'), await alert.innerText()).toBe('receipt-unreadable');
    await expect(alert.innerText()).resolves.toMatch(/gõ mã hồ sơ/);
    await screenshot(page, 'intake-receipt-unreadable-1366x768');
    await alert.getByRole('button').click();

    // A receipt with a QR code, scanned by SANE's frontend through the pnm backend (the station's
    // own scan path cannot drive pnm: it has no scan area), read from the file.
    const other = `000.00.01.H12-${today}-0316`;
    const ppm = join(tmp.path, 'bien-nhan.ppm');
    await writeReceipt(ppm, { content: other, symbology: 'QRCode', skewDegrees: 1.5 });
    const png = join(tmp.path, 'bien-nhan.png');
    const saneDir = writeSaneConfig(join(tmp.path, 'sane.d'));
    writeFileSync(png, execFileSync('scanimage', ['-d', 'pnm:0', '--filename', ppm, '--resolution', '200', '--format=png'], { env: saneEnv(saneDir), maxBuffer: 64 << 20 }));
    await form.getByText('Đọc mã từ tệp ảnh biên nhận trên máy').click();
    await form.getByLabel('Đường dẫn tệp ảnh biên nhận').fill(png);
    await form.getByRole('button', { name: 'Đọc mã', exact: true }).click();
    await expect.poll(() => form.getByLabel('Mã hồ sơ').inputValue(), { timeout: 30_000 }).toBe(other);
    await expect(form.getByRole('status').innerText()).resolves.toBe(`Đã đọc mã hồ sơ ${other} từ biên nhận (QRCode).`);
    await screenshot(page, 'intake-receipt-read-1366x768');
    await page.close();
  });
});
