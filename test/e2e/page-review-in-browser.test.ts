// The page review as an officer uses it (issue 4, item 10), in Chromium against browser mode:
// scan 3 pages from the SANE test scanner, open page 2 from the grid, then by keyboard — turn it,
// crop it (a box dragged with the mouse, Enter), undo, a box dropped when the page changes under it,
// back to the capture, delete it, move a page earlier, and rescan one page into the first position. Screenshots at 1366×768 and 1920×1080.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserMode, scanTestPages, screenshot, startBrowserMode } from './browser';

let mode: BrowserMode;
beforeAll(async () => {
  mode = await startBrowserMode();
});
afterAll(async () => {
  await mode?.close();
});

/** The page ids in the grid, in order (from the thumbnails' URLs). */
async function gridIds(page: Page): Promise<string[]> {
  const srcs = await page.getByTestId('page-thumb').locator('img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src') ?? ''));
  return srcs.map((s) => /\/pages\/([0-9a-f-]{36})\//.exec(s)?.[1] ?? '');
}

/** The natural size of the review's "after" image once it has loaded. */
async function afterSize(review: Locator): Promise<[number, number]> {
  const img = review.getByTestId('crop-frame').locator('img');
  await expect.poll(() => img.evaluate((i) => (i as unknown as { complete: boolean; naturalWidth: number }).complete && (i as unknown as { naturalWidth: number }).naturalWidth > 0), { timeout: 30_000 }).toBe(true);
  return img.evaluate((i) => {
    const el = i as unknown as { naturalWidth: number; naturalHeight: number };
    return [el.naturalWidth, el.naturalHeight] as [number, number];
  });
}

/** Drags a crop box on the review's "after" image, from and to fractions of the picture (which
 * is letterboxed in its pane: object-fit contain), and waits for the box to show. `size` is the
 * picture's natural width and height. */
async function dragBox(page: Page, review: Locator, size: [number, number], from: [number, number], to: [number, number]): Promise<void> {
  const [iw, ih] = size;
  const pane = await review.getByTestId('crop-frame').boundingBox();
  if (!pane) throw new Error('the after image is not on screen');
  const scale = Math.min(pane.width / iw, pane.height / ih);
  const frame = { x: pane.x + (pane.width - iw * scale) / 2, y: pane.y + (pane.height - ih * scale) / 2, width: iw * scale, height: ih * scale };
  const mid: [number, number] = [(from[0] + to[0]) / 2, (from[1] + to[1]) / 2];
  await page.mouse.move(frame.x + frame.width * from[0], frame.y + frame.height * from[1]);
  await page.mouse.down();
  await page.mouse.move(frame.x + frame.width * mid[0], frame.y + frame.height * mid[1], { steps: 5 });
  await page.mouse.move(frame.x + frame.width * to[0], frame.y + frame.height * to[1], { steps: 5 });
  await page.mouse.up();
  try {
    await review.getByTestId('crop-box').waitFor({ timeout: 30_000 });
  } catch (e) {
    // What the review showed, for whoever reads a failed run.
    const status = await review.locator('.page-review-status').textContent().catch(() => '?');
    const notice = await review.locator('p.notice').allTextContents().catch(() => []);
    const now = await review.getByTestId('crop-frame').boundingBox();
    throw new Error(`no crop box after the drag: pane then ${JSON.stringify(pane)}, now ${JSON.stringify(now)}; status “${status}”; notices ${JSON.stringify(notice)}: ${String(e)}`, { cause: e });
  }
}

describe('the page review in the browser', () => {
  it('turns, crops, undoes, reverts, deletes, moves and rescans a page by keyboard', { timeout: 300_000 }, async () => {
    const page = await mode.newPage({ width: 1366, height: 768 });
    await page.goto(mode.url);
    await scanTestPages(page, { paper: 'A4', dpi: 150, pages: 3 });
    await page.getByTestId('page-thumb').nth(2).waitFor();
    await page.getByRole('button', { name: 'Quét thêm trang' }).waitFor();
    const scanned = await gridIds(page);
    expect(scanned).toHaveLength(3);

    // A thumbnail is a button: Enter on it opens the review.
    await page.getByRole('button', { name: 'Xem và sửa trang 2' }).focus();
    await page.keyboard.press('Enter');
    const review = page.getByRole('dialog', { name: 'Trang 2 / 3' });
    await review.waitFor();
    await review.getByText('Trước', { exact: false }).first().waitFor();
    const [w, h] = await afterSize(review);
    await screenshot(page, 'page-review-open-1366x768');

    // ] turns it a quarter to the right: the page's sides swap. (The page may still be processed
    // behind the scanner meanwhile: a turn means the same on the processed page, and is applied to it.)
    await page.keyboard.press(']');
    await review.getByText('Sửa tay: 1 bước', { exact: false }).waitFor();
    await expect.poll(() => afterSize(review), { timeout: 30_000 }).toEqual([h, w]);

    // C, a box dragged on the "after" image, Enter: the page is that box.
    await page.keyboard.press('c');
    await review.getByText('Kéo chuột trên ảnh “Sau”', { exact: false }).waitFor();
    await dragBox(page, review, [h, w], [0.1, 0.2], [0.9, 0.7]);
    await screenshot(page, 'page-review-crop-box-1366x768');
    await page.keyboard.press('Enter');
    await review.getByText('Sửa tay: 2 bước', { exact: false }).waitFor();
    await expect.poll(async () => (await afterSize(review))[1] < w, { timeout: 30_000 }).toBe(true);
    const [cw, ch] = await afterSize(review);
    expect(Math.abs(cw - 0.8 * h)).toBeLessThan(0.05 * h); // 80 % of the turned page's width…
    expect(Math.abs(ch - 0.5 * w)).toBeLessThan(0.05 * w); // …and half its height
    await screenshot(page, 'page-review-cropped-1366x768');

    // Ctrl+Z drops the crop; G goes back to the capture (the turn goes too).
    await page.keyboard.press('Control+z');
    await review.getByText('Sửa tay: 1 bước', { exact: false }).waitFor();
    await expect.poll(() => afterSize(review), { timeout: 30_000 }).toEqual([h, w]);

    // A box drawn, then the page changes under it (here a turn; at the counter, more often the
    // page's processing finishing): the box goes, the crop stays open and says why.
    await page.keyboard.press('c');
    await review.getByText('Kéo chuột trên ảnh “Sau”', { exact: false }).waitFor();
    await dragBox(page, review, [h, w], [0.2, 0.2], [0.8, 0.8]);
    await page.keyboard.press(']');
    await review.getByText('Trang vừa thay đổi', { exact: false }).waitFor();
    await expect.poll(() => afterSize(review), { timeout: 30_000 }).toEqual([w, h]);
    expect(await review.getByTestId('crop-box').count()).toBe(0);
    expect(await review.getByRole('button', { name: /Áp dụng cắt/ }).count()).toBeGreaterThan(0);
    await screenshot(page, 'page-review-crop-redraw-1366x768');
    await page.keyboard.press('Escape'); // the crop closes; the review stays
    await review.getByText('Trang vừa thay đổi', { exact: false }).waitFor({ state: 'detached' });
    await page.keyboard.press('g');
    await review.getByText('Đang là bản quét gốc', { exact: false }).waitFor();
    expect(await review.getByRole('button', { name: /Về bản quét gốc/ }).isDisabled()).toBe(true);

    // Delete twice removes page 2; the review shows the page that took its place.
    await page.keyboard.press('Delete');
    await review.getByRole('button', { name: /Nhấn Delete lần nữa/ }).waitFor();
    await page.keyboard.press('Delete');
    const second = page.getByRole('dialog', { name: 'Trang 2 / 2' });
    await second.waitFor();
    await expect.poll(() => gridIds(page), { timeout: 30_000 }).toEqual([scanned[0], scanned[2]]);

    // Alt+← moves it before page 1.
    await page.keyboard.press('Alt+ArrowLeft');
    await page.getByRole('dialog', { name: 'Trang 1 / 2' }).waitFor();
    await expect.poll(() => gridIds(page), { timeout: 30_000 }).toEqual([scanned[2], scanned[0]]);
    await screenshot(page, 'page-review-moved-1366x768');

    // 1920×1080: the same review, more room for the two pages.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.keyboard.press('ArrowRight'); // → the next page
    await page.getByRole('dialog', { name: 'Trang 2 / 2' }).waitFor();
    await afterSize(page.getByRole('dialog'));
    await screenshot(page, 'page-review-1920x1080');
    await page.keyboard.press('ArrowLeft');
    await page.getByRole('dialog', { name: 'Trang 1 / 2' }).waitFor();

    // Q rescans one page into this position: it arrives first, the others after it.
    await page.keyboard.press('q');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => gridIds(page).then((ids) => ids.length), { timeout: 60_000 }).toBe(3);
    await page.getByRole('button', { name: 'Quét thêm trang' }).waitFor();
    const after = await gridIds(page);
    expect(after.slice(1)).toEqual([scanned[2], scanned[0]]);
    expect(scanned).not.toContain(after[0]);
    expect(await page.getByTestId('page-thumb').first().getByText('Trang 1', { exact: true }).isVisible()).toBe(true);

    // Esc closes the review and nothing else.
    await page.getByRole('button', { name: 'Xem và sửa trang 1' }).dblclick(); // a click selects (the grid's multi-select), a double click or Enter opens
    await page.getByRole('dialog', { name: 'Trang 1 / 3' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await screenshot(page, 'page-review-rescanned-1920x1080');
    await page.close();
  });
});
