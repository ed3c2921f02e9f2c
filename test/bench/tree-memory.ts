// A job's peak memory with every process it starts: /usr/bin/time -v reports only the largest
// single process of the tree (wait4's ru_maxrss of the waited-for children is a maximum, not a
// sum), and the station's job is several processes at once (node, the scan worker, tesseract).
// So the tree under /usr/bin/time is also sampled through /proc every few milliseconds and its
// resident sets summed; the larger of the two is the job's figure. Sampling can miss a peak shorter
// than its period, never invent one.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { REPO } from '../helpers/paths';

export interface TreeMemory {
  /** The largest sum of the tree's resident sets seen (MB). */
  readonly treePeakMb: number;
  /** /usr/bin/time -v's "Maximum resident set size": the largest single process (MB). */
  readonly largestProcessMb: number;
  readonly stdout: string;
}

const PAGE_KB = 4;

/** Parent of each live process, and its resident set (kB). */
function processTable(): Map<number, { ppid: number; rssKb: number }> {
  const table = new Map<number, { ppid: number; rssKb: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: fields start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(name), { ppid: Number(fields[1]), rssKb: Number(fields[21]) * PAGE_KB });
    } catch {
      // gone between the listing and the read
    }
  }
  return table;
}

function treeRssKb(root: number): number {
  const table = processTable();
  const children = new Map<number, number[]>();
  for (const [pid, p] of table) children.set(p.ppid, [...(children.get(p.ppid) ?? []), pid]);
  let sum = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    sum += table.get(pid)?.rssKb ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return sum;
}

/** Runs a command to its end under /usr/bin/time -v, sampling its process tree's memory. */
export function treeMemory(command: string, args: string[], env: NodeJS.ProcessEnv, periodMs = 20): Promise<TreeMemory> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-v', command, ...args], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-20_000)));
    let peakKb = 0;
    const timer = setInterval(() => {
      if (child.pid !== undefined) peakKb = Math.max(peakKb, treeRssKb(child.pid));
    }, periodMs);
    child.on('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      if (code !== 0) return reject(new Error(`${command} failed (${code}): ${stderr.slice(-800)}`));
      const largest = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? 0) / 1024;
      resolve({ treePeakMb: Math.max(peakKb / 1024, largest), largestProcessMb: largest, stdout });
    });
  });
}
