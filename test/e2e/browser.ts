// Browser-mode harness: the real `sohoa serve` and Debian's Chromium driven by playwright-core.
import { type Browser, type Locator, type Page, chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DeviceCacheFile, deviceConfigKey } from '../../electron/core/scan/device-cache';
import { startCli, waitForOutput } from '../helpers/cli';
import { RESULTS, tempDir } from '../helpers/paths';
import { type SaneConfigOptions, saneEnv, writeSaneConfig } from '../helpers/sane';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a root, offline, headless Chromium (no sandbox as root; no background network). */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export interface BrowserMode {
  /** The station's address for a page of newPage(): its context already holds the cookie (the
   * printed address works once, so the harness opens it once and shares the cookie). */
  readonly url: string;
  /** `name=value` of the browser-mode cookie. */
  readonly cookie: string;
  readonly origin: string;
  readonly browser: Browser;
  readonly dataDir: string;
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** `chromiumArgs`: flags for this test's Chromium besides (a fake camera, say). `fresh`: a new station as a person meets it, the first-start wizard first. Without it, the
 * station runs without the wizard (`sohoa serve --no-wizard`): with no account it is its own
 * administrator, as the screens' own tests expect. `env`: variables the station runs with besides
 * (a stripped PATH, say). */
export async function startBrowserMode(sane: SaneConfigOptions = {}, opts: { fresh?: boolean; env?: NodeJS.ProcessEnv; chromiumArgs?: readonly string[] } = {}): Promise<BrowserMode> {
  const tmp = tempDir('e2e');
  const env = saneEnv(writeSaneConfig(join(tmp.path, 'sane.d'), { testPicture: 'Grid', ...sane }), { SOHOA_DATA_DIR: join(tmp.path, 'data'), ...opts.env });
  const server = startCli(['serve', '--port', '0', ...(opts.fresh ? [] : ['--no-wizard'])], env);
  const printed = await waitForOutput(server, /http:\/\/127\.0\.0\.1:\d+\/\?session=[\w-]+/, 60_000);
  const origin = new URL(printed).origin;
  const opened = await fetch(printed, { redirect: 'manual' });
  const cookie = (opened.headers.get('set-cookie') ?? '').split(';')[0]!;
  if (opened.status !== 302 || !cookie.includes('=')) throw new Error(`the printed address did not open the station: ${opened.status}`);
  const [cookieName, cookieValue] = [cookie.slice(0, cookie.indexOf('=')), cookie.slice(cookie.indexOf('=') + 1)];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...(opts.chromiumArgs ?? [])] });
  return {
    url: `${origin}/`,
    cookie,
    origin,
    browser,
    dataDir: join(tmp.path, 'data'),
    async newPage(viewport = { width: 1366, height: 768 }) {
      const context = await browser.newContext({ viewport });
      await context.addCookies([{ name: cookieName, value: cookieValue, domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Strict' }]);
      const page = await context.newPage();
      page.once('close', () => void context.close().catch(() => undefined));
      page.on('pageerror', (e) => {
        throw e;
      });
      return page;
    },
    async close() {
      await browser.close();
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      tmp.cleanup();
    },
  };
}

/** Saves a screenshot as a test artifact (test-results/), to be looked at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS, { recursive: true });
  const path = join(RESULTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** A new tab on the scan screen with the network (eSCL) scanner chosen: the fixture's flatbed
 * and duplex feeder, whose glass size the large-sheet plan reads. */
export async function openScanOnEscl(mode: BrowserMode): Promise<{ page: Page; screen: Locator }> {
  const page = await mode.newPage();
  await page.goto(mode.url);
  const screen = page.locator('.scan-screen');
  const picker = screen.getByLabel('Máy quét', { exact: true });
  const escl = picker.locator('option[value^="escl:"]');
  await escl.waitFor({ state: 'attached', timeout: 60_000 });
  await picker.selectOption((await escl.getAttribute('value'))!);
  return { page, screen };
}

/** On the scan screen: chooses SANE's test scanner, a paper (its button's label), a resolution
 * if given and a number of pages, and presses Scan. Returns when the scan has been asked for. */
export async function scanTestPages(page: Page, o: { paper: string; pages: number; dpi?: number }): Promise<void> {
  const screen = page.locator('.scan-screen');
  const scan = page.getByRole('button', { name: 'Quét', exact: true });
  await scan.waitFor();
  await screen.getByLabel('Máy quét', { exact: true }).selectOption('sane:test:0');
  await page.getByRole('radio', { name: o.paper }).click();
  if (o.dpi !== undefined) await screen.getByLabel('Độ phân giải').selectOption(String(o.dpi));
  await screen.getByLabel('Số trang').fill(String(o.pages));
  await scan.click();
}

/** The device list the station keeps between starts, as an earlier start left it: one scanner
 * (`sane:test:9`), unplugged since. Written before a page asks for the list, it is what the
 * station answers at once; its probe behind then finds the scanners really there. */
export function writeGoneScannerCache(mode: BrowserMode): void {
  const saneDir = join(dirname(mode.dataDir), 'sane.d'); // the harness's SANE folder, beside the data folder
  new DeviceCacheFile(join(mode.dataDir, 'device-cache.json'), deviceConfigKey(saneEnv(saneDir))).write([
    {
      id: 'sane:test:9',
      driver: 'sane',
      vendor: 'Noname',
      model: 'unplugged-since',
      serial: '',
      demo: true,
      sources: [{ source: 'flatbed', name: 'Flatbed', maxArea: { width: 210, height: 297 }, minArea: null, resolutions: [], resolutionRange: { min: 75, max: 600, step: 1 }, modes: ['color', 'gray'], duplex: false }],
    },
  ]);
}
