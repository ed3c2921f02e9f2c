// Running the real `sohoa` command as a child process.
import { type ChildProcess, spawn } from 'node:child_process';
import { CLI, REPO } from './paths';

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function startCli(args: readonly string[], env: NodeJS.ProcessEnv): ChildProcess & { output: { stdout: string; stderr: string } } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d: Buffer) => (output.stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output.stderr += d.toString()));
  return Object.assign(child, { output });
}

export function runCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  const child = startCli(args, env);
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, ...child.output })));
}

/** Resolves when the child's combined output matches, or rejects after timeoutMs. */
export function waitForOutput(child: ReturnType<typeof startCli>, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const m = pattern.exec(child.output.stdout + child.output.stderr);
      if (m) {
        clearInterval(timer);
        clearTimeout(deadline);
        resolve(m[0]);
      }
    };
    const timer = setInterval(check, 20);
    const deadline = setTimeout(() => {
      clearInterval(timer);
      reject(new Error(`timed out waiting for ${pattern}; output so far:\n${child.output.stdout}\n${child.output.stderr}`));
    }, timeoutMs);
    child.once('exit', () => setTimeout(check, 50));
  });
}
