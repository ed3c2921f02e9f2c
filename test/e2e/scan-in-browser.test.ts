// The walking skeleton as a person uses it: in Chromium, against browser mode, scan 3 pages from
// the test scanner, see 3 thumbnails, save, find the document in the list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserMode, screenshot, startBrowserMode } from './browser';

let mode: BrowserMode;
beforeAll(async () => {
  mode = await startBrowserMode();
});
afterAll(async () => {
  await mode?.close();
});

describe('browser mode', () => {
  it('scans 3 pages, shows 3 thumbnails as they are saved, and lists the saved document', async () => {
    const page = await mode.newPage();
    await page.goto(mode.url);
    // Vietnamese by default.
    await expect(page.title()).resolves.toBe('Trạm Số hóa');
    const scan = page.getByRole('button', { name: 'Quét', exact: true });
    await scan.waitFor();
    await page.locator('.scan-screen').getByLabel('Máy quét', { exact: true }).selectOption('sane:test:0');
    await page.getByRole('radio', { name: 'A4' }).click();
    await page.locator('.scan-screen').getByLabel('Số trang').fill('3');
    await scan.click();

    const thumbs = page.getByTestId('page-thumb');
    await thumbs.nth(2).waitFor();
    expect(await thumbs.count()).toBe(3);
    // Each thumbnail is an image loaded by URL from the station, not inlined data.
    const sources = await thumbs.locator('img').evaluateAll((imgs) => imgs.map((i) => [i.getAttribute('src'), (i as unknown as { naturalWidth: number }).naturalWidth] as const));
    for (const [src, width] of sources) {
      expect(src).toMatch(/^\/pages\/[0-9a-f-]{36}\/thumb\?v=[0-9a-f]{64}&k=[\w-]+$/); // the version (images are replaced in place) and the session's file key
      expect(width).toBeGreaterThan(0);
    }
    await page.getByRole('button', { name: 'Quét thêm trang' }).waitFor(); // the scan has ended
    await screenshot(page, 'scan-3-pages-1366x768');

    await page.locator('.scan-screen').getByLabel('Tên giấy tờ').fill('Giấy khai sinh — Nguyễn Văn An');
    await page.locator('.scan-screen').getByLabel('Mã hồ sơ', { exact: true }).fill('000.00.01.H12-250123-0001');
    await page.getByRole('button', { name: 'Lưu tài liệu' }).click();
    await page.getByText('Đã lưu tài liệu: 3 trang.').waitFor();

    await page.getByRole('button', { name: 'Tài liệu', exact: true }).click();
    const row = page.getByTestId('document-row').first();
    await row.waitFor();
    await expect(row.innerText()).resolves.toMatch(/Giấy khai sinh — Nguyễn Văn An\s+—\s+000\.00\.01\.H12-250123-0001\s+3\s+Đã lưu/); // no owner id typed: the owner column is empty
    // Text recognition ran in the background; the list follows it to the end.
    await row.getByText('Đang nhận dạng chữ').waitFor({ state: 'detached', timeout: 60_000 });
    await screenshot(page, 'documents-1366x768');

    // English is one switch away, and complete.
    await page.getByLabel('Ngôn ngữ').selectOption('en');
    await page.getByRole('heading', { name: 'Digitized documents' }).waitFor();
    await page.getByRole('button', { name: 'Scan papers' }).click();
    await page.getByRole('button', { name: 'Scan', exact: true }).waitFor();
    await screenshot(page, 'scan-english-1366x768');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'scan-english-1920x1080');
    await page.close();
  });

  it('scans a feeder batch until the feeder is empty, without calling that an error', async () => {
    const page = await mode.newPage();
    await page.goto(mode.url);
    await page.getByRole('button', { name: 'Quét', exact: true }).waitFor();
    await page.locator('.scan-screen').getByLabel('Máy quét', { exact: true }).selectOption('sane:test:0');
    await page.getByRole('radio', { name: 'Khay nạp' }).click();
    await page.locator('.scan-screen').getByLabel('Số trang').fill(''); // empty: until the feeder is empty
    await page.getByRole('button', { name: 'Quét', exact: true }).click();
    await page.getByRole('button', { name: 'Quét thêm trang' }).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('page-thumb').count()).toBe(10); // the test feeder holds 10 sheets
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.close();
  });
});

describe('browser mode with a jamming scanner', () => {
  it('shows the jam as a message that says what to do, in the person’s language', async () => {
    const jamming = await startBrowserMode({ readStatus: 'SANE_STATUS_JAMMED' });
    try {
      const page = await jamming.newPage();
      await page.goto(jamming.url);
      await page.locator('.scan-screen').getByLabel('Máy quét', { exact: true }).selectOption('sane:test:0');
      // From the feeder (a jam on the glass is said without the feeder: scan-to-document.test.ts).
      await page.getByRole('radio', { name: 'Khay nạp' }).click();
      await page.getByRole('button', { name: 'Quét', exact: true }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      await expect(alert.innerText()).resolves.toMatch(/Giấy bị kẹt — mở nắp khay nạp, gỡ giấy rồi bấm Tiếp tục/);
      await expect(alert.getAttribute('data-code')).resolves.toBe('jammed');
      await alert.getByRole('button', { name: 'Tiếp tục' }).waitFor(); // the Continue the message names
      // Nothing was scanned, so nothing is kept: the button still offers a plain Scan.
      await page.getByRole('button', { name: 'Quét', exact: true }).waitFor();
      await screenshot(page, 'scan-jammed-1366x768');
      await page.getByLabel('Ngôn ngữ').selectOption('en');
      await expect(alert.innerText()).resolves.toMatch(/Paper jam — open the feeder cover/);
    } finally {
      await jamming.close();
    }
  });
});

describe('browser-mode security', () => {
  it('refuses the contract and page images without the session, and a foreign Origin', async () => {
    const plain = await fetch(`${mode.origin}/`);
    expect(plain.status).toBe(401);
    const wrongToken = await fetch(`${mode.origin}/?session=guess`, { redirect: 'manual' });
    expect(wrongToken.status).toBe(401);
    // The printed address was opened once by the harness (it is spent now: bridge-attacks.test.ts).
    const cookie = mode.cookie;
    const index = await fetch(`${mode.origin}/`, { headers: { cookie } });
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    // A page on another name that resolves to 127.0.0.1 (DNS rebinding) is refused.
    const { request } = await import('node:http');
    const rebinding = await new Promise<number>((resolve, reject) =>
      request(`${mode.origin}/`, { headers: { cookie, host: 'evil.example:80' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end(),
    );
    expect(rebinding).toBe(421);

    const { WebSocket } = await import('ws');
    const attempt = (headers: Record<string, string>) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`${mode.origin.replace('http', 'ws')}/rpc`, { headers });
        ws.on('open', () => {
          ws.close();
          resolve('open');
        });
        ws.on('error', () => resolve('refused'));
        ws.on('unexpected-response', () => resolve('refused'));
      });
    expect(await attempt({ cookie, origin: 'https://evil.example' })).toBe('refused');
    expect(await attempt({ origin: mode.origin })).toBe('refused');
    expect(await attempt({ cookie, origin: mode.origin })).toBe('open');
  });
});
