// The device registry over the real SANE driver: listings asked for while one is under way share
// it (a listing takes seconds where SANE's network backends probe the network); a later listing
// answers at once from the list known (the probe behind it: device-list-cache.test.ts), and one
// asked with refresh asks the drivers again (a scanner plugged in meanwhile is found).
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../electron/core/log';
import { DeviceRegistry } from '../../electron/core/scan/device-registry';
import { SaneDriver } from '../../electron/core/scan/sane-driver';
import { SANE_WORKER, tempDir } from '../helpers/paths';
import { saneEnv, writeSaneConfig } from '../helpers/sane';

const tmp = tempDir('registry');
const log = createLogger(join(tmp.path, 'log'));
const sane = new SaneDriver({ executable: SANE_WORKER, demoConfigDir: join(tmp.path, 'no-demo'), timeoutMs: 20_000, log, env: saneEnv(writeSaneConfig(join(tmp.path, 'sane.d'))) });
afterAll(async () => {
  await sane.close();
  tmp.cleanup();
});

describe('device registry', () => {
  it('shares one listing among callers that ask while it runs, and lists afresh when asked to refresh', async () => {
    let driverListings = 0;
    const list = sane.list.bind(sane);
    sane.list = () => {
      driverListings++;
      return list();
    };
    const registry = new DeviceRegistry([sane]);
    const [a, b, c] = await Promise.all([registry.list(), registry.list(), registry.list()]);
    expect(driverListings).toBe(1);
    for (const devices of [a, b, c]) expect(devices.map((d) => d.id).sort()).toEqual(['sane:pnm:0', 'sane:pnm:1', 'sane:test:0', 'sane:test:1']);
    expect(a).not.toBe(b); // each caller its own array
    // Demonstration devices (the test and pnm backends here) are all marked as such.
    expect(a.every((d) => d.demo)).toBe(true);
    await registry.list(); // the list known, at once: no driver asked
    expect(driverListings).toBe(1);
    await registry.list({ refresh: true });
    expect(driverListings).toBe(2);
  });
});
