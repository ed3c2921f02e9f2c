// Independent checkers of the PDFs we write: poppler, qpdf and Ghostscript.
import { execFileSync, spawnSync } from 'node:child_process';

export const pdfinfo = (file: string, ...args: string[]) => execFileSync('pdfinfo', [...args, file], { encoding: 'utf8' });
export const pdftotext = (file: string, ...args: string[]) => execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' });

/** qpdf --check: throws unless the structure and every stream are sound. */
export function qpdfCheck(file: string): string {
  return execFileSync('qpdf', ['--check', file], { encoding: 'utf8' });
}

/** The file with object streams expanded and streams uncompressed, for looking inside. */
export function qdf(file: string): string {
  return spawnSync('qpdf', ['--qdf', '--object-streams=disable', file, '-'], { encoding: 'latin1', maxBuffer: 1 << 30 }).stdout;
}

export interface FontRow {
  readonly name: string;
  readonly embedded: boolean;
  readonly subset: boolean;
  readonly unicode: boolean;
}

export function pdffonts(file: string): FontRow[] {
  return execFileSync('pdffonts', [file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((l) => {
      const c = l.trim().split(/\s+/);
      return { name: c[0]!, embedded: c.at(-5) === 'yes', subset: c.at(-4) === 'yes', unicode: c.at(-3) === 'yes' };
    });
}

/** Ghostscript renders every page; returns what it said (nothing, for a clean file). */
export function ghostscript(file: string): { status: number | null; output: string } {
  const r = spawnSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=nullpage', file], { encoding: 'utf8' });
  return { status: r.status, output: (r.stdout + r.stderr).trim() };
}

export interface WordBox {
  readonly text: string;
  readonly xMin: number;
  readonly yMin: number;
  readonly xMax: number;
  readonly yMax: number;
}

/** Words of one page with their boxes (points, origin top-left), and the page height. */
export function pageWordBoxes(file: string, page: number): { height: number; words: WordBox[] } {
  const html = pdftotext(file, '-f', String(page), '-l', String(page), '-bbox');
  const height = Number(/<page width="[\d.]+" height="([\d.]+)"/.exec(html)?.[1]);
  const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    text: m[5]!,
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
  }));
  return { height, words };
}
