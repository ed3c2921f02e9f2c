// At the counter, in Chromium against browser mode on real back ends (the SANE test scanner, a
// SoftHSM2 token, a PKCS#12 file): the intake pages (a thumbnail opens the scan screen's page
// review; the badge leaves "Đang quét" when the scan ends; a saved component is viewed and
// rescanned; a CCCD is saved as one composed page), signing with the configured key (holder and
// expiry shown, only the PIN asked; a .p12 remembered between dossiers, only its password asked),
// the receipt (people's times, the citizen, the unit; "In phiếu" focused, Enter prints), the
// station's signing level as it is in effect, and a jam on the glass said without a feeder.
import { dirname } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamToday } from '../../electron/contract';
import { openStation } from '../../electron/core/station';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { tempDir } from '../helpers/paths';
import { type SoftToken, createSoftToken } from '../pki/soft-token';
import { type TestPki, createTestPki } from '../pki/test-pki';
import { type BrowserMode, screenshot, startBrowserMode } from './browser';

let pki: TestPki;
let token: SoftToken;
let mode: BrowserMode;
let tmp: ReturnType<typeof tempDir>;
const today = vietnamToday().slice(2).replace(/-/g, '');
const code = `000.00.01.H12-${today}-0421`;
const second = `000.00.01.H12-${today}-0422`;
const owner = '049080001234';
const stationEnv = () => ({ SOHOA_STATION_PASSPHRASE: process.env.SOHOA_STATION_PASSPHRASE });
const focused = (l: ReturnType<Page['locator']>) => l.evaluate((e) => e === e.ownerDocument.activeElement);

beforeAll(async () => {
  pki = await createTestPki();
  token = createSoftToken([pki.signer]);
  tmp = tempDir('e2e-counter');
  mode = await startBrowserMode();
  const station = await openStation({ dataDir: mode.dataDir, env: stationEnv() });
  try {
    // No timestamp authority and no level chosen: the station signs B-B.
    station.updateSettings({ agencyName: 'UBND xã Hòa Thuận', unitCode: '000.00.01.H12', level: 'xa', operatorName: 'Trần Thị Mai', pkcs11Modules: [token.module], trustStore: [pki.caPem], readFolders: [tmp.path, dirname(pki.signer.p12)] });
    const card = `${tmp.path}/card.png`;
    await vietnamesePage(card, { dpi: 100 });
    // The owner's ID card from an earlier visit: reused for the groom's card, and it names him.
    await station.importFiles([card], { title: 'Căn cước công dân', docTypeCode: 'CCCD', ownerIdNumber: owner, ownerName: 'Nguyễn Văn Đức', docNumber: owner, issueDate: '2021-06-01', validUntil: '2036-06-01' }, 100, { ocr: 'skip' });
    // A paper signed outside a dossier (Documents → Ký số).
    await station.importFiles([card], { title: 'Giấy ủy quyền' }, 100, { ocr: 'skip' });
  } finally {
    await station.close();
  }
});

afterAll(async () => {
  await mode?.close();
  await pki?.close();
  token?.cleanup();
  tmp?.cleanup();
});

async function openDossier(page: Page, dossier: string, search: string, ownerId?: string) {
  await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
  const form = page.getByRole('form', { name: 'Mở hồ sơ tại quầy' });
  await form.getByLabel('Mã hồ sơ').fill(dossier);
  await form.getByLabel(/Tìm thủ tục/).fill(search);
  await expect.poll(() => form.getByRole('radio').count()).toBe(1);
  await form.getByRole('radio').first().click();
  if (ownerId) await form.getByLabel(/Số định danh \/ mã số thuế của chủ hồ sơ/).fill(ownerId);
  await form.getByRole('button', { name: 'Mở hồ sơ', exact: true }).click();
  const list = page.getByRole('region', { name: `Hồ sơ ${dossier}` });
  await list.waitFor();
  return list;
}

describe('intake pages, signing with the configured key, and the receipt', () => {
  it('reviews, views and rescans pages, composes the CCCD, signs with only the PIN, and prints the receipt with Enter', async () => {
    const page = await mode.newPage();
    // Printing is counted, not done (headless Chromium has no printer).
    await page.addInitScript('globalThis.printed = 0; window.print = () => { globalThis.printed++; };');
    await page.goto(mode.url);
    const list = await openDossier(page, code, 'ket hon', owner);
    const item = (name: string) => list.getByTestId('intake-item').filter({ hasText: name });
    const state = (name: string) => item(name).getByTestId('intake-state').innerText();

    // The groom's card is reused (and names the citizen for the receipt).
    await item('Căn cước công dân của bên nam').getByRole('button', { name: /Tái sử dụng: Căn cước công dân/ }).click();
    await expect.poll(() => state('Căn cước công dân của bên nam')).toBe('Tái sử dụng');

    // The form: scanned; once the scanner stops, the badge no longer says it scans.
    const form = item('Tờ khai đăng ký kết hôn');
    await form.getByRole('button', { name: 'Quét (A4)' }).click();
    await form.getByTestId('page-thumb').first().waitFor({ timeout: 60_000 });
    await expect.poll(() => state('Tờ khai đăng ký kết hôn'), { timeout: 60_000 }).toBe('Chưa lưu');
    // A thumbnail opens the scan screen's page review: rotate, then back.
    await form.getByTestId('page-thumb').first().click();
    const review = page.getByRole('dialog', { name: 'Trang 1 / 1' });
    await review.waitFor();
    await review.getByRole('button', { name: /Xoay phải/ }).click();
    await expect.poll(() => review.getAttribute('aria-busy'), { timeout: 30_000 }).toBe('false');
    await screenshot(page, 'intake-page-review-1366x768');
    await page.keyboard.press('Escape');
    await review.waitFor({ state: 'detached' });
    await form.getByRole('button', { name: 'Xong' }).click();
    await expect.poll(() => state('Tờ khai đăng ký kết hôn'), { timeout: 60_000 }).toBe('Đã quét, chưa ký');

    // Saved: it can be looked at again, and rescanned (the new scan replaces it).
    await form.getByRole('button', { name: 'Xem', exact: true }).click();
    const view = page.getByRole('dialog', { name: 'Tờ khai đăng ký kết hôn — 1 trang' });
    await view.getByRole('img', { name: /Trang 1/ }).first().waitFor();
    await screenshot(page, 'intake-saved-view-1366x768');
    await view.getByRole('button', { name: 'Đóng' }).click();
    await form.getByRole('button', { name: 'Quét lại', exact: true }).click();
    await form.getByText('Bản quét mới thay bản cũ khi bấm Xong').waitFor();
    await form.getByTestId('page-thumb').first().waitFor({ timeout: 60_000 });
    await expect.poll(() => focused(form.getByRole('button', { name: 'Xong' })), { timeout: 60_000 }).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => form.getByRole('button', { name: 'Quét lại', exact: true }).count(), { timeout: 60_000 }).toBe(1);

    const paper = item('Giấy xác nhận tình trạng hôn nhân');
    await paper.getByRole('button', { name: 'Quét (A4)' }).click();
    await paper.getByTestId('page-thumb').first().waitFor({ timeout: 60_000 });
    await paper.getByRole('button', { name: 'Xong' }).click();
    await expect.poll(() => state('Giấy xác nhận tình trạng hôn nhân'), { timeout: 60_000 }).toBe('Đã quét, chưa ký');

    // The bride's card: front, back, Done → one A4 page, front above back.
    const bride = item('Căn cước công dân của bên nữ');
    await bride.getByRole('button', { name: 'Quét (Thẻ CCCD)' }).click();
    await bride.getByTestId('page-thumb').first().waitFor({ timeout: 60_000 });
    await bride.getByRole('button', { name: 'Quét mặt sau' }).click();
    await expect.poll(() => bride.getByTestId('page-thumb').count(), { timeout: 60_000 }).toBe(2);
    await bride.getByRole('button', { name: 'Ghép hai mặt thẻ lên một trang A4' }).waitFor();
    await screenshot(page, 'intake-id-card-sides-1366x768');
    await expect.poll(() => focused(bride.getByRole('button', { name: 'Xong' })), { timeout: 60_000 }).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => state('Căn cước công dân của bên nữ'), { timeout: 60_000 }).toBe('Đã quét, chưa ký');
    await expect(bride.innerText()).resolves.toContain('1 trang');
    await bride.getByRole('button', { name: 'Xem', exact: true }).click();
    const composed = page.getByRole('dialog', { name: 'Căn cước công dân của bên nữ — 1 trang' });
    await composed.getByRole('img', { name: /Trang 1/ }).first().waitFor();
    await screenshot(page, 'intake-id-card-composed-1366x768');
    await composed.getByRole('button', { name: 'Đóng' }).click();
    await screenshot(page, 'intake-pages-done-1366x768');

    // Signing: the configured token certificate, said with its holder and expiry; only the PIN.
    await list.getByRole('button', { name: 'Ký số bộ hồ sơ (3 tài liệu)' }).click();
    const dialog = page.getByRole('dialog', { name: `Ký số 3 tài liệu của hồ sơ ${code}` });
    const summary = dialog.getByTestId('key-summary');
    await expect.poll(() => summary.innerText()).toMatch(/Nguyễn Văn An[\s\S]*Hiệu lực đến\s+\d{2}\/\d{2}\/\d{4}\s[\s\S]*Thiết bị ký/);
    const pin = dialog.getByLabel('Mã PIN');
    await expect.poll(() => focused(pin)).toBe(true);
    expect(await dialog.locator('input:not([type="password"]), select').count()).toBe(0); // no library path, no choice: only the PIN
    await expect(dialog.getByTestId('station-way').innerText()).resolves.toMatch(/B-B/);
    // A mistyped PIN: said, emptied, and the field ready to type again.
    await pin.pressSequentially('000000');
    await pin.press('Enter');
    await expect.poll(() => dialog.getByRole('alert').getAttribute('data-code'), { timeout: 30_000 }).toBe('pin-incorrect');
    await expect.poll(() => focused(pin)).toBe(true);
    expect(await pin.inputValue()).toBe('');
    await pin.pressSequentially(token.pin);
    await screenshot(page, 'intake-sign-configured-1366x768');
    await pin.press('Enter');

    // The receipt: people's times, the citizen, the unit; "In phiếu" focused, Enter prints.
    const receipt = page.getByTestId('intake-receipt');
    await receipt.waitFor({ timeout: 90_000 });
    const text = await receipt.innerText();
    expect(text).toMatch(/Người nộp hồ sơ: Nguyễn Văn Đức — số định danh 049080001234/);
    expect(text).toMatch(/lúc \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4} — đơn vị UBND xã Hòa Thuận \(000\.00\.01\.H12\)/);
    expect(text).toMatch(/Hồ sơ tiếp nhận lúc \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}\./);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T|\+07:00|:\d{2}\.\d{3}/); // no ISO, no milliseconds
    const print = page.getByRole('button', { name: 'In phiếu' });
    await expect.poll(() => focused(print)).toBe(true);
    await screenshot(page, 'intake-receipt-formatted-1366x768');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { printed: number }).printed)).toBe(1);
    await expect.poll(() => focused(page.getByRole('button', { name: 'Tiếp nhận hồ sơ tiếp theo' }))).toBe(true);
    await page.close();

    const station = await openStation({ dataDir: mode.dataDir, env: stationEnv() });
    try {
      const docs = station.documents.list({ dossierCode: code, limit: 20, offset: 0 });
      // One record per component: the rescan replaced the first form; the card is one page.
      expect(docs.map((d) => [d.metadata.componentCode, d.status, d.pageCount, d.signatureCount]).sort()).toEqual([
        ['TP01', 'ready', 1, 1],
        ['TP02', 'ready', 1, 1],
        ['TP04', 'ready', 1, 1],
      ]);
    } finally {
      await station.close();
    }
  });

  it('shows the level in effect in settings, remembers an officer’s .p12, and then asks only its password at the counter', async () => {
    const page = await mode.newPage({ width: 1920, height: 1080 });
    await page.goto(mode.url);
    await page.getByRole('button', { name: 'Cài đặt', exact: true }).click();
    await page.getByRole('button', { name: 'Ký số', exact: true }).click();
    const way = page.getByRole('form', { name: 'Cách trạm ký số' });
    // No TSA and no level chosen: B-B is what the station does, and the form says so.
    await expect(way.getByLabel('Mức chữ ký').inputValue()).resolves.toBe('B-B');
    await expect(way.getByTestId('station-way').innerText()).resolves.toMatch(/^Trạm đang ký: B-B/);
    const mine = page.getByRole('form', { name: 'Khóa ký của tôi' });
    await mine.getByRole('radio', { name: 'Tệp chứng thư (.p12, .pfx)' }).click();
    await mine.getByLabel('Đường dẫn tệp chứng thư').fill(pki.signer.p12);
    await mine.getByRole('button', { name: 'Lưu (Ctrl+S)' }).click();
    await mine.getByText('Đã lưu.', { exact: false }).waitFor();
    // Saving the station's way as it is shown needs no TSA either.
    await way.getByRole('button', { name: 'Lưu (Ctrl+S)' }).click();
    await way.getByText('Đã lưu.', { exact: false }).waitFor();
    await screenshot(page, 'settings-signing-in-effect-1920x1080');

    const list = await openDossier(page, second, '2.000815');
    for (const name of ['Bản chính giấy tờ, văn bản cần chứng thực', 'Bản sao cần chứng thực']) {
      const it = list.getByTestId('intake-item').filter({ hasText: name });
      await it.getByRole('button', { name: 'Quét (A4)' }).click();
      await it.getByTestId('page-thumb').first().waitFor({ timeout: 60_000 });
      if (name === 'Bản sao cần chứng thực') {
        // The page review from a thumbnail, on a large screen too.
        await it.getByTestId('page-thumb').first().click();
        const review = page.getByRole('dialog', { name: 'Trang 1 / 1' });
        await review.waitFor();
        // (Page script, given as text: it runs in the browser, not in Node.)
        const imagesIn = "[...document.querySelectorAll('.page-review img')].every((i) => i.complete && i.naturalWidth > 0) && document.querySelectorAll('.page-review img').length > 0";
        await expect.poll(() => page.evaluate(imagesIn), { timeout: 30_000 }).toBe(true);
        await screenshot(page, 'intake-page-review-1920x1080');
        await review.getByRole('button', { name: 'Đóng' }).click();
        await review.waitFor({ state: 'detached' });
      }
      await it.getByRole('button', { name: 'Xong' }).click();
      await expect.poll(() => it.getByTestId('intake-state').innerText(), { timeout: 60_000 }).toBe('Đã quét, chưa ký');
    }
    await screenshot(page, 'intake-checklist-scanned-1920x1080');
    await list.getByRole('button', { name: 'Ký số bộ hồ sơ (2 tài liệu)' }).click();
    const dialog = page.getByRole('dialog', { name: `Ký số 2 tài liệu của hồ sơ ${second}` });
    await expect.poll(() => dialog.getByTestId('key-summary').innerText()).toMatch(/Tệp chứng thư\s+signer\.p12/);
    const password = dialog.getByLabel('Mật khẩu tệp chứng thư');
    await expect.poll(() => focused(password)).toBe(true);
    await password.pressSequentially(pki.p12Password);
    await screenshot(page, 'intake-sign-p12-1920x1080');
    await password.press('Enter');
    const receipt = page.getByTestId('intake-receipt');
    await receipt.waitFor({ timeout: 90_000 });
    await expect(receipt.innerText()).resolves.not.toMatch(/Người nộp hồ sơ/); // nobody named: no empty line
    await screenshot(page, 'intake-receipt-formatted-1920x1080');

    // Next time the file is known by its certificate too: holder, issuer, expiry before signing.
    await page.getByRole('button', { name: 'Tài liệu', exact: true }).click();
    await page.getByTestId('document-row').filter({ hasText: 'Giấy ủy quyền' }).getByRole('button', { name: 'Ký số' }).click();
    const again = page.getByRole('dialog', { name: 'Ký số: Giấy ủy quyền' });
    await expect.poll(() => again.getByTestId('key-summary').innerText()).toMatch(/Người ký \(chủ chứng thư\)\s+Nguyễn Văn An[\s\S]*Hiệu lực đến\s+\d{2}\/\d{2}\/\d{4}\s+Tệp chứng thư\s+signer\.p12/);
    await expect.poll(() => focused(again.getByLabel('Mật khẩu tệp chứng thư'))).toBe(true);
    await screenshot(page, 'sign-dialog-p12-known-1920x1080');
    await again.getByRole('button', { name: 'Đóng' }).click();
    await page.close();

    // Settings say the same, at a counter PC's size: the officer's file and its certificate, and
    // the station's level in effect.
    const small = await mode.newPage();
    await small.goto(mode.url);
    await small.getByRole('button', { name: 'Cài đặt', exact: true }).click();
    await small.getByRole('button', { name: 'Ký số', exact: true }).click();
    await expect.poll(() => small.getByTestId('my-key-certificate').innerText()).toMatch(/Nguyễn Văn An[\s\S]*\d{2}\/\d{2}\/\d{4}/);
    await expect(small.getByTestId('station-way').innerText()).resolves.toMatch(/^Trạm đang ký: B-B/);
    expect(await small.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).toBe(true); // no horizontal scrollbar
    await screenshot(small, 'settings-signing-in-effect-1366x768');
    await small.close();
  });
});

describe('a jam on the glass at the counter', () => {
  it('says what to do without a feeder, and offers the Continue it can use', async () => {
    const jamming = await startBrowserMode({ readStatus: 'SANE_STATUS_JAMMED' });
    try {
      const station = await openStation({ dataDir: jamming.dataDir, env: stationEnv() });
      try {
        station.updateSettings({ agencyName: 'UBND xã Hòa Thuận', unitCode: '000.00.01.H12', level: 'xa' });
      } finally {
        await station.close();
      }
      const page = await jamming.newPage();
      await page.goto(jamming.url);
      const list = await openDossier(page, `000.00.01.H12-${today}-0423`, '2.000815');
      const it = list.getByTestId('intake-item').first();
      await it.getByRole('button', { name: 'Quét (A4)' }).click();
      const alert = it.getByRole('alert');
      await alert.waitFor({ timeout: 60_000 });
      await expect(alert.getAttribute('data-code')).resolves.toBe('jammed-flatbed');
      const said = await alert.innerText();
      expect(said).toMatch(/kẹt giấy khi quét trên mặt kính/);
      expect(said).not.toMatch(/khay nạp/);
      await alert.getByRole('button', { name: 'Tiếp tục' }).waitFor();
      await expect.poll(() => it.getByTestId('intake-state').innerText()).toBe('Chưa có'); // nothing scanned, nothing scanning
      await screenshot(page, 'intake-jam-flatbed-1366x768');
      await page.close();
    } finally {
      await jamming.close();
    }
  });
});
