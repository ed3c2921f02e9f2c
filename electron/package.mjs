#!/usr/bin/env node
// npm run package: build, rebuild native modules for Electron, pack with electron-builder, and
// always restore the Node builds afterwards, because the tests and the CLI run on Node.
import { execFileSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);

// Native addons (better-sqlite3, pkcs11js, sharp's libvips) are built or downloaded for the
// platform npm runs on, and electron-builder packs the node_modules it finds: a Windows installer
// packed on Linux would carry Linux addons and not start. Each platform's package is made on that
// platform (the configuration and contents are checked everywhere: test/core/installer-contents.test.ts).
const PLATFORM_FLAGS = { win32: ['--win', '--windows', '-w'], linux: ['--linux', '-l'], darwin: ['--mac', '--macos', '-m', '-o'] };
const PLATFORM_NAMES = { win32: 'Windows', linux: 'Linux', darwin: 'macOS' };
const foreign = Object.entries(PLATFORM_FLAGS).find(([platform, flags]) => platform !== process.platform && args.some((a) => flags.includes(a)));
if (foreign) {
  const [wanted, here] = [PLATFORM_NAMES[foreign[0]], PLATFORM_NAMES[process.platform] ?? process.platform];
  console.error(`package: a ${wanted} package is made on ${wanted}: its native modules (SQLite, the token library's binding, libvips) are built for the system npm runs on, and this is ${here}.`);
  process.exit(2);
}
const run = (cmd, argv) => execFileSync(cmd, argv, { cwd: root, stdio: 'inherit' });
const bin = (pkg, file) => `${root}/node_modules/${pkg}/${file}`;

run('npm', ['run', 'build']);
try {
  run(process.execPath, [bin('@electron/rebuild', 'lib/cli.js'), '--force', '--only', 'better-sqlite3']);
  run(process.execPath, [bin('electron-builder', 'cli.js'), '--config', 'electron-builder.yml', ...args]);
} finally {
  run('npm', ['rebuild', 'better-sqlite3']);
}
