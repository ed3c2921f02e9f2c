// What the benchmarks measure with: medians of alternating rounds, and a child process's peak
// memory and output through /usr/bin/time.
import { spawnSync } from 'node:child_process';
import { REPO } from '../helpers/paths';

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Runs a command to its end under /usr/bin/time -v: its peak RSS (MB) and what it printed. */
export function measured(command: string, args: string[]): { rssMb: number; stdout: string } {
  const r = spawnSync('/usr/bin/time', ['-v', command, ...args], { encoding: 'utf8', cwd: REPO, maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${command} failed: ${r.stderr.slice(-800)}`);
  return { rssMb: Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)![1]) / 1024, stdout: r.stdout };
}

export function peakRssMb(command: string, args: string[]): number {
  return measured(command, args).rssMb;
}
