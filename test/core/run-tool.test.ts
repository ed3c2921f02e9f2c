// runTool, the one door through which the core starts poppler, qpdf and tesseract: a deadline, an
// output cap and cancellation each end the real tool (nothing left running or unreaped) with a
// coded error; and no other code of the core starts a process of its own.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStationError } from '../../electron/core/errors';
import { recognise } from '../../electron/core/ocr/tesseract';
import { runTool } from '../../electron/core/tools/run-tool';
import { vietnamesePage } from '../fixtures/vietnamese-pages';
import { REPO, tempDir } from '../helpers/paths';
import { processesLeftBehind } from '../helpers/processes';

const tmp = tempDir('run-tool');
const register = join(tmp.path, 'register.pdf');

beforeAll(async () => {
  // 200 typed pages: seconds of work for pdftoppm, megabytes of words for pdftotext.
  const d = await PDFDocument.create();
  const font = await d.embedFont(StandardFonts.Helvetica);
  for (let p = 0; p < 200; p++) {
    const page = d.addPage([595, 842]);
    for (let l = 0; l < 60; l++) page.drawText(`Trang ${p + 1} dong ${l + 1}: Nguyen Van A, sinh ngay 01/01/1990`, { x: 40, y: 800 - l * 12.5, size: 9, font });
  }
  writeFileSync(register, await d.save());
});
afterAll(() => tmp.cleanup());

async function failure(run: Promise<unknown>) {
  try {
    await run;
  } catch (e) {
    if (isStationError(e)) return e;
    throw e;
  }
  throw new Error('expected the run to fail, but it succeeded');
}

describe('runTool', () => {
  it('answers a tool’s exit status and output', async () => {
    const r = await runTool('pdfinfo', [register], { file: register });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Pages:\s+200$/m);
    const bad = await runTool('pdfinfo', [join(tmp.path, 'missing.pdf')], { file: 'missing.pdf' });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/No such file|Couldn't open/);
  });

  it('kills a tool past its deadline and answers tool-timeout once it is gone', async () => {
    const prefix = join(tmp.path, 'deadline');
    const e = await failure(runTool('pdftoppm', ['-r', '150', '-png', register, prefix], { file: 'register.pdf', timeoutMs: 50 }));
    expect(e.code).toBe('tool-timeout');
    expect(e.details).toMatchObject({ tool: 'pdftoppm', file: 'register.pdf', seconds: 1 });
    expect(processesLeftBehind(prefix)).toEqual([]);
  });

  it('kills a tool that writes past the output cap', async () => {
    const e = await failure(runTool('pdftotext', ['-bbox-layout', register, '-'], { file: 'register.pdf', maxStdoutBytes: 64 << 10 }));
    expect(e.code).toBe('tool-output-too-large');
    expect(e.toWire().message.en).toContain('more than 65536 bytes about “register.pdf”');
    expect(processesLeftBehind(register)).toEqual([]);
  });

  it('kills a tool when its work is cancelled', async () => {
    const prefix = join(tmp.path, 'cancelled');
    const stop = new AbortController();
    const run = runTool('pdftoppm', ['-r', '150', '-png', register, prefix], { file: 'register.pdf', signal: stop.signal });
    setImmediate(() => stop.abort());
    expect((await failure(run)).code).toBe('cancelled');
    expect(processesLeftBehind(prefix)).toEqual([]);
  });

  it('gives OCR past its deadline as ocr-failed (the document stays, without its text)', async () => {
    const page = await vietnamesePage(join(tmp.path, 'page.png'), { dpi: 300 });
    const e = await failure(recognise(page, { dpi: 300, timeoutMs: 1 }));
    expect(e.code).toBe('ocr-failed');
    expect(e.details.detail).toMatch(/“tesseract” took longer than 1 s/);
    expect(processesLeftBehind(page)).toEqual([]);
  });

  it('is the only way the core starts a process (the scan workers have their own watchdog)', () => {
    const sources = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? sources(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : []));
    const starters = sources(join(REPO, 'electron', 'core'))
      .filter((f) => /from\s+['"](node:)?child_process['"]/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(REPO, f));
    expect(starters.sort()).toEqual(['electron/core/scan/worker-process.ts', 'electron/core/tools/run-tool.ts']);
  });
});
