#!/usr/bin/env node
// Builds the out-of-process scan workers with the system C compiler.
// Run by `npm ci` (prepare), `npm test`, `npm run bench` and `npm run build`; it rebuilds only
// what changed, so it is cheap to call every time.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'build');

/** Each worker: its sources, the libraries it links, and the platforms it exists on. */
const workers = [
  {
    name: 'sane-worker',
    sources: ['sane-worker/main.c', 'sane-worker/scan.c', 'sane-worker/options.c', 'sane-worker/io.c', 'common/json.c', 'common/tiff_writer.c'],
    headers: ['sane-worker', 'common'],
    libs: ['-lsane', '-lm'],
    platforms: ['linux', 'darwin'],
    hint: 'install libsane-dev (Debian/Ubuntu) or sane-backends (macOS) — see README "Set up"',
  },
];

function newest(paths) {
  let t = 0;
  for (const p of paths) {
    const s = statSync(p);
    if (s.isDirectory()) t = Math.max(t, newest(readdirSync(p).map((f) => join(p, f))));
    else t = Math.max(t, s.mtimeMs);
  }
  return t;
}

mkdirSync(out, { recursive: true });
const cc = process.env.CC || 'cc';
for (const w of workers) {
  if (!w.platforms.includes(process.platform)) continue;
  const target = join(out, w.name);
  const inputs = [...w.sources, ...w.headers].map((p) => join(here, p));
  if (existsSync(target) && statSync(target).mtimeMs >= newest([...inputs, fileURLToPath(import.meta.url)])) continue;
  const args = ['-O2', '-std=c11', '-D_POSIX_C_SOURCE=200809L', '-Wall', '-Wextra', '-Wno-unused-parameter', '-o', target, ...w.sources.map((s) => join(here, s)), ...w.libs];
  try {
    execFileSync(cc, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    console.error(`native: built ${w.name}`);
  } catch {
    console.error(`native: building ${w.name} failed (see the compiler's message above); if a header or library is missing, ${w.hint}`);
    process.exit(1);
  }
}
