// The station's scanners: the platform's drivers (SANE on Linux and macOS; on Windows TWAIN — the
// 64-bit worker first, then the 32-bit one for 32-bit-only data sources — and WIA) and eSCL
// everywhere, behind one registry that answers from the last list kept in the data folder.
import { join } from 'node:path';
import type { Logger } from '../log';
import { DeviceCacheFile, deviceConfigKey } from './device-cache';
import { DeviceRegistry } from './device-registry';
import { EsclDriver, esclOptionsFromEnv } from './escl/escl-driver';
import { SaneDriver } from './sane-driver';
import { TwainDriver } from './twain-driver';
import { WiaDriver } from './wia-driver';

export interface StationDevicesOptions {
  readonly workersDir: string;
  readonly assetsDir: string;
  /** This process's temporary folder (SANE's configuration copy). */
  readonly ownTmp: string;
  /** The data folder, where the device list is kept. */
  readonly dataRoot: string;
  readonly env: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  readonly log: Logger;
  readonly onChange: () => void;
  /** The app and `sohoa serve` probe behind each cached answer; a one-shot command answers and exits. */
  readonly backgroundRefresh: boolean;
}

export function stationDevices(o: StationDevicesOptions): DeviceRegistry {
  const { workersDir, timeoutMs, log, env } = o;
  const windowsBuilds = process.arch === 'ia32' ? ['win-ia32'] : ['win-x64', 'win-ia32'];
  const platformDrivers =
    process.platform === 'win32'
      ? [
          new TwainDriver({ executables: windowsBuilds.map((b) => join(workersDir, b, 'twain-worker.exe')), timeoutMs, log, env }),
          new WiaDriver({ executable: join(workersDir, windowsBuilds[0] ?? 'win-x64', 'wia-worker.exe'), timeoutMs, log, env }),
        ]
      : [new SaneDriver({ executable: join(workersDir, 'sane-worker'), demoConfigDir: join(o.assetsDir, 'sane.d'), timeoutMs, log, env, configCopyDir: join(o.ownTmp, 'sane.d') })];
  return new DeviceRegistry([...platformDrivers, new EsclDriver({ ...esclOptionsFromEnv(env), requestTimeoutMs: timeoutMs, log })], {
    cache: new DeviceCacheFile(join(o.dataRoot, 'device-cache.json'), deviceConfigKey(env), (e) => log.warn('could not keep the device list', { error: String(e) })),
    onChange: o.onChange,
    backgroundRefresh: o.backgroundRefresh,
    log,
  });
}
