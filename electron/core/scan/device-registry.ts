// All scanner drivers behind one list: device ids carry their driver, so a request finds its
// driver by the id alone.
//
// Asking every driver takes seconds (SANE's default configuration loads dozens of backends that
// each probe their buses; network scanners answer when they answer), and a counter officer opens
// the scan screen dozens of times a day. So the list is answered from the last one read (in
// memory, else the data folder's cache, device-cache.ts) at once, and probed again behind it: a
// probe that finds another list publishes it (onChange → the `devices.changed` event), and the
// screens list again. A driver that does not answer within its budget does not hold the probe up
// either: its devices stay as last listed until it answers, and its late answer is a change too.
import type { Device, SourceCaps } from '../../contract';
import { StationError } from '../errors';
import type { Logger } from '../log';
import type { DeviceListCache } from './device-cache';
import type { ScanDriver } from './driver';

export interface DeviceRegistryOptions {
  readonly cache?: DeviceListCache;
  /** A probe found another list than the one last answered. */
  readonly onChange?: (devices: Device[]) => void;
  /** Probe again behind every answer from the cache (the app, `sohoa serve`); a one-shot command
   * that exits after its answer does not start a probe it would only kill. */
  readonly backgroundRefresh?: boolean;
  /** How long a probe waits for one driver before using that driver's last known devices
   * (default 8 s; SANE's workers have their own watchdog for a driver that hangs for good). */
  readonly driverBudgetMs?: number;
  /** No background probe sooner than this after the last one ended (default 5 s): two screens
   * opening together, or a screen listing again on a change, share one probe. */
  readonly minRefreshIntervalMs?: number;
  readonly log?: Logger;
}

const LATE = Symbol('late');

/** Real scanners before demonstration devices, so that a UI's first choice is the scanner on the desk. */
const ordered = (devices: readonly Device[]) => [...devices].sort((a, b) => Number(a.demo) - Number(b.demo));

export class DeviceRegistry {
  /** The list last answered (probed, or read from the cache); null before either. */
  private known: Device[] | null = null;
  /** Each driver's part of `known`, as it last listed. */
  private readonly parts = new Map<ScanDriver, Device[]>();
  /** The probe under way: callers that ask meanwhile (two screens, a CLI and the app) share it. */
  private probing: Promise<Device[]> | null = null;
  private lastProbeEnded = 0;
  private closed = false;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly drivers: readonly ScanDriver[],
    private readonly opts: DeviceRegistryOptions = {},
  ) {}

  /** Every device: the last list at once (and a probe behind it), or, with `refresh` or when no
   * list was ever read under this configuration, a fresh probe. */
  async list(opts: { refresh?: boolean } = {}): Promise<Device[]> {
    if (!opts.refresh) {
      this.known ??= this.fromCache();
      if (this.known) {
        if (this.opts.backgroundRefresh) this.refreshInBackground();
        return [...this.known]; // each caller its own array
      }
    }
    return [...(await this.probe())];
  }

  /** Probes again unless a probe is under way or has just ended; a change is published. */
  refreshInBackground(): void {
    if (this.closed || this.probing || Date.now() - this.lastProbeEnded < (this.opts.minRefreshIntervalMs ?? 5000)) return;
    this.probe().catch((e: unknown) => this.opts.log?.warn('the background device probe failed; the last list stays', { error: String(e) }));
  }

  driverFor(deviceId: string): ScanDriver {
    const driver = this.drivers.find((d) => d.owns(deviceId));
    if (!driver) throw new StationError('unknown-device', { device: deviceId });
    return driver;
  }

  /** A device's capabilities. A device the officer was shown (the list from the cache, say) that
   * its driver no longer finds was unplugged or switched off since: `device-gone`, which says to
   * reconnect it, rather than `unknown-device`; and it leaves the list (its driver has just
   * listed again without it), so the screens drop it. */
  async caps(deviceId: string): Promise<SourceCaps[]> {
    try {
      return await this.driverFor(deviceId).caps(deviceId);
    } catch (e) {
      if (!(e instanceof StationError && e.code === 'unknown-device' && this.known?.some((d) => d.id === deviceId))) throw e;
      const driver = this.driverFor(deviceId);
      this.parts.set(driver, (this.parts.get(driver) ?? []).filter((d) => d.id !== deviceId));
      this.settle(false);
      throw new StationError('device-gone', { device: deviceId });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.all(this.drivers.map((d) => d.close()));
  }

  private fromCache(): Device[] | null {
    const cached = this.opts.cache?.read();
    if (!cached) return null;
    for (const d of this.drivers) this.parts.set(d, cached.devices.filter((x) => x.driver === d.family));
    return ordered(cached.devices);
  }

  private probe(): Promise<Device[]> {
    this.probing ??= this.probeAll().finally(() => {
      this.probing = null;
      this.lastProbeEnded = Date.now();
    });
    return this.probing;
  }

  private async probeAll(): Promise<Device[]> {
    this.known ??= this.fromCache();
    const lists = await Promise.all(this.drivers.map((d) => this.listWithinBudget(d)));
    this.drivers.forEach((d, i) => this.parts.set(d, lists[i] ?? []));
    return this.settle(true);
  }

  /** One driver's devices; past its budget, the ones it listed last (none if it never did), and
   * its own answer later, as a change. A driver that fails within its budget fails the probe. */
  private async listWithinBudget(driver: ScanDriver): Promise<Device[]> {
    const listing = driver.list();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<typeof LATE>((resolve) => {
      timer = setTimeout(() => resolve(LATE), this.opts.driverBudgetMs ?? 8000);
      this.timers.add(timer);
    });
    try {
      const answer = await Promise.race([listing, late]);
      if (answer !== LATE) return answer;
    } finally {
      clearTimeout(timer);
      if (timer) this.timers.delete(timer);
    }
    this.opts.log?.warn('a scanner driver is slow to list its devices; its last known devices are shown meanwhile', { driver: driver.family });
    listing.then(
      (devices) => {
        if (this.closed) return;
        this.parts.set(driver, devices);
        this.settle(false);
      },
      (e: unknown) => this.opts.log?.warn('a slow scanner driver failed to list its devices', { driver: driver.family, error: String(e) }),
    );
    return this.parts.get(driver) ?? [];
  }

  /** The list from every driver's part; stored, and published when it differs from the last. */
  private settle(probeEnded: boolean): Device[] {
    const list = ordered(this.drivers.flatMap((d) => this.parts.get(d) ?? []));
    const changed = this.known !== null && JSON.stringify(list) !== JSON.stringify(this.known);
    this.known = list;
    if (changed || probeEnded) this.opts.cache?.write(list);
    if (changed) this.opts.onChange?.([...list]);
    return list;
  }
}
