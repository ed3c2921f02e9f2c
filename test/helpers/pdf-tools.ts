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

export interface PdfsigSignature {
  readonly field: string;
  readonly signer: string;
  readonly type: string;
  readonly valid: boolean;
  readonly trusted: boolean;
  readonly wholeDocument: boolean;
  readonly validation: string;
  readonly certificate: string;
}

/** poppler's pdfsig on the file, trusting what the NSS database in `nssDir` trusts. Run
 * asynchronously: it may fetch a CRL from a server in this very process. */
export async function pdfsig(file: string, nssDir?: string): Promise<{ output: string; signatures: PdfsigSignature[] }> {
  const { execFile } = await import('node:child_process');
  const output = await new Promise<string>((resolve) =>
    execFile('pdfsig', [...(nssDir ? ['-nssdir', `sql:${nssDir}`] : []), file], { encoding: 'utf8' }, (_e, stdout, stderr) => resolve(`${stdout}${stderr}`)),
  );
  const line = (block: string, label: string) => new RegExp(`- ${label}: (.*)`).exec(block)?.[1]?.trim() ?? '';
  const signatures = output
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .map((block) => ({
      field: line(block, 'Signature Field Name'),
      signer: line(block, 'Signer Certificate Common Name'),
      type: line(block, 'Signature Type'),
      validation: line(block, 'Signature Validation'),
      certificate: line(block, 'Certificate Validation'),
      valid: line(block, 'Signature Validation') === 'Signature is Valid.',
      trusted: line(block, 'Certificate Validation') === 'Certificate is Trusted.',
      wholeDocument: /- Total document signed/.test(block),
    }));
  return { output, signatures };
}

/** Page `page` rendered by poppler in 8-bit grey: width, height and one byte per pixel. */
export function renderGray(file: string, page: number, dpi: number): { width: number; height: number; pixels: Buffer } {
  const pgm = execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-f', String(page), '-l', String(page), file], { maxBuffer: 1 << 28 });
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not write a PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: pgm.subarray(header[0].length) };
}

/** The box (as fractions of the page, origin top-left) of the pixels that differ between two
 * renderings of the same size; null when they are identical. */
export function changedBox(a: ReturnType<typeof renderGray>, b: ReturnType<typeof renderGray>): { left: number; top: number; right: number; bottom: number } | null {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -1, -1];
  for (let y = 0; y < a.height; y++)
    for (let x = 0; x < a.width; x++)
      if (Math.abs(a.pixels[y * a.width + x]! - b.pixels[y * b.width + x]!) > 32) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
  return x1 < 0 ? null : { left: x0 / a.width, top: y0 / a.height, right: (x1 + 1) / a.width, bottom: (y1 + 1) / a.height };
}
