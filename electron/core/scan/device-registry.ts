// All scanner drivers behind one list: device ids carry their driver, so a request finds its
// driver by the id alone.
import type { Device, SourceCaps } from '../../contract';
import { StationError } from '../errors';
import type { ScanDriver } from './driver';

export class DeviceRegistry {
  /** The listing under way: asking every driver takes seconds (SANE's network backends probe the
   * network), so callers that ask meanwhile (two screens, a CLI and the app) share its answer. */
  private listing: Promise<Device[]> | null = null;

  constructor(private readonly drivers: readonly ScanDriver[]) {}

  /** Every device; real scanners before demonstration devices, so that a UI's first choice is
   * the scanner on the desk. */
  list(): Promise<Device[]> {
    this.listing ??= this.listAll().finally(() => {
      this.listing = null;
    });
    return this.listing.then((devices) => [...devices]); // each caller its own array
  }

  private async listAll(): Promise<Device[]> {
    const lists = await Promise.all(this.drivers.map((d) => d.list()));
    return lists.flat().sort((a, b) => Number(a.demo) - Number(b.demo));
  }

  driverFor(deviceId: string): ScanDriver {
    const driver = this.drivers.find((d) => d.owns(deviceId));
    if (!driver) throw new StationError('unknown-device', { device: deviceId });
    return driver;
  }

  caps(deviceId: string): Promise<SourceCaps[]> {
    return this.driverFor(deviceId).caps(deviceId);
  }

  async close(): Promise<void> {
    await Promise.all(this.drivers.map((d) => d.close()));
  }
}
