// The UI's two languages are complete and nothing in them is dead: every key in both dictionaries,
// every key the code asks for present, every key present asked for somewhere. Read from the
// sources as they are (the type system checks only what the compiler can see: a key built at run
// time, `t(`level_${x}`)`, or a dictionary entry nobody uses, escapes it).
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en';
import { vi } from '../../renderer/src/i18n/vi';
import { REPO } from '../helpers/paths';

const SRC = join(REPO, 'renderer', 'src');
/** The dictionaries themselves (vi.ts, en.ts and the per-screen parts they spread in). */
const DICTIONARIES = new Set(readdirSync(join(SRC, 'i18n')).filter((f) => /^(vi|en)(-[\w-]+)?\.ts$/.test(f)).map((f) => join(SRC, 'i18n', f)));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) && !DICTIONARIES.has(path) ? [path] : [];
  });
}

// Comments are not uses: a key mentioned in a comment does not keep it alive.
const withoutComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

interface Uses {
  /** Every plain string literal in the code (a key passed as a prop, kept in a table, chosen by a ternary). */
  readonly literals: Set<string>;
  /** Keys the code asks t() for by name: t('x'), t(cond ? 'x' : 'y'). */
  readonly asked: Map<string, string>;
  /** Prefixes of keys built at run time: t(`level_${x}`). */
  readonly prefixes: Map<string, string>;
}

function uses(): Uses {
  const literals = new Set<string>();
  const asked = new Map<string, string>();
  const prefixes = new Map<string, string>();
  for (const file of sources(SRC)) {
    const code = withoutComments(readFileSync(file, 'utf8'));
    const where = relative(REPO, file);
    for (const m of code.matchAll(/'([^'\\\n]*)'|"([^"\\\n]*)"/g)) literals.add(m[1] ?? m[2]!);
    for (const m of code.matchAll(/\bt\(\s*(?:[\w.!]+\s*\?\s*)?'([^']+)'(?:\s*:\s*'([^']+)')?/g)) {
      asked.set(m[1]!, where);
      if (m[2]) asked.set(m[2], where);
    }
    for (const m of code.matchAll(/\bt\(\s*`([^`$]*)\$\{/g)) prefixes.set(m[1]!, where);
  }
  return { literals, asked, prefixes };
}

describe('translations', () => {
  const viKeys = Object.keys(vi);
  const enKeys = Object.keys(en);
  const found = uses();

  it('has every key in both Vietnamese and English, none empty', () => {
    expect(viKeys.filter((k) => !(k in en)), 'in vi.ts, missing from en.ts').toEqual([]);
    expect(enKeys.filter((k) => !(k in vi)), 'in en.ts, missing from vi.ts').toEqual([]);
    expect([...viKeys.filter((k) => !vi[k as keyof typeof vi].trim()), ...enKeys.filter((k) => !en[k as keyof typeof en].trim())], 'empty texts').toEqual([]);
  });

  it('has every key the code asks for, and some key for every key built at run time', () => {
    const missing = [...found.asked].filter(([k]) => !(k in vi)).map(([k, file]) => `${k} (${file})`);
    expect(missing, 'asked for in renderer/src, absent from vi.ts').toEqual([]);
    const unmatched = [...found.prefixes].filter(([p]) => !viKeys.some((k) => k.startsWith(p))).map(([p, file]) => `${p}… (${file})`);
    expect(unmatched, 'keys built at run time with no key of that form').toEqual([]);
    // The check sees the code: a real screen's keys are among those found.
    expect(found.asked.has('appName') && found.prefixes.has('level_')).toBe(true);
  });

  it('uses every key it has', () => {
    const used = (k: string) => found.literals.has(k) || [...found.prefixes.keys()].some((p) => p !== '' && k.startsWith(p));
    expect(viKeys.filter((k) => !used(k)), 'in the dictionaries, used nowhere in renderer/src').toEqual([]);
  });

  it('keeps the {placeholders} of each text in both languages', () => {
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const differ = viKeys.filter((k) => JSON.stringify(holes(vi[k as keyof typeof vi])) !== JSON.stringify(holes(en[k as keyof typeof en] ?? '')));
    expect(differ, 'texts whose placeholders differ between vi and en').toEqual([]);
  });
});
