// SANE's network backends (airscan, escl) left out of the station's SANE listing: the station
// drives eSCL scanners itself, so they would show a network scanner twice and make each listing
// wait on the network. Checked with Debian's real sane-airscan pointed at the eSCL fixture.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../electron/core/log';
import { SaneDriver } from '../../electron/core/scan/sane-driver';
import { isSkippedDevice, withoutSkippedBackends, writeFilteredSaneConfig } from '../../electron/core/scan/sane-config';
import { WorkerProcess } from '../../electron/core/scan/worker-process';
import { type EsclFixture, startEsclFixture } from '../escl-fixture/server';
import { SANE_WORKER, tempDir } from '../helpers/paths';
import { writeSaneConfig } from '../helpers/sane';

const tmp = tempDir('sane-config');
const log = createLogger(join(tmp.path, 'log'));
/** A stand-in for /etc/sane.d on a machine with sane-airscan installed. */
const systemDir = join(tmp.path, 'etc-sane.d');
let fixture: EsclFixture;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  fixture = await startEsclFixture({ sheets: 1 });
  writeSaneConfig(systemDir);
  writeFileSync(join(systemDir, 'dll.conf'), '# the system list\ntest\nescl   # network scanners\npnm\n');
  mkdirSync(join(systemDir, 'dll.d'), { recursive: true });
  writeFileSync(join(systemDir, 'dll.d', 'airscan'), '# sane-dll entry for sane-airscan\nairscan\n'); // as Debian ships it
  // Discovery off: only the fixture, so that what airscan would list is known.
  writeFileSync(join(systemDir, 'airscan.conf'), `[devices]\n"Fixture" = ${fixture.url}\n\n[options]\ndiscovery = disable\n`);
});
afterAll(async () => {
  for (const close of closers) await close();
  await fixture.close();
  tmp.cleanup();
});

/** An environment with no SANE_CONFIG_DIR of the tests': as on a counter's PC. */
function plainEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  if (!('SANE_CONFIG_DIR' in extra)) delete env.SANE_CONFIG_DIR;
  return env;
}

function driver(opts: Partial<ConstructorParameters<typeof SaneDriver>[0]>): SaneDriver {
  const d = new SaneDriver({ executable: SANE_WORKER, demoConfigDir: join(tmp.path, 'no-demo'), timeoutMs: 20_000, log, env: plainEnv(), ...opts });
  closers.push(() => d.close());
  return d;
}

describe('SANE network backends', () => {
  it('drops the lines that enable airscan or escl, and nothing else', () => {
    expect(withoutSkippedBackends('net\nairscan\n#airscan\nescl # eSCL\n  escl\nepjitsu\n')).toBe('net\n#airscan\nepjitsu\n');
    expect(['airscan:e0:HP Laser', 'escl:http://10.0.0.5:80', 'epjitsu:libusb:001:004', 'test:0'].map(isSkippedDevice)).toEqual([true, true, false, false]);
    const copy = join(tmp.path, 'copy-unit');
    expect(writeFilteredSaneConfig(systemDir, copy)).toBe(`${copy}:${systemDir}`); // the system folder stays on the path
    expect(readFileSync(join(copy, 'dll.conf'), 'utf8')).toBe('# the system list\ntest\npnm\n');
    expect(readFileSync(join(copy, 'dll.d', 'airscan'), 'utf8')).toBe('# sane-dll entry for sane-airscan\n');
    expect(writeFilteredSaneConfig(join(tmp.path, 'nowhere'), join(tmp.path, 'copy-none'))).toBeNull();
  });

  it('as configured, that system lists the network scanner through airscan', async () => {
    const worker = new WorkerProcess({ name: 'unfiltered', executable: SANE_WORKER, env: plainEnv({ SANE_CONFIG_DIR: systemDir }), timeoutMs: 20_000, log });
    closers.push(() => worker.stop());
    const names = ((await worker.request('list')).devices as { name: string }[]).map((d) => d.name);
    expect(names).toContain('airscan:e0:Fixture');
  });

  it('the station reads the system configuration without them: airscan is never asked, the scanner not listed twice', async () => {
    const asked = fixture.requests.length;
    const d = driver({ systemConfigDir: systemDir, configCopyDir: join(tmp.path, 'copy') });
    const devices = await d.list();
    expect(devices.map((x) => x.id).sort()).toEqual(['sane:pnm:0', 'sane:pnm:1', 'sane:test:0', 'sane:test:1']);
    expect(fixture.requests.length).toBe(asked); // airscan was not loaded, so it waited on nothing
    // Each backend's own .conf still comes from the system folder (the test device's geometry).
    expect(devices.find((x) => x.id === 'sane:test:0')!.sources[0]!.maxArea).toEqual({ width: 1300, height: 1300 });
  });

  it('two listings at once (two screens open) each list every device', async () => {
    const d = driver({ env: plainEnv({ SANE_CONFIG_DIR: systemDir }) });
    const [a, b] = await Promise.all([d.list(), d.list()]);
    for (const list of [a, b]) expect(list.map((x) => x.id).sort()).toEqual(['sane:pnm:0', 'sane:pnm:1', 'sane:test:0', 'sane:test:1']);
  });

  it('with a configuration of the site’s own (SANE_CONFIG_DIR) it is used as it is, but airscan’s devices are not listed', async () => {
    const d = driver({ env: plainEnv({ SANE_CONFIG_DIR: systemDir }), systemConfigDir: systemDir, configCopyDir: join(tmp.path, 'copy-unused') });
    const ids = (await d.list()).map((x) => x.id);
    expect(ids.some((id) => id.startsWith('sane:airscan:'))).toBe(false);
    expect(ids).toContain('sane:test:0');
  });
});
