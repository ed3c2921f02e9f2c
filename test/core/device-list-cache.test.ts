// The device list answers from the last list read (the data folder's cache) and probes again
// behind it: a probe that finds another list publishes devices.changed; a driver that hangs does
// not hold the list up; a scan on a listed device that has gone since says so. Against the real
// SANE test backend; the hanging and late drivers are mocks (named so): a driver that never
// answers cannot be had from SANE on demand.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Device, SourceCaps } from '../../electron/contract';
import { DeviceCacheFile, deviceConfigKey } from '../../electron/core/scan/device-cache';
import { DeviceRegistry } from '../../electron/core/scan/device-registry';
import type { ScanDriver } from '../../electron/core/scan/driver';
import { saneEnv } from '../helpers/sane';
import { type TestStation, openTestStation } from '../helpers/station';

let t: TestStation | undefined;
/** A station closed to open its data folder again (its temporary folder goes at the end). */
let previous: TestStation | undefined;
let registry: DeviceRegistry | undefined;
afterEach(async () => {
  await registry?.close();
  registry = undefined;
  await t?.close();
  t = undefined;
  await previous?.close();
  previous = undefined;
});

/** Closes the station and opens another process's station on its data folder and SANE configuration. */
async function reopen(opts: { resumeBackgroundWork?: boolean } = {}): Promise<TestStation> {
  previous = t!;
  await previous.station.close();
  return openTestStation({ dataDir: previous.dataDir, env: saneEnv(previous.saneDir), ...opts });
}

/** A device of another family, as an eSCL scanner on the network would list. */
const networkScanner: Device = { id: 'escl:mock-1', driver: 'escl', vendor: 'Mock', model: 'Network', serial: 'N1', demo: false, sources: [] };

/** MOCK: an eSCL driver whose listing answers only when the test says (never, if it does not). */
function lateDriver(): ScanDriver & { answer(devices: Device[]): void; listings: number } {
  let answer: (devices: Device[]) => void = () => undefined;
  const driver = {
    family: 'escl' as const,
    listings: 0,
    owns: (id: string) => id.startsWith('escl:'),
    list: () => {
      driver.listings++;
      return new Promise<Device[]>((resolve) => (answer = resolve));
    },
    caps: (): Promise<SourceCaps[]> => Promise.reject(new Error('mock: no capabilities')),
    scan: () => Promise.reject(new Error('mock: no scans')),
    close: () => Promise.resolve(),
    answer: (devices: Device[]) => answer(devices),
  };
  return driver;
}

/** The SANE driver of a test station (its real worker over the tests' SANE configuration). */
function saneDriverOf(station: TestStation): ScanDriver {
  return station.station.devices.driverFor('sane:test:0');
}

describe('the device list', () => {
  it('answers from the cache while every driver hangs, and the cache survives a restart', async () => {
    t = await openTestStation();
    const fresh = await t.call('devices.list', { refresh: true });
    expect(fresh.map((d) => d.id)).toContain('sane:test:0');
    const key = deviceConfigKey(saneEnv(t.saneDir));
    // A second station process on the same data folder: its only driver never answers.
    const hanging = lateDriver();
    registry = new DeviceRegistry([hanging], { cache: new DeviceCacheFile(join(t.dataDir, 'device-cache.json'), key), backgroundRefresh: true });
    expect(await registry.list()).toEqual(fresh);
    expect(hanging.listings).toBe(1); // probing behind the answer
    // Under another configuration the cache is not used.
    expect(new DeviceCacheFile(join(t.dataDir, 'device-cache.json'), deviceConfigKey({ ...saneEnv(t.saneDir), SOHOA_ESCL_URLS: 'http://192.0.2.9' })).read()).toBeNull();
  });

  it('publishes devices.changed when the probe behind a cached answer finds another list', async () => {
    t = await openTestStation();
    const real = await t.call('devices.list', { refresh: true });
    // The list as a previous run saw it: one more scanner, since unplugged.
    const gone: Device = { ...real[0]!, id: 'sane:test:9', model: 'unplugged since' };
    const cacheFile = () => new DeviceCacheFile(join(t!.dataDir, 'device-cache.json'), deviceConfigKey(saneEnv(previous?.saneDir ?? t!.saneDir)));
    cacheFile().write([...real, gone]);
    t = await reopen({ resumeBackgroundWork: true }); // as the app and `sohoa serve` open it
    const changed = new Promise<void>((resolve) => t!.station.events.once('devices.changed', () => resolve()));
    const cached = await t.call('devices.list', {});
    expect(cached.map((d) => d.id)).toContain('sane:test:9');
    await changed;
    const after = await t.call('devices.list', {});
    expect(after).toEqual(real);
    // …and the next process starts from the corrected list.
    expect(cacheFile().read()?.devices).toEqual(real);
  });

  it('does not wait for a driver that hangs: its devices come as a change when it answers', async () => {
    t = await openTestStation();
    await t.call('devices.list', { refresh: true }); // the SANE worker started: its listing is well within the budget
    const late = lateDriver();
    const changes: Device[][] = [];
    // Not closed by afterEach: the SANE driver is the station's, closed with it.
    const registry = new DeviceRegistry([saneDriverOf(t), late], { driverBudgetMs: 5000, onChange: (d) => changes.push(d) });
    // No cache: a fresh probe, which answers with SANE's devices without the hanging driver's.
    const first = await registry.list();
    expect(first.map((d) => d.id)).toContain('sane:test:0');
    expect(first.some((d) => d.driver === 'escl')).toBe(false);
    expect(changes).toEqual([]);
    late.answer([networkScanner]);
    await new Promise((r) => setImmediate(r));
    expect(changes).toHaveLength(1);
    // Real scanners before demonstration ones.
    expect(changes[0]![0]).toEqual(networkScanner);
    expect((await registry.list()).map((d) => d.id)).toContain('escl:mock-1');
  });

  it('a scan on a listed scanner that is gone since gives device-gone, and the list drops it', async () => {
    t = await openTestStation({ resumeBackgroundWork: true });
    const real = await t.call('devices.list', { refresh: true });
    const gone: Device = { ...real[0]!, id: 'sane:test:9', model: 'unplugged since' };
    new DeviceCacheFile(join(t.dataDir, 'device-cache.json'), deviceConfigKey(saneEnv(t.saneDir))).write([...real, gone]);
    t = await reopen(); // as a command opens it: no probe behind the answer, only the scan finds out
    expect((await t.call('devices.list', {})).map((d) => d.id)).toContain('sane:test:9');
    const changed = new Promise<void>((resolve) => t!.station.events.once('devices.changed', () => resolve()));
    await expect(t.call('scan.start', { device: 'sane:test:9', paper: { preset: 'a4' }, dpi: 100, mode: 'color' })).rejects.toMatchObject({ wire: { code: 'device-gone' } });
    await changed;
    expect((await t.call('devices.list', {})).map((d) => d.id)).not.toContain('sane:test:9');
  });
});
