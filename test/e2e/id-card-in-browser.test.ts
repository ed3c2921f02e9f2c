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
    await page.getByLabel('Máy quét').selectOption('sane:test:0');
    await page.getByRole('radio', { name: 'Thẻ CCCD' }).click();
    await page.getByLabel('Số trang').fill('2');
    await scan.click();
    const thumbs = page.getByTestId('page-thumb');
    await thumbs.nth(1).waitFor();
    await page.getByRole('button', { name: 'Quét thêm trang' }).waitFor();

    await page.getByRole('button', { name: 'Ghép hai mặt thẻ lên một trang A4' }).click();
    await expect.poll(() => thumbs.count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Ghép hai mặt thẻ lên một trang A4' }).count()).toBe(0);
    await screenshot(page, 'id-card-a4-1366x768');
    await page.getByLabel('Tên giấy tờ').fill('Căn cước công dân');
    await page.getByRole('button', { name: 'Lưu tài liệu' }).click();
    await page.getByText('Đã lưu tài liệu: 1 trang.').waitFor();
    await page.close();
  });
});
