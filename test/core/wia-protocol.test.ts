// The WIA worker's protocol side under Wine, over a MOCK of its COM side: Wine has no WIA 2.0
// service, so native/wia-worker/wia_device_mock.c stands in for the scanner (wia_device.c and
// wia_transfer.c, the COM calls, are compiled for Windows but cannot run here). What runs for
// real: the worker's request loop and stdin thread, the HRESULT → code mapping, the end-of-batch
// rules, the BMP → TIFF page writing, and the station's WiaDriver over WorkerProcess.
import sharp from 'sharp';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColorMode, SourceKind } from '../../electron/contract';
import { StationError } from '../../electron/core/errors';
import { createLogger } from '../../electron/core/log';
import type { DriverEvent, ScanOutcome } from '../../electron/core/scan/driver';
import { WiaDriver } from '../../electron/core/scan/wia-driver';
import { REPO, tempDir } from '../helpers/paths';
import { prepareWinePrefix, wineEnv, wineLauncher } from '../twain-source/wine';

const DEVICE = 'wia:SoHoa/Mock Scanner';
const tmp = tempDir('wia-mock');
const log = createLogger(join(tmp.path, 'log'));
let prefix = '';
let launcher = '';
const drivers: WiaDriver[] = [];

function driver(extraEnv: NodeJS.ProcessEnv = {}): WiaDriver {
  const d = new WiaDriver({ executable: launcher, timeoutMs: 60_000, log, env: wineEnv(prefix, extraEnv) });
  drivers.push(d);
  return d;
}

beforeAll(() => {
  execFileSync(process.execPath, [join(REPO, 'native', 'build.mjs')], { stdio: 'inherit' });
  prefix = prepareWinePrefix(join(REPO, 'native', 'build', 'test', 'sohoa-test.ds')).path;
  launcher = wineLauncher(tmp.path, join(REPO, 'native', 'build', 'test', 'wia-worker-mock.exe'));
}, 240_000);

afterAll(async () => {
  await Promise.all(drivers.map((d) => d.close()));
  tmp.cleanup();
});

async function scan(d: WiaDriver, name: string, settings: { source: SourceKind; mode: ColorMode; dpi: number; pages?: number }) {
  const spoolDir = join(tmp.path, name);
  mkdirSync(spoolDir, { recursive: true });
  const events: DriverEvent[] = [];
  let outcome: ScanOutcome | null = null;
  let failure: unknown = null;
  try {
    const area = { x: 0, y: 0, width: 50.8, height: 25.4 }; // 2 × 1 in: 200 × 100 px at 100 dpi
    outcome = await d.scan({ deviceId: DEVICE, settings: { ...settings, area }, spoolDir, prefix: 'w', onEvent: (e) => events.push(e), signal: new AbortController().signal });
  } catch (e) {
    failure = e;
  }
  const pages = events.filter((e): e is Extract<DriverEvent, { type: 'page' }> => e.type === 'page');
  return { outcome, failure, pages, spoolDir };
}

describe('wia-worker protocol (WIA mocked)', () => {
  it('lists the mock scanner as a wia: device with its capabilities and feeder state', async () => {
    const devices = await driver().list();
    expect(devices).toHaveLength(1);
    expect(devices[0]).toMatchObject({ id: DEVICE, driver: 'wia', vendor: 'SoHoa', model: 'Mock Scanner (WIA stand-in)', feeder: 'loaded' });
    expect(devices[0]?.sources.map((s) => s.source)).toEqual(['flatbed', 'feeder', 'feeder-duplex']);
  });

  it('writes a feeder batch as TIFFs (BMP rows turned top-down and RGB) and ends at the empty feeder', async () => {
    const r = await scan(driver(), 'feeder', { source: 'feeder', mode: 'color', dpi: 100 });
    expect(r.outcome).toEqual({ pages: 3, end: 'no-documents' });
    expect(readdirSync(r.spoolDir).sort()).toEqual(['w-0001.tiff', 'w-0002.tiff', 'w-0003.tiff']);
    for (const p of r.pages) {
      expect([p.widthPx, p.heightPx, p.dpi, p.mode]).toEqual([200, 100, 100, 'color']);
      const { data, info } = await sharp(p.file).raw().toBuffer({ resolveWithObject: true });
      // Spot checks of test/twain-source/pages.h: R = x + 40k, G = y + 80k, B = 60k.
      for (const [x, y] of [[0, 0], [199, 0], [0, 99], [123, 45]] as const) {
        const at = (y * info.width + x) * 3;
        expect([...data.subarray(at, at + 3)]).toEqual([(x + 40 * p.page) & 255, (y + 80 * p.page) & 255, (60 * p.page) & 255]);
      }
    }
  });

  it('ends at the requested count, and a duplex batch yields both sides', async () => {
    expect((await scan(driver(), 'count', { source: 'feeder', mode: 'color', dpi: 100, pages: 2 })).outcome).toEqual({ pages: 2, end: 'count' });
    expect((await scan(driver(), 'duplex', { source: 'feeder-duplex', mode: 'color', dpi: 100 })).outcome).toEqual({ pages: 6, end: 'no-documents' });
  });

  it('lists nothing when the WIA service is missing (the reason is logged), so a scan finds no such device', async () => {
    const d = driver({ SOHOA_WIA_MOCK_NO_SERVICE: '1' });
    expect(await d.list()).toEqual([]);
    const r = await scan(d, 'no-service', { source: 'flatbed', mode: 'color', dpi: 100 });
    expect((r.failure as StationError).code).toBe('unknown-device');
  });

  it('maps WIA HRESULTs onto the device codes, keeping the pages before the failure', async () => {
    const cases: Array<[string, string]> = [
      ['80210002', 'jammed'], // WIA_ERROR_PAPER_JAM
      ['80210010', 'cover-open'], // WIA_ERROR_COVER_OPEN (code 16)
      ['80210006', 'busy'], // WIA_ERROR_BUSY
      ['80210005', 'device-gone'], // WIA_ERROR_OFFLINE
    ];
    for (const [hr, code] of cases) {
      const r = await scan(driver({ SOHOA_WIA_MOCK_FAIL: hr, SOHOA_WIA_MOCK_FAIL_AT: '2' }), `fail-${hr}`, { source: 'feeder', mode: 'color', dpi: 100 });
      expect((r.failure as StationError).code).toBe(code);
      expect(r.pages.map((p) => p.page)).toEqual([1]);
    }
    const empty = await scan(driver({ SOHOA_WIA_MOCK_SHEETS: '0' }), 'empty', { source: 'feeder', mode: 'color', dpi: 100 });
    expect(empty.failure).toBeInstanceOf(StationError);
    expect((empty.failure as StationError).code).toBe('no-documents');
  });
});
