// The scan screen's device picker in Chromium: each scanner with what it can do (sources with
// their largest area, resolutions, modes, duplex; demonstration devices marked; the feeder's
// paper as the driver reports it), paper presets as one-touch buttons with a key each, and a
// scanner failure said as what to do, with a Continue that keeps the pages already scanned.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserMode, screenshot, startBrowserMode } from './browser';

let mode: BrowserMode;
beforeAll(async () => {
  // Slow reads (about 1.3 s a page at A5, 150 dpi, grey): a batch can be interrupted mid-way.
  mode = await startBrowserMode({ slowReads: true });
});
afterAll(async () => {
  await mode?.close();
});

/** The sane-worker processes started under this test process (by `sohoa serve`), by pid. */
function ourSaneWorkers(): number[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,comm='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((r) => r.length >= 3)
    .map(([pid, ppid, comm]) => ({ pid: Number(pid), ppid: Number(ppid), comm }));
  const parent = new Map(rows.map((r) => [r.pid, r.ppid]));
  const descends = (pid: number) => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === process.pid) return true;
    return false;
  };
  return rows.filter((r) => r.comm === 'sane-worker' && descends(r.pid)).map((r) => r.pid);
}

describe('the device picker', () => {
  it('shows what each scanner can do, marks demonstration devices, and says what it knows of the feeder', async () => {
    const page = await mode.newPage();
    await page.goto(mode.url);
    const picker = page.locator('.scan-screen').getByLabel('Máy quét', { exact: true });
    await picker.waitFor();
    await picker.selectOption('sane:test:0');
    // Each scanner in the list says its paper sources.
    await expect(picker.locator('option[value="sane:test:0"]').innerText()).resolves.toMatch(/\(thử nghiệm\) — Mặt kính, Khay nạp/);

    const details = page.getByTestId('device-details');
    await expect(details.innerText()).resolves.toMatch(/Máy thử nghiệm — không phải máy thật/);
    // The table is folded into one line (Scan stays in view at 1366 × 768); opened, it is all there.
    await expect(details.locator('summary').innerText()).resolves.toMatch(/Mặt kính, Khay nạp · tối đa 1300 × 1300 mm · 1–1200 dpi/);
    await details.locator('summary').click();
    const rows = details.locator('tbody tr');
    await expect(rows.allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^Mặt kính\s+1300 × 1300 mm\s+1–1200 dpi\s+Màu, Xám, Đen trắng$/),
      expect.stringMatching(/^Khay nạp\s+1300 × 1300 mm\s+1–1200 dpi\s+Màu, Xám, Đen trắng$/),
    ]);
    // The SANE test backend has no paper sensor: the station says it does not know.
    await expect(page.getByTestId('feeder-state').innerText()).resolves.toBe('Giấy trong khay nạp: máy không báo');
    await screenshot(page, 'device-picker-1366x768');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'device-picker-1920x1080');
    await page.close();
  });

  it('chooses the paper with one key when no field is being typed in', async () => {
    const page = await mode.newPage();
    await page.goto(mode.url);
    await page.locator('.scan-screen').getByLabel('Máy quét', { exact: true }).selectOption('sane:test:0');
    const a4 = page.getByRole('radio', { name: 'A4', exact: true });
    await a4.click();
    await expect(a4.getAttribute('aria-keyshortcuts')).resolves.toBe('4');
    await page.keyboard.press('3');
    await expect(page.getByRole('radio', { name: 'A3', exact: true }).getAttribute('aria-checked')).resolves.toBe('true');
    await page.keyboard.press('c');
    await expect(page.getByRole('radio', { name: 'Thẻ CCCD' }).getAttribute('aria-checked')).resolves.toBe('true');
    // Typing a page count is typing, not a shortcut.
    const count = page.locator('.scan-screen').getByLabel('Số trang');
    await count.fill('');
    await count.press('4');
    await expect(page.getByRole('radio', { name: 'Thẻ CCCD' }).getAttribute('aria-checked')).resolves.toBe('true');
    await expect(count.inputValue()).resolves.toBe('4');
    await page.close();
  });

  it('after the driver fails mid-batch, says what to do, and Continue adds pages after the ones kept', async () => {
    const page = await mode.newPage();
    await page.goto(mode.url);
    await page.locator('.scan-screen').getByLabel('Máy quét', { exact: true }).selectOption('sane:test:0');
    await page.getByRole('radio', { name: 'Khay nạp' }).click();
    await page.getByRole('radio', { name: 'A5', exact: true }).click();
    await page.locator('.scan-screen').getByLabel('Độ phân giải').selectOption('150');
    await page.locator('.scan-screen').getByLabel('Chế độ màu').selectOption('gray');
    await page.locator('.scan-screen').getByLabel('Số trang').fill(''); // until the feeder is empty
    await page.getByRole('button', { name: 'Quét', exact: true }).click();
    const thumbs = page.getByTestId('page-thumb');
    // Sheets 1 and 2 are read once sheet 3 starts (storing them may lag behind the scanner).
    // Any later page will do (a loaded machine may paint page 4 before page 3 is seen); a scanner
    // error instead fails here with its words, not with a timeout.
    const sheetThreeOrLater = page.getByText(/^Đang quét trang (?:[3-9]|10)$/).waitFor({ timeout: 120_000 });
    const failed = page.getByRole('alert').waitFor({ timeout: 120_000 }).then(async () => {
      throw new Error(`the scan stopped before sheet 3: ${await page.getByRole('alert').innerText()}`);
    });
    failed.catch(() => undefined);
    await Promise.race([sheetThreeOrLater, failed]);
    // The driver dies, as a crashing vendor library would take its worker down.
    const workers = ourSaneWorkers();
    expect(workers).toHaveLength(1);
    process.kill(workers[0]!, 'SIGKILL');

    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    await expect(alert.getAttribute('data-code')).resolves.toBe('worker-crashed');
    await expect(alert.innerText()).resolves.toMatch(/Các trang đã quét vẫn được giữ/);
    const kept = await thumbs.count();
    expect(kept).toBeGreaterThanOrEqual(2);
    expect(kept).toBeLessThan(10);
    // A thumbnail's address names its page (/pages/<id>/thumb) and, after ?v=, the image shown now,
    // which background processing replaces: the pages are compared by id.
    const pageIds = () => thumbs.locator('img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src')?.split('?')[0]));
    const keptPages = await pageIds();
    await expect(alert.innerText()).resolves.toMatch(new RegExp(`Đã giữ ${kept} trang`));
    await screenshot(page, 'device-error-continue-1366x768');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'device-error-continue-1920x1080');

    // Continue: a fresh worker, the same draft. The test backend's feeder holds 10 sheets again.
    await alert.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('button', { name: 'Quét thêm trang' }).waitFor({ timeout: 120_000 });
    await expect.poll(() => thumbs.count(), { timeout: 30_000 }).toBe(kept + 10);
    const after = await pageIds();
    expect(after.slice(0, kept)).toEqual(keptPages); // the pages kept stay first
    expect(new Set(after).size).toBe(kept + 10);
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.close();
  });
});
