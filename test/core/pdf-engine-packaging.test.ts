// Issue 22, point 3, for the portable PDF engine: what it loads at run time is in the Windows
// package. Its two WebAssembly binaries come from production dependencies (which electron-builder
// packs) and are unpacked beside the archive; its worker thread is an entry of the app's build;
// and each binary's memory maximum can be set (the engine's memory limit).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryMaximum, withMemoryMaximum } from '../../electron/core/pdf-engine/wasm-memory';
import { REPO } from '../helpers/paths';

const require = createRequire(join(REPO, 'package.json'));
/** A package's folder (its exports do not always name package.json). */
const dirOf = (name: string) => join(REPO, 'node_modules', name);
const BINARIES = { '@hyzyla/pdfium': 'dist/pdfium.wasm', '@neslinesli93/qpdf-wasm': 'dist/qpdf.wasm' } as const;

describe('the portable PDF engine in the package', () => {
  it('takes its engines from production dependencies, with licences a province may distribute', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const name of Object.keys(BINARIES)) {
      expect(pkg.dependencies[name], name).toBeDefined();
      const own = JSON.parse(readFileSync(join(dirOf(name), 'package.json'), 'utf8')) as { license: string };
      // No copyleft that would bind the station (MuPDF's AGPL was ruled out for this reason).
      expect(['MIT', 'ISC', 'Apache-2.0', 'BSD-3-Clause']).toContain(own.license);
    }
  });

  it('unpacks both WebAssembly binaries beside the archive, and builds the engine’s worker thread', () => {
    const { load } = require('js-yaml') as { load(text: string): unknown };
    const config = load(readFileSync(join(REPO, 'electron-builder.yml'), 'utf8')) as { asarUnpack: string[]; files: string[] };
    for (const [name, file] of Object.entries(BINARIES)) expect(config.asarUnpack).toContain(`**/node_modules/${name}/${file}`);
    expect(config.files).toContain('out/**');
    const vite = readFileSync(join(REPO, 'electron', 'electron.vite.config.ts'), 'utf8');
    expect(vite).toMatch(/'pdf-engine-worker': resolve\(root, 'electron\/core\/pdf-engine\/portable-worker\.ts'\)/);
    expect(readFileSync(join(REPO, 'electron', 'core', 'pdf-engine', 'portable.ts'), 'utf8')).toContain("'./pdf-engine-worker.js'");
  });

  it('sets each binary’s memory maximum (from 2 GiB down to the limit asked), never below its start', () => {
    for (const [name, file] of Object.entries(BINARIES)) {
      const wasm = new Uint8Array(readFileSync(join(dirOf(name), file)));
      expect(memoryMaximum(wasm)).toBe(2 ** 31);
      expect(memoryMaximum(withMemoryMaximum(wasm, 256 << 20))).toBe(256 << 20);
      // Below its initial memory the binary could not start: the initial size stays the floor.
      expect(memoryMaximum(withMemoryMaximum(wasm, 1 << 20))).toBeGreaterThanOrEqual(16 << 20);
      expect(withMemoryMaximum(wasm, 256 << 20).length).toBeGreaterThan(wasm.length - 8);
    }
  });
});
