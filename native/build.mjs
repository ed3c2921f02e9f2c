#!/usr/bin/env node
// Builds the out-of-process scan workers.
// Run by `npm ci` (prepare), `npm test`, `npm run bench` and `npm run build`; it rebuilds only
// what changed, so it is cheap to call every time.
//
// - The SANE worker, with the system C compiler, on Linux and macOS.
// - The Windows workers (TWAIN, WIA), cross-compiled with mingw-w64 for x86_64 and i686: many
//   scanners ship only 32-bit TWAIN data sources, which only a 32-bit process can load. Outputs:
//   build/win-x64/*.exe and build/win-ia32/*.exe. Also the test TWAIN data source
//   (test/twain-source), which test/core/twain-under-wine.test.ts serves pages from under Wine.
//   Without the mingw-w64 compilers a developer's machine skips them with one line; CI (CI set)
//   fails instead, because the Wine test and the Windows release need them.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
const out = join(here, 'build');
const self = fileURLToPath(import.meta.url);

const protocol = ['common/json.c', 'common/worker_protocol.c'];
const windowsCommon = [...protocol, 'common/tiff_writer.c', 'common/win_input.c', 'common/scan_request.c', 'common/page_events.c', 'common/dib_page.c'];

/** Workers built with the system compiler: sources, libraries, and the platforms they exist on. */
const hostWorkers = [
  {
    name: 'sane-worker',
    sources: ['sane-worker/main.c', 'sane-worker/scan.c', 'sane-worker/options.c', 'sane-worker/names.c', 'sane-worker/io.c', ...protocol, 'common/tiff_writer.c'],
    headers: ['sane-worker', 'common'],
    libs: ['-lsane', '-lm'],
    platforms: ['linux', 'darwin'],
    hint: 'install libsane-dev (Debian/Ubuntu) or sane-backends (macOS) — see README "Set up"',
  },
];

/** Windows binaries, each built for every architecture in `windowsTargets`. */
const windowsBinaries = [
  {
    name: 'twain-worker.exe',
    sources: ['twain-worker/main.c', 'twain-worker/dsm.c', 'twain-worker/caps.c', 'twain-worker/transfer.c', 'twain-worker/twain_errors.c', ...windowsCommon],
    headers: ['twain-worker', 'common'],
    flags: ['-mconsole'],
    libs: ['-luser32', '-lkernel32'],
  },
  {
    name: 'wia-worker.exe',
    sources: ['wia-worker/main.c', 'wia-worker/wia_device.c', 'wia-worker/wia_transfer.c', 'wia-worker/wia_outcome.c', 'wia-worker/wia_errors.c', ...windowsCommon],
    headers: ['wia-worker', 'common'],
    flags: ['-mconsole'],
    libs: ['-lole32', '-loleaut32', '-luuid', '-lpropsys', '-luser32'],
  },
];

/** The test data source: a DLL exporting DS_Entry, named .ds as TWAIN requires. 64-bit only,
 * because Debian's wine runs 64-bit programs without the i386 architecture. */
const testSource = {
  name: 'sohoa-test.ds',
  sources: [join(repo, 'test/twain-source/source.c'), join(repo, 'test/twain-source/pages.c')],
  headers: [join(repo, 'test/twain-source'), join(here, 'twain-worker/twain.h')],
  flags: ['-shared', '-I', join(here, 'twain-worker')],
  libs: ['-luser32', '-lkernel32'],
};

/** The WIA worker's protocol side over a mock of its COM side (wia_device_mock.c), for the tests
 * under Wine, which has no WIA 2.0 service. 64-bit only, like the test data source. */
const wiaMock = {
  name: 'wia-worker-mock.exe',
  sources: ['wia-worker/main.c', 'wia-worker/wia_device_mock.c', 'wia-worker/wia_outcome.c', 'wia-worker/wia_errors.c', ...windowsCommon].map((p) => join(here, p)).concat(join(repo, 'test/twain-source/pages.c')),
  headers: [join(here, 'wia-worker'), join(here, 'common'), join(repo, 'test/twain-source/pages.h')],
};

const windowsTargets = [
  { dir: 'win-x64', cc: process.env.MINGW_CC_X64 || 'x86_64-w64-mingw32-gcc' },
  { dir: 'win-ia32', cc: process.env.MINGW_CC_IA32 || 'i686-w64-mingw32-gcc' },
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

function upToDate(target, inputs) {
  return existsSync(target) && statSync(target).mtimeMs >= newest([...inputs, self]);
}

function compile(cc, target, args, hint) {
  try {
    execFileSync(cc, ['-o', target, ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
    console.error(`native: built ${target.slice(here.length + 1)}`);
  } catch {
    console.error(`native: building ${target} failed (see the compiler's message above); ${hint}`);
    process.exit(1);
  }
}

function hasCompiler(cc) {
  try {
    execFileSync(cc, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const warnings = ['-Wall', '-Wextra', '-Wno-unused-parameter'];
mkdirSync(out, { recursive: true });

const cc = process.env.CC || 'cc';
for (const w of hostWorkers) {
  if (!w.platforms.includes(process.platform)) continue;
  const target = join(out, w.name);
  if (upToDate(target, [...w.sources, ...w.headers].map((p) => join(here, p)))) continue;
  const args = ['-O2', '-std=c11', '-D_POSIX_C_SOURCE=200809L', ...warnings, ...w.sources.map((s) => join(here, s)), ...w.libs];
  compile(cc, target, args, `if a header or library is missing, ${w.hint}`);
}

const missing = windowsTargets.filter((t) => !hasCompiler(t.cc));
if (missing.length > 0) {
  const names = missing.map((t) => t.cc).join(', ');
  if (process.env.CI) {
    console.error(`native: ${names} not found; CI must build the Windows workers — install mingw-w64 (.ci/debian-packages.txt)`);
    process.exit(1);
  }
  console.error(`native: ${names} not found — skipping the Windows workers (install mingw-w64 to build them)`);
}
const mingwFlags = ['-O2', '-std=c11', '-DUNICODE', '-D_UNICODE', '-DWIN32_LEAN_AND_MEAN', '-D_WIN32_WINNT=0x0601', ...warnings, '-static-libgcc'];
for (const t of windowsTargets) {
  if (missing.includes(t)) continue;
  const dir = join(out, t.dir);
  mkdirSync(dir, { recursive: true });
  for (const b of windowsBinaries) {
    const target = join(dir, b.name);
    if (upToDate(target, [...b.sources, ...b.headers].map((p) => join(here, p)))) continue;
    compile(t.cc, target, [...mingwFlags, ...b.flags, ...b.sources.map((s) => join(here, s)), ...b.libs], 'the Windows workers need mingw-w64 ≥ 10');
  }
  if (t.dir === 'win-x64') {
    const target = join(out, 'test', wiaMock.name);
    mkdirSync(dirname(target), { recursive: true });
    if (!upToDate(target, [...wiaMock.sources, ...wiaMock.headers])) compile(t.cc, target, [...mingwFlags, '-mconsole', ...wiaMock.sources, '-luser32'], 'the WIA mock is native/wia-worker/wia_device_mock.c');
  }
  if (t.dir === 'win-x64' && existsSync(testSource.sources[0])) {
    const target = join(out, 'test', testSource.name);
    mkdirSync(dirname(target), { recursive: true });
    if (!upToDate(target, [...testSource.sources, ...testSource.headers])) {
      compile(t.cc, target, [...mingwFlags, ...testSource.flags, ...testSource.sources, ...testSource.libs], 'the test data source is test/twain-source');
    }
  }
}
