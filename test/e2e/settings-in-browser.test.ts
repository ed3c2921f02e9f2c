// The settings screens in Chromium against browser mode, the real SANE test backend and the real
// reference store: each section refuses what breaks a rule with a message saying what to fix, saves
// through the core what is right (read back after a reload and from the database), tests the
// connection to the store, and manages accounts; an officer sees the station's sections read-only
// and no accounts.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStation } from '../../electron/core/station';
import { tempDir } from '../helpers/paths';
import { DEFAULT_CLIENT, type ProvincialStore, startProvincialStore } from '../provincial-store/harness';
import { type BrowserMode, screenshot, startBrowserMode } from './browser';
import type { Page } from 'playwright-core';

let mode: BrowserMode;
let store: ProvincialStore;
let keys: ReturnType<typeof tempDir>;
const PASSWORDS = { admin: 'quan-tri-2026!', mai: 'mot-cua-xa-hoa' };
const stationEnv = () => ({ SOHOA_STATION_PASSPHRASE: process.env.SOHOA_STATION_PASSPHRASE });

beforeAll(async () => {
  keys = tempDir('e2e-settings-keys');
  store = await startProvincialStore();
  mode = await startBrowserMode();
  const station = await openStation({ dataDir: mode.dataDir, env: stationEnv() });
  try {
    const first = { userId: null, name: 'Cài đặt', role: 'admin' as const };
    await station.auth.createUser(first, { username: 'admin', displayName: 'Quản trị', role: 'admin', password: PASSWORDS.admin });
    await station.auth.createUser(first, { username: 'mai', displayName: 'Trần Thị Mai', role: 'officer', password: PASSWORDS.mai });
  } finally {
    await station.close();
  }
});

afterAll(async () => {
  await mode?.close();
  await store?.cleanup();
  keys?.cleanup();
});

async function signIn(page: Page, username: keyof typeof PASSWORDS): Promise<void> {
  await page.goto(mode.url);
  const form = page.getByRole('form', { name: 'Đăng nhập Trạm Số hóa' });
  await form.getByLabel('Tên đăng nhập').fill(username);
  await form.getByLabel('Mật khẩu').fill(PASSWORDS[username]);
  await form.getByLabel('Mật khẩu').press('Enter');
  await page.getByRole('button', { name: 'Cài đặt' }).click();
}

describe('settings', () => {
  it('lets the administrator set the station up, section by section, with a clear message for each mistake', async () => {
    const page = await mode.newPage();
    await signIn(page, 'admin');

    // Station identity: a unit code not in the national form is refused with what to fix.
    const identity = page.getByRole('form', { name: 'Thông tin trạm' });
    await identity.getByLabel('Mã đơn vị').fill('H12');
    await identity.getByRole('button', { name: 'Lưu (Ctrl+S)' }).click();
    await expect.poll(() => identity.getByRole('alert').first().innerText()).toMatch(/Mã đơn vị gồm bốn nhóm như 000\.00\.01\.H12/);
    await expect(identity.getByText('Chọn cấp của đơn vị: tỉnh hoặc xã.').isVisible()).resolves.toBe(true);
    await screenshot(page, 'settings-identity-errors-1366x768');
    // Keyboard only: Tab goes from field to field in reading order, and the focus is visible.
    await identity.getByLabel('Mã đơn vị').focus();
    // Evaluated in the page (a string: the tests are type-checked without the DOM's types).
    const focused = () => page.evaluate<{ id: string; outline: string }>('({ id: document.activeElement.id, outline: getComputedStyle(document.activeElement).outlineStyle })');
    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      const f = await focused();
      order.push(f.id);
      expect(f.outline, `focus visible on ${f.id}`).not.toBe('none');
    }
    expect(order).toEqual(['set-level', 'set-agency', 'set-operator', '']);
    await expect(page.evaluate<string>('document.activeElement.textContent')).resolves.toBe('Lưu (Ctrl+S)');
    await identity.getByLabel('Mã đơn vị').fill('000.00.01.H12');
    await identity.getByLabel('Cấp đơn vị').selectOption({ label: 'xã' });
    await identity.getByLabel('Tên cơ quan').fill('UBND xã Hòa An');
    // Ctrl+S saves the section the focus is in.
    await identity.getByLabel('Tên cơ quan').press('Control+s');
    await identity.getByText('Đã lưu. Cài đặt vẫn giữ sau khi khởi động lại.').waitFor();

    // Scanners: the SANE test device is offered; under 200 dpi is refused.
    await page.keyboard.press('Alt+Shift+Digit2');
    const scanners = page.getByRole('form', { name: 'Máy quét' });
    const device = scanners.getByLabel('Máy quét mặc định');
    await expect.poll(async () => (await device.locator('option').allInnerTexts()).join('|')).toMatch(/Noname frontend-tester/);
    const testDevice = await device.locator('option', { hasText: 'frontend-tester' }).first().getAttribute('value');
    await device.selectOption(testDevice!);
    await scanners.getByLabel('Nguồn giấy').selectOption({ label: 'Khay nạp' });
    await scanners.getByLabel('Độ phân giải').fill('150');
    await scanners.getByRole('button', { name: 'Lưu (Ctrl+S)' }).click();
    await expect.poll(() => scanners.getByRole('alert').first().innerText()).toMatch(/ít nhất 200 dpi/);
    await scanners.getByLabel('Độ phân giải').fill('300');
    await scanners.getByLabel('Xử lý ảnh').selectOption({ label: 'Lưu trữ (xám)' });
    await scanners.getByRole('button', { name: 'Lưu (Ctrl+S)' }).click();
    await scanners.getByText('Đã lưu.', { exact: false }).waitFor();
    await screenshot(page, 'settings-scanners-1366x768');

    // Files: browser mode has no file dialogs; it reads only inside the folders opened here.
    await page.getByRole('button', { name: 'Tệp', exact: true }).click();
    const files = page.getByRole('form', { name: 'Tệp' });
    await files.getByLabel('Thư mục được đọc (mỗi dòng một thư mục, đường dẫn đầy đủ)').fill('ky-so');
    await files.getByRole('button', { name: 'Lưu (Ctrl+S)' }).click();
    await expect.poll(() => files.getByRole('alert').first().innerText()).toMatch(/đường dẫn đầy đủ/);
    await files.getByLabel('Thư mục được đọc (mỗi dòng một thư mục, đường dẫn đầy đủ)').fill(keys.path);
    await files.getByRole('button', { name: 'Lưu (Ctrl+S)' }).click();
    await files.getByText('Đã lưu.', { exact: false }).waitFor();
    await screenshot(page, 'settings-files-1366x768');

    // Signing, in two parts. My key: a PKCS#12 file must be named, and inside the folders above.
    await page.getByRole('button', { name: 'Ký số', exact: true }).click();
    const mine = page.getByRole('form', { name: 'Khóa ký của tôi' });
    await mine.getByRole('radio', { name: 'Tệp chứng thư (.p12, .pfx)' }).click();
    await mine.getByRole('button', { name: 'Lưu (Ctrl+S)' }).click();
    await expect.poll(() => mine.getByRole('alert').first().innerText()).toMatch(/Nhập đường dẫn tệp chứng thư/);
    await mine.getByLabel('Đường dẫn tệp chứng thư').fill('/srv/ky-so/can-bo.p12');
    await mine.getByRole('button', { name: 'Lưu (Ctrl+S)' }).click();
    await expect.poll(() => mine.getByRole('alert').first().innerText()).toMatch(/chế độ trình duyệt chỉ đọc tệp trong các thư mục quản trị đã mở/);
    await mine.getByLabel('Đường dẫn tệp chứng thư').fill(join(keys.path, 'can-bo.p12'));
    await mine.getByRole('button', { name: 'Lưu (Ctrl+S)' }).click();
    await mine.getByText('Đã lưu.', { exact: false }).waitFor();
    // How the station signs (the administrator's): a library others could replace is refused; the
    // appearance is previewed at the chosen corner.
    const way = page.getByRole('form', { name: 'Cách trạm ký số' });
    await way.getByLabel('Mức chữ ký').selectOption('B-B');
    await way.getByLabel('Thư viện token được phép nạp (mỗi dòng một tệp, đường dẫn đầy đủ)').fill('/tmp');
    await way.getByRole('button', { name: 'Lưu (Ctrl+S)' }).click();
    await expect.poll(() => way.getByRole('alert').first().innerText()).toMatch(/không phải là tệp/);
    await way.getByLabel('Thư viện token được phép nạp (mỗi dòng một tệp, đường dẫn đầy đủ)').fill('');
    await way.getByLabel('Vị trí chữ ký').selectOption({ label: 'Góc dưới bên trái' });
    await expect(way.locator('.stamp-page.bottom-left').innerText()).resolves.toContain('UBND xã Hòa An');
    await way.getByRole('button', { name: 'Lưu (Ctrl+S)' }).click();
    await way.getByText('Đã lưu.', { exact: false }).waitFor();
    await screenshot(page, 'settings-signing-1366x768');

    // The provincial store: a wrong address is refused; the right one saved and tested.
    await page.getByRole('button', { name: 'Kho dữ liệu tỉnh' }).click();
    const sync = page.getByRole('form', { name: 'Kho dữ liệu tỉnh' });
    await sync.getByLabel('Địa chỉ kho dữ liệu tỉnh').fill('kho tinh');
    await sync.getByLabel('Mã trạm (client id)').fill(DEFAULT_CLIENT.id);
    await sync.getByRole('button', { name: 'Lưu (Ctrl+S)' }).click();
    await expect.poll(() => sync.getByRole('alert').first().innerText()).toMatch(/Địa chỉ không hợp lệ/);
    await sync.getByLabel('Địa chỉ kho dữ liệu tỉnh').fill(store.url);
    await sync.getByLabel('Mật khẩu trạm (client secret)').fill('sai-mat-khau-tram');
    await sync.getByRole('button', { name: 'Lưu (Ctrl+S)' }).click();
    await sync.getByText('Đã lưu.', { exact: false }).waitFor();
    await sync.getByRole('button', { name: 'Kiểm tra kết nối' }).click();
    await expect.poll(() => sync.getByTestId('sync-check').innerText()).toMatch(/Kho dữ liệu tỉnh từ chối thông tin xác thực của trạm/);
    await sync.getByLabel('Mật khẩu trạm (client secret)').fill(DEFAULT_CLIENT.secret);
    await sync.getByRole('button', { name: 'Lưu (Ctrl+S)' }).click();
    await sync.getByRole('button', { name: 'Kiểm tra kết nối' }).click();
    await expect.poll(() => sync.getByTestId('sync-check').innerText()).toMatch(/Kết nối được kho dữ liệu tỉnh .*: mã trạm và mật khẩu đúng\./);
    await screenshot(page, 'settings-sync-1366x768');

    // Accounts: a short password and an odd user name are refused; then made, re-roled, disabled, reset.
    await page.getByRole('button', { name: 'Tài khoản và vai trò' }).click();
    const users = page.getByRole('region', { name: 'Tài khoản và vai trò' });
    const add = users.getByRole('form', { name: 'Thêm tài khoản' });
    await add.getByLabel('Tên đăng nhập').fill('hòa');
    await add.getByLabel('Họ và tên').fill('Nguyễn Thị Hòa');
    await add.getByLabel('Mật khẩu', { exact: true }).fill('ngan');
    await add.getByLabel('Nhập lại mật khẩu').fill('ngan');
    await add.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await expect.poll(async () => (await add.getByRole('alert').allInnerTexts()).join(' ')).toMatch(/Tên đăng nhập gồm 2–40 chữ không dấu.*Mật khẩu cần ít nhất 10 ký tự/s);
    await add.getByLabel('Tên đăng nhập').fill('hoa');
    await add.getByLabel('Mật khẩu', { exact: true }).fill('hoa-an-2026-mot-cua');
    await add.getByLabel('Nhập lại mật khẩu').fill('hoa-an-2026-mot-cua');
    await add.getByRole('button', { name: 'Tạo tài khoản' }).click();
    const hoa = users.getByTestId('user-row').filter({ hasText: 'Nguyễn Thị Hòa' });
    await hoa.waitFor();
    await hoa.getByLabel('Vai trò của Nguyễn Thị Hòa').selectOption({ label: 'lưu trữ viên' });
    await users.getByText('Đã đổi vai trò của Nguyễn Thị Hòa.').waitFor();
    await hoa.getByRole('button', { name: 'Khóa tài khoản' }).click();
    await expect.poll(() => hoa.innerText()).toMatch(/Đã khóa/);
    await hoa.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    const dialog = page.getByRole('dialog', { name: 'Đặt lại mật khẩu cho Nguyễn Thị Hòa' });
    await dialog.getByLabel('Mật khẩu mới').fill('mat-khau-moi-2026');
    await dialog.getByLabel('Nhập lại mật khẩu').fill('mat-khau-moi-2026');
    await dialog.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    await users.getByText('Đã đặt lại mật khẩu của Nguyễn Thị Hòa.', { exact: false }).waitFor();
    // The last administrator cannot be demoted: the core says so, the list stays as it was.
    const admin = users.getByTestId('user-row').filter({ hasText: 'Quản trị' });
    await admin.getByLabel('Vai trò của Quản trị').selectOption({ label: 'giám sát viên' });
    await expect.poll(() => users.getByRole('alert').first().innerText()).toMatch(/Đây là quản trị cuối cùng của trạm/);
    await expect(admin.getByLabel('Vai trò của Quản trị').inputValue()).resolves.toBe('admin');
    await screenshot(page, 'settings-users-1366x768');

    // Everything saved is there after a reload (a new connection: sign in again), and in the database.
    await signIn(page, 'admin');
    await expect.poll(() => page.getByRole('form', { name: 'Thông tin trạm' }).getByLabel('Mã đơn vị').inputValue()).toBe('000.00.01.H12');
    const station = await openStation({ dataDir: mode.dataDir, env: stationEnv() });
    try {
      expect(station.settings()).toMatchObject({
        unitCode: '000.00.01.H12',
        level: 'xa',
        agencyName: 'UBND xã Hòa An',
        scanDefaults: { device: testDevice, source: 'feeder', dpi: 300, profile: 'archive-grey' },
        readFolders: [keys.path],
        signatureLevel: 'B-B',
        signaturePosition: 'bottom-left',
        syncUrl: store.url,
        syncClientId: DEFAULT_CLIENT.id,
      });
      expect(station.auth.users.list().find((u) => u.username === 'hoa')).toMatchObject({ role: 'archivist', disabled: true });
      const adminId = station.auth.users.list().find((u) => u.username === 'admin')!.id;
      expect(station.preferences.get(adminId)).toMatchObject({ signingKeyKind: 'p12', p12Path: join(keys.path, 'can-bo.p12') });
    } finally {
      await station.close();
    }

    await page.getByLabel('Ngôn ngữ').selectOption('en');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.getByRole('button', { name: 'Signing', exact: true }).click();
    await page.getByRole('form', { name: 'How the station signs' }).getByRole('figure', { name: 'Preview of the signature on page 1' }).waitFor();
    await screenshot(page, 'settings-signing-english-1920x1080');
    await page.getByRole('button', { name: 'Station identity' }).click();
    await screenshot(page, 'settings-identity-english-1920x1080');
    await page.close();
  });

  it('shows an officer the station’s settings read-only, lets them set how they sign, and hides accounts', async () => {
    const page = await mode.newPage();
    await signIn(page, 'mai');
    const identity = page.getByRole('form', { name: 'Thông tin trạm' });
    await identity.getByText('Chỉ quản trị viên thay đổi được phần này; bạn đang xem.').waitFor();
    await expect(identity.getByLabel('Mã đơn vị').isDisabled()).resolves.toBe(true);
    await expect(identity.getByRole('button', { name: 'Lưu (Ctrl+S)' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Tài khoản và vai trò' }).count()).resolves.toBe(0);
    await screenshot(page, 'settings-officer-1366x768');

    await page.getByRole('button', { name: 'Ký số', exact: true }).click();
    // How the station signs is shown, read-only; her own key is hers to choose.
    const way = page.getByRole('form', { name: 'Cách trạm ký số' });
    await way.getByText('Chỉ quản trị viên thay đổi được phần này; bạn đang xem.').waitFor();
    await expect(way.getByLabel('Mức chữ ký').isDisabled()).resolves.toBe(true);
    await expect(way.getByLabel('Hiện chữ ký trên trang 1').isDisabled()).resolves.toBe(true);
    const mine = page.getByRole('form', { name: 'Khóa ký của tôi' });
    await mine.getByRole('radio', { name: 'Tệp chứng thư (.p12, .pfx)' }).click();
    await mine.getByLabel('Đường dẫn tệp chứng thư').fill(join(keys.path, 'mai.p12'));
    await mine.getByRole('button', { name: 'Lưu (Ctrl+S)' }).click();
    await mine.getByText('Đã lưu.', { exact: false }).waitFor();
    await screenshot(page, 'settings-signing-officer-1366x768');
    await page.close();
  });
});
