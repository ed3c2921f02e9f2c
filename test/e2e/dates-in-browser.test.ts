// Dates typed where a report's period is chosen (supervision → officers' activity, the rates):
// dd/mm/yyyy as people write them, whatever the machine's locale (a browser's own date box
// followed it and showed 12/01/2026 for the 1st of December), read back to the same period, and a
// date that is not one said beside the field. At 1366 × 768 and 1920 × 1080, screenshots kept.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamToday } from '../../electron/contract';
import { openStation } from '../../electron/core/station';
import { type BrowserMode, screenshot, startBrowserMode } from './browser';

const ADMIN = { username: 'admin', password: 'quan-tri-2026!' };
let mode: BrowserMode;

beforeAll(async () => {
  mode = await startBrowserMode();
  const station = await openStation({ dataDir: mode.dataDir });
  try {
    await station.auth.createUser({ userId: null, name: 'cài đặt', role: 'admin' }, { username: ADMIN.username, displayName: 'Nguyễn Thị Quản Trị', role: 'admin', password: ADMIN.password });
  } finally {
    await station.close();
  }
}, 120_000);

afterAll(async () => {
  await mode?.close();
});

async function activity(page: Page) {
  await page.goto(mode.url);
  const signIn = page.getByRole('form', { name: 'Đăng nhập Trạm Số hóa' });
  await signIn.getByLabel('Tên đăng nhập').fill(ADMIN.username);
  await signIn.getByLabel('Mật khẩu').fill(ADMIN.password);
  await signIn.getByLabel('Mật khẩu').press('Enter');
  await page.getByRole('navigation', { name: 'Trạm Số hóa' }).getByRole('button', { name: 'Giám sát', exact: true }).click({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Hoạt động cán bộ' }).click();
  return page.getByRole('region', { name: 'Hoạt động của cán bộ' });
}

describe('dates typed on the supervision screen', () => {
  for (const size of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    it(`reads and shows dd/mm/yyyy at ${size.width} × ${size.height}`, async () => {
      const page = await mode.newPage(size);
      const panel = await activity(page);
      const today = vietnamToday();
      const [y, m, d] = today.split('-');
      const from = panel.getByLabel('Từ ngày');
      const to = panel.getByLabel('Đến ngày');
      // The period opens on this month so far, written as people write dates.
      await expect.poll(() => from.inputValue(), { timeout: 30_000 }).toBe(`01/${m}/${y}`);
      expect(await to.inputValue()).toBe(`${d}/${m}/${y}`);
      // A date that does not exist: said beside the field when the focus leaves it; the period stays.
      await from.fill('31/02/2026');
      await from.press('Tab');
      await expect.poll(() => panel.getByRole('alert').innerText()).toBe('“31/02/2026” không phải một ngày có thật — gõ ngày/tháng/năm, ví dụ 15/03/2019');
      expect(await from.getAttribute('aria-invalid')).toBe('true');
      await screenshot(page, `dates-period-refused-${size.width}x${size.height}`);
      // After the end of the period: refused too, in words.
      await from.fill(`${d}/${m}/${Number(y) + 1}`);
      await from.press('Tab');
      await expect.poll(() => panel.getByRole('alert').innerText()).toBe(`Không được sau ngày ${d}/${m}/${y}`);
      // Typed short, read as the day it is, written back in full; the report follows the period.
      await from.fill(`1/${Number(m)}/${y}`);
      await from.press('Tab');
      await expect.poll(() => from.inputValue()).toBe(`01/${m}/${y}`);
      expect(await panel.getByRole('alert').count()).toBe(0);
      await to.fill(`01/${m}/${y}`);
      await to.press('Tab');
      await expect.poll(() => panel.locator('caption').textContent()).toBe(`Hoạt động từ 01/${m}/${y} đến 01/${m}/${y}`);
      await screenshot(page, `dates-period-${size.width}x${size.height}`);
      await page.close();
    }, 120_000);
  }
});
