#!/usr/bin/env node
// npm start: the desktop app on the default data folder (SQLite and blobs; the SANE test scanner
// when no real scanner is attached). Where the Electron binary is missing and cannot be
// downloaded — as on the project's build machines — it says so in one line and starts browser
// mode instead, printing the URL to open.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

let electron = electronBinary();
if (!electron && existsSync(join(root, 'node_modules/electron/install.js'))) {
  // npm ci does not run Electron's download script (see allowScripts); try it once now.
  try {
    execFileSync(process.execPath, [join(root, 'node_modules/electron/install.js')], { cwd: join(root, 'node_modules/electron'), stdio: 'ignore', timeout: 120_000 });
  } catch {
    // no network to the Electron releases: browser mode below
  }
  electron = electronBinary();
}

// A developer's machine may have no OS keychain (or only Linux's basic_text) and no passphrase:
// the station then keeps its key in a file beside the data, which it does only when asked to.
if (!process.env.SOHOA_STATION_PASSPHRASE && process.env.SOHOA_DEV_KEY_FILE === undefined) {
  process.env.SOHOA_DEV_KEY_FILE = '1';
  console.log('Development start: SOHOA_DEV_KEY_FILE=1, so without a keychain or SOHOA_STATION_PASSPHRASE the station key is kept in station.key beside the data (never at a counter).');
}
execFileSync(process.execPath, [join(root, 'native/build.mjs')], { stdio: 'inherit' });
if (electron) {
  execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--config', 'electron/electron.vite.config.ts'], { cwd: root, stdio: 'inherit' });
  run(electron, [root, ...args]);
} else {
  console.log('The Electron binary is not available on this machine; starting browser mode instead (open the URL below in Chromium).');
  run(process.execPath, [join(root, 'electron/cli/sohoa.mjs'), 'serve', ...args]);
}
