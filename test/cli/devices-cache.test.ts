// `sohoa devices` answers from the list read last (the data folder's cache: seconds saved on
// every call where SANE probes dozens of backends) and `--refresh` probes again and corrects it.
// Shown with a cache that names a scanner unplugged since: listed from the cache, gone after
// --refresh, and gone from the cache too. Names and exit codes as cli.md says.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Device } from '../../electron/contract';
import { DeviceCacheFile, deviceConfigKey } from '../../electron/core/scan/device-cache';
import { runCli } from '../helpers/cli';
import { CLI, REPO, tempDir } from '../helpers/paths';
import { saneEnv, writeSaneConfig } from '../helpers/sane';

const tmp = tempDir('cli-devices');
let env: NodeJS.ProcessEnv;
let cache: DeviceCacheFile;
beforeAll(() => {
  const dataDir = join(tmp.path, 'data');
  env = saneEnv(writeSaneConfig(join(tmp.path, 'sane.d')), { SOHOA_DATA_DIR: dataDir });
  cache = new DeviceCacheFile(join(dataDir, 'device-cache.json'), deviceConfigKey(env));
});
afterAll(() => tmp.cleanup());

const ids = (stdout: string) => (JSON.parse(stdout) as Device[]).map((d) => d.id);

describe('sohoa devices', () => {
  it('answers from the last list, and --refresh probes again', { timeout: 120_000 }, async () => {
    const first = await runCli(['devices', '--json'], env); // no list yet: a probe, which fills the cache
    expect(first.code).toBe(0);
    expect(ids(first.stdout)).toContain('sane:test:0');
    const real = JSON.parse(first.stdout) as Device[];
    expect(cache.read()?.devices).toEqual(real);

    cache.write([...real, { ...real[0]!, id: 'sane:test:9', model: 'unplugged since' }]);
    const cached = await runCli(['devices', '--json', '--lang', 'en'], env);
    expect(cached.code).toBe(0);
    expect(ids(cached.stdout)).toContain('sane:test:9');
    expect(cached.stderr).toMatch(/sohoa devices --refresh/);

    const fresh = await runCli(['devices', '--refresh', '--json'], env);
    expect(fresh.code).toBe(0);
    expect(JSON.parse(fresh.stdout)).toEqual(real);
    expect(fresh.stderr).not.toMatch(/--refresh/);
    expect(ids((await runCli(['devices', '--json'], env)).stdout)).not.toContain('sane:test:9');
  });

  it('stops quietly when the reader closes the pipe early (`sohoa devices | true`)', { timeout: 120_000 }, () => {
    // `true` exits before the station has written a byte, so every write meets a closed pipe.
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" devices | true; echo "status=\${PIPESTATUS[0]}"`], { cwd: REPO, env, encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('status=0');
    expect(r.stderr).not.toMatch(/EPIPE|Error|at /);
  });
});
