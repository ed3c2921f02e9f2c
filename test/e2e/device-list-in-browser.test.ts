// The scan screen answers with the station's last device list at once and follows the probe
// behind it: a scanner that was on the list last time and has been unplugged since leaves the
// picker by itself (devices.changed), and the scanners found since appear — the officer presses
// nothing and never waits on the probe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserMode, screenshot, startBrowserMode, writeGoneScannerCache } from './browser';

let mode: BrowserMode;
beforeAll(async () => {
  mode = await startBrowserMode();
  // The list as the previous session left it: one scanner, unplugged since.
  writeGoneScannerCache(mode);
});
afterAll(async () => {
  await mode?.close();
});

describe('the scan screen’s device list', () => {
  it('drops a scanner gone since the last list and shows the ones found, without a reload', { timeout: 120_000 }, async () => {
    const page = await mode.newPage();
    // What the station sent this page: the cached list first, then the event of the probe's change.
    const frames: string[] = [];
    page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
    await page.goto(mode.url);
    const picker = page.locator('.scan-screen').getByLabel('Máy quét', { exact: true });
    await picker.waitFor();
    // The probe behind the cached answer finds the test backend's scanners, and not the gone one.
    await picker.locator('option[value="sane:test:0"]').waitFor({ state: 'attached', timeout: 60_000 });
    await expect(picker.locator('option[value="sane:test:9"]').count()).resolves.toBe(0);
    await expect(picker.inputValue()).resolves.not.toBe('sane:test:9');
    expect(frames.some((f) => f.includes('"result"') && f.includes('sane:test:9'))).toBe(true);
    expect(frames.some((f) => f.includes('"devices.changed"'))).toBe(true);
    await picker.selectOption('sane:test:0');
    await expect(page.getByTestId('device-details').innerText()).resolves.toMatch(/Máy thử nghiệm/);
    await screenshot(page, 'device-list-updated-1366x768');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'device-list-updated-1920x1080');
    // No horizontal scrollbar at 1366 px.
    await page.setViewportSize({ width: 1366, height: 768 });
    await expect(page.evaluate<boolean>('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).resolves.toBe(true);
    await page.close();
  });

  it('opens at once from the corrected list the next time', { timeout: 120_000 }, async () => {
    const page = await mode.newPage();
    await page.goto(mode.url);
    const picker = page.locator('.scan-screen').getByLabel('Máy quét', { exact: true });
    await picker.locator('option[value="sane:test:0"]').waitFor({ state: 'attached' });
    await expect(picker.locator('option[value="sane:test:9"]').count()).resolves.toBe(0);
    await page.close();
  });
});
