// The system tools as a PDF engine: poppler (pdfinfo, pdfimages, pdftotext, pdftoppm) and qpdf,
// each run under run-tool.ts's deadline, output cap and memory limit. Optional: taken only when
// SOHOA_PDF_ENGINE=native (engine.ts); a Windows counter has none of these programs.
import { existsSync } from 'node:fs';
import { readFile, readdir, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { StationError, errorMessage, isStationError } from '../errors';
import { runTool } from '../tools/run-tool';
import type { CcittImage, ListedImage, PageBoxPt, PageWord, PdfEngine } from './engine';

/** Runs a poppler or qpdf tool on (a copy of) `original`, the file the person chose, which the
 * errors name. A timeout, an output cap or the memory limit fails with its own code. */
export async function pdfTool(cmd: string, args: string[], original: string, maxStdoutBytes?: number): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await runTool(cmd, args, { file: original, ...(maxStdoutBytes ? { maxStdoutBytes } : {}) });
    return { code: r.code ?? 1, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    if (isStationError(e)) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new StationError('import-unreadable', { file: original, detail: `${cmd} (poppler-utils / qpdf) is not installed` });
    return { code: 1, stdout: '', stderr: errorMessage(e) };
  }
}

/** A number as pdfinfo prints it: 595, 841.89, or 1e+09 for a page a billion units wide. */
const NUM = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`;

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export const nativeEngine: PdfEngine = {
  name: 'native',
  async encryption(file, original) {
    const info = await pdfTool('pdfinfo', [file], original);
    if (/Incorrect password|password/i.test(info.stderr)) return 'password';
    return /^Encrypted:\s+yes/m.test(info.stdout) ? 'permissions' : 'none';
  },
  async decrypt(file, out, original) {
    return (await pdfTool('qpdf', ['--decrypt', file, out], original)).code !== 2;
  },
  async rebuild(file, out, original) {
    const r = await pdfTool('qpdf', ['--empty', '--object-streams=disable', '--pages', file, '--', out], original);
    return { ok: r.code !== 2, complaint: r.stderr };
  },
  async pageCount(file, original) {
    return Number((await pdfTool('qpdf', ['--show-npages', file], original)).stdout.trim());
  },
  async objectOffsets(file, original) {
    const xref = await pdfTool('qpdf', ['--show-xref', file], original);
    return [...xref.stdout.matchAll(/^\d+\/\d+: uncompressed; offset = (\d+)/gm)].map((m) => Number(m[1]));
  },
  async pageBoxes(file, count, original): Promise<PageBoxPt[]> {
    // -box: pdfinfo's page size is the crop box; pdftoppm renders the media box.
    const sizes = await pdfTool('pdfinfo', ['-box', '-f', '1', '-l', String(count), file], original);
    const media = [...sizes.stdout.matchAll(new RegExp(`^Page\\s+\\d+ MediaBox:\\s+(${NUM})\\s+(${NUM})\\s+(${NUM})\\s+(${NUM})`, 'gm'))].map((m) => ({ w: Math.abs(Number(m[3]) - Number(m[1])), h: Math.abs(Number(m[4]) - Number(m[2])) }));
    return [...sizes.stdout.matchAll(new RegExp(`^Page\\s+\\d+ size:\\s+(${NUM}) x (${NUM})`, 'gm'))].map((m, i) => ({ width: Number(m[1]), height: Number(m[2]), mediaWidth: media[i]?.w ?? 0, mediaHeight: media[i]?.h ?? 0 }));
  },
  async images(file, original): Promise<ListedImage[]> {
    const out = await pdfTool('pdfimages', ['-list', file], original);
    return out.stdout
      .split('\n')
      .slice(2)
      .map((l) => l.trim().split(/\s+/))
      .filter((c) => c.length >= 14 && c[2] === 'image')
      .map((c) => ({ page: Number(c[0]), width: Number(c[3]), height: Number(c[4]), color: c[5]!, components: Number(c[6]), enc: c[8]!, bpc: Number(c[7]), object: Number(c[10]), xppi: Number(c[12]), yppi: Number(c[13]) }));
  },
  async jpeg(file, page, _object, out, original) {
    // pdfimages -j writes the page's images as <prefix>-NNN.jpg; the page must hold that one JPEG.
    const prefix = out.replace(/\.jpg$/, '');
    await pdfTool('pdfimages', ['-j', '-f', String(page), '-l', String(page), file, prefix], original);
    const made = (await readdir(dirname(out))).filter((f) => f.startsWith(basename(prefix))).sort();
    if (made.length !== 1 || !made[0]!.endsWith('.jpg')) return false;
    await rename(join(dirname(out), made[0]!), out);
    return true;
  },
  async ccitt(file, page, object, workDir, original): Promise<CcittImage | null> {
    const dict = await pdfTool('qpdf', [`--show-object=${object}`, file], original);
    const name = `ccitt-${page}-${object}-${Date.now()}`;
    await pdfTool('pdfimages', ['-ccitt', '-f', String(page), '-l', String(page), file, join(workDir, name)], original);
    const made = (await readdir(workDir)).filter((f) => f.startsWith(name)).sort();
    if (made.length !== 2 || !made[0]!.endsWith('.ccitt') || !made[1]!.endsWith('.params')) return null;
    // pdfimages writes fax2tiff's options: -4 Group 4 (else -1/-2 Group 3), -B "0 is black"
    // (BlackIs1 false), -X width, -A byte-aligned rows.
    const params = (await readFile(join(workDir, made[1]!), 'latin1')).trim().split(/\s+/);
    return {
      data: await readFile(join(workDir, made[0]!)),
      k: params.includes('-4') ? -1 : params.includes('-2') ? 1 : 0,
      blackIs1: !params.includes('-B'),
      byteAlign: params.includes('-A'),
      columns: Number(params[params.indexOf('-X') + 1]),
      inverted: /\/Decode\s*\[\s*1/.test(dict.stdout),
      imageMask: /\/ImageMask\s+true/.test(dict.stdout),
    };
  },
  async words(file, page, original): Promise<PageWord[]> {
    const out = await pdfTool('pdftotext', ['-f', String(page), '-l', String(page), '-bbox-layout', file, '-'], original);
    const words: PageWord[] = [];
    let line = 0;
    for (const lineXml of out.stdout.split(/<line[\s>]/).slice(1)) {
      line++;
      for (const m of lineXml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
        const [x0, y0, x1, y1] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
        words.push({ text: unescape(m[5]!).normalize('NFC'), x: x0, y: y0, w: x1 - x0, h: y1 - y0, line });
      }
    }
    return words;
  },
  async render(file, page, dpi, grey, outBase, original) {
    const r = await pdfTool('pdftoppm', ['-r', String(dpi), ...(grey ? ['-gray'] : []), '-f', String(page), '-l', String(page), '-singlefile', '-png', file, outBase], original);
    return r.code === 0 && existsSync(`${outBase}.png`) ? { file: `${outBase}.png` } : { complaint: r.stderr || `pdftoppm exited ${r.code}` };
  },
};
