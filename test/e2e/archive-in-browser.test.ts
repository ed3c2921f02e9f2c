// The archivist's day in Chromium against browser mode: a batch whose stack (scanned through SANE's
// pnm backend, split at patch T sheets) waits for indexing; the archivist indexes from the keyboard
// only — OCR offers the date and the id number, a refused date keeps the focus with its message,
// Enter sends the document for checking and opens the next; a reload resumes at the same document
// with what was typed; a stack scanned from the test feeder becomes a new document while the
// progress follows it. Dates are typed and shown dd/mm/yyyy; the retention period is a choice in
// Vietnamese; the new-batch form fits its column at 1366 px. A second archivist approves at
// 1920 × 1080, warned of the blank page the first document carries. No mouse click is used for
// indexing or checking (a listener counts them).
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStation } from '../../electron/core/station';
import { SHEET_DPI, scanThroughPnm, sheetFile, textSheet } from '../fixtures/archive/feed';
import { tempDir } from '../helpers/paths';
import { type BrowserMode, screenshot, startBrowserMode } from './browser';

let mode: BrowserMode;
let tmp: ReturnType<typeof tempDir>;
const PASSWORDS = { admin: 'quan-tri-2026!', hung: 'luu-tru-vien-9', thu: 'luu-tru-vien-7' };
const DECISION = ['UỶ BAN NHÂN DÂN HUYỆN ĐÔNG ANH', 'Số: 125/QĐ-UBND', 'Đông Anh, ngày 15 tháng 3 năm 2019', 'QUYẾT ĐỊNH', 'Về việc cấp giấy phép xây dựng', 'Cấp cho ông Nguyễn Văn An, số CCCD 001203004567'];

beforeAll(async () => {
  mode = await startBrowserMode();
  tmp = tempDir('archive-e2e');
  const saneDir = join(mode.dataDir, '..', 'sane.d');
  const station = await openStation({ dataDir: mode.dataDir, env: { ...process.env, SANE_CONFIG_DIR: saneDir } });
  try {
    const setup = { userId: null, name: 'cài đặt', role: 'admin' as const };
    await station.auth.createUser(setup, { username: 'admin', displayName: 'Quản trị', role: 'admin', password: PASSWORDS.admin });
    const hung = await station.auth.createUser(setup, { username: 'hung', displayName: 'Lê Văn Hùng', role: 'archivist', password: PASSWORDS.hung });
    await station.auth.createUser(setup, { username: 'thu', displayName: 'Phạm Thị Thu', role: 'archivist', password: PASSWORDS.thu });
    const batch = station.archive.create(
      { name: 'Phông UBND huyện Đông Anh — hộp 7', separator: 'patch-t', defaults: { fonds: 'UBND huyện Đông Anh', box: '7', retention: 'permanent' } },
      { userId: hung.id, name: hung.displayName, role: 'archivist' },
    );
    // The first document carries the blank back of a sheet: the QC pass warns of it.
    const sheets = [{ kind: 'text', lines: DECISION } as const, textSheet(2), { kind: 'blank' } as const, { kind: 'patch', code: 'T' } as const, textSheet(3), { kind: 'patch', code: 'T' } as const, textSheet(4), { kind: 'patch', code: 'T' } as const];
    const files = await Promise.all(sheets.map((s, i) => sheetFile(s, tmp.path, `sheet-${i}`)));
    const scans = files.map((f) => scanThroughPnm(f, saneDir));
    expect(await station.archive.importFiles(batch.id, scans, SHEET_DPI)).toMatchObject({ pages: 5, separators: 3, documentsStarted: 3 });
  } finally {
    await station.close();
  }
}, 120_000);

afterAll(async () => {
  await mode?.close();
  tmp?.cleanup();
});

async function signIn(page: Page, username: keyof typeof PASSWORDS) {
  await page.goto(mode.url);
  const form = page.getByRole('form', { name: 'Đăng nhập Trạm Số hóa' });
  await expect.poll(() => form.isVisible(), { timeout: 30_000 }).toBe(true);
  await form.getByLabel('Tên đăng nhập').fill(username);
  await form.getByLabel('Mật khẩu').fill(PASSWORDS[username]);
  await form.getByLabel('Mật khẩu').press('Enter');
  // A sign-in hashes the password (scrypt): seconds on a loaded machine. An archivist starts on
  // the archive (session/screens-by-role.ts): no key to get there (an Enter pressed on the tab
  // could land in the form the screen focuses as it loads).
  await expect.poll(() => page.locator('.tabs [aria-current="page"]').innerText(), { timeout: 30_000 }).toBe('Số hóa lưu trữ');
  // Page-side code as text: the tests' TypeScript has no DOM types.
  await page.evaluate("window.mouseClicks = 0; window.addEventListener('mousedown', () => window.mouseClicks++, true)");
}

const mouseClicks = (page: Page) => page.evaluate<number>('window.mouseClicks');
/** The label of the field that has the focus. */
const focusedField = (page: Page) => page.evaluate<string | undefined>("document.activeElement?.closest('label')?.innerText.split('\\n')[0]");
const form = (page: Page) => page.getByRole('form', { name: /^Nhập liệu tài liệu số/ });
const field = (page: Page, label: string) => form(page).getByLabel(label, { exact: true });

describe('the archivist’s day', () => {
  it('indexes from the keyboard, with OCR hints and the records’ validation, and resumes after a reload', async () => {
    const page = await mode.newPage();
    await signIn(page, 'hung');
    await expect.poll(() => form(page).isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => form(page).getByRole('heading').innerText()).toMatch(/tài liệu số 1 \(1\/3/);
    // OCR of the first page offers the date and the personal id (it runs once, in the background).
    await expect.poll(() => field(page, 'Ngày cấp').inputValue(), { timeout: 60_000 }).toBe('15/03/2019');
    expect(await field(page, 'Số định danh / mã số thuế').inputValue()).toBe('001203004567');
    expect(await form(page).getByText('từ OCR').count()).toBeGreaterThanOrEqual(2);

    // The focus starts in the first field; Tab goes from field to field.
    expect(await focusedField(page)).toBe('Tên giấy tờ');
    await page.keyboard.type('Giấy phép xây dựng');
    await page.keyboard.press('Tab');
    await page.keyboard.type('125/QĐ-UBND');
    await page.keyboard.press('Tab');
    // The preview says which page it shows.
    expect(await page.locator('.archive-page-bar').innerText()).toMatch(/^Trang 1\/3/);
    // A date that does not exist: said beside the field when the focus leaves it, in words.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('30/02/2019');
    await page.keyboard.press('Tab');
    await expect.poll(() => form(page).getByRole('alert').first().innerText()).toBe('Ngày cấp: “30/02/2019” không phải một ngày có thật — gõ ngày/tháng/năm, ví dụ 15/03/2019');
    await page.keyboard.type('UBND huyện Đông Anh');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Nguyễn Văn An');
    // Enter: the records' rule refuses the date too, and the field gets the focus with the message.
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedField(page)).toBe('Ngày cấp');
    expect(await form(page).getByRole('alert').first().innerText()).toMatch(/^Ngày cấp: “30\/02\/2019” không phải một ngày/);
    await screenshot(page, 'archive-indexing-1366');
    // The retention period is a choice in words, the batch's default first.
    const retention = field(page, 'Thời hạn bảo quản');
    expect(await retention.locator('option').allInnerTexts()).toEqual(['mặc định của lô: vĩnh viễn', 'vĩnh viễn', '70 năm', '50 năm', '20 năm', '10 năm', '5 năm']);
    await field(page, 'Ngày cấp').focus();
    await page.keyboard.type('15/03/2019'); // the refused value is selected: typing replaces it
    // On to the retention choice by Tab; a letter chooses ("v": vĩnh viễn), Enter sends from there too.
    for (let i = 0; i < 9; i++) await page.keyboard.press('Tab');
    expect(await focusedField(page)).toBe('Thời hạn bảo quản');
    await page.keyboard.press('v');
    await expect.poll(() => retention.inputValue()).toBe('permanent');
    await page.keyboard.press('Enter');

    // Sent for checking: the next document opens, its first field focused.
    await expect.poll(() => form(page).getByRole('heading').innerText()).toMatch(/tài liệu số 2 \(1\/2/);
    await page.keyboard.type('Sổ hộ tịch');
    await page.keyboard.press('Tab');
    await page.keyboard.type('12/HT');
    await page.keyboard.press('Control+S');
    await expect.poll(() => form(page).getByText('Đã lưu').isVisible()).toBe(true);
    expect(await mouseClicks(page)).toBe(0);

    // A reload (or a crash): signed in again, the batch opens at the same document with what was typed.
    await page.reload();
    await signIn(page, 'hung');
    await expect.poll(() => form(page).getByRole('heading').innerText(), { timeout: 30_000 }).toMatch(/tài liệu số 2/);
    expect(await field(page, 'Tên giấy tờ').inputValue()).toBe('Sổ hộ tịch');
    expect(await field(page, 'Số, ký hiệu').inputValue()).toBe('12/HT');
    // PageDown: on to document 3 (what was typed on 2 is kept).
    await field(page, 'Số, ký hiệu').focus();
    await page.keyboard.press('PageDown');
    await expect.poll(() => form(page).getByRole('heading').innerText()).toMatch(/tài liệu số 3/);
    expect(await mouseClicks(page)).toBe(0);

    // A stack through the test feeder (10 sheets): a new document; the counts follow.
    await page.getByRole('button', { name: 'Quét chồng giấy' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('region', { name: 'Quét chồng giấy' }).innerText(), { timeout: 90_000 }).toMatch(/Đã quét 10 trang, 0 tờ phân cách; 1 tài liệu mới/);
    const progress = page.getByRole('region', { name: 'Tiến độ của lô' }).getByRole('progressbar');
    await expect.poll(() => progress.innerText()).toMatch(/Đã duyệt 0 \/ 15 trang/);
    await expect.poll(() => page.getByRole('region', { name: 'Tiến độ của lô' }).innerText()).toMatch(/4\s+tài liệu[\s\S]*1\s+chờ kiểm tra/);
    await screenshot(page, 'archive-batch-progress-1366');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'archive-indexing-1920');
    await page.close();
  }, 240_000);

  it('is checked by a second archivist, who approves from the keyboard', async () => {
    const page = await mode.newPage({ width: 1920, height: 1080 });
    await signIn(page, 'thu');
    const checking = page.getByRole('button', { name: /^Kiểm tra \(1\)/ });
    await expect.poll(() => checking.isVisible(), { timeout: 30_000 }).toBe(true);
    await checking.focus();
    await page.keyboard.press('Enter');
    const review = page.getByRole('region', { name: 'Kiểm tra tài liệu số 1' });
    await expect.poll(() => review.isVisible()).toBe(true);
    await expect.poll(() => review.innerText()).toMatch(/Người nhập liệu: Lê Văn Hùng · 3 trang[\s\S]*Giấy phép xây dựng[\s\S]*15\/03\/2019[\s\S]*UBND huyện Đông Anh[\s\S]*Thời hạn bảo quản\s+vĩnh viễn/);
    // The QC warnings: the blank page is named, and its thumbnail marked.
    const warnings = review.getByRole('region', { name: 'Cần xem lại 1 trang' });
    await expect.poll(() => warnings.isVisible(), { timeout: 60_000 }).toBe(true);
    expect(await warnings.innerText()).toMatch(/Trang 3: trang trắng/);
    expect(await page.locator('.archive-thumb.warned').count()).toBe(1);
    await page.keyboard.press('Alt+ArrowRight');
    await page.keyboard.press('Alt+ArrowRight');
    await expect.poll(() => page.locator('.archive-page-bar').innerText()).toMatch(/^Trang 3\/3\s+trang trắng$/);
    await page.setViewportSize({ width: 1366, height: 768 });
    await screenshot(page, 'archive-review-warnings-1366');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'archive-review-1920');
    // The focus is on Approve, but a document with a blank page is not approved unseen: Enter is
    // refused with what to do; the checker keeps the page (a blank back is part of the original)
    // with Space on the box, and Ctrl+Enter approves.
    expect(await page.evaluate<string | undefined>('document.activeElement?.textContent')).toBe('Duyệt');
    await page.keyboard.press('Enter');
    const refusal = review.getByRole('alert');
    await expect.poll(() => refusal.getAttribute('data-code'), { timeout: 30_000 }).toBe('archive-blank-pages');
    await review.getByLabel('Giữ trang trắng (đã xem, cần giữ)').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByText('Không có tài liệu nào chờ kiểm tra.').isVisible(), { timeout: 60_000 }).toBe(true);
    await expect.poll(() => page.getByRole('region', { name: 'Tiến độ của lô' }).getByRole('progressbar').innerText()).toMatch(/Đã duyệt 3 \/ 15 trang/);
    await page.setViewportSize({ width: 1366, height: 768 });
    await screenshot(page, 'archive-review-done-1366');
    expect(await mouseClicks(page)).toBe(0);
    await page.close();
  }, 120_000);

  it('creates a batch from a form that fits its column at 1366 px, the retention period in words', async () => {
    const page = await mode.newPage({ width: 1366, height: 768 });
    await signIn(page, 'hung');
    await page.getByText('Tạo lô mới', { exact: true }).first().click();
    const create = page.getByRole('form', { name: 'Tạo lô mới' });
    await create.getByLabel('Tên lô (ví dụ: Phông UBND xã — hộp 12)').fill('Phông UBND xã Hòa Thuận — hộp 12');
    await create.getByLabel('Phông', { exact: true }).fill('UBND xã Hòa Thuận (1997–2021)');
    await create.getByLabel('Hộp số', { exact: true }).fill('12');
    const retention = create.getByLabel('Thời hạn bảo quản');
    expect(await retention.locator('option').allInnerTexts()).toEqual(['— chưa chọn —', 'vĩnh viễn', '70 năm', '50 năm', '20 năm', '10 năm', '5 năm']);
    await retention.selectOption({ label: 'vĩnh viễn' });
    // Every field of the form in view, inside its column, nothing scrolling sideways.
    const column = await page.locator('.archive-side').evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth, right: e.getBoundingClientRect().right }));
    expect(column.scroll).toBeLessThanOrEqual(column.client);
    for (const control of await create.locator('input, select, button').all()) {
      await control.scrollIntoViewIfNeeded();
      const box = (await control.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(column.right);
      expect(box.y + box.height).toBeLessThanOrEqual(768);
    }
    await screenshot(page, 'archive-new-batch-1366');
    await create.getByRole('button', { name: 'Tạo lô' }).click();
    await expect.poll(() => page.getByLabel('Lô số hóa').locator('option:checked').innerText()).toMatch(/^Phông UBND xã Hòa Thuận — hộp 12 — Lê Văn Hùng, \d{2}\/\d{2}\/\d{4}$/);
    await page.close();
  }, 240_000);
});
