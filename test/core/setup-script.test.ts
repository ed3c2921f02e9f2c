// The README's set-up line is `.ci/setup`, and it must work as written both in a root shell with
// no sudo (a fresh server, a container) and for a person with sudo. The script runs here for
// real, with the system commands it calls (id, sudo, apt-get, npm) stood in for by ones that
// record how they were called: a test does not install the machine's packages again. Also:
// .ci/run does the same set-up and then exactly the README's test command.
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../helpers/paths';

const tmp = tempDir('setup-script');
afterAll(() => tmp.cleanup());

const packages = readFileSync(join(REPO, '.ci/debian-packages.txt'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);

/** A folder of commands for PATH: the real shell tools the script uses, and recording stand-ins. */
function fakeSystem(name: string, opts: { uid: number; sudo: boolean }): { path: string; log: string } {
  const bin = join(tmp.path, name);
  const log = join(bin, 'calls.log');
  spawnSync('mkdir', ['-p', bin]);
  for (const tool of ['bash', 'env', 'sed', 'grep', 'dirname', 'cat']) {
    const real = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    symlinkSync(real, join(bin, tool));
  }
  const script = (file: string, body: string) => {
    writeFileSync(join(bin, file), `#!${join(bin, 'bash')}\n${body}\n`);
    chmodSync(join(bin, file), 0o755);
  };
  script('id', `[ "$1" = "-u" ] && echo ${opts.uid} || echo "uid=${opts.uid}"`);
  // The stand-ins write who ran them: through sudo or not, and the frontend apt-get was given.
  script('apt-get', `echo "apt-get sudo=\${VIA_SUDO:-no} frontend=\${DEBIAN_FRONTEND:-} $*" >> ${log}`);
  script('npm', `echo "npm sudo=\${VIA_SUDO:-no} $*" >> ${log}`);
  script('node', 'echo v20.19.0');
  // Like the real sudo, the caller's environment does not pass through (env_reset).
  if (opts.sudo) script('sudo', `exec env -i PATH="$PATH" VIA_SUDO=yes "$@"`);
  return { path: bin, log };
}

function runSetup(system: { path: string }) {
  return spawnSync(join(system.path, 'bash'), [join(REPO, '.ci/setup')], {
    cwd: tmp.path,
    env: { PATH: system.path, HOME: tmp.path, DEBIAN_FRONTEND: 'from-the-caller' },
    encoding: 'utf8',
  });
}

const calls = (log: string) => readFileSync(log, 'utf8').trim().split('\n');

describe('.ci/setup, the README set-up', () => {
  let readme: string;
  beforeAll(() => {
    readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  });

  it('is what the README says to run, and .ci/run runs it and then exactly the README test command', () => {
    const quickStart = /## Quick start[^\n]*\n+```sh\n([^`]*)```/.exec(readme)?.[1]?.trim().split('\n');
    expect(quickStart?.[0]).toMatch(/^\.ci\/setup(\s|$)/);
    expect(quickStart).toContain('npm test');
    expect(quickStart!.join('\n')).not.toMatch(/sudo/);
    const run = readFileSync(join(REPO, '.ci/run'), 'utf8').split('\n').filter((l) => l.trim() && !l.trim().startsWith('#') && !/^(set|cd|export) /.test(l));
    expect(run).toEqual(['.ci/setup', 'npm test']);
  });

  it('as root with no sudo (a fresh server, a container): apt-get itself, noninteractive, every package; then npm ci', () => {
    const system = fakeSystem('root', { uid: 0, sudo: false });
    const r = runSetup(system);
    expect(r.status, r.stderr).toBe(0);
    expect(calls(system.log)).toEqual([
      'apt-get sudo=no frontend=noninteractive update',
      `apt-get sudo=no frontend=noninteractive install -y --no-install-recommends ${packages.join(' ')}`,
      'npm sudo=no ci',
    ]);
  });

  it('as a person with sudo: apt-get through sudo (still noninteractive), npm ci as the person', () => {
    const system = fakeSystem('person', { uid: 1000, sudo: true });
    const r = runSetup(system);
    expect(r.status, r.stderr).toBe(0);
    expect(calls(system.log)).toEqual([
      'apt-get sudo=yes frontend=noninteractive update',
      `apt-get sudo=yes frontend=noninteractive install -y --no-install-recommends ${packages.join(' ')}`,
      'npm sudo=no ci',
    ]);
  });

  it('as a person without sudo: says to run it as root, and installs nothing', () => {
    const system = fakeSystem('nosudo', { uid: 1000, sudo: false });
    const r = runSetup(system);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('run .ci/setup as root (or install sudo)');
    expect(() => calls(system.log)).toThrow(); // nothing was called
  });
});
