// Issue 22, point 3: the Windows installer carries everything the station loads at run time. The
// Windows package is laid out by electron-builder itself from electron-builder.yml and a fresh
// build (test/helpers/windows-pack.ts: a stand-in Electron, as the binary cannot be downloaded
// here), and what must be in it is read from the code (test/helpers/runtime-needs.ts): the assets
// the core joins onto its assets folder, every model/font/profile/WebAssembly file it names, the
// worker threads it starts, the scan workers it runs on Windows, the packages the built main
// process loads (and theirs), their native addons outside the archive, the migrations, the error
// catalogue and the screens' words.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { minimatch } from 'minimatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../electron/contract/errors';
import { REPO, tempDir } from '../helpers/paths';
import { type Source, appSources, assetNeeds, bundleSpecifiers, dataFileNames, dependencyClosure, nativeAddons, packageOf, packagedPath, windowsScanWorkers, workerFiles } from '../helpers/runtime-needs';
import { type WindowsPack, packForWindows } from '../helpers/windows-pack';

const tmp = tempDir('installer');
let pack: WindowsPack;
let sources: Source[];

beforeAll(async () => {
  sources = appSources();
  pack = await packForWindows(tmp.path);
}, 600_000);

afterAll(() => tmp.cleanup());

/** Files under a folder, '/'-separated, relative to it. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    return e.isDirectory() ? filesUnder(dir, rel) : [rel];
  });
}

/** The machine a PE executable is built for (0x8664 x64, 0x14c x86), or null if not PE. */
function peMachine(file: string): number | null {
  const b = readFileSync(file);
  if (b.readUInt16LE(0) !== 0x5a4d) return null;
  const pe = b.readUInt32LE(0x3c);
  return b.toString('latin1', pe, pe + 4) === 'PE\0\0' ? b.readUInt16LE(pe + 4) : null;
}

const inAsar = (path: string) => pack.asar.has(path.startsWith('/') ? path : `/${path}`);

describe('the Windows package (electron-builder dir target, win x64)', () => {
  it('is an NSIS installer for x64, packed into one asar archive', () => {
    expect(pack.config.asar).toBe(true);
    expect(pack.config.win).toMatchObject({ target: [{ target: 'nsis', arch: ['x64'] }] });
    for (const f of ['/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/package.json']) expect(inAsar(f), f).toBe(true);
  });

  it('carries every file the core joins onto its assets folder, and every asset’s licence', () => {
    const needs = assetNeeds(sources);
    // What the reader must find today: the record font, the sRGB profile, the catalogue, SANE's demo.
    expect(needs.map((n) => n.glob)).toEqual(expect.arrayContaining(['fonts/LiberationSerif-*.ttf', 'icc/sRGB.icc', 'catalogue/thu-tuc.json', 'sane.d']));
    const repoAssets = filesUnder(join(REPO, 'assets'));
    const packed = filesUnder(join(pack.resources, 'assets'));
    for (const { glob, where } of needs) {
      const wanted = repoAssets.filter((f) => minimatch(f, glob) || f.startsWith(`${glob}/`));
      expect(wanted.length, `${where} needs assets/${glob}, which the repository does not have`).toBeGreaterThan(0);
      for (const f of wanted) expect(packed, `${where} needs assets/${f}`).toContain(f);
      // A folder of assets ships with its licence or README beside the files (fonts: OFL; ICC).
      const folder = glob.split('/')[0]!;
      for (const notice of repoAssets.filter((f) => f.startsWith(`${folder}/`) && /^(?:COPYING|LICENSE|README)/i.test(f.split('/').pop()!))) expect(packed, notice).toContain(notice);
    }
  });

  it('carries every model, font, profile and WebAssembly file the code names', () => {
    const assetGlobs = assetNeeds(sources).map((n) => n.glob);
    const packedAssets = filesUnder(join(pack.resources, 'assets'));
    const names = dataFileNames(sources);
    expect(names.map((n) => n.name)).toEqual(expect.arrayContaining(['zxing-wasm/full/zxing_full.wasm', 'LiberationSerif-*.ttf', 'sRGB.icc']));
    for (const { name, where } of names) {
      if (name.includes('/') && !name.startsWith('.')) {
        // Inside a package: in the archive's node_modules (read with fs, which reads inside asar).
        expect(inAsar(`/node_modules/${packagedPath(name)}`), `${where} reads ${name} from its package`).toBe(true);
      } else {
        const asAsset = packedAssets.filter((f) => minimatch(f.split('/').pop()!, name));
        expect(asAsset.length, `${where} names ${name}: not among the packed assets (${assetGlobs.join(', ')})`).toBeGreaterThan(0);
      }
    }
  });

  it('carries every worker thread the station starts, built beside main', () => {
    const workers = workerFiles(sources);
    expect(workers.map((w) => w.name)).toEqual(expect.arrayContaining(['pool-worker.js', 'sheet-worker.js']));
    for (const { name, where } of workers) expect(inAsar(`/out/main/${name}`), `${where} starts ./${name}: add it to electron.vite.config.ts's main entries`).toBe(true);
  });

  it('carries the TWAIN and WIA workers for 64- and 32-bit Windows, as Windows programs', () => {
    const workers = windowsScanWorkers(sources);
    expect(workers).toEqual(expect.arrayContaining(['win-x64/twain-worker.exe', 'win-x64/wia-worker.exe', 'win-ia32/twain-worker.exe']));
    for (const w of workers) {
      const file = join(pack.resources, 'native', w);
      expect(existsSync(file), `resources/native/${w}`).toBe(true);
      expect(peMachine(file), w).toBe(w.startsWith('win-x64/') ? 0x8664 : 0x14c);
    }
  });

  it('carries every package the built main process loads, with everything they depend on; native addons outside the archive', () => {
    const out = join(pack.project, 'out', 'main');
    const built = filesUnder(out).filter((f) => f.endsWith('.js')).map((f) => join(out, f));
    const specifiers = bundleSpecifiers(built);
    const packages = [...new Set(specifiers.map(packageOf))];
    expect(packages).toEqual(expect.arrayContaining(['better-sqlite3', 'sharp', 'pdf-lib', 'zxing-wasm', 'pkcs11js']));
    // electron-builder packs the production dependencies only: a devDependency is left out.
    const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const p of packages) expect(Object.keys(manifest.dependencies), `the built main loads ${p}: a dependency, not a devDependency`).toContain(p);
    // A subpath with a file (a .wasm the code resolves) is in the archive as it is.
    for (const s of specifiers.filter((x) => /\.\w+$/.test(x))) expect(inAsar(`/node_modules/${packagedPath(s)}`), s).toBe(true);
    for (const [pkg, dir] of dependencyClosure(packages)) {
      const inArchive = [...pack.asar].some((p) => p.endsWith(`/node_modules/${pkg}/package.json`));
      expect(inArchive, `${pkg} (needed at run time) is not in app.asar`).toBe(true);
      for (const addon of nativeAddons(dir).filter((a) => !a.includes('node_modules/') && !/test_extension|obj\.target/.test(a)))
        expect(existsSync(join(pack.resources, 'app.asar.unpacked', 'node_modules', pkg, addon)), `${pkg}/${addon} must be unpacked (asarUnpack)`).toBe(true);
    }
  });

  it('has every migration in the bundle (migrations are code, not files read at run time)', () => {
    const dir = join(REPO, 'electron/core/records/migrations');
    const index = readFileSync(join(REPO, 'electron/core/records/migrations.ts'), 'utf8');
    const bundle = filesUnder(join(pack.project, 'out', 'main')).map((f) => readFileSync(join(pack.project, 'out', 'main', f), 'utf8')).join('\n');
    for (const f of readdirSync(dir)) {
      expect(index, `migrations.ts imports ${f}`).toContain(`./migrations/${f.replace(/\.ts$/, '')}'`);
      const text = readFileSync(join(dir, f), 'utf8');
      expect(text, `${f} reads nothing at run time`).not.toMatch(/readFileSync|readFile\(/);
      // Its first SQL statement, as written, is in the built main process.
      const sql = /\b(?:CREATE|ALTER|DROP|UPDATE|INSERT)\b[^`'"\n]{10,60}/.exec(text)?.[0];
      expect(sql, `${f} has SQL`).toBeDefined();
      expect(bundle, `${f}: "${sql}" not in the bundle`).toContain(sql);
    }
  });

  it('has the error catalogue in the main process and both languages of the screens in the renderer', async () => {
    const main = filesUnder(join(pack.project, 'out', 'main')).map((f) => readFileSync(join(pack.project, 'out', 'main', f), 'utf8')).join('\n');
    // Each code is a key of the catalogue, with its Vietnamese and English messages beside it.
    for (const code of ERROR_CODES) expect(main, `error ${code}`).toMatch(new RegExp(`["']?${code.replace(/-/g, '\\-')}["']?\\s*:\\s*\\{`));
    const rendererAssets = [...pack.asar].filter((p) => p.startsWith('/out/renderer/'));
    const html = readFileSync(join(pack.project, 'out', 'renderer', 'index.html'), 'utf8');
    for (const [, ref] of html.matchAll(/(?:src|href)="\/?([^"]+)"/g)) expect(rendererAssets, ref).toContain(`/out/renderer/${ref!.replace(/^\.\//, '')}`);
    const js = rendererAssets.filter((p) => p.endsWith('.js')).map((p) => readFileSync(join(pack.project, p), 'utf8')).join('\n');
    const { vi } = await import('../../renderer/src/i18n/vi');
    const { en } = await import('../../renderer/src/i18n/en');
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const key of Object.keys(vi)) expect(js, `i18n key ${key}`).toMatch(new RegExp(`\\b${key}\\b`));
  });

  it('is packed on Windows: `npm run package` refuses another system’s package, whose native addons would be this one’s', () => {
    // What electron-builder collects here is this system's node_modules: its .node addons are
    // this platform's (the layout above is right; the addons are not Windows ones).
    const addon = join(pack.resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
    expect(peMachine(addon) !== null).toBe(process.platform === 'win32');
    const foreign = process.platform === 'win32' ? '--linux' : '--win';
    const r = spawnSync(process.execPath, [join(REPO, 'electron/package.mjs'), foreign], { cwd: REPO, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/package is made on (Windows|Linux)/);
  });
});
