// The eSCL client against the fixture scanner (test/escl-fixture), whose pages come from the real
// SANE test backend; and the fixture itself checked by a client nobody here wrote: sane-airscan.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { ColorMode, Device } from '../../electron/contract';
import { StationError } from '../../electron/core/errors';
import type { DriverEvent, DriverScanSettings } from '../../electron/core/scan/driver';
import { parseCapabilities, parseStatus } from '../../electron/core/scan/escl/capabilities';
import { EsclDriver, type EsclDriverOptions } from '../../electron/core/scan/escl/escl-driver';
import { type EsclFixture, type EsclFixtureOptions, startEsclFixture } from '../escl-fixture/server';
import { undoAfterEach } from '../helpers/cleanup';
import { tempDir } from '../helpers/paths';
import { sha256OfFile } from '../helpers/files';

const run = promisify(execFile);
const cleanups = undoAfterEach();

async function fixture(opts: EsclFixtureOptions = {}): Promise<EsclFixture> {
  const f = await startEsclFixture(opts);
  cleanups.push(() => f.close());
  return f;
}

function driver(opts: Partial<EsclDriverOptions> & Pick<EsclDriverOptions, 'addresses'>): EsclDriver {
  const d = new EsclDriver({ notReadyLimitMs: 20_000, ...opts });
  cleanups.push(() => d.close());
  return d;
}

function spool(): string {
  const dir = tempDir('escl-spool');
  cleanups.push(dir.cleanup);
  return dir.path;
}

const A4 = { x: 0, y: 0, width: 210, height: 297 };
const sha = sha256OfFile;

/** Runs a scan to its end, keeping every event and the error it ended with, if any. */
async function scan(d: EsclDriver, device: string, settings: Partial<DriverScanSettings>, signal = new AbortController().signal) {
  const events: DriverEvent[] = [];
  const spec = { source: 'feeder', mode: 'gray', dpi: 100, area: A4, ...settings } as DriverScanSettings;
  try {
    const outcome = await d.scan({ deviceId: device, settings: spec, spoolDir: spool(), prefix: 'job', onEvent: (e) => events.push(e), signal });
    return { outcome, events, pages: events.filter((e) => e.type === 'page'), error: null };
  } catch (error) {
    return { outcome: null, events, pages: events.filter((e) => e.type === 'page'), error: error as StationError };
  }
}

describe('eSCL client', () => {
  it('lists the fixture with normalised capabilities and a stable id', async () => {
    const f = await fixture();
    const d = driver({ addresses: [{ url: f.url }] });
    const devices = await d.list();
    const caps = { maxArea: { width: 215.9, height: 296.9 }, minArea: { width: 1.4, height: 1.4 }, resolutions: [75, 100, 150, 200, 300, 600], resolutionRange: null, modes: ['color', 'gray', 'bw'] as ColorMode[] };
    expect(devices).toEqual<Device[]>([
      {
        id: `escl:${f.identity.uuid}`,
        driver: 'escl',
        vendor: 'SoHoa',
        model: 'eSCL Fixture',
        serial: 'FX-0001',
        demo: false,
        sources: [
          { source: 'flatbed', name: 'Platen', ...caps, duplex: false },
          { source: 'feeder', name: 'Adf', ...caps, duplex: false },
          { source: 'feeder-duplex', name: 'Adf Duplex', ...caps, duplex: true },
        ],
        feeder: 'loaded', // ScannerStatus's AdfState
      },
    ]);
    // The same scanner again (a restart, another listing): the same id.
    expect((await driver({ addresses: [{ url: `${f.url}/` }] }).list()).map((x) => x.id)).toEqual([devices[0]!.id]);
  });

  it('reads other scanners’ spellings: prefixes, a resolution range, duplex as an AdfOption, AdfState', () => {
    const caps = parseCapabilities(`<?xml version="1.0"?><ns2:ScannerCapabilities xmlns:ns2="s" xmlns:p="p"><p:Version>2.5</p:Version>
      <p:MakeAndModel>HP Color LaserJet MFP M281fdw</p:MakeAndModel><ns2:UUID>urn:uuid:ABCD-1</ns2:UUID>
      <ns2:Adf><ns2:AdfSimplexInputCaps><ns2:MaxWidth>2550</ns2:MaxWidth><ns2:MaxHeight>4200</ns2:MaxHeight>
      <ns2:SettingProfiles><ns2:SettingProfile><ns2:ColorModes><ns2:ColorMode>RGB24</ns2:ColorMode></ns2:ColorModes>
      <ns2:SupportedResolutions><ns2:ResolutionRange><ns2:XResolutionRange><ns2:Min>75</ns2:Min><ns2:Max>1200</ns2:Max><ns2:Step>25</ns2:Step></ns2:XResolutionRange></ns2:ResolutionRange></ns2:SupportedResolutions>
      </ns2:SettingProfile></ns2:SettingProfiles></ns2:AdfSimplexInputCaps>
      <ns2:AdfOptions><ns2:AdfOption>Duplex</ns2:AdfOption></ns2:AdfOptions></ns2:Adf></ns2:ScannerCapabilities>`);
    expect(caps).toMatchObject({ uuid: 'abcd-1', makeAndModel: 'HP Color LaserJet MFP M281fdw', version: '2.5' });
    expect(caps.sources.map((s) => [s.caps.source, s.caps.maxArea, s.caps.resolutionRange, s.caps.modes])).toEqual([
      ['feeder', { width: 215.9, height: 355.6 }, { min: 75, max: 1200, step: 25 }, ['color']],
      ['feeder-duplex', { width: 215.9, height: 355.6 }, { min: 75, max: 1200, step: 25 }, ['color']],
    ]);
    const st = parseStatus('<scan:ScannerStatus xmlns:scan="s" xmlns:pwg="p"><pwg:State>Stopped</pwg:State><scan:AdfState>ScannerAdfJam</scan:AdfState></scan:ScannerStatus>');
    expect(st).toMatchObject({ state: 'Stopped', adf: 'jam' });
  });

  it('scans 3 pages from the feeder in order, then ends normally with the feeder empty', async () => {
    const f = await fixture({ sheets: 3 });
    const d = driver({ addresses: [{ url: f.url }] });
    const id = `escl:${f.identity.uuid}`;
    const r = await scan(d, id, { source: 'feeder', mode: 'gray', dpi: 100 });
    expect(r.error).toBeNull();
    expect(r.outcome).toEqual({ pages: 3, end: 'no-documents' });
    expect(r.events.filter((e) => e.type === 'page-start').map((e) => e.page)).toEqual([1, 2, 3]);
    const pages = r.pages as Extract<DriverEvent, { type: 'page' }>[];
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3]);
    // Exactly the bytes the scanner sent, in the order it sent them.
    expect(pages.map((p) => sha(p.file))).toEqual(f.served.map((s) => s.sha256));
    for (const p of pages) {
      // The download reported to its last byte.
      const progress = r.events.filter((e) => e.type === 'progress' && e.page === p.page).at(-1);
      expect(progress).toMatchObject({ bytes: p.bytes, expected: p.bytes });
      const meta = await sharp(p.file).metadata();
      expect(p).toMatchObject({ widthPx: meta.width, heightPx: meta.height, dpi: 100, mode: 'gray', bytes: readFileSync(p.file).length });
      expect(meta).toMatchObject({ format: 'jpeg', channels: 1 });
      expect(Math.abs(meta.width! - 827)).toBeLessThanOrEqual(2);
      expect(Math.abs(meta.height! - 1169)).toBeLessThanOrEqual(2);
    }
    const post = f.requests.find((q) => q.method === 'POST')!;
    expect(post.body).toMatch(/<pwg:InputSource>Feeder<\/pwg:InputSource>/);
    expect(post.body).toMatch(/<scan:ColorMode>Grayscale8<\/scan:ColorMode>/);
    // 210 × 297 mm in 300ths of an inch.
    expect(post.body).toMatch(/<pwg:Width>2480<\/pwg:Width>/);
    expect(post.body).toMatch(/<pwg:Height>3508<\/pwg:Height>/);
    expect(post.body).toMatch(/<pwg:DocumentFormat>image\/jpeg<\/pwg:DocumentFormat>/);
  });

  it('asks for PNG in black and white, and stops at a page count', async () => {
    const f = await fixture({ sheets: 5 });
    const d = driver({ addresses: [{ url: f.url }] });
    const r = await scan(d, `escl:${f.identity.uuid}`, { mode: 'bw', dpi: 75, pages: 2 });
    expect(r.outcome).toEqual({ pages: 2, end: 'count' });
    expect((await sharp((r.pages[1] as { file: string }).file).metadata()).format).toBe('png');
    expect(f.sheets).toBe(3);
    expect(f.requests.at(-1)!.method).toBe('DELETE'); // the scanner is released
  });

  it('scans both sides of each sheet from the duplex feeder, fronts and backs in order', async () => {
    const f = await fixture({ sheets: 2 });
    const d = driver({ addresses: [{ url: f.url }] });
    const r = await scan(d, `escl:${f.identity.uuid}`, { source: 'feeder-duplex', mode: 'color', dpi: 75 });
    expect(r.outcome).toEqual({ pages: 4, end: 'no-documents' });
    expect(f.requests.find((q) => q.method === 'POST')!.body).toMatch(/<scan:Duplex>true<\/scan:Duplex>/);
    expect(f.served.map((s) => `${s.sheet}${s.side}`)).toEqual(['1front', '1back', '2front', '2back']);
    expect(r.pages.map((p) => sha((p as { file: string }).file))).toEqual(f.served.map((s) => s.sha256));
  });

  it('waits out 503 with Retry-After before the first page', async () => {
    const f = await fixture({ sheets: 1, notReady: { count: 2, retryAfter: 1 } });
    const d = driver({ addresses: [{ url: f.url }] });
    const started = Date.now();
    const r = await scan(d, `escl:${f.identity.uuid}`, {});
    expect(r.error).toBeNull();
    expect(r.outcome).toEqual({ pages: 1, end: 'no-documents' });
    expect(f.requests.filter((q) => q.path.endsWith('/NextDocument')).length).toBe(4); // 503, 503, page, 404
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900); // it did wait as told (2 × 1 s)
  });

  it('reports an empty feeder at the start as no-documents, and an open hatch as cover-open', async () => {
    const f = await fixture({ sheets: 0 });
    const d = driver({ addresses: [{ url: f.url }] });
    const id = `escl:${f.identity.uuid}`;
    expect((await scan(d, id, {})).error).toMatchObject({ code: 'no-documents' });
    f.sheets = 2;
    f.options.hatchOpen = true;
    expect((await scan(d, id, {})).error).toMatchObject({ code: 'cover-open' });
    f.options.hatchOpen = false;
    expect((await scan(d, id, {})).outcome).toEqual({ pages: 2, end: 'no-documents' });
  });

  it('keeps pages 1–2 when the feeder jams after sheet 2, and continues with the rest', async () => {
    const f = await fixture({ sheets: 5, jamAfterSheets: 2 });
    const d = driver({ addresses: [{ url: f.url }] });
    const id = `escl:${f.identity.uuid}`;
    const jam = await scan(d, id, {});
    expect(jam.error).toBeInstanceOf(StationError);
    expect(jam.error).toMatchObject({ code: 'jammed' });
    expect(jam.pages.map((p) => p.page)).toEqual([1, 2]);
    for (const p of jam.pages as { file: string }[]) expect(existsSync(p.file)).toBe(true);
    f.clearJam();
    const rest = await scan(d, id, {});
    expect(rest.outcome).toEqual({ pages: 3, end: 'no-documents' });
    // No sheet lost or doubled across the jam.
    expect(f.served.map((s) => s.sheet)).toEqual([1, 2, 3, 4, 5]);
  });

  it('cancels mid-job with DELETE, keeping the pages already delivered', async () => {
    const f = await fixture({ sheets: 5, pageDelayMs: 800 });
    const d = driver({ addresses: [{ url: f.url }] });
    const controller = new AbortController();
    const events: DriverEvent[] = [];
    const spec = { source: 'feeder', mode: 'gray', dpi: 75, area: A4 } as const;
    const done = d
      .scan({ deviceId: `escl:${f.identity.uuid}`, settings: spec, spoolDir: spool(), prefix: 'c', signal: controller.signal, onEvent: (e) => {
        events.push(e);
        if (e.type === 'page' && e.page === 1) controller.abort();
      } })
      .then(() => null, (e: unknown) => e);
    expect(await done).toMatchObject({ code: 'cancelled' });
    expect(events.filter((e) => e.type === 'page').map((e) => e.page)).toEqual([1]);
    const job = f.requests.find((q) => q.path.endsWith('/NextDocument'))!.path.replace(/\/NextDocument$/, '');
    await expect.poll(() => f.requests.some((q) => q.method === 'DELETE' && q.path === job)).toBe(true);
  });

  it('reports a listed scanner that stopped answering as gone, not unknown', async () => {
    const f = await fixture();
    const d = driver({ addresses: [{ url: f.url }] });
    const id = `escl:${f.identity.uuid}`;
    expect((await d.list()).map((x) => x.id)).toEqual([id]);
    await f.close();
    const r = await scan(d, id, {});
    expect(r.error).toMatchObject({ code: 'device-gone' });
    expect((await scan(d, id, {})).error).toMatchObject({ code: 'device-gone' });
  });

  it('skips an address that does not answer, within the listing limit', async () => {
    const d = driver({ addresses: [{ url: 'http://127.0.0.1:9/eSCL' }], listTimeoutMs: 2000 });
    const started = Date.now();
    expect(await d.list()).toEqual([]);
    expect(Date.now() - started).toBeLessThan(10_000);
    await expect(d.caps('escl:nothing')).rejects.toMatchObject({ code: 'unknown-device' });
  });
});

describe('the eSCL fixture speaks real eSCL', () => {
  it('sane-airscan scans 3 pages from its feeder, then finds it empty', async () => {
    const f = await fixture({ sheets: 3 });
    const dir = tempDir('airscan');
    cleanups.push(dir.cleanup);
    const saneDir = join(dir.path, 'sane.d');
    execFileSync('mkdir', ['-p', saneDir]);
    writeFileSync(join(saneDir, 'dll.conf'), 'airscan\n');
    // discovery off: only the fixture, and no waiting for the network.
    writeFileSync(join(saneDir, 'airscan.conf'), `[devices]\n"Fixture" = ${f.url}\n\n[options]\ndiscovery = disable\n`);
    const env = { ...process.env, SANE_CONFIG_DIR: saneDir };
    // Async: the fixture answers from this very process.
    const listed = await run('scanimage', ['-L'], { env, encoding: 'utf8' });
    expect(listed.stdout).toMatch(/device `airscan:e0:Fixture' is a eSCL/);
    const out = join(dir.path, 'page%d.png');
    const batch = await run('scanimage', ['-d', 'airscan:e0:Fixture', '--source', 'ADF', '--mode', 'Gray', '--resolution', '100', '--format=png', `--batch=${out}`], { env, encoding: 'utf8' });
    expect(batch.stderr).toMatch(/3 pages scanned/);
    for (const n of [1, 2, 3]) {
      const meta = await sharp(join(dir.path, `page${n}.png`)).metadata();
      // The whole feeder area (8.5 × 11.69 in) at 100 dpi.
      expect(meta).toMatchObject({ format: 'png', width: 850, height: 1169, channels: 1 });
    }
    expect(f.served.map((s) => s.sheet)).toEqual([1, 2, 3]);
    expect(f.requests.filter((q) => q.method === 'POST')).toHaveLength(1);
  });
});
