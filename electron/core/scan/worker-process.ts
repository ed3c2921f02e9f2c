// One scan worker process (native/*-worker) spoken to in JSON Lines: requests out on stdin,
// replies and events back on stdout, each carrying the request's id.
//
// The watchdog: while a request is outstanding (or the worker is starting) the worker must say
// something (progress, a page, a reply) at least every `timeoutMs`; otherwise it is killed
// (SIGKILL, which also ends a stopped process) and every pending request fails with `worker-hung`.
// The next request starts a fresh worker. A hung or crashed driver never hangs the station.
// Silence is counted only while the station was running to hear it (worker-silence.ts), and the
// verdict waits until what the worker already wrote has been read: a station that was itself
// held up — the machine paused, the clock stepped — does not kill a worker that kept talking.
//
// The health check: a worker reports a scan's outcome before it ends the batch in the driver,
// and some drivers hang right there. So after every scan the worker is pinged with a short
// timeout, and the next request waits for that answer: a worker stuck in its cleanup is replaced
// within seconds instead of costing the next request a full timeout.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { StationError } from '../errors';
import type { Logger } from '../log';
import { WorkerSilence } from './worker-silence';

export type WorkerMessage = Record<string, unknown> & { id?: number | null; event?: string };

interface Pending {
  readonly op: string;
  readonly onEvent?: ((m: WorkerMessage) => void) | undefined;
  /** Scans end on a done/error event; other requests on their single reply. */
  readonly streaming: boolean;
  /** How long the worker may stay silent while this request is outstanding. */
  readonly timeoutMs: number;
  resolve(m: WorkerMessage): void;
  reject(e: unknown): void;
}

export interface RequestOptions {
  readonly onEvent?: (m: WorkerMessage) => void;
  readonly signal?: AbortSignal;
}

export interface WorkerOptions {
  readonly name: string;
  readonly executable: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  readonly log: Logger;
}

/** Where a silent worker's threads wait in the kernel (Linux), for the log: it tells support
 * staff whether a driver was stuck on USB, a pipe, or a lock. */
function waitChannels(pid: number | undefined): string[] {
  if (!pid || process.platform !== 'linux') return [];
  try {
    return readdirSync(`/proc/${pid}/task`).map((tid) => `${tid}:${readFileSync(`/proc/${pid}/task/${tid}/wchan`, 'utf8') || '?'}`);
  } catch {
    return [];
  }
}

/** How long a worker may take to come back after a scan before it is replaced. */
const HEALTH_TIMEOUT_MS = 5000;

/** A failure the worker itself reported, with its protocol code (jammed, busy, …). */
export class WorkerFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'WorkerFailure';
  }
}

export class WorkerProcess {
  private child: ChildProcessWithoutNullStreams | null = null;
  private ready: Promise<void> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly tickMs: number;
  private readonly silence: WorkerSilence;
  private watchdog: NodeJS.Timeout | null = null;
  /** While the worker is starting: fails the start (it never said it was ready). */
  private failStarting: ((e: StationError) => void) | null = null;
  /** The ping after a scan; requests wait for it. */
  private health: Promise<void> | null = null;

  constructor(private readonly opts: WorkerOptions) {
    this.tickMs = Math.max(50, Math.min(1000, opts.timeoutMs / 4));
    this.silence = new WorkerSilence(this.tickMs);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Sends a request; resolves with the final reply. `onEvent` sees every message on the way;
   * aborting `signal` asks the worker to cancel this request (a scan ends with `cancelled`). */
  async request(op: string, params: Record<string, unknown> = {}, options: RequestOptions = {}): Promise<WorkerMessage> {
    while (this.health) await this.health;
    await this.start();
    const { signal } = options;
    const { id, reply } = this.issue(op, params, options.onEvent, this.opts.timeoutMs);
    if (!signal) return reply;
    const onAbort = () => {
      if (this.child && this.pending.has(id)) this.send({ id: this.nextId++, op: 'cancel', target: id });
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    return reply.finally(() => signal.removeEventListener('abort', onAbort));
  }

  /** Sends a request to the running worker. */
  private issue(op: string, params: Record<string, unknown>, onEvent: ((m: WorkerMessage) => void) | undefined, timeoutMs: number): { id: number; reply: Promise<WorkerMessage> } {
    const id = this.nextId++;
    const reply = new Promise<WorkerMessage>((resolve, reject) => {
      // A request with nothing outstanding before it starts the worker's allowance afresh; one
      // beside another (a ping during a scan) does not reset the other's count.
      if (this.pending.size === 0) this.silence.heard();
      this.pending.set(id, { op, onEvent, streaming: op === 'scan', timeoutMs, resolve, reject });
      this.send({ id, op, ...params });
    });
    return { id, reply };
  }

  private checkHealth(): void {
    if (!this.child || this.health) return;
    const timeoutMs = Math.min(this.opts.timeoutMs, HEALTH_TIMEOUT_MS);
    this.health = this.issue('ping', {}, undefined, timeoutMs)
      .reply.then(
        () => undefined,
        (e: unknown) => this.opts.log.warn(`${this.opts.name}: worker did not come back after a scan; replaced`, { error: e instanceof Error ? e.message : String(e) }),
      )
      .finally(() => {
        this.health = null;
      });
  }


  async stop(): Promise<void> {
    while (this.health) await this.health;
    const child = this.child;
    if (!child) return;
    child.stdin.end(); // the worker exits at the end of its input
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
  }

  private send(message: Record<string, unknown>): void {
    this.child?.stdin.write(`${JSON.stringify(message)}\n`);
  }

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    if (!existsSync(this.opts.executable))
      return Promise.reject(new StationError('worker-missing', { worker: this.opts.executable }));
    const child = spawn(this.opts.executable, [], { env: this.opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    // Writing to a worker that just died raises EPIPE here; its exit is reported by onExit.
    child.stdin.on('error', (e) => this.opts.log.warn(`${this.opts.name}: stdin closed`, { error: e.message }));
    this.ready = new Promise<void>((resolve, reject) => {
      let started = false;
      // Only a start that has not yet succeeded fails here; a later exit is onExit's business.
      const failStart = (e: unknown) => {
        if (started) return;
        started = true;
        if (this.failStarting === hung) this.failStarting = null;
        if (this.child === child) this.retire();
        reject(e);
      };
      // The watchdog's verdict on a worker that never says it is ready.
      const hung = (e: StationError) => {
        child.kill('SIGKILL');
        failStart(e);
      };
      this.failStarting = hung;
      this.silence.heard();
      child.once('error', (e) => failStart(new StationError('worker-crashed', { detail: e.message })));
      const lines = createInterface({ input: child.stdout });
      lines.on('line', (line) => {
        this.silence.heard();
        let m: WorkerMessage;
        try {
          m = JSON.parse(line) as WorkerMessage;
        } catch {
          this.opts.log.warn(`${this.opts.name}: unparseable line from worker`, { line: line.slice(0, 200) });
          return;
        }
        if (m.event === 'ready' && (m.id === undefined || m.id === null)) {
          started = true;
          if (this.failStarting === hung) this.failStarting = null;
          this.opts.log.info(`${this.opts.name}: worker ready`, { pid: child.pid, ...m });
          resolve();
          return;
        }
        this.route(m);
      });
      child.stderr.on('data', (d: Buffer) => this.opts.log.warn(`${this.opts.name}: stderr`, { text: d.toString().slice(0, 2000) }));
      child.once('exit', (code, signal) => {
        this.onExit(child, code, signal);
        failStart(new StationError('worker-crashed', { detail: `exit ${code ?? signal}` }));
      });
    });
    this.watchdog ??= setInterval(() => this.checkHang(), this.tickMs);
    this.watchdog.unref();
    return this.ready;
  }

  private route(m: WorkerMessage): void {
    if (typeof m.id !== 'number') {
      this.opts.log.warn(`${this.opts.name}: message without a request id`, { message: m });
      return;
    }
    const p = this.pending.get(m.id);
    if (!p) return; // a late reply to a cancelled or abandoned request
    p.onEvent?.(m);
    const error = m.error as { code?: string; message?: string } | undefined;
    const final = error !== undefined || !p.streaming || m.event === 'done' || m.event === 'error';
    if (!final) return;
    this.pending.delete(m.id);
    if (p.streaming) this.checkHealth();
    if (error) p.reject(new WorkerFailure(error.code ?? 'io', error.message ?? 'worker error'));
    else if (m.event === 'error') p.reject(new WorkerFailure(String(m.code ?? 'io'), String(m.message ?? 'scan failed')));
    else p.resolve(m);
  }

  /** The silence allowed now: the shortest of the outstanding requests' (or the start's). */
  private limit(): number | null {
    const limits = [...this.pending.values()].map((p) => p.timeoutMs);
    if (this.failStarting) limits.push(this.opts.timeoutMs);
    return limits.length > 0 ? Math.min(...limits) : null;
  }

  private checkHang(): void {
    const child = this.child;
    const limit = this.limit();
    const { silentMs, awayMs } = this.silence.tick();
    if (!child || limit === null) return;
    if (awayMs > 5 * this.tickMs)
      this.opts.log.warn(`${this.opts.name}: the station itself did not run for ${Math.round(awayMs)} ms (machine paused or asleep, or its event loop held); the worker's silence meanwhile is not counted`, { pid: child.pid });
    if (silentMs < limit) return;
    // Timers run before the event loop reads the pipe: let it read what the worker already sent
    // (after a pause of the station's own) before calling the worker hung.
    setImmediate(() => {
      const still = this.limit();
      if (this.child !== child || still === null || this.silence.silentMs < still) return;
      const ops = [...this.pending.values()].map((p) => p.op);
      if (this.failStarting) ops.push('start');
      this.opts.log.warn(`${this.opts.name}: worker silent for ${Math.round(this.silence.silentMs)} ms during ${ops.join(',')}; killing it`, { pid: child.pid, waiting: waitChannels(child.pid) });
      const error = new StationError('worker-hung', { seconds: Math.round(still / 1000) });
      const starting = this.failStarting;
      if (starting) return starting(error); // kills it, retires it, fails the start
      this.retire();
      this.failAll(error);
      child.kill('SIGKILL');
    });
  }

  private onExit(child: ChildProcessWithoutNullStreams, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.child !== child) return; // already retired by the watchdog
    this.retire();
    if (this.pending.size > 0) {
      this.opts.log.warn(`${this.opts.name}: worker exited with requests pending`, { code, signal });
      this.failAll(new StationError('worker-crashed', { detail: signal ? `signal ${signal}` : `exit code ${code}` }));
    }
  }

  /** Forgets the current process: the next request starts a new one. */
  private retire(): void {
    this.child = null;
    this.ready = null;
    this.failStarting = null;
    if (this.watchdog) {
      clearInterval(this.watchdog);
      this.watchdog = null;
    }
  }

  private failAll(error: StationError): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(error);
  }
}
