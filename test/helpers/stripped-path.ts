// The PATH a counter's Windows PC gives the station: no PDF, OCR or image program on it. The
// station's own processes (the CLI, browser mode) run with PATH set to a folder that holds only
// `node` and `sh` (symlinks to this Node and the system shell); everything else the station needs
// must come with it. The platform's own parts stay reachable as the app reaches them — by absolute
// path (the SANE worker and its drivers, util-linux's prlimit) — since a Windows PC has its own
// TWAIN/WIA drivers in their place. The test process keeps its normal PATH for its checkers
// (pdftotext, img2pdf, Ghostscript, pdflatex).
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/** The programs a stripped PATH must not offer: what the core called on PATH before issue 22. */
export const SYSTEM_TOOLS = ['tesseract', 'qpdf', 'pdfinfo', 'pdfimages', 'pdftotext', 'pdftoppm', 'gs', 'img2pdf', 'pdflatex', 'convert', 'vips', 'fc-list'] as const;

/** Makes `<dir>/bin` holding only `node` and `sh`; returns the folder. */
export function strippedBin(dir: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  symlinkSync(process.execPath, join(bin, 'node'));
  symlinkSync('/bin/sh', join(bin, 'sh'));
  return bin;
}

/** `base` with PATH replaced by the stripped folder (the rest of the environment unchanged). */
export function strippedEnv(bin: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...base, PATH: bin };
}

/** Which of SYSTEM_TOOLS a shell with this PATH finds (should be none). */
export function toolsFound(env: NodeJS.ProcessEnv): string[] {
  const script = SYSTEM_TOOLS.map((t) => `command -v ${t} >/dev/null 2>&1 && echo ${t}`).join('; ') + '; true';
  const r = spawnSync(join(env.PATH!, 'sh'), ['-c', script], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the stripped shell did not run: ${r.stderr}`);
  return r.stdout.split('\n').filter(Boolean);
}
