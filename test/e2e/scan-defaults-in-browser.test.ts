// The scan screen opens on the station's scan defaults (settings.scanDefaults), as the
// administrator set them, with the SANE test backend.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStation } from '../../electron/core/station';
import { type BrowserMode, startBrowserMode } from './browser';

let mode: BrowserMode;
beforeAll(async () => {
  mode = await startBrowserMode();
  const station = await openStation({ dataDir: mode.dataDir, env: { SOHOA_STATION_PASSPHRASE: process.env.SOHOA_STATION_PASSPHRASE } });
  try {
    station.updateSettings({ scanDefaults: { device: 'sane:test:0', source: 'flatbed', preset: 'a5', dpi: 300, mode: 'gray', profile: null } });
  } finally {
    await station.close();
  }
});
afterAll(async () => {
  await mode?.close();
});

describe('scan defaults', () => {
  it('opens the scan screen on the station’s scanner, paper, resolution and colour mode', async () => {
    const page = await mode.newPage();
    await page.goto(mode.url);
    const screen = page.locator('.scan-screen');
    await page.getByRole('button', { name: 'Quét', exact: true }).waitFor();
    await expect.poll(() => screen.getByLabel('Máy quét', { exact: true }).inputValue()).toBe('sane:test:0');
    await expect.poll(() => screen.getByLabel('Độ phân giải').inputValue()).toBe('300');
    await expect.poll(() => screen.getByRole('radiogroup', { name: 'Khổ giấy' }).locator('[aria-checked="true"]').innerText()).toMatch(/A5/);
    await expect.poll(() => screen.locator('select').filter({ has: page.locator('option[value="gray"]') }).inputValue()).toBe('gray');
    await page.close();
  });
});
