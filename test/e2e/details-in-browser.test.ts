// Issue 16's details, as people see them in Chromium against browser mode: the Documents list
// (search by owner or code, owner and provincial-store columns, dd/mm/yyyy times, signing offered
// only on unsigned records), a verification that is intact but not trusted (amber, with its
// reasons in Vietnamese and then English — never green), the audit log in words, supervision
// without environment-variable names, the signature preview in the record's own font, and the
// catalogue line in English.
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../electron/core/dispatch';
import { openStation } from '../../electron/core/station';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { tempDir } from '../helpers/paths';
import { type TestPki, createTestPki } from '../pki/test-pki';
import { DEFAULT_CLIENT, type ProvincialStore, startProvincialStore } from '../provincial-store/harness';
import { type BrowserMode, screenshot, startBrowserMode } from './browser';

let mode: BrowserMode;
let pki: TestPki;
let store: ProvincialStore;
let tmp: ReturnType<typeof tempDir>;
const ADMIN = { username: 'admin', password: 'quan-tri-2026!' };
const VN_TIME = /\d\d:\d\d ngày \d\d\/\d\d\/\d{4}/;

beforeAll(async () => {
  tmp = tempDir('e2e-details');
  pki = await createTestPki();
  store = await startProvincialStore();
  mode = await startBrowserMode();
  const env = { SOHOA_STATION_PASSPHRASE: process.env.SOHOA_STATION_PASSPHRASE, SOHOA_SYNC_URL: store.url, SOHOA_SYNC_CLIENT_ID: DEFAULT_CLIENT.id, SOHOA_SYNC_CLIENT_SECRET: DEFAULT_CLIENT.secret };
  const station = await openStation({ dataDir: mode.dataDir, env });
  try {
    await station.auth.createUser({ userId: null, name: 'Cài đặt', role: 'admin' }, { username: ADMIN.username, displayName: 'Nguyễn Quản Trị', role: 'admin', password: ADMIN.password });
    const handlers = createHandlers(station);
    const session = station.auth.newSession();
    const call = async (method: string, input: unknown) => {
      const r = await dispatch(station, handlers, method, input, { emit: () => {}, session });
      if (!r.ok) throw new Error(r.error.message.en);
      return r.output as { id: string };
    };
    await call('session.login', ADMIN);
    // No trusted authority on purpose: the signature below is intact but vouched for by nobody.
    await call('settings.update', { agencyName: 'UBND xã Hòa Thuận', unitCode: '000.00.01.H12', level: 'xa', readFolders: [tmp.path], trustStore: [] });
    const page = join(tmp.path, 'page.png');
    await vietnamesePage(page, { dpi: 100 });
    const birth = await call('documents.import', {
      paths: [page],
      ocr: 'skip',
      metadata: { title: 'Giấy khai sinh', docNumber: '123/2026/KS', ownerName: 'Trần Thị Bích', ownerIdNumber: '001190012345', dossierCode: '000.00.01.H12-261207-0001' },
    });
    await call('documents.import', { paths: [page, page], ocr: 'skip', metadata: { title: 'Giấy chứng nhận kết hôn', ownerName: 'Lê Văn Cường', dossierCode: '000.00.01.H12-261207-0002' } });
    await call('documents.sign', { id: birth.id, key: { kind: 'p12', path: pki.signer.p12, password: pki.p12Password }, level: 'B-B' });
    await call('sync.run', {});
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

async function signIn(viewport?: { width: number; height: number }): Promise<Page> {
  const page = await mode.newPage(viewport);
  await page.goto(mode.url);
  const form = page.getByRole('form', { name: 'Đăng nhập Trạm Số hóa' });
  await form.getByLabel('Tên đăng nhập').fill(ADMIN.username);
  await form.getByLabel('Mật khẩu').fill(ADMIN.password);
  await form.getByLabel('Mật khẩu').press('Enter');
  await page.getByRole('button', { name: 'Tài liệu', exact: true }).waitFor();
  return page;
}

// Evaluated in the page (strings: this file is compiled without the DOM's types).
const noHorizontalScroll = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth <= document.documentElement.clientWidth');

describe('the details of issue 16', () => {
  it('Documents: search, owner and provincial-store columns, Vietnamese times, sign only what is unsigned; verify says intact but not trusted', async () => {
    const page = await signIn();
    await page.getByRole('button', { name: 'Tài liệu', exact: true }).click();
    const rows = page.getByTestId('document-row');
    await expect.poll(() => rows.count()).toBe(2);
    const head = await page.locator('.documents-table thead').innerText();
    expect(head).toMatch(/Chủ giấy tờ[\s\S]*Mã hồ sơ[\s\S]*Gửi lên tỉnh/);
    const birth = rows.filter({ hasText: 'Giấy khai sinh' });
    const marriage = rows.filter({ hasText: 'Giấy chứng nhận kết hôn' });
    await expect(birth.innerText()).resolves.toMatch(/Trần Thị Bích[\s\S]*001190012345[\s\S]*Đã ký \(1\)[\s\S]*Đã gửi/);
    await expect(birth.innerText()).resolves.toMatch(VN_TIME);
    await expect(marriage.innerText()).resolves.toMatch(/Lê Văn Cường[\s\S]*Chưa xếp gửi/);
    // A signed record offers verification, not a second signing from here; an unsigned one offers signing.
    await expect(birth.getByRole('button', { name: 'Ký số' }).count()).resolves.toBe(0);
    await expect(birth.getByRole('button', { name: 'Kiểm tra chữ ký' }).count()).resolves.toBe(1);
    await expect(marriage.getByRole('button', { name: 'Ký số' }).count()).resolves.toBe(1);

    // The search box finds by owner (without diacritics), by dossier code, by number.
    const search = page.getByRole('searchbox', { name: 'Tìm tài liệu' });
    await search.fill('tran thi bich');
    await expect.poll(() => rows.count()).toBe(1);
    await expect(rows.first().innerText()).resolves.toContain('Giấy khai sinh');
    await expect(page.getByTestId('search-count').innerText()).resolves.toBe('1 tài liệu tìm thấy cho “tran thi bich”.');
    await screenshot(page, 'details-documents-search-1366x768');
    await search.fill('000.00.01.H12-261207-0002');
    await search.press('Enter');
    await expect.poll(async () => (await rows.allInnerTexts()).join('|')).toMatch(/^[^|]*Giấy chứng nhận kết hôn[^|]*$/);
    await search.fill('');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await noHorizontalScroll(page)).toBe(true);
    await screenshot(page, 'details-documents-1366x768');

    // Intact, but no authority vouches for the signer and nobody said whether it was revoked: amber, never green.
    await birth.getByRole('button', { name: 'Kiểm tra chữ ký' }).click();
    const report = page.getByRole('dialog', { name: 'Kiểm tra chữ ký: Giấy khai sinh' });
    const headline = report.getByRole('status');
    await expect.poll(() => headline.innerText(), { timeout: 30_000 }).toMatch(/^Tài liệu không bị sửa sau khi ký, nhưng chưa xác nhận được người ký \(1 trong 1 chữ ký\)/);
    await expect(headline.innerText()).resolves.toContain('Trạm chưa có danh sách tổ chức chứng thực tin cậy; quản trị thêm trong Cài đặt → Ký số.');
    await expect(report.locator('.notice').count()).resolves.toBe(0);
    const card = report.getByTestId('signature-report');
    await expect(card.innerText()).resolves.toMatch(/Nguyên vẹn, chưa tin cậy[\s\S]*Thời gian ký\s+\d\d:\d\d ngày \d\d\/\d\d\/\d{4}[\s\S]*Toàn vẹn\s+có/);
    await expect(report.innerText()).resolves.not.toMatch(/does not|trusted authority|certificate/);
    await screenshot(page, 'details-verify-unconfirmed-1366x768');
    await report.getByRole('button', { name: 'Đóng' }).click();

    // The same reasons in English.
    await page.getByLabel('Ngôn ngữ').selectOption('en');
    await page.getByRole('button', { name: 'Documents', exact: true }).click();
    await rows.filter({ hasText: 'Giấy khai sinh' }).getByRole('button', { name: 'Verify signatures' }).click();
    const english = page.getByRole('dialog', { name: /Giấy khai sinh/ });
    await expect.poll(() => english.getByRole('status').innerText(), { timeout: 30_000 }).toMatch(/^The document has not been changed since it was signed, but the signer is not confirmed/);
    await expect(english.getByRole('status').innerText()).resolves.toContain('The station has no list of trusted authorities yet');
    await expect(english.getByTestId('signature-report').innerText()).resolves.toMatch(/Intact, not trusted[\s\S]*\d\d:\d\d, \d\d\/\d\d\/\d{4}/);
    await screenshot(page, 'details-verify-unconfirmed-english-1366x768');
    await english.getByRole('button', { name: 'Close' }).click();
    await page.getByLabel('Language').selectOption('vi');
    await page.close();

    const wide = await signIn({ width: 1920, height: 1080 });
    await wide.getByRole('button', { name: 'Tài liệu', exact: true }).click();
    await expect.poll(() => wide.getByTestId('document-row').count()).toBe(2);
    await screenshot(wide, 'details-documents-1920x1080');
    await wide.close();
  });

  it('supervision: the audit log in words with Vietnamese times, decimal commas, and no environment-variable names', async () => {
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 1920, height: 1080 },
    ]) {
      const page = await signIn(viewport);
      await page.getByRole('button', { name: 'Giám sát' }).click();
      const sync = page.getByRole('region', { name: 'Đồng bộ với kho dữ liệu tỉnh' });
      await sync.waitFor();
      // The app's own process has no provincial store configured: it says where to set it, not which variable.
      await expect(page.locator('main').innerText()).resolves.not.toMatch(/SOHOA_/);
      await expect(page.locator('main').innerText()).resolves.not.toMatch(/\d\.\d+%/);
      await screenshot(page, `details-sync-${viewport.width}x${viewport.height}`);
      await page.keyboard.press('Alt+Shift+Digit3');
      const audit = page.getByRole('region', { name: 'Nhật ký kiểm toán' });
      const rows = audit.getByTestId('audit-row');
      await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(6);
      const texts = (await rows.allInnerTexts()).join('\n');
      expect(texts).toMatch(/Ký số: Nguyễn Văn An, mức B-B, phiên bản 1/);
      expect(texts).toMatch(/Đã gửi phiên bản 1 lên kho dữ liệu tỉnh \(biên nhận /);
      expect(texts).toMatch(/Tạo bản số hóa — người số hóa: /);
      const settings = texts.split('\n').find((l) => l.startsWith('Đổi cài đặt: '));
      for (const part of ['tên cơ quan = UBND xã Hòa Thuận', 'mã đơn vị = 000.00.01.H12', 'cấp hành chính = xã', 'tổ chức chứng thực tin cậy = —', `thư mục được đọc = ${tmp.path}`]) expect(settings).toContain(part);
      expect(texts).toMatch(/Tạo tài khoản admin — Nguyễn Quản Trị, vai trò quản trị/);
      // What a phrase does not say is still there, under its name; no raw JSON, no field names in English.
      expect(texts).toMatch(/số hiệu chứng thư: [0-9A-Fa-f]+/);
      expect(texts).not.toMatch(/[{}"]|digitizedBy|receiptId/);
      expect(await rows.first().locator('td').nth(1).innerText()).toMatch(VN_TIME);
      expect(await noHorizontalScroll(page)).toBe(true);
      await screenshot(page, `details-audit-${viewport.width}x${viewport.height}`);
      await page.close();
    }
  });

  it('the signature preview is in the record’s own font and says so; the catalogue line is English in English', async () => {
    const page = await signIn();
    await page.getByRole('button', { name: 'Cài đặt' }).click();
    await page.getByRole('button', { name: 'Ký số', exact: true }).click();
    const way = page.getByRole('form', { name: 'Cách trạm ký số' });
    const caption = way.locator('.stamp-preview figcaption');
    await expect(caption.innerText()).resolves.toMatch(/^Chữ Liberation Serif cỡ 10 \(cùng số đo với Times New Roman/);
    const stamp = way.locator('.stamp');
    await expect(page.evaluate<string>("getComputedStyle(document.querySelector('.stamp')).fontFamily")).resolves.toMatch(/^"SoHoa Record Serif"/);
    // The face really loaded (from the same file the core embeds), not a fallback.
    await expect.poll(() => page.evaluate<boolean>("[...document.fonts].some((f) => f.family.includes('SoHoa Record Serif') && f.status === 'loaded')")).toBe(true);
    await stamp.scrollIntoViewIfNeeded();
    await screenshot(page, 'details-signature-preview-1366x768');

    await page.getByLabel('Ngôn ngữ').selectOption('en');
    await page.getByRole('button', { name: 'Intake', exact: true }).click();
    const line = page.locator('.open-dossier p.muted.small, form p.muted.small').filter({ hasText: 'Catalogue:' });
    await expect.poll(() => line.innerText()).toMatch(/^Catalogue: SoHoa Station’s sample — the province replaces it with its own \(thu-tuc\.json in the data folder\), version 2026\.1 of 01\/11\/2026 \(the software’s default\)\.$/);
    await screenshot(page, 'details-catalogue-line-english-1366x768');
    await page.getByLabel('Language').selectOption('vi');
    await page.close();
  });
});
