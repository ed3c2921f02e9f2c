// The tests' own SANE configuration (SANE_CONFIG_DIR): the `test` and `pnm` backends, with the
// test device's area raised so that A0 (841 × 1189 mm) fits, and a picture that is not black.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SaneConfigOptions {
  /** Largest scan area of the test device, mm (both axes). */
  readonly geometryMax?: number;
  readonly testPicture?: 'Solid black' | 'Solid white' | 'Color pattern' | 'Grid';
  /** What every sane_read of the test device returns, e.g. SANE_STATUS_JAMMED (default: normal). */
  readonly readStatus?: string;
  /** Slow reads (32 KB per sane_read, each after a pause), for interrupting a batch mid-way. */
  readonly slowReads?: boolean;
}

export function writeSaneConfig(dir: string, opts: SaneConfigOptions = {}): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'dll.conf'), 'test\npnm\n');
  writeFileSync(
    join(dir, 'test.conf'),
    [
      'number_of_devices 2',
      'mode Color',
      'depth 8',
      'hand-scanner false',
      'three-pass false',
      'three-pass-order RGB',
      'resolution_min 1.0',
      'resolution_max 1200.0',
      'resolution_quant 1.0',
      'resolution 200.0',
      `test-picture "${opts.testPicture ?? 'Color pattern'}"`,
      'invert-endianess false',
      `read-limit ${opts.slowReads ? 'true' : 'false'}`,
      `read-limit-size ${opts.slowReads ? 32768 : 1}`,
      `read-delay ${opts.slowReads ? 'true' : 'false'}`,
      `read-delay-duration ${opts.slowReads ? 40000 : 1000}`,
      `read-status-code "${opts.readStatus ?? 'Default'}"`,
      'fuzzy-parameters false',
      'ppl-loss 0',
      'non-blocking false',
      'select-fd false',
      'enable-test-options false',
      'geometry_min 0.0',
      `geometry_max ${opts.geometryMax ?? 1300}.0`,
      'geometry_quant 0.01',
      'tl_x 0.0',
      'tl_y 0.0',
      'br_x 210.0',
      'br_y 297.0',
      '',
    ].join('\n'),
  );
  return dir;
}

/** Environment for processes that must see only the tests' scanners. */
export function saneEnv(configDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, SANE_CONFIG_DIR: configDir, ...extra };
}

/** Driver options that make the test backend slow enough to interrupt mid-scan (~0.6 s/page gray
 * 100 dpi A4). The test backend keeps option values across sane_close/sane_open within one
 * worker, so read-return-value is set explicitly rather than assumed to be the default. */
export const SLOW_SCAN_OPTIONS = { 'read-return-value': 'Default', 'read-delay': true, 'read-delay-duration': 40000, 'read-limit': true, 'read-limit-size': 32768 } as const;
