// The Windows package as electron-builder lays it out (its `dir` target: win-unpacked/, what the
// NSIS installer then copies to the counter's PC), made here without the Electron binary, which the
// build machines cannot download: a stand-in electron.exe — a tiny PE program built with
// mingw-w64, carrying the version resource electron-builder reads — takes its place. Everything
// else is electron-builder's own: the `files` it packs into app.asar, `asarUnpack`, `extraResources`,
// the production node_modules it collects. Overridden for the stand-in only: the fuses (they are
// flipped in the real binary; test/core/packaging-config.test.ts holds them) and the executable's
// icon and signature (a tool electron-builder would download).
//
// The project is copied to a folder of its own (node_modules as hard links): electron-builder reads
// the dependency tree through npm, which a worktree's symlinked node_modules leads astray, and the
// build goes to that copy's out/ — no race with another test over the repository's out/.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO } from './paths';

export interface WindowsPack {
  /** The copy electron-builder packed (its out/ is the build that was packed). */
  readonly project: string;
  /** win-unpacked/resources */
  readonly resources: string;
  /** Every path inside app.asar, '/'-separated, starting with '/'. */
  readonly asar: ReadonlySet<string>;
  /** The configuration as electron-builder.yml says (before the stand-in's overrides). */
  readonly config: Record<string, unknown>;
}

const require = createRequire(join(REPO, 'package.json'));

/** A PE executable with a VERSIONINFO resource: enough for electron-builder's Windows packer. */
function standInElectron(dir: string): string {
  const dist = join(dir, 'electron-dist');
  mkdirSync(dist, { recursive: true });
  writeFileSync(join(dir, 'stub.c'), 'int main(void) { return 0; }\n');
  writeFileSync(
    join(dir, 'stub.rc'),
    '1 VERSIONINFO\nFILEVERSION 1,0,0,0\nPRODUCTVERSION 1,0,0,0\nBEGIN\n BLOCK "StringFileInfo"\n BEGIN\n  BLOCK "040904b0"\n  BEGIN\n   VALUE "ProductName", "Electron stand-in"\n   VALUE "FileVersion", "1.0.0"\n  END\n END\n BLOCK "VarFileInfo"\n BEGIN\n  VALUE "Translation", 0x409, 1200\n END\nEND\n',
  );
  execFileSync('x86_64-w64-mingw32-windres', [join(dir, 'stub.rc'), '-O', 'coff', '-o', join(dir, 'stub.res')]);
  execFileSync('x86_64-w64-mingw32-gcc', ['-O2', '-s', '-o', join(dist, 'electron.exe'), join(dir, 'stub.c'), join(dir, 'stub.res')]);
  return dist;
}

export async function packForWindows(dir: string): Promise<WindowsPack> {
  const project = join(dir, 'project');
  mkdirSync(project, { recursive: true });
  for (const f of ['package.json', 'package-lock.json', 'electron-builder.yml']) cpSync(join(REPO, f), join(project, f));
  cpSync(join(REPO, 'assets'), join(project, 'assets'), { recursive: true });
  cpSync(join(REPO, 'native', 'build'), join(project, 'native', 'build'), { recursive: true });
  // Hard links: 450 MB of node_modules in a second, on the same disk (a copy elsewhere).
  try {
    execFileSync('cp', ['-al', realpathSync(join(REPO, 'node_modules')), join(project, 'node_modules')]);
  } catch {
    cpSync(realpathSync(join(REPO, 'node_modules')), join(project, 'node_modules'), { recursive: true });
  }
  // The build the tests use (desktop-app.test.ts), into this copy's out/.
  execFileSync(process.execPath, [join(REPO, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--config', 'electron/electron.vite.config.ts'], {
    cwd: REPO,
    env: { ...process.env, SOHOA_BUILD_OUT: join(project, 'out') },
    stdio: 'ignore',
  });

  const { load } = require('js-yaml') as { load(text: string): unknown };
  const config = load(readFileSync(join(REPO, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
  const output = join(dir, 'dist');
  const job = join(dir, 'pack.json');
  const overrides = {
    electronFuses: null,
    electronDist: standInElectron(dir),
    win: { ...(config.win as object), signAndEditExecutable: false },
    directories: { output },
  };
  writeFileSync(job, JSON.stringify({ projectDir: project, config: { ...config, ...overrides } }));
  // Without the test runner's variables: electron-builder runs its own test paths under VITEST
  // (it then copied the extra resources twice).
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST')));
  execFileSync(process.execPath, [join(REPO, 'test/helpers/windows-pack-builder.mjs'), job], { env, stdio: ['ignore', 'ignore', 'pipe'], timeout: 480_000 });
  const resources = join(output, 'win-unpacked', 'resources');
  const asarLib = require('@electron/asar') as { listPackage(archive: string, options: { isPack: boolean }): string[] };
  const asar = new Set(asarLib.listPackage(join(resources, 'app.asar'), { isPack: false }).map((p) => p.replace(/\\/g, '/')));
  return { project, resources, asar, config };
}
