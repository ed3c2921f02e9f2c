// A large sheet on a small scanner (issue 18), as the officer meets it on the scan screen: the
// eSCL fixture scanner's A4 glass (215.9 × 296.9 mm, from its capabilities), A0 pressed on the
// keyboard, the plan drawn before the first part (25 scans, A3 glass for comparison: 15), the
// parts walked with the arrows, a custom size typed, a nonsense one refused in words that say
// what to do, and K back to ordinary scanning.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EsclFixture, startEsclFixture } from '../escl-fixture/server';
import { axeProblems } from './axe';
import { type BrowserMode, openScanOnEscl, screenshot, startBrowserMode } from './browser';

let fixture: EsclFixture;
let mode: BrowserMode;
beforeAll(async () => {
  fixture = await startEsclFixture({ sheets: 1, identity: { makeAndModel: 'Canon LiDE 400' } });
  mode = await startBrowserMode({}, { env: { SOHOA_ESCL_URLS: fixture.url } });
}, 120_000);
afterAll(async () => {
  await mode?.close();
  await fixture?.close();
});

describe('the plan of a large sheet on the scan screen', () => {
  it('shows A0 on an A4 glass as 25 numbered parts before the first one, by keyboard', { timeout: 180_000 }, async () => {
    const { page, screen } = await openScanOnEscl(mode);
    // A0 does not fit the glass: its key opens the large sheet instead of doing nothing.
    await page.evaluate('document.activeElement?.blur()'); // keys of the screen, not of a field
    await page.keyboard.press('0');
    const plan = page.getByTestId('tiled-plan');
    await plan.waitFor();
    await expect.poll(() => page.getByTestId('tiled-count').innerText()).toMatch(/^A0 trên mặt kính A4: 25 lần quét — máy Canon LiDE 400, mặt kính 215,9 × 296,9 mm$/);
    await expect(page.getByRole('radio', { name: /Tờ lớn — quét ghép nhiều lần/ }).getAttribute('aria-checked')).resolves.toBe('true');
    await expect(page.getByRole('radiogroup', { name: 'Khổ tờ lớn' }).getByRole('radio', { name: 'A0' }).getAttribute('aria-checked')).resolves.toBe('true');
    // The sheet to scale with its 25 numbered parts, part 1 highlighted; A3 glass beside it.
    const diagram = page.getByTestId('plan-diagram');
    await expect(diagram.locator('.plan-number').count()).resolves.toBe(25);
    await expect(diagram.locator('.plan-part.current').getAttribute('data-part')).resolves.toBe('1');
    const viewBox = (await diagram.getAttribute('viewBox'))!.split(' ').map(Number);
    expect(viewBox[2]! / viewBox[3]!).toBeCloseTo((841 + 2 * 1189 * 0.015) / (1189 + 2 * 1189 * 0.015), 3); // A0's own proportions
    await expect.poll(() => page.getByTestId('tiled-part').innerText()).toBe('Phần 1/25: hàng 1, cột 1 — cách mép trái 0 mm, cách mép trên 0 mm');
    await expect.poll(() => page.getByTestId('tiled-compare-a3').innerText()).toBe('Để so sánh — A0 trên mặt kính A3: 15 lần quét');
    await expect(page.getByTestId('tiled-compare-a3').locator('rect.plan-part').count()).resolves.toBe(15);
    await expect(plan.innerText()).resolves.toMatch(/ít nhất 15% \(ở đây 25%\)/);
    // The scan button starts the capture with part 1 (stitch-capture-in-browser.test.ts goes on).
    const startPart = page.getByRole('button', { name: 'Bắt đầu quét phần 1' });
    await expect(startPart.isEnabled()).resolves.toBe(true);
    await screenshot(page, 'stitch-plan-a0-1366x768');
    await expect(page.evaluate<boolean>('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).resolves.toBe(true);
    expect(await axeProblems(page, 'stitch plan')).toEqual([]);

    // The arrows walk the parts in the snake: 6 is the second row's first, at the right.
    await diagram.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByTestId('tiled-part').innerText()).toBe('Phần 6/25: hàng 2, cột 5 — cách mép trái 625 mm, cách mép trên 223 mm');
    await expect(diagram.locator('.plan-part.current').getAttribute('data-part')).resolves.toBe('6');
    await page.keyboard.press('End');
    await expect.poll(() => page.getByTestId('tiled-part').innerText()).toMatch(/^Phần 25\/25: hàng 5, cột 5/);
    await page.keyboard.press('Home');
    await expect.poll(() => page.getByTestId('tiled-part').innerText()).toMatch(/^Phần 1\/25/);

    // Landscape: the same paper turned, as many parts.
    await page.getByRole('radiogroup', { name: 'Chiều tờ giấy' }).getByRole('radio', { name: 'ngang' }).click();
    await expect.poll(() => page.getByTestId('tiled-count').innerText()).toMatch(/^A0 trên mặt kính A4: 25 lần quét/);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.getByRole('radiogroup', { name: 'Chiều tờ giấy' }).getByRole('radio', { name: 'dọc' }).click();
    await page.evaluate('document.activeElement?.blur()'); // keys of the screen, not of a field
    await page.keyboard.press('2'); // A2 larger than the glass too: turned, 8 parts
    await expect.poll(() => page.getByTestId('tiled-count').innerText()).toMatch(/^A2 trên mặt kính A4: 8 lần quét/);
    await expect(plan.innerText()).resolves.toMatch(/Đặt tờ giấy xoay ngang trên kính/);
    await screenshot(page, 'stitch-plan-a2-1920x1080');
    await page.keyboard.press('0');
    await plan.getByText('A0 trên mặt kính A4: 25 lần quét').waitFor();
    await screenshot(page, 'stitch-plan-a0-1920x1080');
    await page.setViewportSize({ width: 1366, height: 768 });

    // A custom size, typed: Enter moves from the width to the height, then to the diagram.
    await page.getByRole('radiogroup', { name: 'Khổ tờ lớn' }).getByRole('radio', { name: 'Khác' }).click();
    await plan.getByText('Nhập chiều rộng và chiều cao của tờ giấy (mm) để xem cần quét mấy lần.').waitFor();
    await screen.getByLabel('Rộng (mm)').fill('1000');
    await page.keyboard.press('Enter');
    await page.keyboard.type('200');
    await plan.getByText(/4 lần quét/).waitFor();
    await page.keyboard.press('Enter');
    await expect(page.evaluate<string | null>("document.activeElement?.getAttribute('data-testid')")).resolves.toBe('plan-diagram');
    await expect.poll(() => page.getByTestId('tiled-count').innerText()).toMatch(/^1\.000 × 200 mm trên mặt kính A4: 4 lần quét/);
    await expect(page.getByRole('radiogroup', { name: 'Chiều tờ giấy' }).getByRole('radio', { name: 'ngang' }).getAttribute('aria-checked')).resolves.toBe('true');
    await screenshot(page, 'stitch-plan-custom-1366x768');
    // Nonsense is refused with what to type.
    await screen.getByLabel('Rộng (mm)').fill('0');
    const alert = plan.getByRole('alert');
    await alert.waitFor();
    await expect(alert.innerText()).resolves.toBe('Khổ giấy 0 × 200 mm không có thật. Nhập chiều rộng và chiều cao của tờ giấy theo milimét, mỗi cạnh từ 10 đến 2000 mm.');
    await expect(alert.getAttribute('data-code')).resolves.toBe('sheet-size-invalid');
    await screenshot(page, 'stitch-plan-refused-1366x768');

    // In English too.
    await page.getByLabel('Ngôn ngữ').selectOption('en');
    await page.getByRole('radiogroup', { name: 'Large sheet size' }).getByRole('radio', { name: 'A1' }).click();
    await expect.poll(() => page.getByTestId('tiled-count').innerText()).toMatch(/^A1 on an A4 glass: 15 scans/);
    await expect.poll(() => page.getByTestId('tiled-compare-a3').innerText()).toBe('For comparison — A1 on an A3 glass: 8 scans');
    await page.getByLabel('Language').selectOption('vi');

    // K leaves the large sheet: the ordinary Scan button and A4 are back.
    await page.evaluate('document.activeElement?.blur()'); // keys of the screen, not of a field
    await page.keyboard.press('k');
    await plan.waitFor({ state: 'detached' });
    await expect(page.getByRole('button', { name: 'Quét', exact: true }).isEnabled()).resolves.toBe(true);
    await page.keyboard.press('k');
    await plan.waitFor();
    await page.keyboard.press('4'); // A4 fits: an ordinary scan again
    await plan.waitFor({ state: 'detached' });
    await expect(page.getByRole('radio', { name: 'A4' }).getAttribute('aria-checked')).resolves.toBe('true');
    await page.close();
  });

  it('unfolds the two sides of a sheet through the duplex feeder into one page', { timeout: 180_000 }, async () => {
    // The fixture's sheet is SANE's test pattern, not a drawing: what is checked here is the way
    // from the offer to the page (stitch-unfold.test.ts and stitch-folded.test.ts check the page).
    const { page } = await openScanOnEscl(mode);
    await page.getByRole('radio', { name: 'Khay nạp hai mặt' }).click();
    await page.getByRole('radio', { name: 'A4' }).click();
    await page.getByRole('button', { name: 'Quét', exact: true }).click();
    // The feeder's one sheet: its front and back, then the offer to unfold them.
    await page.getByRole('button', { name: 'Quét thêm trang' }).waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('page-thumb').count(), { timeout: 60_000 }).toBe(2);
    const unfold = page.getByRole('button', { name: 'Mở tờ A3 gấp đôi (bìa kẹp) thành một trang' });
    await screenshot(page, 'stitch-unfold-offer-1366x768');
    await unfold.click();
    await expect.poll(() => page.getByTestId('page-thumb').count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => unfold.count()).toBe(0); // one page: nothing left to unfold
    expect(await page.getByRole('alert').count()).toBe(0);
    // The page is the two A4 sides side by side: an A3 lying landscape.
    const ratio = () => page.getByTestId('page-thumb').locator('img').evaluate((img) => {
      const { naturalWidth, naturalHeight } = img as unknown as { naturalWidth: number; naturalHeight: number };
      return naturalHeight > 0 ? naturalWidth / naturalHeight : 0; // 0 until the thumbnail has loaded
    });
    await expect.poll(ratio, { timeout: 10_000 }).toBeCloseTo(420 / 297, 1);
    await screenshot(page, 'stitch-unfolded-1366x768');
    await page.close();
  });
});
