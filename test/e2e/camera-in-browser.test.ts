// A camera as a device on the scan screen (issue 19, item 1), in Chromium against browser mode:
// the real getUserMedia with Chromium's fake capture device, fed from a generated video of a book
// being turned (test/fixtures/camera-video.ts). The camera is listed beside the scanners; its live
// picture shows; Space takes a page into the draft; the automatic mode takes each page once when
// it lies still after a turn, never while the hand is in the picture; a camera that stops sending
// (unplugged) says so with a coded error and the pages taken stay in the draft.
import { join } from 'node:path';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCameraVideo } from '../fixtures/camera-video';
import { tempDir } from '../helpers/paths';
import { axeProblems } from './axe';
import { type BrowserMode, screenshot, startBrowserMode } from './browser';

let mode: BrowserMode;
const files = tempDir('camera-video');

beforeAll(async () => {
  const video = join(files.path, 'book.y4m');
  writeCameraVideo(video);
  mode = await startBrowserMode({}, { chromiumArgs: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`] });
}, 120_000);
afterAll(async () => {
  await mode?.close();
  files.cleanup();
});

/** The live view's picture width (0 until the camera sends). Evaluated through the debugging
 * protocol: the station's CSP refuses waitForFunction's string evaluation. */
const videoWidth = (page: Page) => page.evaluate<number>("document.querySelector('.camera-view video')?.videoWidth ?? 0");
/** Records in the page every change of the live view's state (moving, settling, capturing,
 * taken) and of the number of pages shown, as [state, pages] pairs. */
const WATCH_STATES = `(() => {
  const log = (window.cameraStates = []);
  const note = () => {
    const state = document.querySelector('.camera-status')?.dataset.state ?? '-';
    const pages = document.querySelectorAll('[data-testid="page-thumb"]').length;
    const last = log[log.length - 1];
    if (!last || last[0] !== state || last[1] !== pages) log.push([state, pages]);
  };
  new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  note();
})()`;
const states = (page: Page) => page.evaluate<[string, number][]>('window.cameraStates');
const noHorizontalScroll = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth <= document.documentElement.clientWidth');

/** Whether a page's thumbnail shows the hand: a dark block across the middle band of the picture. */
async function showsHand(page: Page, index: number): Promise<boolean> {
  const src = await page.getByTestId('page-thumb').nth(index).locator('img').getAttribute('src');
  const image = await page.request.get(`${mode.origin}${src}`);
  expect(image.status()).toBe(200);
  const { data, info } = await sharp(await image.body()).greyscale().raw().toBuffer({ resolveWithObject: true });
  const [top, bottom] = [Math.round(info.height * 0.45), Math.round(info.height * 0.65)];
  const blocks = 8;
  const means = Array.from({ length: blocks }, (_, b) => {
    const [x0, x1] = [Math.floor((b * info.width) / blocks), Math.floor(((b + 1) * info.width) / blocks)];
    let sum = 0;
    for (let y = top; y < bottom; y++) for (let x = x0; x < x1; x++) sum += data[y * info.width + x]!;
    return sum / ((bottom - top) * (x1 - x0));
  });
  return means.some((m) => m < 110);
}

describe('a camera on the scan screen', () => {
  it('is listed beside the scanners, shows its picture, and takes pages on a key and by itself', async () => {
    const page = await mode.newPage({ width: 1366, height: 768 });
    await page.goto(mode.url);
    const screen = page.locator('.scan-screen');
    await page.getByRole('button', { name: 'Quét', exact: true }).waitFor();
    // The device list is labelled by what is chosen: "Máy quét" while a scanner is.
    const devices = screen.locator('#scan-device');
    expect(await screen.getByLabel('Máy quét', { exact: true }).getAttribute('id')).toBe('scan-device');
    // The scanners first, then the cameras under their own heading.
    const camera = devices.locator('optgroup[label="Máy ảnh (chụp tài liệu)"] option').first();
    await camera.waitFor({ state: 'attached' });
    expect(await devices.locator('option[value="sane:test:0"]').count()).toBe(1);
    const cameraValue = await camera.getAttribute('value');
    await devices.selectOption(cameraValue);
    // The list says what is chosen now: a camera, not a scanner.
    await expect.poll(() => screen.getByLabel('Máy ảnh', { exact: true }).inputValue()).toBe(cameraValue);
    expect(await screen.getByLabel('Máy quét', { exact: true }).count()).toBe(0);

    // The live picture at the camera's largest resolution (the fake device's video: 640 × 480).
    await page.getByRole('region', { name: 'Hình trực tiếp từ máy ảnh' }).waitFor();
    await expect.poll(() => videoWidth(page), { timeout: 20_000 }).toBe(640);
    await expect(screen.getByLabel('Độ phân giải máy ảnh').inputValue()).resolves.toBe('');
    await expect(screen.getByLabel('Độ phân giải máy ảnh').locator('option').first().innerText()).resolves.toBe('640 × 480');
    // The camera is named once it is allowed, and stays chosen.
    await expect(devices.inputValue()).resolves.toMatch(/^camera:/);
    await expect(page.evaluate("document.activeElement?.classList.contains('camera-view')")).resolves.toBe(true); // the pedal's keys work at once

    // Space (what a foot pedal types) takes the page: on disk and in the draft before it shows.
    const thumbs = page.getByTestId('page-thumb');
    await page.keyboard.press('Space');
    await thumbs.first().waitFor();
    await page.getByText('Đã chụp 1 trang').waitFor();
    expect(await noHorizontalScroll(page)).toBe(true);
    expect(await axeProblems(page, 'camera on the scan screen')).toEqual([]);
    await screenshot(page, 'camera-preview-1366x768');

    // Automatic: A turns it on; each page is taken once it lies still after a turn. Every change
    // of the live view's state and of the page count is written down as it happens (the moving
    // state lasts a tenth of a second between two frames of the hand).
    await page.evaluate(WATCH_STATES);
    await page.keyboard.press('a');
    await expect(screen.getByLabel('Tự chụp khi trang đứng yên').isChecked()).resolves.toBe(true);
    await thumbs.nth(2).waitFor({ timeout: 40_000 });
    // …and the hand comes again for the next turn, with no third page taken meanwhile.
    const movedAfterThird = (log: [string, number][]) => log.slice(log.findIndex(([, n]) => n === 3)).some(([state]) => state === 'moving');
    await expect.poll(async () => movedAfterThird(await states(page)), { timeout: 30_000 }).toBe(true);
    await screenshot(page, 'camera-auto-moving-1366x768');
    const log = await states(page);
    // Two pages taken by themselves, each after the hand had moved and the picture had then been
    // still (settling), never straight from a moving picture; and one only per still page.
    const taken = log.flatMap(([, count], i) => (i > 0 && count > log[i - 1]![1] ? [i] : []));
    expect(taken.length, JSON.stringify(log)).toBe(2);
    let since = 0;
    for (const at of taken) {
      const before = log.slice(since, at).map(([state]) => state);
      expect(before, JSON.stringify(log)).toContain('moving');
      const lastMoving = before.lastIndexOf('moving');
      expect(before.slice(lastMoving + 1), JSON.stringify(log)).toContain('settling');
      since = at;
    }
    expect(await thumbs.count()).toBe(3);
    // The pages taken by themselves show the page, not the hand.
    expect(await showsHand(page, 1)).toBe(false);
    expect(await showsHand(page, 2)).toBe(false);
    await page.keyboard.press('a');
    await expect(screen.getByLabel('Tự chụp khi trang đứng yên').isChecked()).resolves.toBe(false);

    // The camera unplugged mid-book: its track ends. A coded error says what to do; the pages stay.
    await page.evaluate("document.querySelector('.camera-view video').srcObject.getVideoTracks()[0].dispatchEvent(new Event('ended'))");
    const alert = page.locator('[role="alert"][data-code="camera-disconnected"]');
    await alert.waitFor();
    await expect(alert.innerText()).resolves.toMatch(/3 trang đã chụp vẫn ở trong tài liệu nháp\. Cắm lại máy ảnh/);
    expect(await thumbs.count()).toBe(3);
    // Nothing is taken from a camera that is gone: the key does nothing, the button is off.
    await expect(page.getByRole('button', { name: 'Chụp trang' }).isDisabled()).resolves.toBe(true);
    await page.keyboard.press('Space');
    expect(await thumbs.count()).toBe(3);
    await screenshot(page, 'camera-unplugged-1366x768');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'camera-unplugged-1920x1080');
    // Plugged in again: opened again, the book goes on in the same draft.
    await page.getByRole('button', { name: 'Mở lại máy ảnh' }).click();
    await expect.poll(() => videoWidth(page), { timeout: 20_000 }).toBe(640);
    await expect(alert.count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Chụp trang' }).and(page.locator(':enabled')).waitFor();
    await page.keyboard.press('Enter');
    await thumbs.nth(3).waitFor();

    // The draft saves like a scanned one.
    await screen.getByLabel('Tên giấy tờ').fill('Sổ đăng ký khai sinh 1998');
    await page.getByRole('button', { name: 'Lưu tài liệu' }).click();
    await page.getByText('Đã lưu tài liệu: 4 trang.').waitFor({ timeout: 60_000 });
    await page.close();
  }, 240_000);

  it('speaks English too, and lets the camera go while another screen is in view', async () => {
    const page = await mode.newPage({ width: 1920, height: 1080 });
    await page.goto(mode.url);
    await page.getByRole('button', { name: 'Quét', exact: true }).waitFor();
    await page.getByLabel('Ngôn ngữ').selectOption('en');
    const devices = page.locator('.scan-screen').getByLabel('Scanner', { exact: true });
    const camera = devices.locator('optgroup[label="Cameras (document capture)"] option').first();
    await camera.waitFor({ state: 'attached' });
    await devices.selectOption(await camera.getAttribute('value'));
    await expect.poll(() => videoWidth(page), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Take page' }).waitFor();
    await page.getByText('Press Space or Enter (or the foot pedal) to take the page.').waitFor();
    await screenshot(page, 'camera-english-1920x1080');
    // Away from the scan screen the camera is let go (its light goes out); back, it is opened again.
    await page.getByRole('button', { name: 'Documents', exact: true }).click();
    await expect.poll(() => page.evaluate<number>("document.querySelector('.camera-view video')?.srcObject?.getVideoTracks().filter((t) => t.readyState === 'live').length ?? 0")).toBe(0);
    await page.getByRole('button', { name: 'Scan papers' }).click();
    await expect.poll(() => page.evaluate<number>("document.querySelector('.camera-view video')?.srcObject?.getVideoTracks().filter((t) => t.readyState === 'live').length ?? 0"), { timeout: 20_000 }).toBe(1);
    await page.close();
  }, 120_000);
});
