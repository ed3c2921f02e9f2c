// The counter's daily ID-card copy in Chromium: the "Thẻ CCCD" preset, two scans (front, back),
// one click to put both sides on one A4 page, saved as a one-page record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserMode, screenshot, startBrowserMode } from './browser';

let mode: BrowserMode;

beforeAll(async () => {
  mode = await startBrowserMode();
});

afterAll(async () => {
  await mode?.close();
});

describe('ID card on A4', () => {
  it('scans both sides with the card preset and puts them on one A4 page', async () => {
    const page = await mode.newPage();
    await page.goto(mode.url);
    const scan = page.getByRole('button', { name: 'Quét', exact: true });
    await scan.waitFor();
    await page.locator('.scan-screen').getByLabel('Máy quét', { exact: true }).selectOption('sane:test:0');
    await page.getByRole('radio', { name: 'Thẻ CCCD' }).click();
    await page.locator('.scan-screen').getByLabel('Số trang').fill('2');
    await scan.click();
    const thumbs = page.getByTestId('page-thumb');
    await thumbs.nth(1).waitFor();
    await page.getByRole('button', { name: 'Quét thêm trang' }).waitFor();

    await page.getByRole('button', { name: 'Ghép hai mặt thẻ lên một trang A4' }).click();
    // The sides are composed as processed: the station first finishes processing them (pages are
    // stored as captured and processed behind the scanner), which can take a few seconds here.
    await expect.poll(() => thumbs.count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Ghép hai mặt thẻ lên một trang A4' }).count()).toBe(0);
    await screenshot(page, 'id-card-a4-1366x768');
    await page.getByLabel('Tên giấy tờ').fill('Căn cước công dân');
    await page.getByRole('button', { name: 'Lưu tài liệu' }).click();
    await page.getByText('Đã lưu tài liệu: 1 trang.').waitFor();
    await page.close();
  });

  it('puts each back after its front when a stack is scanned twice by hand (manual duplex)', async () => {
    const page = await mode.newPage();
    await page.goto(mode.url);
    const scan = page.getByRole('button', { name: 'Quét', exact: true });
    await scan.waitFor();
    await page.locator('.scan-screen').getByLabel('Máy quét', { exact: true }).selectOption('sane:test:0');
    await page.getByRole('radio', { name: 'Khay nạp' }).click();
    await page.getByRole('radio', { name: 'A4' }).click();
    await page.locator('.scan-screen').getByLabel('Số trang').fill('2');
    await scan.click();
    const thumbs = page.getByTestId('page-thumb');
    await thumbs.nth(1).waitFor();
    await page.getByRole('button', { name: 'Quét thêm trang' }).click(); // the stack turned over
    await thumbs.nth(3).waitFor();
    await page.getByRole('button', { name: 'Quét thêm trang' }).waitFor();
    // Each page by its id: its image's version (?v=) changes when its processing replaces the capture.
    const pageIds = () => thumbs.locator('img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src')!.split('?')[0]));
    const before = await pageIds();
    await page.getByRole('button', { name: /Xếp mặt sau vào sau mặt trước/ }).click();
    await expect.poll(pageIds, { timeout: 30_000 }).toEqual([before[0], before[3], before[1], before[2]]);
    await expect.poll(() => page.getByRole('button', { name: /Xếp mặt sau vào sau mặt trước/ }).count()).toBe(0); // once is right; twice would undo it
    await screenshot(page, 'manual-duplex-1366x768');
    await page.close();
  });
});
