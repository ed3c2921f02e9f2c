// The device list when nothing changed since the last time (issue 17, item 6): the station's
// answer from its cache (device-cache.ts) beside a fresh full probe of every driver, which is what
// every listing cost before. Full mode uses the machine's own SANE configuration (Debian's default
// loads dozens of backends, several of which wait on the network), as a counter PC has it; quick
// mode the tests' SANE configuration (the test backend only).
//   1. `sohoa devices --json` in a new process each round (what a person or a script waits for,
//      Node's start and the station's opening included) beside `sohoa devices --refresh --json`.
//   2. devices.list in an open station (what the scan screen waits for) beside devices.list
//      with refresh.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { openStation } from '../../electron/core/station';
import type { BenchResult } from './run';
import { median } from './measure';
import { QUICK, scaled } from './quick';
import { CLI, REPO, tempDir } from '../helpers/paths';
import { saneEnv, writeSaneConfig } from '../helpers/sane';

const ROUNDS = scaled(3, 1);

/** Node's own start and exit, nothing loaded: the floor under every `sohoa` command. */
function nodeAlone(): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`node -e 0 failed (${r.status})`);
  return (performance.now() - started) / 1000;
}

function timedCli(args: string[], env: NodeJS.ProcessEnv): { seconds: number; stdout: string } {
  const started = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO, env, encoding: 'utf8', maxBuffer: 1 << 24 });
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`sohoa ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-800)}`);
  return { seconds, stdout: r.stdout };
}

export async function deviceList(): Promise<BenchResult[]> {
  const tmp = tempDir('bench-devices');
  try {
    const dataDir = join(tmp.path, 'data');
    const { SANE_CONFIG_DIR: _own, ...system } = process.env;
    const env = QUICK ? saneEnv(writeSaneConfig(join(tmp.path, 'sane.d')), { SOHOA_DATA_DIR: dataDir }) : { ...system, SOHOA_DATA_DIR: dataDir };
    const configuration = QUICK ? 'the tests’ SANE configuration (test backend)' : 'this machine’s SANE configuration';

    const first = timedCli(['devices', '--refresh', '--json'], env); // fills the cache
    const cli = { ours: [] as number[], peer: [] as number[], node: [] as number[] };
    let same = true;
    for (let round = 0; round < ROUNDS; round++) {
      const cached = timedCli(['devices', '--json'], env);
      const fresh = timedCli(['devices', '--refresh', '--json'], env);
      cli.ours.push(cached.seconds);
      cli.peer.push(fresh.seconds);
      cli.node.push(nodeAlone());
      same &&= isDeepStrictEqual(JSON.parse(cached.stdout), JSON.parse(fresh.stdout)) && isDeepStrictEqual(JSON.parse(first.stdout), JSON.parse(fresh.stdout));
    }

    const station = await openStation({ dataDir, env });
    const inProcess = { ours: [] as number[], peer: [] as number[] };
    try {
      for (let round = 0; round < ROUNDS; round++) {
        let started = performance.now();
        await station.devices.list();
        inProcess.ours.push((performance.now() - started) / 1000);
        started = performance.now();
        await station.devices.list({ refresh: true });
        inProcess.peer.push((performance.now() - started) / 1000);
      }
    } finally {
      await station.close();
    }

    const devices = (JSON.parse(first.stdout) as unknown[]).length;
    const o = median(cli.ours);
    const p = median(cli.peer);
    const n = median(cli.node);
    const io = median(inProcess.ours);
    const ip = median(inProcess.peer);
    return [
      {
        name: `Devices listed by \`sohoa devices\` when nothing changed: ${devices} device(s), ${configuration} (median of ${ROUNDS} alternating rounds, a new process each)`,
        ours: { label: 'sohoa devices (the last list, from the data folder’s cache)', value: o, unit: 's' },
        peer: { label: 'sohoa devices --refresh (a fresh probe of every driver, as every listing was before)', value: p, unit: 's' },
        ratio: p / o,
        target: 'station ≤ 1 s (issue 17)',
        notes: `ratio is peer/ours (shorter is better). Both include starting Node, loading the sources through tsx (its compile cache in the temp folder is hit: nothing is compiled again) and opening the station, as every command does (Node's own start, \`node -e 0\` in the same rounds: ${n.toFixed(2)} s; the rest is loading the station's code and opening it); the station's own part of the cached answer is the next figure's. The cached list ${same ? 'equalled' : 'DIFFERED FROM'} the fresh one in every round.`,
      },
      {
        name: `Devices listed to an open station (what the scan screen waits for), ${configuration} (median of ${ROUNDS} alternating rounds)`,
        ours: { label: 'devices.list (the last list; the probe runs behind it in the app)', value: io * 1000, unit: 'ms' },
        peer: { label: 'devices.list with refresh (a fresh probe of every driver)', value: ip * 1000, unit: 'ms' },
        ratio: ip / Math.max(io, 1e-6),
        target: 'station ≤ 1000 ms (issue 17)',
        notes: 'ratio is peer/ours (shorter is better).',
      },
    ];
  } finally {
    tmp.cleanup();
  }
}
