// The one way the core runs an external tool (poppler, qpdf, tesseract) on a file that came from
// outside: a hostile or broken file must not hang the station or fill its memory. Each run has a
// deadline (per tool below; SOHOA_TOOL_TIMEOUT_MS overrides every one, for tests and very slow
// machines), its stdout is capped and its stderr kept to the tail; past the deadline or the cap the
// tool is killed outright (SIGKILL: a stuck parser may ignore a polite signal) and the run answers
// a coded error only once the process is gone, so nothing of it outlives the call. Each run also
// has a memory limit (prlimit's RLIMIT_AS on Linux): an allocation past it fails inside the tool,
// which then stops, and the run answers tool-memory-limit.
// The scan workers have their own watchdog (scan/worker-process.ts) and do not come through here.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setPriority } from 'node:os';
import { StationError } from '../errors';

/** How long each tool may take on one call. Generous for a slow counter PC on a legitimate file
 * (2000 pages, A0 at the import's resolution); a file that needs longer is not one to import. */
const TIMEOUT_MS: Readonly<Record<string, number>> = {
  pdfinfo: 60_000,
  pdfimages: 120_000,
  pdftotext: 60_000,
  pdftoppm: 180_000,
  qpdf: 180_000,
  tesseract: 300_000,
};
const DEFAULT_TIMEOUT_MS = 120_000;

/** How much memory (address space) each tool may take on one call. pdftoppm holds a page's
 * bitmap, at most the pixel budget (600 Mpx, 1.8 GB in RGB) — the import refuses larger pages
 * before it runs; tesseract holds its models and the page; the parsers need far less. */
const MEMORY_LIMIT_BYTES: Readonly<Record<string, number>> = {
  pdftoppm: 2560 * 2 ** 20, // (not 2560 << 20: that overflows 32 bits and is negative)
  tesseract: 2048 << 20,
};
const DEFAULT_MEMORY_LIMIT_BYTES = 1024 << 20;
/** util-linux's prlimit sets the limit on the tool alone (RLIMIT_AS) before it starts. */
const PRLIMIT = '/usr/bin/prlimit';
/** Far above any real answer (a page's words with their boxes are a few hundred KB). */
export const MAX_STDOUT_BYTES = 64 << 20;
/** Only the end of stderr is read (the message that says why it failed). */
const STDERR_TAIL_BYTES = 64 << 10;

export interface ToolOptions {
  /** The file the run is about, as the person knows it: named in the errors. */
  readonly file: string;
  readonly timeoutMs?: number;
  readonly maxStdoutBytes?: number;
  readonly env?: NodeJS.ProcessEnv;
  /** Aborting kills the tool; the run then fails with `cancelled`. */
  readonly signal?: AbortSignal;
  /** Lower priority (nice) for background work; ignored where not permitted. */
  readonly niceness?: number;
  /** Address-space limit in bytes (default: the tool's, toolMemoryLimitBytes). */
  readonly memoryBytes?: number;
}

/** The memory limit of a tool's run: the environment's override (SOHOA_TOOL_MEMORY_MB), else the
 * caller's, else the tool's. */
export function toolMemoryLimitBytes(tool: string, asked?: number): number {
  const override = Number(process.env.SOHOA_TOOL_MEMORY_MB);
  if (Number.isFinite(override) && override > 0) return override * 2 ** 20;
  return asked ?? MEMORY_LIMIT_BYTES[tool] ?? DEFAULT_MEMORY_LIMIT_BYTES;
}

/** The command that runs `tool` under its memory limit. On Linux, prlimit. On Windows the tool
 * should be assigned to a job object with JOB_OBJECT_LIMIT_PROCESS_MEMORY.
 * TODO(windows-job-object): Node has no job objects; the packaged Windows build needs a small
 * native launcher (like the scan workers) that creates the job, assigns the tool and waits —
 * until then tools run there under their deadline and output cap only. */
function limited(tool: string, args: readonly string[], memoryBytes: number): { cmd: string; args: readonly string[]; limited: boolean } {
  if (process.platform === 'linux' && existsSync(PRLIMIT)) return { cmd: PRLIMIT, args: [`--as=${memoryBytes}`, '--', tool, ...args], limited: true };
  return { cmd: tool, args, limited: false };
}

/** What a tool says, or how it dies, when an allocation fails under its limit. */
const OUT_OF_MEMORY = /bad_alloc|out of memory|cannot allocate memory|memory allocation failed|failed to allocate/i;

export interface ToolResult {
  /** The exit status; null when something else killed it (then `signal` says how). */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The deadline of a tool's run: the environment's override, else the caller's, else the tool's. */
export function toolTimeoutMs(tool: string, asked?: number): number {
  // Read at each call (not at load), so that a test can shorten it for one import.
  const override = Number(process.env.SOHOA_TOOL_TIMEOUT_MS);
  if (Number.isFinite(override) && override > 0) return override;
  return asked ?? TIMEOUT_MS[tool] ?? DEFAULT_TIMEOUT_MS;
}

/**
 * Runs `tool` with `args` (no shell) and resolves with its exit status and output, whatever the
 * status: the caller decides what an exit code means. Rejects with `tool-timeout`,
 * `tool-output-too-large` or `cancelled` (the tool already gone), or with the spawn error itself
 * (ENOENT: not installed) for the caller to explain.
 */
export function runTool(tool: string, args: readonly string[], opts: ToolOptions): Promise<ToolResult> {
  const timeoutMs = toolTimeoutMs(tool, opts.timeoutMs);
  const maxStdout = opts.maxStdoutBytes ?? MAX_STDOUT_BYTES;
  const memoryBytes = toolMemoryLimitBytes(tool, opts.memoryBytes);
  const run = limited(tool, args, memoryBytes);
  return new Promise((resolve, reject) => {
    // Not detached: the tool stays in the station's process group, so a Ctrl+C at the terminal
    // or the end of the station's session reaches it too. These tools start no processes of their
    // own (prlimit execs the tool in its own place: the pid is the tool's).
    const child = spawn(run.cmd, run.args, { env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let failure: StationError | Error | null = null;
    let exited = false;
    let settled = false;
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = Buffer.alloc(0);
    const finish = (code: number | null = null, signal: NodeJS.Signals | null = null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      const err = stderr.toString('utf8');
      // An allocation refused under the limit: the tool says so, or aborts / crashes on it.
      // (poppler prints "Out of memory" and may still exit 0, its page unrendered.)
      if (!failure && run.limited && (OUT_OF_MEMORY.test(err) || signal === 'SIGABRT' || signal === 'SIGSEGV' || signal === 'SIGBUS'))
        failure = new StationError('tool-memory-limit', { tool, file: opts.file, limitMb: Math.round(memoryBytes / 2 ** 20) });
      // prlimit could not start the tool: the same answer as spawning it directly (ENOENT).
      if (!failure && run.limited && code === 127 && /^prlimit: failed to execute/m.test(err)) failure = Object.assign(new Error(`${tool}: not installed`), { code: 'ENOENT' });
      if (!failure) return resolve({ code, signal, stdout: Buffer.concat(stdout).toString('utf8'), stderr: err });
      child.stdout.destroy();
      child.stderr.destroy();
      reject(failure);
    };
    const stop = (why: StationError) => {
      failure ??= why;
      child.kill('SIGKILL');
      // Already gone, but its pipes still open (held by something it left behind): answer now.
      if (exited) finish();
    };
    child.stdout.on('data', (d: Buffer) => {
      stdoutBytes += d.length;
      if (stdoutBytes > maxStdout) stop(new StationError('tool-output-too-large', { tool, file: opts.file, limit: maxStdout }));
      else if (!failure) stdout.push(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr = Buffer.concat([stderr, d]);
      if (stderr.length > 2 * STDERR_TAIL_BYTES) stderr = stderr.subarray(-STDERR_TAIL_BYTES);
    });
    const timer = setTimeout(() => stop(new StationError('tool-timeout', { tool, file: opts.file, seconds: Math.max(1, Math.round(timeoutMs / 1000)) })), timeoutMs);
    const onAbort = () => stop(new StationError('cancelled'));
    if (opts.signal?.aborted) onAbort();
    else opts.signal?.addEventListener('abort', onAbort, { once: true });
    if (child.pid !== undefined && opts.niceness !== undefined) {
      try {
        setPriority(child.pid, opts.niceness);
      } catch {
        // not permitted here: it runs at normal priority
      }
    }
    // The tool did not start (not installed, not executable), or could not be killed.
    child.once('error', (e) => {
      failure ??= e;
      finish();
    });
    // A killed tool answers once its process is gone (reaped); a finished one once its output is read.
    child.once('exit', () => {
      exited = true;
      if (failure) finish();
    });
    child.once('close', (code, signal) => finish(code, signal));
  });
}
