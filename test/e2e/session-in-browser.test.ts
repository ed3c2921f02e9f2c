// Signing in and the idle lock, in Chromium against browser mode: once the station has accounts
// the app opens on the sign-in form; the header names who is working; Lock (or idle, in the core)
// covers the work with the lock screen, which only that person's password opens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStation } from '../../electron/core/station';
import { type BrowserMode, screenshot, startBrowserMode } from './browser';

let mode: BrowserMode;
const admin = { userId: null, name: 'cài đặt', role: 'admin' as const };

beforeAll(async () => {
  mode = await startBrowserMode();
  const station = await openStation({ dataDir: mode.dataDir, env: { SOHOA_STATION_PASSPHRASE: process.env.SOHOA_STATION_PASSPHRASE } });
  try {
    await station.auth.createUser(admin, { username: 'admin', displayName: 'Quản trị', role: 'admin', password: 'quan-tri-2026!' });
    await station.auth.createUser(admin, { username: 'mai', displayName: 'Trần Thị Mai', role: 'officer', password: 'mot-cua-xa-hoa' });
  } finally {
    await station.close();
  }
});

afterAll(async () => {
  await mode?.close();
});

describe('signing in', () => {
  it('asks who is working, names them in the header, and locks the work under a password', async () => {
    const page = await mode.newPage();
    await page.goto(mode.url);
    const form = page.getByRole('form', { name: 'Đăng nhập Trạm Số hóa' });
    await expect.poll(() => form.isVisible(), { timeout: 30_000 }).toBe(true);
    await screenshot(page, 'session-sign-in-1366');

    await form.getByLabel('Tên đăng nhập').fill('mai');
    await form.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await form.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => form.getByRole('alert').innerText(), { timeout: 30_000 }).toMatch(/không đúng/);

    await form.getByLabel('Mật khẩu').fill('mot-cua-xa-hoa');
    await form.getByLabel('Mật khẩu').press('Enter');
    // A sign-in hashes the password (scrypt): seconds on a loaded machine.
    await expect.poll(() => page.getByText('Trần Thị Mai (cán bộ một cửa)').isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: 'Quét giấy tờ' }).isVisible(), { timeout: 30_000 }).toBe(true);
    // An officer has the counter's tabs only (the core enforces the rest either way).
    expect(await page.locator('nav.tabs button').allInnerTexts()).toEqual(['Tiếp nhận hồ sơ', 'Quét giấy tờ', 'Tài liệu', 'Cài đặt']);

    await page.getByRole('button', { name: 'Khóa máy' }).click();
    const lock = page.getByRole('form', { name: 'Phiên làm việc đã khóa' });
    await expect.poll(() => lock.isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => lock.innerText(), { timeout: 30_000 }).toMatch(/Phiên làm việc của Trần Thị Mai đang khóa/);
    await screenshot(page, 'session-locked-1366');
    await lock.getByLabel('Mật khẩu').fill('mot-cua-xa-hoa');
    await lock.getByRole('button', { name: 'Mở khóa' }).click();
    await expect.poll(() => lock.isVisible(), { timeout: 30_000 }).toBe(false);

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect.poll(() => form.isVisible(), { timeout: 30_000 }).toBe(true);
    await page.close();
  });

  it('fits a 1920 × 1080 screen too', async () => {
    const page = await mode.newPage({ width: 1920, height: 1080 });
    await page.goto(mode.url);
    const form = page.getByRole('form', { name: 'Đăng nhập Trạm Số hóa' });
    await expect.poll(() => form.isVisible(), { timeout: 30_000 }).toBe(true);
    await form.getByLabel('Tên đăng nhập').fill('admin');
    await form.getByLabel('Mật khẩu').fill('quan-tri-2026!');
    await form.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByText('Quản trị (quản trị)').isVisible(), { timeout: 30_000 }).toBe(true);
    await page.getByRole('button', { name: 'Khóa máy' }).click();
    await expect.poll(() => page.getByRole('form', { name: 'Phiên làm việc đã khóa' }).isVisible(), { timeout: 30_000 }).toBe(true);
    await screenshot(page, 'session-locked-1920');
    await page.close();
  });
});
