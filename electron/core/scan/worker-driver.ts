// What every driver over a scan worker process shares (SANE, TWAIN, WIA: native/*-worker, one
// protocol): routing each device to the worker that listed it, reading and caching capabilities,
// running a scan with its events, and turning the worker's failure codes into StationErrors.
// A family adds only how it finds its workers and lists devices.
import type { ColorMode, Device, FeederState, SourceCaps } from '../../contract';
import { StationError, deviceError } from '../errors';
import type { DriverEvent, ScanDriver, ScanJobSpec, ScanOutcome } from './driver';
import { WorkerFailure, type WorkerMessage, type WorkerProcess } from './worker-process';

/** A device as a worker lists it. */
export interface RawDevice {
  id: string;
  name: string;
  vendor: string;
  model: string;
  serial: string;
}

/** A source as a worker describes it in a caps reply. */
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

/** Device codes after which the cached capabilities may be stale (another device, a restart). */
const STALE_AFTER = ['device-gone', 'io', 'worker-hung', 'worker-crashed'];

export abstract class WorkerDriver implements ScanDriver {
  abstract readonly family: Device['driver'];
  /** Which worker listed each device. */
  protected readonly routes = new Map<string, WorkerProcess>();
  /** Capabilities by device, until the next listing or a device error: opening a USB scanner
   * to read them can take seconds, and the counter scans the same device all day. */
  protected readonly capsCache = new Map<string, SourceCaps[]>();
  /** The feeder's paper sensor as the last caps read it. */
  protected readonly feederCache = new Map<string, FeederState>();

  abstract list(): Promise<Device[]>;
  /** Every worker this driver has started, for close(). */
  protected abstract workers(): readonly WorkerProcess[];

  owns(deviceId: string): boolean {
    return deviceId.startsWith(`${this.family}:`);
  }

  async caps(deviceId: string): Promise<SourceCaps[]> {
    const cached = this.capsCache.get(deviceId);
    if (cached) return cached;
    const worker = await this.workerFor(deviceId);
    try {
      const reply = await worker.request('caps', { device: deviceId });
      const caps = (reply.sources as RawSource[]).map(toSourceCaps);
      this.capsCache.set(deviceId, caps);
      if (reply.feeder === 'loaded' || reply.feeder === 'empty' || reply.feeder === 'unknown') this.feederCache.set(deviceId, reply.feeder);
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
      if (!(error instanceof StationError) || STALE_AFTER.includes(error.code)) this.capsCache.delete(job.deviceId);
      throw error;
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers().map((w) => w.stop()));
  }

  /** The devices a worker lists. */
  protected async listOn(worker: WorkerProcess): Promise<RawDevice[]> {
    try {
      return (await worker.request('list')).devices as RawDevice[];
    } catch (e) {
      throw failureToStationError(e, this.family);
    }
  }

  /** Routes each listed device to its worker (the first worker to list an id keeps it) and reads
   * its capabilities. */
  protected async describe(listed: ReadonlyArray<{ worker: WorkerProcess; devices: readonly RawDevice[] }>, isDemo: (d: RawDevice) => boolean): Promise<Device[]> {
    this.routes.clear();
    this.capsCache.clear();
    this.feederCache.clear();
    const devices: Device[] = [];
    // Seen by this listing, not by `routes`: two listings at once (two screens open) share routes.
    const seen = new Set<string>();
    for (const { worker, devices: raw } of listed) {
      for (const d of raw) {
        if (seen.has(d.id)) continue;
        seen.add(d.id);
        this.routes.set(d.id, worker);
        const sources = await this.caps(d.id);
        const feeder = this.feederCache.get(d.id);
        devices.push({
          id: d.id,
          driver: this.family,
          vendor: d.vendor,
          model: d.model,
          serial: d.serial,
          demo: isDemo(d),
          sources,
          ...(feeder ? { feeder } : {}),
        });
      }
    }
    return devices;
  }

  protected async workerFor(deviceId: string): Promise<WorkerProcess> {
    if (!this.routes.has(deviceId)) await this.list();
    const worker = this.routes.get(deviceId);
    if (!worker) throw new StationError('unknown-device', { device: deviceId });
    return worker;
  }
}
