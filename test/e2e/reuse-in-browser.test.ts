// Reuse at the counter, in Chromium against browser mode: the dossier, the owner's id, Enter —
// the owner's still-valid document is offered with what identifies it (number, dates), not
// focused (a stray Enter attaches nothing) — its button: reused, linked to the dossier without a
// scan or a copy.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamToday } from '../../electron/contract';
import { openStation } from '../../electron/core/station';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { tempDir } from '../helpers/paths';
import { type BrowserMode, screenshot, startBrowserMode } from './browser';

let mode: BrowserMode;
let tmp: ReturnType<typeof tempDir>;
const dossier = `000.00.01.H12-${vietnamToday().slice(2).replace(/-/g, '')}-0042`;
const stationEnv = () => ({ SOHOA_STATION_PASSPHRASE: process.env.SOHOA_STATION_PASSPHRASE });

beforeAll(async () => {
  tmp = tempDir('e2e-reuse');
  mode = await startBrowserMode();
  const station = await openStation({ dataDir: mode.dataDir, env: stationEnv() });
  try {
    const page = join(tmp.path, 'page.png');
    await vietnamesePage(page, { dpi: 100 });
    await station.importFiles([page], { title: 'Giấy khai sinh', kind: 'result', ownerIdNumber: '049080001234', ownerName: 'Nguyễn Văn Đức', docNumber: '15/2018', issueDate: '2018-05-02', validUntil: 'permanent' }, 100, { ocr: 'skip' });
    await station.importFiles([page], { title: 'Giấy xác nhận tình trạng hôn nhân (hết hạn)', ownerIdNumber: '049080001234', issueDate: '2021-01-04', validUntil: '2021-07-04' }, 100, { ocr: 'skip' });
  } finally {
    await station.close();
  }
});

afterAll(async () => {
  await mode?.close();
  tmp?.cleanup();
});

describe('reuse at the counter', () => {
  it('offers the owner’s still-valid document with what identifies it, and its button reuses it', async () => {
    const page = await mode.newPage();
    await page.goto(mode.url);
    const panel = page.getByRole('region', { name: 'Tái sử dụng giấy tờ đã số hóa' });
    await panel.getByLabel('Mã hồ sơ nhận giấy tờ').fill(dossier);
    // A digit short: said beside the field, in the officer's words, and nothing is looked up.
    await panel.getByLabel('Số định danh / mã số thuế của chủ giấy tờ').fill('04908000123');
    await panel.getByLabel('Số định danh / mã số thuế của chủ giấy tờ').press('Enter');
    await expect(panel.getByTestId('reuse-owner-problem').innerText()).resolves.toMatch(/^Đã gõ 11 chữ số: số định danh cá nhân cần đủ 12 chữ số/);
    expect(await panel.innerText()).not.toMatch(/ownerIdNumber/);
    await panel.getByLabel('Số định danh / mã số thuế của chủ giấy tờ').fill('049080001234');
    await expect(panel.getByTestId('reuse-owner-problem').count()).resolves.toBe(0);
    await panel.getByLabel('Số định danh / mã số thuế của chủ giấy tờ').press('Enter');
    const list = panel.getByRole('list', { name: /Giấy tờ có thể tái sử dụng/ });
    await expect.poll(() => list.getByRole('button').count()).toBe(1); // the expired one is not offered
    await expect.poll(() => panel.innerText()).toMatch(/Chủ giấy tờ: Nguyễn Văn Đức/);
    await expect(list.innerText()).resolves.toMatch(/Giấy khai sinh[\s\S]*Số, ký hiệu\s+15\/2018[\s\S]*Ngày cấp\s+02\/05\/2018[\s\S]*Hiệu lực\s+vô thời hạn[\s\S]*Nơi lưu\s+Trên trạm/);
    expect(await list.getByRole('button').first().evaluate((b) => b === b.ownerDocument.activeElement)).toBe(false);
    await list.scrollIntoViewIfNeeded();
    await screenshot(page, 'reuse-candidates-1366');

    await list.getByRole('button', { name: 'Tái sử dụng: Giấy khai sinh' }).click();
    await expect.poll(() => panel.getByRole('status').innerText()).toMatch(new RegExp(`Đã tái sử dụng “Giấy khai sinh” cho hồ sơ ${dossier.replace(/\./g, '\\.')}`));
    await screenshot(page, 'reuse-done-1366');
    await page.close();

    const station = await openStation({ dataDir: mode.dataDir, env: stationEnv() });
    try {
      expect(station.reuse.links(dossier)).toEqual([expect.objectContaining({ title: 'Giấy khai sinh', reused: true, digitized: true })]);
    } finally {
      await station.close();
    }
  });
});
