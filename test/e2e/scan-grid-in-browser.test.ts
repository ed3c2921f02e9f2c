// The scan screen at a counter PC (issue 16), in Chromium against browser mode: the page count
// follows the paper source (a feeder scans until it is empty), pages are "chưa lưu" until the
// document is saved, the layout fits 1366 × 768 in both languages (one-line footer, Scan in view,
// A4 first), the grid selects like a file manager and turns, moves (keys and drag) and deletes the
// selection, turns pressed on a page still being processed all land, and blank pages are marked.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserMode, screenshot, startBrowserMode } from './browser';

let mode: BrowserMode;
beforeAll(async () => {
  mode = await startBrowserMode();
});
afterAll(async () => {
  await mode?.close();
});

/** The grid's pages by id (a thumbnail's address names its page; after ?v= the image shown). */
const gridIds = (page: Page) => page.getByTestId('page-thumb').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-page-id') ?? ''));
/** Which thumbnails are wider than tall (loaded ones only count). */
const landscape = (page: Page) =>
  page.getByTestId('page-thumb').locator('img').evaluateAll((imgs) => imgs.map((i) => (i as unknown as { naturalWidth: number; naturalHeight: number }).naturalWidth > (i as unknown as { naturalHeight: number }).naturalHeight));
const thumb = (page: Page, n: number): Locator => page.getByRole('button', { name: `Xem và sửa trang ${n}`, exact: true });
const selected = (page: Page) => page.locator('.page-open[aria-pressed="true"]').count();

/** Nothing is wider than the window, the Scan button is inside it, the footer is one line. */
async function fits(page: Page): Promise<{ scrollX: boolean; scanBottom: number; footerLines: number; height: number }> {
  const height = page.viewportSize()!.height;
  const scrollX = await page.evaluate(() => {
    const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document;
    return d.documentElement.scrollWidth > d.documentElement.clientWidth;
  });
  const scan = await page.locator('.scan-actions button').first().boundingBox();
  // one line: every part of the footer overlaps every other vertically
  const rects = await page.locator('.save-form > *').evaluateAll((els) => els.map((e) => (e as unknown as { getBoundingClientRect(): { top: number; bottom: number } }).getBoundingClientRect()).map((r) => ({ top: r.top, bottom: r.bottom })));
  const footerLines = rects.length === 0 ? 0 : Math.max(...rects.map((r) => r.top)) < Math.min(...rects.map((r) => r.bottom)) ? 1 : 2;
  return { scrollX, scanBottom: scan ? scan.y + scan.height : Infinity, footerLines, height };
}

describe('the scan screen at the counter', () => {
  it('sets the page count by the paper source, says pages are unsaved until saved, and fits 1366 × 768 in both languages', { timeout: 240_000 }, async () => {
    const page = await mode.newPage({ width: 1366, height: 768 });
    await page.goto(mode.url);
    const screen = page.locator('.scan-screen');
    await page.getByRole('button', { name: 'Quét', exact: true }).waitFor();
    await screen.getByLabel('Máy quét', { exact: true }).selectOption('sane:test:0');
    const count = screen.getByLabel('Số trang');
    // The glass: one sheet. The feeder: until it is empty (NAPS2). Back on the glass: one again.
    await page.getByRole('radio', { name: 'Mặt kính' }).click();
    await expect(count.inputValue()).resolves.toBe('1');
    await page.getByRole('radio', { name: 'Khay nạp' }).click();
    await expect(count.inputValue()).resolves.toBe('');
    await page.getByRole('radio', { name: 'Mặt kính' }).click();
    await expect(count.inputValue()).resolves.toBe('1');
    // A count typed by the officer stays when the source changes.
    await count.fill('4');
    await page.getByRole('radio', { name: 'Khay nạp' }).click();
    await expect(count.inputValue()).resolves.toBe('4');

    // A4 is the first paper, its key still 4.
    const presets = screen.getByRole('radiogroup', { name: 'Khổ giấy' }).getByRole('radio');
    await expect(presets.first().getAttribute('aria-keyshortcuts')).resolves.toBe('4');
    await expect(presets.first().innerText()).resolves.toMatch(/^A4/);

    await page.getByRole('button', { name: 'Quét', exact: true }).click();
    await page.getByTestId('page-thumb').nth(3).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Quét thêm trang' }).waitFor({ timeout: 60_000 });
    // Not saved yet: nothing on the screen says "đã lưu".
    await expect(screen.locator('.save-form .count').innerText()).resolves.toBe('4 trang chưa lưu');
    await expect(page.locator('.page-grid').getAttribute('aria-label')).resolves.toBe('4 trang');
    expect(await page.getByText(/trang đã lưu/).count()).toBe(0);
    await screen.getByLabel('Tên giấy tờ').fill('Giấy xác nhận tình trạng hôn nhân — Trần Thị Bích Ngọc');

    for (const size of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
      await page.setViewportSize(size);
      await screenshot(page, `scan-screen-unsaved-${size.width}x${size.height}`);
      const f = await fits(page);
      expect(f.scrollX, `horizontal scrollbar at ${size.width}`).toBe(false);
      expect(f.scanBottom, `Scan in view at ${size.width}`).toBeLessThanOrEqual(f.height);
      expect(f.footerLines, `footer on one line at ${size.width}`).toBe(1);
    }
    // In English the words are longer: the same holds.
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByLabel('Ngôn ngữ').selectOption('en');
    await page.getByRole('button', { name: 'Scan more pages' }).waitFor();
    await expect(screen.locator('.save-form .count').innerText()).resolves.toBe('4 page(s) not saved yet');
    await screen.locator('.caps-details summary').click(); // the capability table opened: Scan stays in view
    for (const size of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
      await page.setViewportSize(size);
      await screenshot(page, `scan-screen-english-${size.width}x${size.height}`);
      const f = await fits(page);
      expect(f.scrollX).toBe(false);
      expect(f.scanBottom, `Scan in view in English at ${size.width}`).toBeLessThanOrEqual(f.height);
      expect(f.footerLines, `English footer on one line at ${size.width}`).toBe(1);
    }
    await page.getByLabel('Language').selectOption('vi');
    await page.getByRole('button', { name: 'Lưu tài liệu' }).click();
    await page.getByText('Đã lưu tài liệu: 4 trang.').waitFor();
    await page.close();
  });

  it('selects pages as a file manager does, and turns, moves (keys and drag) and deletes the selection', { timeout: 240_000 }, async () => {
    const page = await mode.newPage({ width: 1366, height: 768 });
    await page.goto(mode.url);
    const screen = page.locator('.scan-screen');
    await page.getByRole('button', { name: 'Quét', exact: true }).waitFor();
    await screen.getByLabel('Máy quét', { exact: true }).selectOption('sane:test:0');
    await page.getByRole('radio', { name: 'Khay nạp' }).click();
    await page.getByRole('radio', { name: 'A5', exact: true }).click();
    await screen.getByLabel('Độ phân giải').selectOption('150');
    await screen.getByLabel('Số trang').fill('6');
    await page.getByRole('button', { name: 'Quét', exact: true }).click();
    await page.getByRole('button', { name: 'Quét thêm trang' }).waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('page-thumb').count(), { timeout: 60_000 }).toBe(6);
    const scanned = await gridIds(page);
    const toolbar = page.getByRole('toolbar', { name: 'Thao tác với các trang đã chọn' });

    // Click, Shift+click, Ctrl+click, Ctrl+A.
    await thumb(page, 1).click();
    await thumb(page, 3).click({ modifiers: ['Shift'] });
    expect(await selected(page)).toBe(3);
    await thumb(page, 6).click({ modifiers: ['Control'] });
    expect(await selected(page)).toBe(4);
    await thumb(page, 2).click({ modifiers: ['Control'] });
    expect(await selected(page)).toBe(3);
    await expect(toolbar.innerText()).resolves.toMatch(/Đã chọn 3 trang/);
    await page.keyboard.press('Control+a');
    expect(await selected(page)).toBe(6);
    await screenshot(page, 'scan-grid-all-selected-1366x768');

    // Turn the selection (pages 1 and 2) right from the toolbar: both images change, the others not.
    await thumb(page, 1).click();
    await page.keyboard.press('Shift+ArrowRight');
    expect(await selected(page)).toBe(2);
    await toolbar.getByRole('button', { name: /Xoay phải/ }).click();
    // The A5 pages were portrait: the two turned are landscape now, the others not (the images are
    // compared by shape: background processing may replace any of them meanwhile).
    await expect.poll(() => landscape(page), { timeout: 60_000 }).toEqual([true, true, false, false, false, false]);

    // Alt+→ moves the selected block one place later, by keyboard.
    await thumb(page, 2).focus();
    await page.keyboard.press('Alt+ArrowRight');
    await expect.poll(() => gridIds(page), { timeout: 30_000 }).toEqual([scanned[2], scanned[0], scanned[1], scanned[3], scanned[4], scanned[5]]);

    // Drag page 6 before page 1.
    await thumb(page, 6).click();
    const first = page.getByTestId('page-thumb').first();
    const box = (await first.boundingBox())!;
    await page.getByTestId('page-thumb').nth(5).dragTo(first, { targetPosition: { x: 5, y: box.height / 2 } });
    await expect.poll(() => gridIds(page), { timeout: 30_000 }).toEqual([scanned[5], scanned[2], scanned[0], scanned[1], scanned[3], scanned[4]]);
    await screenshot(page, 'scan-grid-moved-1366x768');

    // Delete pages 2 and 3, with Delete pressed twice (the first asks).
    await thumb(page, 2).click();
    await thumb(page, 3).click({ modifiers: ['Shift'] });
    await page.keyboard.press('Delete');
    await toolbar.getByRole('button', { name: 'Nhấn lần nữa để xóa 2 trang' }).waitFor();
    await screenshot(page, 'scan-grid-delete-asked-1366x768');
    await page.keyboard.press('Delete');
    await expect.poll(() => gridIds(page), { timeout: 30_000 }).toEqual([scanned[5], scanned[1], scanned[3], scanned[4]]);
    await expect(page.locator('.save-form .count').innerText()).resolves.toBe('4 trang chưa lưu');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'scan-grid-after-edits-1920x1080');
    await page.close();
  });

  it('turns a page still being processed three times, quickly, and every turn lands (nothing disabled, no key lost)', { timeout: 240_000 }, async () => {
    const page = await mode.newPage({ width: 1366, height: 768 });
    await page.goto(mode.url);
    const screen = page.locator('.scan-screen');
    await page.getByRole('button', { name: 'Quét', exact: true }).waitFor();
    await screen.getByLabel('Máy quét', { exact: true }).selectOption('sane:test:0');
    await page.getByRole('radio', { name: 'A4', exact: true }).click();
    await screen.getByLabel('Độ phân giải').selectOption('300');
    await screen.getByLabel('Số trang').fill('1');
    await page.getByRole('button', { name: 'Quét', exact: true }).click();
    // At once, as the page arrives (processed behind the scanner): open it and turn it three times.
    await thumb(page, 1).waitFor({ timeout: 60_000 });
    await thumb(page, 1).focus();
    await page.keyboard.press('Enter');
    const review = page.getByRole('dialog', { name: 'Trang 1 / 1' });
    await review.waitFor();
    await page.keyboard.press(']');
    await page.keyboard.press(']');
    await page.keyboard.press(']');
    // Nothing went disabled meanwhile.
    expect(await review.getByRole('button', { name: /Xoay phải/ }).isDisabled()).toBe(false);
    await review.getByText('Sửa tay: 3 bước', { exact: false }).waitFor({ timeout: 60_000 });
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.close();
  });
});

describe('blank pages on the scan screen', () => {
  let white: BrowserMode;
  beforeAll(async () => {
    white = await startBrowserMode({ testPicture: 'Solid white' });
  });
  afterAll(async () => {
    await white?.close();
  });

  it('marks pure-white pages blank in the grid and in the review', { timeout: 240_000 }, async () => {
    const page = await white.newPage({ width: 1366, height: 768 });
    await page.goto(white.url);
    const screen = page.locator('.scan-screen');
    await page.getByRole('button', { name: 'Quét', exact: true }).waitFor();
    await screen.getByLabel('Máy quét', { exact: true }).selectOption('sane:test:0');
    await page.getByRole('radio', { name: 'A5', exact: true }).click();
    await screen.getByLabel('Số trang').fill('3');
    await page.getByRole('button', { name: 'Quét', exact: true }).click();
    await page.getByRole('button', { name: 'Quét thêm trang' }).waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator('.page-thumb.blank').count(), { timeout: 60_000 }).toBe(3);
    await expect(page.getByTestId('page-thumb').first().innerText()).resolves.toMatch(/Trang 1 · trang trắng/);
    await expect(page.getByRole('toolbar', { name: 'Thao tác với các trang đã chọn' }).innerText()).resolves.toMatch(/3 trang trắng/);
    await screenshot(page, 'scan-grid-blank-1366x768');
    // One click selects the blank pages (a feeder's empty backs), two Deletes remove them — here after a look at one.
    await page.getByRole('button', { name: 'Chọn 3 trang trắng' }).click();
    expect(await selected(page)).toBe(3);
    await thumb(page, 2).dblclick();
    const review = page.getByRole('dialog', { name: 'Trang 2 / 3' });
    await review.getByText('Trang trắng: không tìm thấy nội dung', { exact: false }).waitFor();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'page-review-blank-1920x1080');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await thumb(page, 1).click();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await page.keyboard.press('Delete');
    await expect.poll(() => page.getByTestId('page-thumb').count(), { timeout: 30_000 }).toBe(0);
    await page.close();
  });
});
