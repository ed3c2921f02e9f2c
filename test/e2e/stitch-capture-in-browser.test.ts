// A large sheet scanned part by part on the scan screen (issue 18, items 1 and 6), as an officer
// does it: an A3 sheet on the eSCL fixture scanner's A4 glass (3 parts, the sheet laid turned),
// each part laid on the glass by the test — parts of a generated A3 sheet (test/fixtures/
// large-sheet*.ts) scanned through SANE's pnm backend behind the fixture, as real parts would be —
// one part laid wrongly and undone (U), one rescanned (R), a blank part the assembly refuses with
// what to rescan, that part rescanned, the sheet assembled and previewed with its seams (S); and an
// assembly stopped with Esc, the parts kept.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartPlacement } from '../../electron/core/stitching/types';
import { type EsclFixture, startEsclFixture } from '../escl-fixture/server';
import { partLook, renderPart } from '../fixtures/large-sheet-parts';
import { SHEETS, pxPerMm } from '../fixtures/large-sheet';
import { tempDir } from '../helpers/paths';
import { axeProblems } from './axe';
import { type BrowserMode, openScanOnEscl, screenshot, startBrowserMode } from './browser';

const DPI = 150;
const SEED = 18;
/** Where the 3 parts of the turned plan lie on the A3 sheet: the glass (A4 as the generator lays
 * it, 210 × 297 mm) across the sheet, down it the first and last laid 12 mm over the sheet's edge
 * (the lid shows beyond the paper there). Square: the sheet is exactly as wide as the glass is
 * long, so a part laid askew would leave slivers of its sides unscanned (and be refused so). */
const CENTRES_MM = [105 - 12, 210, 315 + 12];
const TILT_DEG = [0, 0, 0];

let fixture: EsclFixture;
let mode: BrowserMode;
let dir: ReturnType<typeof tempDir>;
/** The PNM files of parts 1–3, and of a blank piece of paper. */
const parts: string[] = [];
let blank = '';

/** A part laid a quarter turn round (the plan's partTurnDeg −90), its centre at (x, y) mm. */
function turnedPlacement(index: number, xMm: number, yMm: number, tiltDeg: number): PartPlacement {
  const k = pxPerMm(DPI);
  const [w, h] = [210 * k, 297 * k];
  const angleDeg = -90 + tiltDeg;
  const t = (angleDeg * Math.PI) / 180;
  // d = k·centre − R(θ)·(w/2, h/2): the part's centre lands on the chosen point.
  const dx = xMm * k - (Math.cos(t) * w) / 2 + (Math.sin(t) * h) / 2;
  const dy = yMm * k - (Math.sin(t) * w) / 2 - (Math.cos(t) * h) / 2;
  return { index, angleDeg, dx, dy };
}

/** The scanner's pnm backend reads PNM: the part's pixels under a P6 header. */
async function asPnm(png: string): Promise<string> {
  const { data, info } = await sharp(png).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const out = png.replace(/\.png$/, '.ppm');
  writeFileSync(out, Buffer.concat([Buffer.from(`P6\n${info.width} ${info.height}\n255\n`), data]));
  return out;
}

/** Until the screen's forward button is enabled: the part just scanned is in and the station has
 * finished with it (keys pressed before that are not taken, as the disabled buttons show). */
async function ready(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.scan-actions button.primary.big:not([disabled])').count(), { timeout: 60_000 }).toBe(1);
}

beforeAll(async () => {
  dir = tempDir('tiled-capture');
  for (let i = 0; i < 3; i++) {
    const file = join(dir.path, `part-${i + 1}.png`);
    await renderPart(file, { sheet: SHEETS.a3, seed: SEED, dpi: DPI, glass: 'a4', placement: turnedPlacement(i, 148.5, CENTRES_MM[i]!, TILT_DEG[i]!), look: partLook(SEED, i), noiseSeed: SEED * 1013 + i });
    parts.push(await asPnm(file));
  }
  const empty = join(dir.path, 'blank.png');
  await renderPart(empty, { sheet: SHEETS.a3, seed: SEED, dpi: DPI, glass: 'a4', placement: turnedPlacement(3, 148.5, 315, 0), look: { ...partLook(SEED, 3), blank: true }, noiseSeed: 7 });
  blank = await asPnm(empty);
  fixture = await startEsclFixture({ sheets: 0, identity: { makeAndModel: 'Canon LiDE 400' } });
  mode = await startBrowserMode({}, { env: { SOHOA_ESCL_URLS: fixture.url } });
}, 180_000);
afterAll(async () => {
  await mode?.close();
  await fixture?.close();
  dir?.cleanup();
});

describe('a large sheet scanned in parts on the scan screen', () => {
  it('scans an A3 sheet in 3 parts on an A4 glass: undo, rescan, a blank part refused, assembled and previewed with its seams', { timeout: 300_000 }, async () => {
    const { page, screen } = await openScanOnEscl(mode);
    await screen.getByLabel('Độ phân giải').selectOption(String(DPI));
    await page.evaluate('document.activeElement?.blur()'); // keys of the screen, not of a field
    await page.keyboard.press('3'); // A3 does not fit the A4 glass: the large sheet
    await expect.poll(() => page.getByTestId('tiled-count').innerText()).toMatch(/^A3 trên mặt kính A4: 3 lần quét/);
    await page.getByText('Đặt phần 1 lên kính rồi bắt đầu:').waitFor();
    const start = page.getByRole('button', { name: 'Bắt đầu quét phần 1' });
    await expect(start.isEnabled()).resolves.toBe(true);

    // Enter moves on from the plan to the capture: part 1, a corner of the sheet, the sheet turned.
    await page.keyboard.press('Enter');
    const capture = page.getByTestId('tiled-capture');
    await capture.waitFor();
    const instruction = page.getByTestId('tiled-instruction');
    await expect.poll(() => instruction.innerText()).toBe('Phần 1/3: đặt góc trên bên trái của tờ giấy khít vào góc trên bên phải của mặt kính.');
    const states = () => page.getByTestId('tiled-progress').locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-state')));
    await expect(states()).resolves.toEqual(['next', 'waiting', 'waiting']);
    await expect(page.getByRole('button', { name: 'Quét phần 1' }).isEnabled()).resolves.toBe(true);
    // The settings stay as they are while the parts are scanned (a part at another dpi would not fit).
    await expect(screen.getByLabel('Độ phân giải').isDisabled()).resolves.toBe(true);
    // In English too.
    await page.getByLabel('Ngôn ngữ').selectOption('en');
    await expect.poll(() => instruction.innerText()).toBe('Part 1 of 3: place the sheet’s top-left corner in the glass’s top-right corner.');
    await expect(page.getByTestId('tiled-progress').innerText()).resolves.toMatch(/^Part 1: next\s+Part 2: waiting\s+Part 3: waiting$/);
    await page.getByLabel('Language').selectOption('vi');
    await page.evaluate('document.activeElement?.blur()'); // keys of the screen, not of a field
    const done = page.getByTestId('tiled-done');

    // Part 1 on the glass, Enter scans it: it shows in its place on the diagram.
    fixture.glass.push(parts[0]!);
    await page.keyboard.press('Enter');
    await expect.poll(states, { timeout: 60_000 }).toEqual(['done', 'next', 'waiting']);
    await expect.poll(() => done.innerText()).toBe('Đã quét 1/3 phần');
    await expect(page.getByTestId('plan-diagram').locator('image[data-part="1"]').count()).resolves.toBe(1);
    await expect.poll(() => instruction.innerText()).toBe('Phần 2/3: đặt mép trái của tờ giấy sát mép trên của mặt kính, vùng tô đậm (cách mép trái tờ 0 mm, mép trên 102 mm) nằm trên kính.');
    await expect.poll(() => page.getByTestId('plan-diagram').locator('.plan-part.current').getAttribute('data-part')).toBe('2');

    // The wrong part laid next, and taken back with U: the draft holds one part again.
    await ready(page);
    fixture.glass.push(parts[2]!);
    await page.keyboard.press('Enter');
    await expect.poll(states, { timeout: 60_000 }).toEqual(['done', 'done', 'next']);
    await ready(page);
    await page.keyboard.press('u');
    await expect.poll(states, { timeout: 30_000 }).toEqual(['done', 'next', 'waiting']);
    await expect.poll(() => done.innerText()).toBe('Đã quét 1/3 phần');

    // Part 2, then R rescans it in place: still two parts, the new scan in the second place.
    await ready(page);
    fixture.glass.push(parts[1]!);
    await page.keyboard.press('Enter');
    await expect.poll(states, { timeout: 60_000 }).toEqual(['done', 'done', 'next']);
    const secondSrc = () => page.getByTestId('plan-diagram').locator('image[data-part="2"]').getAttribute('href');
    const before = await secondSrc();
    await ready(page);
    fixture.glass.push(parts[1]!);
    await page.keyboard.press('r');
    await expect.poll(secondSrc, { timeout: 60_000 }).not.toBe(before);
    await expect.poll(states, { timeout: 30_000 }).toEqual(['done', 'done', 'next']);
    await expect.poll(() => done.innerText()).toBe('Đã quét 2/3 phần');

    // A blank paper laid for part 3: all parts in, the next step is to assemble them.
    await ready(page);
    fixture.glass.push(blank);
    await page.keyboard.press('Enter');
    await expect.poll(states, { timeout: 60_000 }).toEqual(['done', 'done', 'done']);
    await expect.poll(() => instruction.innerText()).toBe('Đã quét đủ 3 phần: ghép chúng thành một trang.');
    await page.getByTestId('plan-diagram').locator('image[data-part="3"]').waitFor();
    await screenshot(page, 'stitch-capture-parts-1366x768');
    await expect(page.evaluate<boolean>('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).resolves.toBe(true);
    expect(await axeProblems(page, 'large sheet capture')).toEqual([]);

    // Esc pauses: the parts are ordinary draft pages meanwhile, nothing lost; Enter carries on.
    await ready(page);
    await page.keyboard.press('Escape');
    await page.getByTestId('tiled-paused').waitFor();
    await expect(page.getByTestId('tiled-paused').innerText()).resolves.toBe('Đã tạm dừng quét ghép: 3/3 phần vẫn nằm trong tài liệu nháp.');
    await expect(page.getByTestId('page-thumb').count()).resolves.toBe(3);
    await screenshot(page, 'stitch-capture-paused-1366x768');
    await page.evaluate('document.activeElement?.blur()');
    await page.keyboard.press('Enter');
    await capture.waitFor();
    await expect.poll(states).toEqual(['done', 'done', 'done']);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'stitch-capture-parts-1920x1080');
    await page.setViewportSize({ width: 1366, height: 768 });

    // All in: Enter assembles. The blank paper cannot be placed: the station names the part and
    // says what to do; the parts stay; the part is marked, and R is offered for it.
    await expect(page.getByRole('button', { name: 'Ghép 3 phần thành một trang' }).isEnabled()).resolves.toBe(true);
    await page.keyboard.press('Enter');
    const failure = page.getByTestId('tiled-failure');
    await failure.waitFor({ timeout: 180_000 });
    await expect(failure.getAttribute('data-code')).resolves.toMatch(/^stitch-part-(blank|unplaced)$/);
    await expect(failure.innerText()).resolves.toMatch(/^Chưa ghép được:\s+Phần 3 .*Quét lại phần 3 .*các phần khác vẫn được giữ\.$/s);
    await expect.poll(states).toEqual(['done', 'done', 'unplaced']);
    await expect(done.innerText()).resolves.toBe('Đã quét 3/3 phần');
    await expect(page.getByRole('button', { name: 'Quét lại phần 3' }).count()).resolves.toBe(1);
    await screenshot(page, 'stitch-capture-refused-1366x768');
    expect(await axeProblems(page, 'large sheet refused')).toEqual([]);

    // R rescans part 3 with the right paper on the glass: the refusal goes, all parts are in.
    const thirdSrc = () => page.getByTestId('plan-diagram').locator('image[data-part="3"]').getAttribute('href');
    const blankSrc = await thirdSrc();
    await ready(page);
    fixture.glass.push(parts[2]!);
    await page.keyboard.press('r');
    await failure.waitFor({ state: 'detached' });
    await expect.poll(thirdSrc, { timeout: 60_000 }).not.toBe(blankSrc);
    await expect.poll(states, { timeout: 60_000 }).toEqual(['done', 'done', 'done']);
    await expect.poll(() => page.getByRole('button', { name: 'Ghép 3 phần thành một trang' }).isEnabled(), { timeout: 30_000 }).toBe(true);

    // Enter assembles: the bar while the station works, saying where the work is (recorded as it
    // changes: the stages can pass quicker than a poll would see), then the assembled sheet in place
    // of the parts.
    await page.evaluate(`(() => {
      const seen = (window.__assemblyLabels = []);
      new MutationObserver(() => {
        const label = document.querySelector('.tiled-assembling .progress-label')?.textContent;
        if (label && seen[seen.length - 1] !== label) seen.push(label);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    })()`);
    await page.keyboard.press('Enter');
    await page.getByTestId('tiled-assembling').waitFor();
    await screenshot(page, 'stitch-capture-assembling-1366x768');
    const assembled = page.getByTestId('tiled-assembled');
    // The sheet, or a refusal (whose words then say why this test fails).
    await page.locator('[data-testid="tiled-assembled"], [data-testid="tiled-failure"]').first().waitFor({ timeout: 180_000 });
    expect(await failure.count() ? await failure.innerText() : null).toBeNull();
    await assembled.waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    // The stages in their order, the page's composition last (the page is then processed before the answer).
    const labels = await page.evaluate<string[]>('window.__assemblyLabels');
    console.log(`the assembly's bar said: ${labels.join(' | ')}`);
    const STAGES = [/^Đang đọc phần \d\/3 của tờ A3…/, /^Đang khớp 3 phần với nhau…/, /^Đang tìm mép tờ giấy giữa các phần…/, /^Đang dựng tờ A3 ở kích thước thật: \d+%…/];
    const order = labels.map((l) => STAGES.findIndex((re) => re.test(l))).filter((k) => k >= 0);
    expect(order.length, `the bar said: ${JSON.stringify(labels)}`).toBeGreaterThan(0);
    expect(order.every((k, i) => i === 0 || k >= order[i - 1]!), `the bar said: ${JSON.stringify(labels)}`).toBe(true);
    expect(order.at(-1), `the bar said: ${JSON.stringify(labels)}`).toBe(3);
    await expect(assembled.locator('h3').innerText()).resolves.toMatch(/^Tờ A3 đã ghép từ 3 phần\s*297 × 420 mm ở 150 dpi$/);
    await expect(page.locator('.save-form .count').innerText()).resolves.toBe('1 trang chưa lưu');
    await expect(assembled.innerText()).resolves.toContain('tờ đã ghép và từng phần đã quét được giữ làm bản gốc của trang cho đến khi ký số');
    const ratio = () => page.getByTestId('tiled-preview').evaluate((img) => {
      const { naturalWidth, naturalHeight } = img as unknown as { naturalWidth: number; naturalHeight: number };
      return naturalHeight > 0 ? naturalWidth / naturalHeight : 0; // 0 until the image has loaded
    });
    await expect.poll(ratio, { timeout: 30_000 }).toBeCloseTo(297 / 420, 1);
    // The seams on request: S shows them over the page, S again hides them.
    await expect(page.getByTestId('tiled-seams').count()).resolves.toBe(0);
    await screenshot(page, 'stitch-assembled-1366x768');
    await page.keyboard.press('s');
    await page.getByTestId('tiled-seams').waitFor();
    expect(await page.getByTestId('tiled-seams').locator('polyline').count()).toBeGreaterThanOrEqual(2);
    await expect(page.getByRole('button', { name: 'Ẩn đường nối' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await screenshot(page, 'stitch-assembled-seams-1366x768');
    await expect(page.evaluate<boolean>('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).resolves.toBe(true);
    expect(await axeProblems(page, 'large sheet assembled')).toEqual([]);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'stitch-assembled-seams-1920x1080');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.keyboard.press('s');
    await page.getByTestId('tiled-seams').waitFor({ state: 'detached' });

    // Saved like any document: one page.
    await screen.getByLabel('Tên giấy tờ').fill('Bản vẽ hiện trạng thửa đất số 118');
    await page.keyboard.press('Control+s');
    await page.getByText('Đã lưu tài liệu: 1 trang.').waitFor({ timeout: 60_000 });
    await page.close();
  });

  it('stops an assembly on Esc, then refuses to assemble parts that are only the scanner’s test picture, in words that say what to do, and keeps them', { timeout: 300_000 }, async () => {
    // Nothing laid on the glass: every part is SANE's test picture, the same each time — no sheet.
    const { page, screen } = await openScanOnEscl(mode);
    await screen.getByLabel('Độ phân giải').selectOption(String(DPI));
    await page.evaluate('document.activeElement?.blur()');
    await page.keyboard.press('3');
    await expect.poll(() => page.getByTestId('tiled-count').innerText()).toMatch(/^A3 trên mặt kính A4: 3 lần quét/);
    await page.getByRole('button', { name: 'Bắt đầu quét phần 1' }).click();
    await page.getByTestId('tiled-capture').waitFor();
    const states = () => page.getByTestId('tiled-progress').locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-state')));
    for (let n = 1; n <= 3; n++) {
      await page.getByRole('button', { name: `Quét phần ${n}` }).click(); // the mouse works too
      await expect.poll(() => page.getByTestId('tiled-done').innerText(), { timeout: 60_000 }).toBe(`Đã quét ${n}/3 phần`);
    }
    // Assembling, stopped with Esc: the station ends the assembly, the parts stay as they were.
    const assemble = page.getByRole('button', { name: 'Ghép 3 phần thành một trang' });
    await assemble.click();
    await page.getByTestId('tiled-assembling').waitFor();
    await page.getByRole('button', { name: 'Dừng ghép' }).waitFor();
    await page.keyboard.press('Escape');
    const stopped = page.getByTestId('tiled-stopped');
    await stopped.waitFor({ timeout: 60_000 });
    await expect(stopped.innerText()).resolves.toBe('Đã dừng ghép: 3/3 phần vẫn nằm trong tài liệu nháp. Nhấn Enter để ghép lại, hoặc quét lại một phần trước.');
    expect(await page.getByTestId('tiled-failure').count()).toBe(0);
    await expect(page.getByTestId('tiled-done').innerText()).resolves.toBe('Đã quét 3/3 phần');
    expect(await states()).toEqual(['done', 'done', 'done']);
    await screenshot(page, 'stitch-capture-assembly-stopped-1366x768');

    // Assembled again, to the end this time: refused, in words that say what to do.
    await assemble.click();
    await stopped.waitFor({ state: 'detached' });
    const failure = page.getByTestId('tiled-failure');
    await failure.waitFor({ timeout: 180_000 });
    await expect(failure.getAttribute('data-code')).resolves.toMatch(/^stitch-/);
    const words = await failure.innerText();
    console.log(`test pictures refused: ${words.replace(/\s+/g, ' ')}`);
    expect(words).toMatch(/^Chưa ghép được:\s+\S/);
    // Nothing assembled, nothing lost: the three parts are still the draft's pages.
    await expect.poll(() => page.getByTestId('tiled-done').innerText()).toBe('Đã quét 3/3 phần');
    expect((await states()).every((st) => st === 'done' || st === 'unplaced')).toBe(true);
    await screenshot(page, 'stitch-capture-test-picture-refused-1366x768');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('page-thumb').count()).toBe(3);
    await page.close();
  });
});
