// Running the real `sohoa` under GNU time, which reports the peak resident memory of the command
// and of every process it waited for (its tools): the largest of them, in KB.
import { spawn } from 'node:child_process';
import { CLI, REPO } from './paths';

export interface MeasuredRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The largest resident set of the command or any child, in KB. */
  readonly maxRssKb: number;
  /** Whether the run was killed at `timeoutMs` (a hang). */
  readonly timedOut: boolean;
}

const MARK = 'SOHOA-MAXRSS-KB=';

export function runCliMeasured(args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<MeasuredRun> {
  const child = spawn('/usr/bin/time', ['-f', `${MARK}%M`, process.execPath, CLI, ...args], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const at = stderr.lastIndexOf(MARK);
      const maxRssKb = at >= 0 ? Number(stderr.slice(at + MARK.length).trim().split(/\s/)[0]) : NaN;
      // GNU time prints "Command exited with non-zero status N" before its own line: not the command's.
      const own = (at >= 0 ? stderr.slice(0, at) : stderr).replace(/Command exited with non-zero status \d+\n$/, '').replace(/Command terminated by signal \d+\n$/, '');
      resolve({ code, signal, stdout, stderr: own, maxRssKb, timedOut });
    }),
  );
}
