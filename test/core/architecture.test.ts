// The house rules of architecture.md that a test can check.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/paths';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : /\.(ts|tsx|mjs)$/.test(name) ? [p] : [];
  });
}

const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);

describe('house rules', () => {
  it('the core never imports electron', () => {
    const offenders = sources(join(REPO, 'electron', 'core')).filter((f) => importsOf(f).some((i) => i === 'electron' || i.startsWith('electron/')));
    expect(offenders.map((f) => relative(REPO, f))).toEqual([]);
  });

  it('the contract and the renderer import no node: modules, no electron and no core', () => {
    const files = [...sources(join(REPO, 'electron', 'contract')), ...sources(join(REPO, 'renderer', 'src'))];
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.filter((f) => importsOf(f).some((i) => i.startsWith('node:') || i === 'electron' || /(^|\/)core(\/|$)/.test(i)));
    expect(offenders.map((f) => relative(REPO, f))).toEqual([]);
  });

  it('the preload imports only electron and the zod-free method names', () => {
    expect(importsOf(join(REPO, 'electron', 'preload', 'index.ts')).sort()).toEqual(['../contract/method-names', 'electron']);
  });
});
