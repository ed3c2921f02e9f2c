// Counter intake in Chromium against browser mode, on real back ends: the SANE test scanner, a
// SoftHSM2 token (the station's key, so only the PIN is asked), the reference provincial store.
// The officer's main job (issue 16, point 2): one dossier of two components (Chứng thực bản sao),
// both scanned with their one-touch preset and marked done, the set signed, the receipt printed —
// in at most 2 clicks and 12 keys beyond the data typed (dossier code, owner id, PIN). Every click
// and key goes through a counting wrapper, checked against the trusted input the page received.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
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

/** The officer's hands, counted: every click and every key the test gives the page goes through
 * here. What is data (the dossier code, the owner's id, the PIN) is typed apart from the keys
 * that move the work along, which are what the budget counts (issue 16, point 2). */
function officer(page: Page) {
  const count = { clicks: 0, keys: 0, dataKeys: 0 };
  return {
    count,
    async click(target: Locator) {
      count.clicks++;
      await target.click();
    },
    async press(key: string) {
      count.keys++;
      await page.keyboard.press(key);
    },
    async typeData(text: string) {
      count.dataKeys += text.length;
      await page.keyboard.type(text);
    },
  };
}

/** What reached the page as a person's input (trusted events), and each print asked for: a check
 * that the test's own count leaves nothing out. Page script, as text: it runs in the browser. */
async function watchEffort(page: Page): Promise<void> {
  await page.addInitScript(`
    const effort = { clicks: 0, keys: 0, prints: 0 };
    globalThis.effort = effort;
    // A pointer press, not 'click': Enter on a button also fires a click, and that key is counted.
    document.addEventListener('mousedown', (e) => { if (e.isTrusted) effort.clicks++; }, true);
    // A chord (Shift+Tab) is one keystroke: its modifier alone is not counted.
    const modifiers = ['Shift', 'Control', 'Alt', 'Meta'];
    document.addEventListener('keydown', (e) => { if (e.isTrusted && !modifiers.includes(e.key)) effort.keys++; }, true);
    // Headless Chromium has no printer: the receipt counts as printed when the page asks for it.
    window.print = () => { effort.prints++; };
  `);
}
const effortOf = (page: Page) => page.evaluate(() => ({ ...(globalThis as unknown as { effort: { clicks: number; keys: number; prints: number } }).effort }));

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
  it('takes a 2-component dossier from its code to the signed set and the printed receipt in 2 clicks and 12 keys beyond the data', async () => {
    const page = await mode.newPage();
    await watchEffort(page);
    await page.goto(mode.url);
    const hands = officer(page);
    const started = Date.now();
    const focused = (l: Locator) => l.evaluate((b) => b === b.ownerDocument.activeElement);

    // The counter tab (the station may already open on it: then this click is not needed).
    const tab = page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true });
    if ((await tab.getAttribute('aria-current')) !== 'page') await hands.click(tab);
    const form = page.getByRole('form', { name: 'Mở hồ sơ tại quầy' });
    await expect.poll(() => focused(form.getByLabel('Mã hồ sơ'))).toBe(true);
    await hands.typeData(code);
    await hands.press('Enter'); // → the procedure
    await expect.poll(() => focused(form.getByRole('combobox', { name: /Tìm thủ tục/ }))).toBe(true);
    // The procedure picked with the mouse (one click): the owner's id has the focus then.
    await hands.click(form.getByRole('radio', { name: /Chứng thực bản sao từ bản chính/ }));
    const ownerField = form.getByLabel(/Số định danh \/ mã số thuế của chủ hồ sơ/);
    await expect.poll(() => focused(ownerField)).toBe(true);
    await hands.typeData(owner);
    await screenshot(page, 'intake-open-1366x768');
    await hands.press('Enter'); // opens

    const list = page.getByRole('region', { name: `Hồ sơ ${code}` });
    await list.waitFor();
    const item = (name: string) => list.getByTestId('intake-item').filter({ hasText: name });
    const state = (name: string) => item(name).getByTestId('intake-state').innerText();
    // Neither component may be reused (an original to be certified, and its copy): no offer.
    expect(await list.getByTestId('reuse-offer').count()).toBe(0);
    await screenshot(page, 'intake-checklist-1366x768');

    // Each paper: Enter scans it with its one-touch preset, Enter on Done saves it; the next
    // component's scan then has the focus.
    for (const [name, shot] of [['Bản chính giấy tờ', 'intake-review-1366x768'], ['Bản sao cần chứng thực', null]] as const) {
      await expect.poll(() => focused(item(name).getByRole('button', { name: 'Quét (A4)' }))).toBe(true);
      await hands.press('Enter');
      await item(name).getByTestId('page-thumb').first().waitFor({ timeout: 60_000 });
      await expect.poll(() => focused(item(name).getByRole('button', { name: 'Xong' })), { timeout: 30_000 }).toBe(true);
      // The scanner has stopped: the badge says the pages are not saved yet, not that it scans.
      await expect.poll(() => state(name), { timeout: 60_000 }).toBe('Chưa lưu');
      if (shot) await screenshot(page, shot);
      await hands.press('Enter');
      await expect.poll(() => state(name), { timeout: 60_000 }).toBe('Đã quét, chưa ký');
    }
    await expect(list.getByRole('status').innerText()).resolves.toBe('Đã xong 2/2 thành phần');

    // Complete: signing has the focus; the station's key is remembered, only the PIN is asked.
    await expect.poll(() => focused(list.getByRole('button', { name: 'Ký số bộ hồ sơ (2 tài liệu)' }))).toBe(true);
    await hands.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Ký số 2 tài liệu của hồ sơ ${code}` });
    await expect.poll(() => focused(dialog.getByLabel('Mã PIN'))).toBe(true);
    await hands.typeData(token.pin);
    await screenshot(page, 'intake-sign-1366x768');
    await hands.press('Enter');

    const receipt = page.getByTestId('intake-receipt');
    await receipt.waitFor({ timeout: 90_000 });
    await expect(receipt.innerText()).resolves.toMatch(
      new RegExp(`PHIẾU SỐ HÓA HỒ SƠ[\\s\\S]*${code.replace(/\./g, '\\.')}[\\s\\S]*Chứng thực bản sao từ bản chính giấy tờ, văn bản \\(2\\.000815\\)[\\s\\S]*Bản chính giấy tờ[\\s\\S]*Đã quét và ký số[\\s\\S]*Bản sao cần chứng thực[\\s\\S]*Đã quét và ký số[\\s\\S]*lúc \\d{2}:\\d{2} ngày \\d{2}/\\d{2}/\\d{4}`),
    );
    await receipt.getByRole('img', { name: `Mã QR của hồ sơ ${code}` }).waitFor();
    await screenshot(page, 'intake-receipt-1366x768');
    // Print: the print button is reached with the keys (at most two steps back from the focus).
    const print = page.getByRole('button', { name: 'In phiếu' });
    for (let i = 0; i < 2 && !(await focused(print)); i++) await hands.press('Shift+Tab');
    expect(await focused(print)).toBe(true);
    await hands.press('Enter');
    await expect.poll(async () => (await effortOf(page)).prints).toBe(1);
    const elapsedMs = Date.now() - started;

    // The budget, from the test's own count; the page saw no more than that.
    const seen = await effortOf(page);
    const { clicks, keys, dataKeys } = hands.count;
    console.log(`intake effort: ${clicks} clicks + ${keys} keystrokes beyond the data (${dataKeys} keys of data: code ${code.length}, owner id ${owner.length}, PIN ${token.pin.length}); wall time ${(elapsedMs / 1000).toFixed(1)} s`);
    expect(clicks).toBeLessThanOrEqual(2);
    expect(keys).toBeLessThanOrEqual(12);
    expect(dataKeys).toBe(code.length + owner.length + token.pin.length);
    expect(seen).toEqual({ clicks, keys: keys + dataKeys, prints: 1 });
    await page.close();

    // Queued for sync: the serving station sends both signed scans to the provincial store.
    await expect.poll(() => store.documents().length, { timeout: 60_000, interval: 500 }).toBe(2);
    const station = await openStation({ dataDir: mode.dataDir, env: stationEnv() });
    try {
      const docs = station.documents.list({ dossierCode: code, limit: 10, offset: 0 });
      expect(docs.map((d) => [d.metadata.componentCode, d.signatureCount, d.metadata.ownerIdNumber]).sort()).toEqual([['TP01', 1, owner], ['TP02', 1, owner]]);
      expect(station.reuse.links(code)).toEqual([]);
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
    await form.getByLabel(/Tìm thủ tục/).fill('chung thuc'); // without diacritics
    await expect.poll(() => form.getByRole('radio').count()).toBe(1);
    await screenshot(page, 'intake-open-1920x1080');
    await form.getByRole('button', { name: 'Mở hồ sơ', exact: true }).click();
    const list = page.getByRole('region', { name: `Hồ sơ ${code}` });
    await expect.poll(() => list.getByTestId('intake-state').allInnerTexts()).toEqual(['Đã quét và ký số', 'Đã quét và ký số']);
    await screenshot(page, 'intake-checklist-1920x1080');
    await list.getByRole('button', { name: 'Xem phiếu số hóa' }).click();
    await page.getByTestId('intake-receipt').waitFor();
    await screenshot(page, 'intake-receipt-1920x1080');
    // The same receipt in English.
    await page.getByLabel('Ngôn ngữ').selectOption('en');
    await expect(page.getByTestId('intake-receipt').innerText()).resolves.toMatch(/DIGITIZATION RECEIPT[\s\S]*Component[\s\S]*Scanned and signed[\s\S]*Scanned and signed[\s\S]*Received by Trần Thị Mai/);
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
