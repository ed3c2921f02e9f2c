// The first start in Chromium against browser mode (issue 16): a new station through the wizard
// to a working, signed-in counter officer; the skip into demonstration mode and its banner on
// every screen; each role's tabs and landing screen, Alt+n following the visible tabs; the idle
// lock fully opaque, with "switch user"; the sign-in page's notice and language.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from './axe';
import { type BrowserMode, screenshot, startBrowserMode, writeGoneScannerCache } from './browser';

const PASSWORD = 'mat-khau-tram-2026';
/** Making an account or signing in hashes a password (scrypt): seconds on a loaded machine. */
const SLOW = { timeout: 30_000 };
let fresh: BrowserMode;

beforeAll(async () => {
  fresh = await startBrowserMode({}, { fresh: true });
  // The list the station kept from an earlier start: one scanner, unplugged since. The wizard's
  // scanner step shows it at once, then follows the probe (devices.changed) to the scanners there.
  writeGoneScannerCache(fresh);
}, 120_000);

afterAll(async () => {
  await fresh?.close();
});

const tabsOf = (page: Page) => page.locator('nav.tabs button').allInnerTexts();
const current = (page: Page) => page.locator('.tabs [aria-current="page"]').innerText();

async function fillAccount(page: Page, a: { name: string; user: string }) {
  await page.getByLabel('Họ và tên').fill(a.name);
  await page.getByLabel('Tên đăng nhập').fill(a.user);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Nhập lại mật khẩu').fill(PASSWORD);
}

async function signIn(page: Page, user: string) {
  const form = page.getByRole('form', { name: 'Đăng nhập Trạm Số hóa' });
  await expect.poll(() => form.isVisible(), SLOW).toBe(true);
  await form.getByLabel('Tên đăng nhập').fill(user);
  await form.getByLabel('Mật khẩu').fill(PASSWORD);
  await form.getByLabel('Mật khẩu').press('Enter');
  await expect.poll(() => form.isVisible(), SLOW).toBe(false);
}

describe('a new station', () => {
  it('goes through the wizard to a signed-in officer at the counter', async () => {
    const page = await fresh.newPage();
    await page.goto(fresh.url);
    const title = page.getByRole('heading', { level: 1 });
    await expect.poll(() => title.innerText(), SLOW).toBe('Chào mừng đến Trạm Số hóa');
    await screenshot(page, 'first-start-welcome-1366');
    expect(await axeProblems(page, 'wizard welcome')).toEqual([]);
    // The first button is focused: Enter starts.
    await page.keyboard.press('Enter');
    await expect.poll(() => title.innerText(), SLOW).toBe('Đơn vị của trạm');

    // A mistake is said beside its field; nothing is sent.
    await page.getByLabel('Tên cơ quan').fill('UBND xã Hòa Bình');
    await page.getByLabel('Mã đơn vị').fill('H12');
    await page.getByLabel('Mã đơn vị').press('Enter');
    await expect.poll(() => page.locator('#setup-unit-error').isVisible(), SLOW).toBe(true);
    await page.getByLabel('Mã đơn vị').fill('000.00.01.H12');
    await page.getByLabel('Cấp đơn vị').selectOption('xa');
    await screenshot(page, 'first-start-identity-1366');
    expect(await axeProblems(page, 'wizard identity')).toEqual([]);
    await page.getByLabel('Mã đơn vị').press('Enter');

    await expect.poll(() => title.innerText(), SLOW).toBe('Người quản trị trạm');
    await fillAccount(page, { name: 'Nguyễn Văn Quản', user: 'quantri' });
    await page.getByLabel('Nhập lại mật khẩu').press('Enter');

    await expect.poll(() => title.innerText(), SLOW).toBe('Máy quét và token ký số');
    // The station's SANE test devices are shown for what they are.
    await expect.poll(() => page.getByText('máy trình diễn, không phải máy quét thật').first().isVisible(), SLOW).toBe(true);
    // The scanners the probe found replace the one gone since, without a reload; one of them is chosen.
    await page.locator('input[name="setup-device"][value="sane:test:0"]').waitFor({ state: 'attached', timeout: 60_000 });
    await expect.poll(() => page.locator('input[name="setup-device"][value="sane:test:9"]').count(), SLOW).toBe(0);
    await expect.poll(() => page.locator('input[name="setup-device"]:checked').getAttribute('value'), SLOW).toMatch(/^sane:(pnm|test):\d$/);
    await screenshot(page, 'first-start-devices-1366');
    expect(await axeProblems(page, 'wizard devices')).toEqual([]);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    await expect.poll(() => title.innerText(), SLOW).toBe('Tài khoản cán bộ');
    await fillAccount(page, { name: 'Trần Thị Mai', user: 'mai' });
    await page.getByLabel('Nhập lại mật khẩu').press('Enter');
    await expect.poll(() => page.getByText('✓ Trần Thị Mai (mai) — cán bộ một cửa').isVisible(), SLOW).toBe(true);
    // Extra accounts, for the roles' test below.
    for (const [name, user, role] of [['Lê Văn Hùng', 'hung', 'archivist'], ['Phạm Thị Lan', 'lan', 'supervisor']] as const) {
      await fillAccount(page, { name, user });
      await page.getByLabel('Vai trò').selectOption(role);
      await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
      await expect.poll(() => page.getByText(`✓ ${name} (${user})`, { exact: false }).isVisible(), SLOW).toBe(true);
    }
    await screenshot(page, 'first-start-accounts-1366');
    expect(await axeProblems(page, 'wizard accounts')).toEqual([]);
    await page.getByRole('button', { name: 'Xong — đăng nhập với tài khoản Trần Thị Mai' }).click();

    await expect.poll(() => title.innerText(), SLOW).toBe('Khóa ký số của cán bộ');
    await expect.poll(() => page.getByText('Trạm đã thiết lập xong. Đã đăng nhập với tài khoản Trần Thị Mai.').isVisible(), SLOW).toBe(true);
    await expect.poll(() => page.getByText('Có thể chọn khóa sau: vào Cài đặt → Khóa ký của tôi.', { exact: false }).isVisible(), SLOW).toBe(true);
    await screenshot(page, 'first-start-key-1366');
    expect(await axeProblems(page, 'wizard key')).toEqual([]);
    await page.getByRole('button', { name: 'Chọn khóa sau' }).click();

    // The officer at work: the counter's tabs, on Tiếp nhận, no demonstration banner.
    await expect.poll(() => page.getByText('Trần Thị Mai (cán bộ một cửa)').isVisible(), SLOW).toBe(true);
    expect(await tabsOf(page)).toEqual(['Tiếp nhận hồ sơ', 'Quét giấy tờ', 'Tài liệu', 'Cài đặt']);
    expect(await current(page)).toBe('Tiếp nhận hồ sơ');
    expect(await page.getByTestId('demo-banner').count()).toBe(0);
    await screenshot(page, 'first-start-officer-1366');
    await page.close();
  });

  it('lands each role on its own screen with only its tabs, Alt+n following them', async () => {
    const expected = [
      { user: 'hung', tabs: ['Quét giấy tờ', 'Số hóa lưu trữ', 'Tài liệu', 'Cài đặt'], landing: 'Số hóa lưu trữ' },
      { user: 'lan', tabs: ['Số hóa lưu trữ', 'Tài liệu', 'Giám sát', 'Cài đặt'], landing: 'Giám sát' },
      { user: 'quantri', tabs: ['Tiếp nhận hồ sơ', 'Quét giấy tờ', 'Số hóa lưu trữ', 'Tài liệu', 'Giám sát', 'Cài đặt'], landing: 'Giám sát' },
      { user: 'mai', tabs: ['Tiếp nhận hồ sơ', 'Quét giấy tờ', 'Tài liệu', 'Cài đặt'], landing: 'Tiếp nhận hồ sơ' },
    ];
    for (const [i, e] of expected.entries()) {
      const page = await fresh.newPage(i % 2 ? { width: 1920, height: 1080 } : undefined);
      await page.goto(fresh.url);
      await signIn(page, e.user);
      await expect.poll(() => tabsOf(page), SLOW).toEqual(e.tabs);
      expect(await current(page)).toBe(e.landing);
      await screenshot(page, `first-start-role-${e.user}-${i % 2 ? 1920 : 1366}`);
      // Alt+2 is the second visible tab, whatever it is; Alt+1 the first.
      await page.keyboard.press('Alt+2');
      await expect.poll(() => current(page), SLOW).toBe(e.tabs[1]);
      await page.keyboard.press('Alt+1');
      await expect.poll(() => current(page), SLOW).toBe(e.tabs[0]);
      // No screen a role has shows a refusal naming a method.
      for (const tab of e.tabs) {
        await page.locator('nav.tabs').getByRole('button', { name: tab, exact: true }).click();
        // A refusal would come from the screen's first calls, answered within its loading.
        await expect.poll(() => current(page), SLOW).toBe(tab);
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(400);
        const alerts = (await page.getByRole('alert').allInnerTexts()).join(' ');
        expect(alerts, `${e.user} on ${tab}`).not.toMatch(/\(\w+\.\w+\)|không được làm việc này/);
      }
      await page.close();
    }
  });

  it('locks behind an opaque screen, and lets another person take the station', async () => {
    for (const size of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
      const page = await fresh.newPage(size);
      await page.goto(fresh.url);
      await signIn(page, 'mai');
      await page.getByRole('button', { name: 'Khóa máy' }).click();
      const lock = page.getByRole('form', { name: 'Phiên làm việc đã khóa' });
      await expect.poll(() => lock.isVisible(), SLOW).toBe(true);
      // Nothing of the work shows through: the overlay's background has no transparency.
      const background = await page.locator('.session-overlay').evaluate((el) => (el.ownerDocument.defaultView as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor);
      expect(background).toMatch(/^rgb\(\d+, \d+, \d+\)$/);
      await screenshot(page, `first-start-locked-${size.width}`);
      expect(await axeProblems(page, 'locked')).toEqual([]);
      await lock.getByRole('button', { name: 'Đổi người dùng (đăng xuất)' }).click();
      const form = page.getByRole('form', { name: 'Đăng nhập Trạm Số hóa' });
      await expect.poll(() => form.isVisible(), SLOW).toBe(true);
      await expect.poll(() => page.getByRole('status').innerText(), SLOW).toBe('Đã đăng xuất. Người tiếp theo đăng nhập bằng tài khoản của mình.');
      await screenshot(page, `first-start-switched-${size.width}`);
      expect(await axeProblems(page, 'sign-in after switch')).toEqual([]);
      await signIn(page, 'hung');
      await expect.poll(() => page.getByText('Lê Văn Hùng (lưu trữ viên)').isVisible(), SLOW).toBe(true);
      await page.close();
    }
  });

  it('refuses the wizard’s account step to anyone once the administrator exists (the page of another tab)', async () => {
    const page = await fresh.newPage();
    await page.goto(fresh.url);
    // Signed out, the station shows the sign-in page, not the wizard.
    await expect.poll(() => page.getByRole('form', { name: 'Đăng nhập Trạm Số hóa' }).isVisible(), SLOW).toBe(true);
    expect(await page.getByRole('heading', { name: 'Chào mừng đến Trạm Số hóa' }).count()).toBe(0);
    await page.close();
  });
});

describe('demonstration mode', () => {
  let demo: BrowserMode;
  beforeAll(async () => {
    demo = await startBrowserMode({}, { fresh: true });
  }, 120_000);
  afterAll(async () => {
    await demo?.close();
  });

  it('is chosen at the first page and said on every screen', async () => {
    for (const size of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
      const page = await demo.newPage(size);
      await page.goto(demo.url);
      if (size.width === 1366) {
        await page.getByRole('button', { name: 'Dùng thử (chế độ trình diễn)' }).click();
      }
      const banner = page.getByTestId('demo-banner');
      await expect.poll(() => banner.isVisible(), SLOW).toBe(true);
      expect(await banner.innerText()).toMatch(/CHẾ ĐỘ TRÌNH DIỄN[\s\S]*không bao giờ gửi lên kho dữ liệu của tỉnh/);
      // Every tab: the banner stays; the station starts at the counter.
      expect(await current(page)).toBe('Tiếp nhận hồ sơ');
      for (const tab of await tabsOf(page)) {
        await page.locator('nav.tabs').getByRole('button', { name: tab, exact: true }).click();
        expect(await banner.isVisible(), tab).toBe(true);
        const box = await banner.boundingBox();
        expect(box?.y).toBe(0);
      }
      await page.locator('nav.tabs').getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
      await screenshot(page, `first-start-demo-${size.width}`);
      expect(await axeProblems(page, 'demonstration banner')).toEqual([]);
      // No horizontal scrollbar at this width.
      expect(await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
      await page.close();
    }
  });

  it('is left for a real set-up from the banner', async () => {
    const page = await demo.newPage({ width: 1920, height: 1080 });
    await page.goto(demo.url);
    await page.getByRole('button', { name: 'Thiết lập trạm thật' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText(), SLOW).toBe('Đơn vị của trạm');
    await screenshot(page, 'first-start-identity-1920');
    await page.close();
  });
});

describe('the sign-in page after the first account made in the settings', () => {
  it('says what happened and what to do, and offers the language', async () => {
    const mode = await startBrowserMode();
    try {
      const page = await mode.newPage();
      await page.goto(mode.url);
      await page.getByRole('button', { name: 'Cài đặt' }).click();
      await page.getByRole('button', { name: 'Tài khoản và vai trò' }).click();
      const users = page.getByRole('form', { name: 'Thêm tài khoản' });
      await expect.poll(() => users.isVisible(), SLOW).toBe(true);
      await users.getByLabel('Tên đăng nhập').fill('quantri');
      await users.getByLabel('Họ và tên').fill('Nguyễn Văn Quản');
      await users.getByLabel('Vai trò').selectOption('admin');
      await users.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
      await users.getByLabel('Nhập lại mật khẩu').fill(PASSWORD);
      await users.getByRole('button', { name: 'Tạo tài khoản' }).click();
      const notice = page.getByText('Đã tạo tài khoản đầu tiên của trạm.', { exact: false });
      await expect.poll(() => notice.isVisible(), SLOW).toBe(true);
      await screenshot(page, 'first-account-sign-in-1366');
      await page.getByLabel('Ngôn ngữ').selectOption('en');
      await expect.poll(() => page.getByText('The station’s first account was created.', { exact: false }).isVisible(), SLOW).toBe(true);
      await page.close();
    } finally {
      await mode.close();
    }
  });
});
