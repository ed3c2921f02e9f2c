// WIA 2.0 scanners (Windows) through native/wia-worker: the scanners Windows itself drives
// (class drivers, eSCL/WSD devices added in Settings) that ship no TWAIN source. With the WIA
// service stopped the list is empty (and logged), so that TWAIN and eSCL scanners still show.
import type { Device } from '../../contract';
import type { Logger } from '../log';
import { type RawDevice, WorkerDriver } from './worker-driver';
import { WorkerProcess } from './worker-process';

export interface WiaDriverOptions {
  readonly executable: string;
  readonly timeoutMs: number;
  readonly log: Logger;
  readonly env?: NodeJS.ProcessEnv;
}

export class WiaDriver extends WorkerDriver {
  readonly family = 'wia' as const;
  private readonly worker: WorkerProcess;
  private readonly log: Logger;

  constructor(opts: WiaDriverOptions) {
    super();
    this.log = opts.log;
    this.worker = new WorkerProcess({ name: 'wia', executable: opts.executable, env: opts.env ?? process.env, timeoutMs: opts.timeoutMs, log: opts.log });
  }

  async list(): Promise<Device[]> {
    let devices: RawDevice[] = [];
    try {
      devices = await this.listOn(this.worker);
    } catch (e) {
      this.log.warn('wia: the scanners could not be listed', { error: e instanceof Error ? e.message : String(e) });
    }
    return this.describe([{ worker: this.worker, devices }], () => false);
  }

  protected workers(): readonly WorkerProcess[] {
    return [this.worker];
  }
}
