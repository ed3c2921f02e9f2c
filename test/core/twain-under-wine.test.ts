// The TWAIN worker end to end on Linux: the real twain-worker.exe (mingw-w64, x86_64) under
// Wine, loading Wine's TWAIN DSM (twain_32.dll) and through it the test data source
// (test/twain-source), driven by the station's own TwainDriver over WorkerProcess. The pages
// arrive as TIFFs in the spool folder and every pixel is checked against the known images.
//
// Only the 64-bit worker runs here: Debian's 32-bit Wine needs the i386 architecture, which the
// build machines do not enable; the 32-bit worker is compiled (native/build.mjs) but not run.
import sharp from 'sharp';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColorMode, SourceKind } from '../../electron/contract';
import { StationError } from '../../electron/core/errors';
import { createLogger } from '../../electron/core/log';
import type { DriverEvent, ScanOutcome } from '../../electron/core/scan/driver';
import { TwainDriver } from '../../electron/core/scan/twain-driver';
import { REPO, tempDir } from '../helpers/paths';
import { prepareWinePrefix, wineEnv, wineLauncher } from '../twain-source/wine';

const DEVICE = 'twain:SoHoa/SoHoa Test Source';
const A4 = { x: 0, y: 0, width: 210, height: 297 };
const tmp = tempDir('twain-wine');
const log = createLogger(join(tmp.path, 'log'));
let prefix = '';
let launcher = '';
const drivers: TwainDriver[] = [];

function driver(extraEnv: NodeJS.ProcessEnv = {}): TwainDriver {
  const d = new TwainDriver({ executables: [launcher], timeoutMs: 60_000, log, env: wineEnv(prefix, extraEnv) });
  drivers.push(d);
  return d;
}

beforeAll(() => {
  execFileSync(process.execPath, [join(REPO, 'native', 'build.mjs')], { stdio: 'inherit' });
  const wine = prepareWinePrefix(join(REPO, 'native', 'build', 'test', 'sohoa-test.ds'));
  prefix = wine.path;
  if (wine.bootSeconds > 0) console.info(`twain-under-wine: wineboot took ${wine.bootSeconds.toFixed(1)} s (once per machine)`);
  launcher = wineLauncher(tmp.path, join(REPO, 'native', 'build', 'win-x64', 'twain-worker.exe'));
}, 240_000);

afterAll(async () => {
  await Promise.all(drivers.map((d) => d.close()));
  tmp.cleanup();
});

/** The known image k at (x, y), as test/twain-source/pages.h defines it. */
function expected(k: number, mode: ColorMode, x: number, y: number): number[] {
  if (mode === 'color') return [(x + 40 * k) & 255, (y + 80 * k) & 255, (60 * k) & 255];
  if (mode === 'gray') return [(x + y + 40 * k) & 255];
  return [((Math.floor(x / 8) + Math.floor(y / 8) + k) & 1) === 0 ? 255 : 0];
}

/** Counts the pixels of a spooled page that differ from known image k. */
async function mismatches(file: string, k: number, mode: ColorMode): Promise<number> {
  const { data, info } = await sharp(file).raw().toBuffer({ resolveWithObject: true });
  let wrong = 0;
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const want = expected(k, mode, x, y);
      const at = (y * info.width + x) * info.channels;
      if (want.some((v, c) => data[at + c] !== v)) wrong++;
    }
  }
  return wrong;
}

async function scan(d: TwainDriver, name: string, settings: { source: SourceKind; mode: ColorMode; dpi: number; pages?: number }, onEvent?: (e: DriverEvent, abort: () => void) => void) {
  const spoolDir = join(tmp.path, name);
  mkdirSync(spoolDir, { recursive: true });
  const events: DriverEvent[] = [];
  const controller = new AbortController();
  let outcome: ScanOutcome | null = null;
  let failure: unknown = null;
  try {
    const record = (e: DriverEvent) => {
      events.push(e);
      onEvent?.(e, () => controller.abort());
    };
    outcome = await d.scan({ deviceId: DEVICE, settings: { ...settings, area: A4 }, spoolDir, prefix: 'p', onEvent: record, signal: controller.signal });
  } catch (e) {
    failure = e;
  }
  const pages = events.filter((e): e is Extract<DriverEvent, { type: 'page' }> => e.type === 'page');
  return { outcome, failure, events, pages, spoolDir };
}

describe('twain-worker under Wine', () => {
  it('lists the test source as a twain: device with its normalised capabilities', async () => {
    const devices = await driver().list();
    expect(devices.map((d) => d.id)).toEqual([DEVICE]);
    const [device] = devices;
    expect(device).toMatchObject({ driver: 'twain', vendor: 'SoHoa', model: 'SoHoa Test Source', demo: false, feeder: 'loaded' });
    expect(device?.sources.map((s) => [s.source, s.duplex])).toEqual([
      ['flatbed', false],
      ['feeder', false],
      ['feeder-duplex', true],
    ]);
    const flatbed = device?.sources[0];
    expect(flatbed?.resolutions).toEqual([75, 100, 150, 200, 300]);
    expect(flatbed?.modes).toEqual(['color', 'gray', 'bw']);
    // 8.27 × 11.69 in on the flatbed, 8.27 × 14 in in the feeder, reported in millimetres.
    expect(flatbed?.maxArea?.width).toBeCloseTo(210, 0);
    expect(flatbed?.maxArea?.height).toBeCloseTo(297, 0);
    expect(device?.sources[1]?.maxArea?.height).toBeCloseTo(355.6, 0);
  });

  it('passes over a worker that cannot list (here: a 32-bit build that is not there) and keeps the other one', async () => {
    const d = new TwainDriver({ executables: [join(tmp.path, 'missing-32-bit-worker'), launcher], timeoutMs: 60_000, log, env: wineEnv(prefix) });
    drivers.push(d);
    expect((await d.list()).map((x) => x.id)).toEqual([DEVICE]);
  });

  it('answers caps for the device directly', async () => {
    const caps = await driver().caps(DEVICE);
    expect(caps.map((s) => s.source)).toEqual(['flatbed', 'feeder', 'feeder-duplex']);
  });

  it('scans the 3-sheet feeder in colour into TIFFs whose every pixel is the known image, ending normally', async () => {
    const r = await scan(driver(), 'feeder', { source: 'feeder', mode: 'color', dpi: 100 });
    expect(r.failure).toBeNull();
    expect(r.outcome).toEqual({ pages: 3, end: 'no-documents' });
    expect(r.events.filter((e) => e.type === 'page-start').map((e) => e.page)).toEqual([1, 2, 3]);
    expect(r.pages.map((p) => [p.page, p.widthPx, p.heightPx, p.dpi, p.mode])).toEqual([
      [1, 827, 1169, 100, 'color'],
      [2, 827, 1169, 100, 'color'],
      [3, 827, 1169, 100, 'color'],
    ]);
    expect(readdirSync(r.spoolDir).sort()).toEqual(['p-0001.tiff', 'p-0002.tiff', 'p-0003.tiff']);
    for (const p of r.pages) expect(await mismatches(p.file, p.page, 'color')).toBe(0);
  });

  it('stops at the requested page count (bilevel), scans both sides in duplex, and the flatbed once in grey', async () => {
    const counted = await scan(driver(), 'two', { source: 'feeder', mode: 'bw', dpi: 75, pages: 2 });
    expect(counted.outcome).toEqual({ pages: 2, end: 'count' });
    for (const p of counted.pages) expect(await mismatches(p.file, p.page, 'bw')).toBe(0);
    const duplex = await scan(driver(), 'duplex', { source: 'feeder-duplex', mode: 'gray', dpi: 75 });
    expect(duplex.outcome).toEqual({ pages: 6, end: 'no-documents' });
    const flat = await scan(driver(), 'flatbed', { source: 'flatbed', mode: 'gray', dpi: 75 });
    expect(flat.outcome).toEqual({ pages: 1, end: 'count' });
    expect(flat.pages.map((p) => [p.widthPx, p.heightPx, p.mode])).toEqual([[620, 877, 'gray']]);
    expect(await mismatches(flat.pages[0]?.file ?? '', 0, 'gray')).toBe(0);
  });

  it('falls back to native transfer (a DIB) when the source refuses memory transfer', async () => {
    const r = await scan(driver({ SOHOA_TEST_TWAIN_NATIVE_ONLY: '1' }), 'native', { source: 'feeder', mode: 'bw', dpi: 150, pages: 1 });
    expect(r.outcome).toEqual({ pages: 1, end: 'count' });
    // 210 × 297 mm at 150 dpi: 1240.2 × 1753.9 px.
    expect(r.pages.map((p) => [p.widthPx, p.heightPx, p.mode])).toEqual([[1240, 1754, 'bw']]);
    expect(await mismatches(r.pages[0]?.file ?? '', 1, 'bw')).toBe(0);
  });

  it('maps a paper jam (TWCC_PAPERJAM) to jammed, keeping the page scanned before it', async () => {
    const r = await scan(driver({ SOHOA_TEST_TWAIN_JAM_AT: '2' }), 'jam', { source: 'feeder', mode: 'color', dpi: 75 });
    expect(r.failure).toBeInstanceOf(StationError);
    expect((r.failure as StationError).code).toBe('jammed');
    expect(r.pages.map((p) => p.page)).toEqual([1]);
    expect(readdirSync(r.spoolDir)).toEqual(['p-0001.tiff']);
  });

  it('cancels mid-batch when the station asks, keeps the finished pages, and scans again afterwards', async () => {
    // A slow source (a pause per block of rows), so that the cancel arrives while a page is read.
    const d = driver({ SOHOA_TEST_TWAIN_DELAY_MS: '100' });
    const r = await scan(d, 'cancel', { source: 'feeder', mode: 'color', dpi: 100 }, (e, abort) => {
      if (e.type === 'page' && e.page === 1) abort();
    });
    expect((r.failure as StationError).code).toBe('cancelled');
    expect(r.pages.map((p) => p.page)).toEqual([1]);
    expect(readdirSync(r.spoolDir)).toEqual(['p-0001.tiff']);
    const again = await scan(d, 'after-cancel', { source: 'feeder', mode: 'color', dpi: 100, pages: 1 });
    expect(again.outcome).toEqual({ pages: 1, end: 'count' });
  });

  it('refuses an empty feeder with no-documents, and a resolution the source does not offer', async () => {
    const empty = await scan(driver({ SOHOA_TEST_TWAIN_SHEETS: '0' }), 'empty', { source: 'feeder', mode: 'color', dpi: 100 });
    expect((empty.failure as StationError).code).toBe('no-documents');
    const badDpi = await scan(driver(), 'dpi', { source: 'flatbed', mode: 'color', dpi: 123 });
    expect((badDpi.failure as StationError).code).toBe('invalid-setting');
  });
});
