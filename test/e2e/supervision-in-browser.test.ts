// The supervisor's activity and audit views in Chromium against browser mode: each officer's work
// as the core counts it (documents and pages saved by two officers, a failed sign-in), the audit
// log filtered from an officer's row and by action, paged, its chain verified intact, then shown
// broken after a row is edited behind the station's back. Keyboard: Alt+Shift+n switches views.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../electron/core/dispatch';
import { openStation } from '../../electron/core/station';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { tempDir } from '../helpers/paths';
import { type BrowserMode, screenshot, startBrowserMode } from './browser';

let mode: BrowserMode;
let tmp: ReturnType<typeof tempDir>;
const PASSWORDS = { admin: 'quan-tri-2026!', mai: 'mot-cua-xa-hoa', hung: 'luu-tru-vien-9', lan: 'giam-sat-vien-1' };

beforeAll(async () => {
  tmp = tempDir('e2e-supervision');
  mode = await startBrowserMode();
  const station = await openStation({ dataDir: mode.dataDir, env: { SOHOA_STATION_PASSPHRASE: process.env.SOHOA_STATION_PASSPHRASE } });
  try {
    const handlers = createHandlers(station);
    // Each person at their own window, through the same dispatcher as the app.
    const as = async (username: keyof typeof PASSWORDS) => {
      const session = station.auth.newSession();
      const call = async (method: string, input: unknown) => {
        const r = await dispatch(station, handlers, method, input, { emit: () => {}, session });
        if (!r.ok) throw new Error(r.error.message.en);
        return r.output;
      };
      await call('session.login', { username, password: PASSWORDS[username] });
      return call;
    };
    const first = { userId: null, name: 'Cài đặt', role: 'admin' as const };
    await station.auth.createUser(first, { username: 'admin', displayName: 'Quản trị', role: 'admin', password: PASSWORDS.admin });
    await station.auth.createUser(first, { username: 'mai', displayName: 'Trần Thị Mai', role: 'officer', password: PASSWORDS.mai });
    await station.auth.createUser(first, { username: 'hung', displayName: 'Lê Văn Hùng', role: 'archivist', password: PASSWORDS.hung });
    await station.auth.createUser(first, { username: 'lan', displayName: 'Phạm Thu Lan', role: 'supervisor', password: PASSWORDS.lan });
    const page = join(tmp.path, 'page.png');
    await vietnamesePage(page, { dpi: 100 });
    const mai = await as('mai');
    await mai('documents.import', { paths: [page, page], ocr: 'skip', metadata: { title: 'Đơn đề nghị cấp giấy phép' } });
    await mai('documents.import', { paths: [page], ocr: 'skip', metadata: { title: 'Giấy khai sinh' } });
    const hung = await as('hung');
    await hung('documents.import', { paths: [page, page, page], ocr: 'skip', metadata: { title: 'Quyết định giao đất' } });
    await station.auth.login(station.auth.newSession(), 'hung', 'sai-mat-khau-roi').catch(() => undefined);
  } finally {
    await station.close();
  }
});

afterAll(async () => {
  await mode?.close();
  tmp?.cleanup();
});

describe('supervision: officer activity and the audit log', () => {
  it('shows each officer’s work, the audit log behind it, and whether the chain holds', async () => {
    const page = await mode.newPage();
    await page.goto(mode.url);
    const signIn = page.getByRole('form', { name: 'Đăng nhập Trạm Số hóa' });
    await signIn.getByLabel('Tên đăng nhập').fill('lan');
    await signIn.getByLabel('Mật khẩu').fill(PASSWORDS.lan);
    await signIn.getByLabel('Mật khẩu').press('Enter');
    await page.getByRole('button', { name: 'Giám sát' }).click();
    // The sync view opens first (as before); Alt+Shift+2 goes to officer activity.
    await page.getByRole('region', { name: 'Đồng bộ với kho dữ liệu tỉnh' }).waitFor();
    await page.keyboard.press('Alt+Shift+Digit2');
    const activity = page.getByRole('region', { name: 'Hoạt động của cán bộ' });
    const rowOf = (name: string) => activity.getByTestId('activity-row').filter({ hasText: name });
    await expect.poll(() => rowOf('Trần Thị Mai').innerText()).toMatch(/Trần Thị Mai\s+cán bộ một cửa\s+2\s+3\s+0\s+0\s+0\s+0/);
    await expect(rowOf('Lê Văn Hùng').innerText()).resolves.toMatch(/Lê Văn Hùng\s+lưu trữ viên\s+1\s+3\s+0\s+0\s+0\s+1/);
    await expect(rowOf('Phạm Thu Lan').innerText()).resolves.toMatch(/giám sát viên\s+0\s+0\s+0\s+0\s+0\s+0/);
    await expect(activity.locator('tr.total').innerText()).resolves.toMatch(/Tổng\s+3\s+6\s+0\s+0\s+0\s+1/);
    await screenshot(page, 'supervision-activity-1366x768');

    // From Mai's row to her entries in the log.
    await activity.getByRole('button', { name: 'Xem nhật ký của Trần Thị Mai' }).click();
    const audit = page.getByRole('region', { name: 'Nhật ký kiểm toán' });
    await expect.poll(() => audit.getByLabel('Người thực hiện').inputValue()).toBe('Trần Thị Mai');
    await expect.poll(async () => new Set((await audit.getByTestId('audit-row').allInnerTexts()).map((r) => r.split('\t')[2]))).toEqual(new Set(['Trần Thị Mai (mai)'])); // the name, and the account behind it
    // Only her documents saved: two rows, newest first.
    await audit.getByLabel('Thao tác').selectOption({ label: 'Tạo tài liệu' });
    await audit.getByRole('button', { name: 'Lọc', exact: true }).click();
    await expect.poll(() => audit.getByTestId('audit-row').count()).toBe(2);
    const seqs = (await audit.getByTestId('audit-row').allInnerTexts()).map((r) => Number(r.split('\t')[0]));
    expect(seqs[0]).toBeGreaterThan(seqs[1]!);

    await audit.getByRole('button', { name: 'Bỏ lọc' }).click();
    await expect.poll(() => audit.getByTestId('audit-row').count()).toBeGreaterThanOrEqual(8);
    await expect(audit.getByTestId('audit-row').filter({ hasText: 'Đăng nhập sai' }).count()).resolves.toBe(1);
    await audit.getByRole('button', { name: 'Kiểm tra chuỗi băm' }).click();
    const verdict = audit.getByTestId('audit-verdict');
    await expect.poll(() => verdict.innerText()).toMatch(/Nhật ký kiểm toán nguyên vẹn: \d+ dòng, chuỗi băm khớp\./);
    await screenshot(page, 'supervision-audit-1366x768');

    // Someone edits row 3 with a database tool: the next check names it, as `sohoa audit verify` does.
    const db = new Database(join(mode.dataDir, 'station.sqlite'));
    try {
      db.exec('DROP TRIGGER audit_no_update');
      db.prepare("UPDATE audit SET actor = 'Người lạ' WHERE seq = 3").run();
    } finally {
      db.close();
    }
    await audit.getByRole('button', { name: 'Kiểm tra chuỗi băm' }).click();
    await expect.poll(() => verdict.innerText()).toMatch(/Nhật ký kiểm toán đã bị can thiệp \(\d+ dòng\)/);
    await expect(verdict.innerText()).resolves.toMatch(/#3 nội dung bị sửa/);

    await page.getByLabel('Ngôn ngữ').selectOption('en');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.getByRole('region', { name: 'Audit log' }).getByRole('button', { name: 'Verify the hash chain' }).waitFor();
    await screenshot(page, 'supervision-audit-english-1920x1080');
    await page.keyboard.press('Alt+Shift+Digit2');
    await page.getByRole('region', { name: 'Officer activity' }).getByTestId('activity-row').first().waitFor();
    await screenshot(page, 'supervision-activity-english-1920x1080');
    await page.close();
  });

  it('is not an officer’s: no supervision tab (the core refuses its methods either way: permission-matrix)', async () => {
    const page = await mode.newPage();
    await page.goto(mode.url);
    const signIn = page.getByRole('form', { name: 'Đăng nhập Trạm Số hóa' });
    await signIn.getByLabel('Tên đăng nhập').fill('mai');
    await signIn.getByLabel('Mật khẩu').fill(PASSWORDS.mai);
    await signIn.getByLabel('Mật khẩu').press('Enter');
    await expect.poll(() => page.locator('nav.tabs button').allInnerTexts(), { timeout: 30_000 }).toEqual(['Tiếp nhận hồ sơ', 'Quét giấy tờ', 'Tài liệu', 'Cài đặt']);
    // Alt+5 was the supervision tab for everyone; for an officer there is no fifth tab.
    await page.keyboard.press('Alt+5');
    expect(await page.getByRole('region', { name: 'Hoạt động của cán bộ' }).count()).toBe(0);
    await page.close();
  });
});
