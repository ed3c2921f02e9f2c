#!/usr/bin/env node
// npm run package: build, rebuild native modules for Electron, pack with electron-builder, and
// always restore the Node builds afterwards, because the tests and the CLI run on Node.
import { execFileSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
const bin = (pkg, file) => `${root}/node_modules/${pkg}/${file}`;

run('npm', ['run', 'build']);
try {
  run(process.execPath, [bin('@electron/rebuild', 'lib/cli.js'), '--force', '--only', 'better-sqlite3']);
  run(process.execPath, [bin('electron-builder', 'cli.js'), '--config', 'electron-builder.yml', ...process.argv.slice(2)]);
} finally {
  run('npm', ['rebuild', 'better-sqlite3']);
}
