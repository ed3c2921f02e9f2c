// What the station loads at run time, read from its code rather than listed by hand, so that a new
// asset, worker or WebAssembly file cannot be left out of the installer silently:
// - files joined onto the assets folder (`join(…assetsDir, 'icc', 'sRGB.icc')`), templates as globs;
// - model, font, profile and WebAssembly file names anywhere in the sources;
// - worker threads (`new Worker(…)` with `new URL('./x.js', import.meta.url)`): built beside main;
// - the scan workers' executables and their Windows build folders (scan/station-devices.ts);
// - the packages the built main process imports or resolves at run time, and what they depend on.
import { builtinModules, createRequire } from 'node:module';
import { existsSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO } from './paths';

/** The sources the packaged app runs (the CLI is not in the installer). */
const APP_SOURCES = ['electron/core', 'electron/main', 'electron/bridge', 'electron/contract'];

/** File types the station reads as data at run time: OCR models, fonts, colour profiles, WebAssembly. */
export const DATA_FILE = /\.(?:traineddata(?:\.gz)?|wasm|ttf|otf|icc|icm)$/;

export interface Source {
  readonly file: string;
  readonly text: string;
}

function walk(dir: string, keep: (f: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? walk(p, keep) : keep(p) ? [p] : [];
  });
}

export function appSources(): Source[] {
  return APP_SOURCES.flatMap((d) => walk(join(REPO, d), (f) => /\.(?:ts|mjs)$/.test(f) && !f.endsWith('.d.ts'))).map((f) => ({ file: relative(REPO, f), text: readFileSync(f, 'utf8') }));
}

/** A string or template literal as a glob (`${…}` → *); null for anything else. */
function literal(arg: string): string | null {
  const m = /^(['"`])(.*)\1$/s.exec(arg.trim());
  return m ? m[2]!.replace(/\$\{[^}]*\}/g, '*') : null;
}

export interface AssetNeed {
  /** Relative to the assets folder; `*` where the code fills a value in. */
  readonly glob: string;
  readonly where: string;
}

/** Every `join(<…>assetsDir, 'a', 'b')` of the sources. Throws on a join whose parts are not
 * literals: the test cannot know what it needs, so the code (or this reader) must say. */
export function assetNeeds(sources: readonly Source[]): AssetNeed[] {
  const needs: AssetNeed[] = [];
  for (const { file, text } of sources)
    for (const m of text.matchAll(/join\(\s*[\w.]*assetsDir\s*,([^)]*)\)/g)) {
      const parts = m[1]!.split(',').map((a) => a.trim()).filter(Boolean).map(literal);
      if (parts.some((p) => p === null)) throw new Error(`${file}: a path under the assets folder that is not made of literals: ${m[0]}`);
      needs.push({ glob: parts.join('/'), where: file });
    }
  return needs;
}

/** Data file names (DATA_FILE) written anywhere in the sources, as globs. */
export function dataFileNames(sources: readonly Source[]): { name: string; where: string }[] {
  const found: { name: string; where: string }[] = [];
  for (const { file, text } of sources)
    for (const m of text.matchAll(/(['"`])([^'"`\n]+)\1/g)) {
      const name = m[2]!.replace(/\$\{[^}]*\}/g, '*');
      // A name, not an extension alone (a MIME table's '.ttf').
      if (DATA_FILE.test(name) && !/^\.\w+$/.test(name)) found.push({ name, where: file });
    }
  return found;
}

/** The built file names of the worker threads the sources start (the `.js` beside the bundle). */
export function workerFiles(sources: readonly Source[]): { name: string; where: string }[] {
  return sources
    .filter((s) => /new Worker\(/.test(s.text))
    .flatMap((s) => [...s.text.matchAll(/new URL\(\s*['"]\.\/([\w.-]+\.js)['"]/g)].map((m) => ({ name: m[1]!, where: s.file })));
}

/** The scan workers the station starts on Windows: each `win-*` build folder × each `.exe` named
 * in scan/station-devices.ts. */
export function windowsScanWorkers(sources: readonly Source[]): string[] {
  const devices = sources.find((s) => s.file.endsWith('scan/station-devices.ts'));
  if (!devices) throw new Error('scan/station-devices.ts not found');
  const dirs = [...new Set([...devices.text.matchAll(/['"](win-(?:x64|ia32))['"]/g)].map((m) => m[1]!))];
  const exes = [...new Set([...devices.text.matchAll(/['"]([\w-]+-worker\.exe)['"]/g)].map((m) => m[1]!))];
  return dirs.flatMap((d) => exes.map((e) => `${d}/${e}`));
}

const BUILTIN = new Set([...builtinModules, 'electron']);
const SPECIFIER = /^(@[\w.-]+\/)?[\w.-]+(\/[\w./-]*)?$/;

/** Bare specifiers the built JavaScript imports, requires or resolves at run time. */
export function bundleSpecifiers(files: readonly string[]): string[] {
  const found = new Set<string>();
  const patterns = [/\bfrom\s*["']([^"']+)["']/g, /\bimport\(\s*["']([^"']+)["']\s*\)/g, /\brequire\(\s*["']([^"']+)["']\s*\)/g, /\.resolve\(\s*["']([^"']+)["']\s*\)/g, /\)\(\s*["']([^"']+)["']\s*\)/g];
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (const re of patterns)
      for (const m of text.matchAll(re)) {
        const spec = m[1]!;
        if (spec.startsWith('.') || spec.startsWith('node:') || !SPECIFIER.test(spec)) continue;
        if (BUILTIN.has(packageOf(spec))) continue;
        found.add(spec);
      }
  }
  return [...found].sort();
}

export const packageOf = (spec: string) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

/** The installed folder of `pkg` as Node resolves it from `from` (a package folder or the repo),
 * looking up to the repository's own node_modules. */
function packageDir(pkg: string, from: string): string | null {
  for (let dir = from; ; dir = join(dir, '..')) {
    const candidate = join(dir, 'node_modules', pkg);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === REPO || dir === '/') return null;
  }
}

/** `pkgs` and everything they depend on (installed optional dependencies too), by name. */
export function dependencyClosure(pkgs: readonly string[]): Map<string, string> {
  const seen = new Map<string, string>();
  const visit = (pkg: string, from: string, optional: boolean) => {
    if (seen.has(pkg)) return;
    const dir = packageDir(pkg, from);
    if (!dir) {
      if (optional) return; // another platform's build (sharp's @img/sharp-win32-x64 on Linux)
      throw new Error(`${pkg} is needed at run time but not installed`);
    }
    seen.set(pkg, dir);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
    for (const d of Object.keys(manifest.dependencies ?? {})) visit(d, dir, false);
    for (const d of Object.keys(manifest.optionalDependencies ?? {})) visit(d, dir, true);
  };
  for (const p of pkgs) visit(p, REPO, false);
  return seen;
}

/** Native addons (.node) inside a package folder. */
export function nativeAddons(dir: string): string[] {
  return walk(dir, (f) => f.endsWith('.node') && statSync(f).isFile()).map((f) => relative(dir, f));
}

/** Where a package file the code resolves (`zxing-wasm/full/zxing_full.wasm`, through the
 * package's exports) lies, relative to node_modules — as it lies in the archive. */
export function packagedPath(spec: string): string {
  const nodeModules = realpathSync(join(REPO, 'node_modules'));
  let real: string;
  try {
    real = createRequire(join(REPO, 'package.json')).resolve(spec);
  } catch (e) {
    // A file its package does not export (tesseract-wasm exports its lib.js only; the station
    // reads the .wasm beside it by path): where it lies in node_modules.
    if ((e as NodeJS.ErrnoException).code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED' || !existsSync(join(nodeModules, spec))) throw e;
    real = join(nodeModules, spec);
  }
  return relative(nodeModules, real).split('\\').join('/');
}
