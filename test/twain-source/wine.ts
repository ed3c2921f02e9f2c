// A Wine prefix for the TWAIN tests, with the test data source installed where Wine's DSM loads
// sources from, and a command that runs a Windows worker in it.
//
// Where Wine looks: Wine 8's twain_32.dll (dlls/twain_32/dsm_ctrl.c, twain_autodetect) does not
// walk C:\Windows\twain_64 as the TWAIN Working Group's TWAINDSM does; it loads exactly two
// sources from there by name, sane.ds and gphoto2.ds (checked with WINEDEBUG=+loaddll). Debian's
// wine64 ships no sane.ds, so the test source is installed as C:\windows\twain_64\sane.ds, and
// Wine's own gphoto2.ds (which lists a "GPhoto2 Camera" with no camera attached) is disabled.
//
// The prefix is made once per machine and user under the system's temporary folder: wineboot
// takes 15–25 s here (measured 22.3 s with wineserver -w); later runs only copy the source in.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { basename, join } from 'node:path';

export interface WinePrefix {
  readonly path: string;
  /** Seconds wineboot took, or 0 when the prefix was already there. */
  readonly bootSeconds: number;
}

export function wineEnv(prefix: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    WINEPREFIX: prefix,
    WINEDEBUG: '-all',
    // No Mono or Gecko installers in the prefix; no GPhoto2 camera source in the lists.
    WINEDLLOVERRIDES: 'mscoree,mshtml=;gphoto2.ds=',
    ...extra,
  };
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs fn while holding a lock folder, so that test files running in parallel do not boot the
 * same prefix twice. A lock older than the longest boot is taken to be left by a killed run. */
function withLock<T>(lock: string, fn: () => T): T {
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      sleep(250);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Creates (once) the prefix and installs the test data source built by native/build.mjs. */
export function prepareWinePrefix(testSource: string): WinePrefix {
  if (!existsSync(testSource)) throw new Error(`${testSource} is missing: run node native/build.mjs with mingw-w64 installed`);
  const path = join(tmpdir(), `sohoa-wine-${userInfo().uid}`);
  return withLock(`${path}.lock`, () => {
    const ready = join(path, '.sohoa-ready');
    let bootSeconds = 0;
    if (!existsSync(ready)) {
      const started = Date.now();
      execFileSync('wineboot', ['-i'], { env: wineEnv(path), stdio: 'ignore', timeout: 170_000 });
      // wineboot returns before wineserver has written the registry; wait for it to finish.
      execFileSync('wineserver', ['-w'], { env: wineEnv(path), stdio: 'ignore', timeout: 60_000 });
      bootSeconds = (Date.now() - started) / 1000;
      writeFileSync(ready, `${new Date().toISOString()} wineboot ${bootSeconds.toFixed(1)} s\n`);
    }
    const sources = join(path, 'drive_c', 'windows', 'twain_64');
    const installed = join(sources, 'sane.ds');
    mkdirSync(sources, { recursive: true });
    // Replace it only when it changed, and by renaming a new file over it: a Wine process of a
    // test file running in parallel may have the old one mapped.
    if (!existsSync(installed) || !readFileSync(installed).equals(readFileSync(testSource))) {
      copyFileSync(testSource, `${installed}.new`);
      renameSync(`${installed}.new`, installed);
    }
    return { path, bootSeconds };
  });
}

/** A launcher the station's WorkerProcess can start like a native worker: the Windows program
 * under Wine, with a virtual X display (TWAIN wants a window, even a hidden one). */
export function wineLauncher(dir: string, exe: string): string {
  const script = join(dir, `${basename(exe, '.exe')}-under-wine.sh`);
  writeFileSync(script, `#!/bin/sh\nexec xvfb-run -a wine "${exe}"\n`);
  chmodSync(script, 0o755);
  return script;
}
