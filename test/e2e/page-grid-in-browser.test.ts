// An archive-sized scan in the page grid: 1,200 pages from the test scanner (small card-sized
// pages, so that the scan itself is quick) through the real station, in Chromium. The grid must
// keep only the rows in view in the DOM, follow the newest page while pages arrive, and reach any
// page by scrolling. Frame times are printed for the note, never asserted (these machines are noisy).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserMode, scanTestPages, screenshot, startBrowserMode } from './browser';

const PAGES = 1200;

let mode: BrowserMode;
beforeAll(async () => {
  mode = await startBrowserMode();
});
afterAll(async () => {
  await mode?.close();
});

describe('the page grid at archive scale', () => {
  it(`shows ${PAGES} scanned pages with only the rows in view in the DOM`, { timeout: 600_000 }, async () => {
    const page = await mode.newPage({ width: 1366, height: 768 });
    await page.goto(mode.url);
    await scanTestPages(page, { paper: 'Thẻ CCCD', dpi: 150, pages: PAGES });

    const grid = page.locator('.page-grid');
    await expect.poll(() => grid.getAttribute('aria-label'), { timeout: 540_000, interval: 2000 }).toBe('1.200 trang') // a Vietnamese number: 1.200;
    await page.getByRole('button', { name: 'Quét thêm trang' }).waitFor();

    const thumbs = page.getByTestId('page-thumb');
    const inDom = await thumbs.count();
    expect(inDom).toBeGreaterThan(0);
    expect(inDom).toBeLessThan(120); // 1,200 pages, a screenful of rows plus the margin
    // It followed the scan to its end: the last page is drawn, with its place in the list.
    await expect.poll(() => thumbs.last().getAttribute('aria-posinset')).toBe(String(PAGES));
    expect(await thumbs.last().getAttribute('aria-setsize')).toBe(String(PAGES));
    await screenshot(page, 'page-grid-1200-end-1366x768');

    // Back to the top, then to the middle: the pages there are drawn, the others are not.
    const scroller = page.locator('.page-grid-scroll');
    await scroller.evaluate((el) => el.scrollTo({ top: 0 }));
    await expect.poll(() => thumbs.first().getAttribute('aria-posinset')).toBe('1');
    expect(await thumbs.first().getByText('Trang 1', { exact: true }).isVisible()).toBe(true);
    await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
    await expect.poll(async () => Number(await thumbs.first().getAttribute('aria-posinset'))).toBeGreaterThan(400);
    expect(await thumbs.count()).toBeLessThan(120);

    // A fling from top to bottom, measured as frame times for the note.
    const frames = await scroller.evaluate(async (el) => {
      // The tests' typecheck has no DOM library: the page's own function, typed here.
      const nextFrame = (globalThis as unknown as { requestAnimationFrame: (cb: () => void) => void }).requestAnimationFrame;
      const times: number[] = [];
      el.scrollTop = 0;
      let last = performance.now();
      for (let i = 0; i <= 60; i++) {
        el.scrollTop = (el.scrollHeight * i) / 60;
        await new Promise<void>((r) => nextFrame(() => r()));
        const now = performance.now();
        times.push(now - last);
        last = now;
      }
      return times.sort((a, b) => a - b);
    });
    console.log(`page grid, ${PAGES} pages, 60 scroll steps: median frame ${frames[30]?.toFixed(1)} ms, p95 ${frames[57]?.toFixed(1)} ms`);
    await page.close();
  });

  it('lays out the same grid at 1920 × 1080', async () => {
    const page = await mode.newPage({ width: 1920, height: 1080 });
    await page.goto(mode.url);
    // The same station: the draft of the first test is not on this new page's scan screen, so
    // scan a few pages to look at.
    await scanTestPages(page, { paper: 'A4', pages: 14 });
    await page.getByTestId('page-thumb').nth(13).waitFor();
    await screenshot(page, 'page-grid-14-1920x1080');
    await page.close();
  });
});
