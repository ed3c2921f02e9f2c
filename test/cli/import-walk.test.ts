// Issue 20, point 2: what an import is given that is not an ordinary file. Through the real
// `sohoa import`: a FIFO never hangs it, and FIFOs, devices, sockets, dangling links, link loops,
// folders named like files and names that are not UTF-8 each have their own code (exit 2, never
// 1); in a folder they are skipped and named, and the folder's good files — made by ImageMagick
// and img2pdf — are still imported.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireError } from '../../electron/contract';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';

const tmp = tempDir('import-walk');
const data = join(tmp.path, 'data');
const env = { ...process.env, SOHOA_DATA_DIR: data };
const folder = join(tmp.path, 'incoming');
let socket: Server;

/** A name with a byte that is not UTF-8 (Latin-1 "é"), as an old Windows share or USB stick has. */
const latin1Name = Buffer.concat([Buffer.from(`${folder}/h`), Buffer.from([0xe9]), Buffer.from('.png')]);

beforeAll(async () => {
  mkdirSync(folder);
  // The good files: an ImageMagick page (150 dpi PNG) and an img2pdf PDF of a JPEG.
  execFileSync('convert', ['-size', '600x400', 'xc:white', '-fill', 'black', '-draw', 'rectangle 50,50 550,350', '-density', '150', '-units', 'PixelsPerInch', join(folder, 'a.png')]);
  execFileSync('convert', ['-size', '600x400', 'xc:white', '-fill', 'black', '-draw', 'circle 300,200 300,50', '-density', '150', '-units', 'PixelsPerInch', join(tmp.path, 'b.jpg')]);
  execFileSync('img2pdf', [join(tmp.path, 'b.jpg'), '-o', join(folder, 'b.pdf')]);
  execFileSync('mkfifo', [join(folder, 'c.pdf')]);
  symlinkSync(join(tmp.path, 'gone.pdf'), join(folder, 'd.pdf'));
  symlinkSync(join(folder, 'e.pdf'), join(folder, 'e.pdf'));
  mkdirSync(join(folder, 'f.pdf'));
  writeFileSync(latin1Name, execFileSync('convert', ['-size', '60x40', 'xc:white', 'png:-']));
  socket = createServer();
  await new Promise<void>((resolve) => socket.listen(join(folder, 'g.png'), resolve));
});
afterAll(async () => {
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  tmp.cleanup();
});

describe('sohoa import of what is not an ordinary file', () => {
  it('imports a folder’s good files and names each entry it skipped, with its own code', async () => {
    const r = await runCli(['import', folder, '--json', '--no-ocr', '--lang', 'en'], env);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { pages: number; skipped: { file: string; error: WireError }[] };
    expect(doc.pages).toBe(2);
    const codes = Object.fromEntries(doc.skipped.map((s) => [s.file.replace(`${folder}/`, ''), s.error.code]));
    expect(codes).toEqual({
      'c.pdf': 'import-fifo',
      'd.pdf': 'import-dangling-link',
      'e.pdf': 'import-link-loop',
      'f.pdf': 'import-folder-named-like-file',
      'g.png': 'import-socket',
      'h\uFFFD.png': 'import-name-undecodable',
    });
    // Each skipped entry is named on stderr once, with what to do.
    for (const s of doc.skipped) expect(r.stderr).toContain(`Skipped: ${s.error.message.en}`);
    for (const s of doc.skipped) expect(s.error.message.en.split(s.file).length - 1, s.error.message.en).toBe(1);
  });

  it('refuses each of them given by itself with its own code and exit 2, and never waits on the FIFO', async () => {
    const given = ['c.pdf', 'd.pdf', 'e.pdf', 'g.png'].map((n) => join(folder, n));
    const r = await runCli(['import', '--each', ...given, '/dev/null', join(folder, 'h\uFFFD.png'), '--json', '--no-ocr', '--lang', 'en'], env);
    expect(r.code, r.stderr).toBe(2);
    const out = JSON.parse(r.stdout) as { documents: unknown[]; failed: { path: string; error: WireError }[] };
    expect(out.documents).toEqual([]);
    expect(out.failed.map((f) => f.error.code)).toEqual(['import-fifo', 'import-dangling-link', 'import-link-loop', 'import-socket', 'import-device', 'import-name-undecodable']);
    // The message says what it is and what to do, naming the file once.
    expect(out.failed[0]!.error.message.en).toBe(`“${given[0]}” is a pipe (FIFO), not a file; the station does not read it, so as not to hang. Choose an actual image or PDF file.`);
  });

  it('answers a folder of nothing but such entries with all of them named', async () => {
    const only = join(tmp.path, 'only-bad');
    mkdirSync(only);
    execFileSync('mkfifo', [join(only, 'x.pdf')]);
    mkdirSync(join(only, 'y.jpg'));
    const r = await runCli(['import', only, '--json', '--no-ocr', '--lang', 'en'], env);
    expect(r.code).toBe(2);
    const { error } = JSON.parse(r.stdout) as { error: WireError };
    expect(error.code).toBe('import-nothing-importable');
    expect(error.message.en).toContain(`“${join(only, 'x.pdf')}” (import-fifo)`);
    expect(error.message.en).toContain(`“${join(only, 'y.jpg')}” (import-folder-named-like-file)`);
  });
});
