// SANE scanners (Linux, macOS) through native/sane-worker.
//
// With no SANE_CONFIG_DIR of its own, the station first asks the system's SANE configuration;
// when that finds no scanner it falls back to the demonstration configuration in assets/sane.d
// (the SANE `test` backend), so a fresh install can scan at once. When SANE_CONFIG_DIR is set
// (tests, or a site that wants its own list), only that configuration is used.
// SANE's network backends (airscan, escl) are left out either way: see sane-config.ts.
import type { Device } from '../../contract';
import type { Logger } from '../log';
import { SYSTEM_SANE_CONFIG_DIR, isSkippedDevice, writeFilteredSaneConfig } from './sane-config';
import { type RawDevice, WorkerDriver } from './worker-driver';
import { WorkerProcess } from './worker-process';

export interface SaneDriverOptions {
  readonly executable: string;
  /** Folder with dll.conf and test.conf for the demonstration scanners. */
  readonly demoConfigDir: string;
  readonly timeoutMs: number;
  readonly log: Logger;
  readonly env?: NodeJS.ProcessEnv;
  /** Where the filtered copy of the system's dll.conf goes (a folder of this process's own);
   * without it the system configuration is read as it is and only the device names are filtered. */
  readonly configCopyDir?: string;
  /** The system's SANE configuration folder (default /etc/sane.d). */
  readonly systemConfigDir?: string;
}

/** Backends that simulate scanners rather than drive one. */
const DEMO_BACKENDS = new Set(['test', 'pnm']);

/** Seconds the `net` backend may wait to connect to a saned host (unless SANE_NET_TIMEOUT says). */
const NET_CONNECT_TIMEOUT_S = 2;

export class SaneDriver extends WorkerDriver {
  readonly family = 'sane' as const;
  private readonly system: WorkerProcess;
  private demo: WorkerProcess | null = null;
  private readonly explicitConfig: boolean;

  constructor(private readonly opts: SaneDriverOptions) {
    super();
    const env = opts.env ?? process.env;
    this.explicitConfig = Boolean(env.SANE_CONFIG_DIR);
    this.system = new WorkerProcess({ name: 'sane', executable: opts.executable, env: this.systemEnv(env), timeoutMs: opts.timeoutMs, log: opts.log });
  }

  async list(): Promise<Device[]> {
    let worker = this.system;
    let raw = await this.listOn(worker);
    if (raw.length === 0 && !this.explicitConfig) {
      this.demo ??= new WorkerProcess({
        name: 'sane-demo',
        executable: this.opts.executable,
        env: { ...(this.opts.env ?? process.env), SANE_CONFIG_DIR: this.opts.demoConfigDir },
        timeoutMs: this.opts.timeoutMs,
        log: this.opts.log,
      });
      worker = this.demo;
      raw = await this.listOn(worker);
    }
    return this.describe([{ worker, devices: raw }], (d) => DEMO_BACKENDS.has(d.name.split(':')[0] ?? ''));
  }

  protected workers(): readonly WorkerProcess[] {
    return this.demo ? [this.system, this.demo] : [this.system];
  }

  protected override async listOn(worker: WorkerProcess): Promise<RawDevice[]> {
    return (await super.listOn(worker)).filter((d) => !isSkippedDevice(d.name));
  }

  /** The system worker's environment: the system configuration without SANE's network backends,
   * unless the site chose its own (SANE_CONFIG_DIR). */
  private systemEnv(given: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    // SANE's `net` backend waits minutes on a saned host that is down unless told otherwise: a
    // short connect limit, so that one unreachable host does not hold up every listing.
    const env = given.SANE_NET_TIMEOUT ? given : { ...given, SANE_NET_TIMEOUT: String(NET_CONNECT_TIMEOUT_S) };
    if (this.explicitConfig || !this.opts.configCopyDir) return env;
    try {
      const dir = writeFilteredSaneConfig(this.opts.systemConfigDir ?? SYSTEM_SANE_CONFIG_DIR, this.opts.configCopyDir);
      return dir ? { ...env, SANE_CONFIG_DIR: dir } : env;
    } catch (e) {
      this.opts.log.warn('could not write the filtered SANE configuration; using the system one as it is', { error: String(e) });
      return env;
    }
  }
}
