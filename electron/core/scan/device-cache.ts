// The last device list, kept in the station's data folder so that the next screen or `sohoa
// devices` answers at once instead of asking every driver again (SANE's default configuration
// loads dozens of backends, each probing its buses: seconds on every listing).
//
// The file carries the configuration it was read under (which SANE configuration, which eSCL
// addresses, discovery on or off): a list read under another one is not used. It holds no citizen
// data, only scanner names and capabilities, so it is plain JSON, written whole (temporary file,
// then rename) so that a process killed mid-write leaves the previous list.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { Device } from '../../contract';

const CacheFile = z.object({
  version: z.literal(1),
  configKey: z.string(),
  /** ISO 8601 (UTC) time of the probe that read this list. */
  checkedAt: z.string(),
  devices: z.array(Device),
});

export interface CachedDevices {
  readonly devices: Device[];
  readonly checkedAt: string;
}

export interface DeviceListCache {
  read(): CachedDevices | null;
  write(devices: readonly Device[]): void;
}

/** What decides which devices the drivers can see, as one short key. */
export function deviceConfigKey(env: NodeJS.ProcessEnv, platform: string = process.platform): string {
  const parts = [platform, env.SANE_CONFIG_DIR ?? '', env.SOHOA_ESCL_URLS ?? '', env.SOHOA_ESCL_PINS ?? '', env.SOHOA_ESCL_DISCOVERY ?? ''];
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 16);
}

/** The cache in one JSON file; a missing, unreadable or foreign file is simply no cache. */
export class DeviceCacheFile implements DeviceListCache {
  constructor(
    private readonly file: string,
    private readonly configKey: string,
    private readonly onWriteError: (e: unknown) => void = () => undefined,
  ) {}

  read(): CachedDevices | null {
    try {
      const parsed = CacheFile.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      if (!parsed.success || parsed.data.configKey !== this.configKey) return null;
      return { devices: parsed.data.devices, checkedAt: parsed.data.checkedAt };
    } catch {
      return null;
    }
  }

  write(devices: readonly Device[]): void {
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, JSON.stringify({ version: 1, configKey: this.configKey, checkedAt: new Date().toISOString(), devices: [...devices] } satisfies z.infer<typeof CacheFile>));
      renameSync(tmp, this.file);
    } catch (e) {
      // A cache that cannot be written costs the next listing its speed, nothing else.
      this.onWriteError(e);
    }
  }
}
