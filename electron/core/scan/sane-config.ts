// Which SANE backends the station asks, and which of their devices it shows.
//
// The station drives network scanners itself (escl/), so SANE's own network backends —
// `airscan` (Debian's sane-airscan, enabled by /etc/sane.d/dll.d/airscan) and `escl` — would
// show the same scanner twice, and they make every listing wait seconds for network discovery.
// So the system worker reads a copy of the system's dll.conf and dll.d without them, in a folder
// placed first on SANE's configuration path ("COPY:SYSTEM": the system folder after it still
// gives every backend its own .conf file); and whatever configuration is used, their devices are
// not listed.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** SANE backends whose scanners the station reaches through its own eSCL driver. */
export const SKIPPED_BACKENDS: ReadonlySet<string> = new Set(['airscan', 'escl']);

/** The default configuration folder of Debian's and most distributions' libsane. */
export const SYSTEM_SANE_CONFIG_DIR = '/etc/sane.d';

/** Whether a SANE device name ("airscan:e0:HP", "escl:http://…") belongs to a skipped backend. */
export function isSkippedDevice(saneName: string): boolean {
  return SKIPPED_BACKENDS.has(saneName.split(':')[0] ?? '');
}

/** A dll.conf (or dll.d file) without the lines that enable a skipped backend. */
export function withoutSkippedBackends(dllConf: string): string {
  return dllConf
    .split('\n')
    .filter((line) => !SKIPPED_BACKENDS.has(line.replace(/#.*/, '').trim()))
    .join('\n');
}

/**
 * Writes the filtered dll.conf and dll.d of `systemDir` into `targetDir` and returns the value
 * for SANE_CONFIG_DIR, or null when `systemDir` has no dll.conf (nothing to filter: libsane is
 * configured elsewhere, and the device-name filter still applies).
 */
export function writeFilteredSaneConfig(systemDir: string, targetDir: string): string | null {
  const dllConf = join(systemDir, 'dll.conf');
  if (!existsSync(dllConf)) return null;
  rmSync(targetDir, { recursive: true, force: true });
  const dllD = join(targetDir, 'dll.d');
  // dll.d is read from the first folder on the path that has one: ours, even when empty.
  mkdirSync(dllD, { recursive: true });
  writeFileSync(join(targetDir, 'dll.conf'), withoutSkippedBackends(readFileSync(dllConf, 'utf8')));
  const systemDllD = join(systemDir, 'dll.d');
  if (existsSync(systemDllD)) {
    for (const name of readdirSync(systemDllD)) {
      const file = join(systemDllD, name);
      // libsane skips hidden files and editor backups in dll.d; so do we.
      if (name.startsWith('.') || name.endsWith('~') || !statSync(file).isFile()) continue;
      writeFileSync(join(dllD, name), withoutSkippedBackends(readFileSync(file, 'utf8')));
    }
  }
  return `${targetDir}:${systemDir}`;
}
