// SANE scanners (Linux, macOS) through native/sane-worker.
//
// With no SANE_CONFIG_DIR of its own, the station first asks the system's SANE configuration;
// when that finds no scanner it falls back to the demonstration configuration in assets/sane.d
// (the SANE `test` backend), so a fresh install can scan at once. When SANE_CONFIG_DIR is set
// (tests, or a site that wants its own list), only that configuration is used.
import type { ColorMode, Device, SourceCaps } from '../../contract';
import { StationError, deviceError } from '../errors';
import type { Logger } from '../log';
import type { ScanDriver, ScanJobSpec, ScanOutcome, DriverEvent } from './driver';
import { WorkerFailure, WorkerProcess, type WorkerMessage } from './worker-process';

export interface SaneDriverOptions {
  readonly executable: string;
  /** Folder with dll.conf and test.conf for the demonstration scanners. */
  readonly demoConfigDir: string;
  readonly timeoutMs: number;
  readonly log: Logger;
  readonly env?: NodeJS.ProcessEnv;
}

interface RawDevice {
  id: string;
  name: string;
  vendor: string;
  model: string;
  serial: string;
}

interface RawSource {
  source: SourceCaps['source'];
  name: string;
  maxWidth?: number;
  maxHeight?: number;
  minWidth?: number;
  minHeight?: number;
  resolutions: number[];
  resolutionRange?: { min: number; max: number; step: number };
  modes: SourceCaps['modes'];
  duplex: boolean;
}

/** Backends that simulate scanners rather than drive one. */
const DEMO_BACKENDS = new Set(['test', 'pnm']);

function toSourceCaps(s: RawSource): SourceCaps {
  return {
    source: s.source,
    name: s.name,
    maxArea: s.maxWidth && s.maxHeight ? { width: s.maxWidth, height: s.maxHeight } : null,
    minArea: s.minWidth && s.minHeight ? { width: s.minWidth, height: s.minHeight } : null,
    resolutions: s.resolutions,
    resolutionRange: s.resolutionRange ?? null,
    modes: s.modes,
    duplex: s.duplex,
  };
}

export function failureToStationError(e: unknown, deviceId: string): unknown {
  return e instanceof WorkerFailure ? deviceError(e.code, e.message, deviceId) : e;
}

function toDriverEvent(m: WorkerMessage): DriverEvent | null {
  const n = (k: string) => Number(m[k]);
  switch (m.event) {
    case 'page-start':
      return { type: 'page-start', page: n('page'), widthPx: n('width'), heightPx: n('height'), dpi: n('dpi'), mode: m.mode as ColorMode };
    case 'progress':
      return { type: 'progress', page: n('page'), bytes: n('bytes'), expected: n('expected') };
    case 'page':
      return {
        type: 'page',
        page: n('page'),
        file: String(m.file),
        widthPx: n('width'),
        heightPx: n('height'),
        dpi: n('dpi'),
        mode: m.mode as ColorMode,
        bytes: n('bytes'),
      };
    default:
      return null;
  }
}

export class SaneDriver implements ScanDriver {
  readonly family = 'sane' as const;
  private readonly system: WorkerProcess;
  private demo: WorkerProcess | null = null;
  /** Which worker listed each device. */
  private readonly routes = new Map<string, WorkerProcess>();
  /** Capabilities by device, until the next listing or a device error: opening a USB scanner
   * to read them can take seconds, and the counter scans the same device all day. */
  private readonly capsCache = new Map<string, SourceCaps[]>();
  private readonly explicitConfig: boolean;

  constructor(private readonly opts: SaneDriverOptions) {
    const env = opts.env ?? process.env;
    this.explicitConfig = Boolean(env.SANE_CONFIG_DIR);
    this.system = new WorkerProcess({ name: 'sane', executable: opts.executable, env, timeoutMs: opts.timeoutMs, log: opts.log });
  }

  owns(deviceId: string): boolean {
    return deviceId.startsWith('sane:');
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
    this.routes.clear();
    this.capsCache.clear();
    const devices: Device[] = [];
    for (const d of raw) {
      this.routes.set(d.id, worker);
      devices.push({
        id: d.id,
        driver: 'sane',
        vendor: d.vendor,
        model: d.model,
        serial: d.serial,
        demo: DEMO_BACKENDS.has(d.name.split(':')[0] ?? ''),
        sources: await this.caps(d.id),
      });
    }
    return devices;
  }

  async caps(deviceId: string): Promise<SourceCaps[]> {
    const cached = this.capsCache.get(deviceId);
    if (cached) return cached;
    const worker = await this.workerFor(deviceId);
    try {
      const reply = await worker.request('caps', { device: deviceId });
      const caps = (reply.sources as RawSource[]).map(toSourceCaps);
      this.capsCache.set(deviceId, caps);
      return caps;
    } catch (e) {
      throw failureToStationError(e, deviceId);
    }
  }

  async scan(job: ScanJobSpec): Promise<ScanOutcome> {
    const worker = await this.workerFor(job.deviceId);
    try {
      const s = job.settings;
      const done = await worker.request(
        'scan',
        {
          device: job.deviceId,
          spool: job.spoolDir,
          prefix: job.prefix,
          settings: { source: s.source, mode: s.mode, dpi: s.dpi, area: s.area, pages: s.pages ?? 0, options: s.options ?? {} },
        },
        {
          onEvent: (m) => {
            const event = toDriverEvent(m);
            if (event) job.onEvent(event);
          },
          signal: job.signal,
        },
      );
      return { pages: Number(done.pages), end: done.end === 'no-documents' ? 'no-documents' : 'count' };
    } catch (e) {
      const error = failureToStationError(e, job.deviceId);
      // A device that failed may come back different (another one on the same port, a restart).
      if (!(error instanceof StationError) || ['device-gone', 'io', 'worker-hung', 'worker-crashed'].includes(error.code)) this.capsCache.delete(job.deviceId);
      throw error;
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.system.stop(), this.demo?.stop()]);
  }

  private async listOn(worker: WorkerProcess): Promise<RawDevice[]> {
    try {
      return (await worker.request('list')).devices as RawDevice[];
    } catch (e) {
      throw failureToStationError(e, 'sane');
    }
  }

  private async workerFor(deviceId: string): Promise<WorkerProcess> {
    if (!this.routes.has(deviceId)) await this.list();
    const worker = this.routes.get(deviceId);
    if (!worker) throw new StationError('unknown-device', { device: deviceId });
    return worker;
  }
}
