// TWAIN scanners (Windows) through native/twain-worker.
//
// A process can load only TWAIN data sources of its own width, and many scanners ship only a
// 32-bit one, so the station runs the 64-bit and the 32-bit worker side by side and merges their
// lists (the first worker to list a device keeps it). A worker that cannot list (no DSM of its
// width is installed) is logged and passed over: no TWAIN on this PC must not hide the WIA and
// eSCL scanners the station also lists.
import type { Device } from '../../contract';
import type { Logger } from '../log';
import { type RawDevice, WorkerDriver } from './worker-driver';
import { WorkerProcess } from './worker-process';

export interface TwainDriverOptions {
  /** twain-worker executables, preferred first (64-bit, then 32-bit). */
  readonly executables: readonly string[];
  readonly timeoutMs: number;
  readonly log: Logger;
  readonly env?: NodeJS.ProcessEnv;
}

export class TwainDriver extends WorkerDriver {
  readonly family = 'twain' as const;
  private readonly pool: readonly WorkerProcess[];

  constructor(private readonly opts: TwainDriverOptions) {
    super();
    this.pool = opts.executables.map(
      (executable, i) => new WorkerProcess({ name: `twain-${i + 1}`, executable, env: opts.env ?? process.env, timeoutMs: opts.timeoutMs, log: opts.log }),
    );
  }

  async list(): Promise<Device[]> {
    const listed: Array<{ worker: WorkerProcess; devices: RawDevice[] }> = [];
    for (const worker of this.pool) {
      try {
        listed.push({ worker, devices: await this.listOn(worker) });
      } catch (e) {
        this.opts.log.warn('twain: a worker could not list its data sources', { error: e instanceof Error ? e.message : String(e) });
      }
    }
    return this.describe(listed, () => false);
  }

  protected workers(): readonly WorkerProcess[] {
    return this.pool;
  }
}
