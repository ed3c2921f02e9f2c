// A PDF from outside cannot hang the station or make it render a bomb (issue 15, item 9): every
// PDF engine call has a deadline, after which the engine is stopped and the import refused with a
// coded error, nothing kept; and a page whose image would exceed the station's pixel budget at the
// import's resolution is refused before it is rendered — also when it hides behind a small crop box.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { portableEngine } from '../../electron/core/pdf-engine/portable';
import { runTool, toolTimeoutMs } from '../../electron/core/tools/run-tool';
import { tempDir } from '../helpers/paths';
import { processesLeftBehind } from '../helpers/processes';
import { type TestStation, openTestStation, refused } from '../helpers/station';

const tmp = tempDir('import-limits');
let t: TestStation;
const PATH = process.env.PATH;

beforeAll(async () => {
  t = await openTestStation();
});
afterEach(() => {
  delete process.env.SOHOA_TOOL_TIMEOUT_MS;
  process.env.PATH = PATH;
});
afterAll(async () => {
  await t.close();
  tmp.cleanup();
});

/** Every file under a folder, recursively (the blob store; the station's temporary folder). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** What an import could have left: documents, stored blobs, files of its work folder. */
async function storedState() {
  return {
    documents: (await t.call('documents.list', {})).length,
    blobs: filesUnder(join(t.dataDir, 'blobs')).length,
    work: filesUnder(join(t.dataDir, 'tmp', String(process.pid))).filter((f) => f.includes('import-')),
  };
}

/** A register of many typed pages: real work for every tool that reads it. */
async function largeRegister(file: string, pages: number): Promise<void> {
  const d = await PDFDocument.create();
  const font = await d.embedFont(StandardFonts.Helvetica);
  for (let p = 0; p < pages; p++) {
    const page = d.addPage([595, 842]);
    for (let l = 0; l < 60; l++) page.drawText(`So dang ky ho tich ${p + 1}/${l + 1} - Nguyen Van A, sinh ngay 01/01/1990`, { x: 40, y: 800 - l * 12.5, size: 9, font });
  }
  writeFileSync(file, await d.save());
}

describe('external tools under a deadline', () => {
  it('kills a tool that outlives its deadline, refuses the import with tool-timeout, and keeps nothing', async () => {
    const file = join(tmp.path, 'register-300-pages.pdf');
    await largeRegister(file, 300);
    const before = await storedState();
    process.env.SOHOA_TOOL_TIMEOUT_MS = '1'; // far less than any tool needs to open 300 pages
    const error = await refused(t.call('documents.import', { paths: [file], ocr: 'skip' }));
    expect(error.code).toBe('tool-timeout');
    // The portable engine's (qpdf, PDFium in WebAssembly, pdf-lib) — or the system tools' under
    // SOHOA_PDF_ENGINE=native.
    expect(['qpdf', 'pdfium', 'pdf-lib', 'pdfinfo', 'pdfimages', 'pdftotext', 'pdftoppm']).toContain(error.details?.tool);
    expect(error.details?.file).toBe(file); // the file the person chose, not a working copy
    expect(error.message.vi).toContain(file);
    expect(error.message.en).toMatch(new RegExp(`“${String(error.details?.tool)}” took longer than 1 s`));
    // The tool is gone (killed and reaped) by the time the import answers.
    expect(processesLeftBehind(file)).toEqual([]);
    expect(processesLeftBehind(join(t.dataDir, 'tmp'))).toEqual([]);
    expect(await storedState()).toEqual(before);
    // Under its own deadline the same tool reads the same file: it was sound, only slower than 1 ms.
    delete process.env.SOHOA_TOOL_TIMEOUT_MS;
    expect(toolTimeoutMs('pdfinfo')).toBeGreaterThanOrEqual(10_000);
    const info = await runTool('pdfinfo', [file], { file });
    expect([info.code, /^Pages:\s+(\d+)/m.exec(info.stdout)?.[1]]).toEqual([0, '300']);
  });
});

describe('pixel budget before rasterising', () => {
  /** The engine's renders, watched (and still done). */
  let renders: ReturnType<typeof vi.spyOn>;
  function watchRenders(): void {
    renders = vi.spyOn(portableEngine, 'render');
  }
  afterEach(() => renders?.mockRestore());
  const runs = () => renders.mock.calls;

  async function drawnPage(name: string, media: [number, number], crop?: [number, number]): Promise<string> {
    const d = await PDFDocument.create();
    const page = d.addPage(media);
    if (crop) page.setCropBox(0, 0, crop[0], crop[1]);
    page.drawText('Ban do dia chinh', { x: 20, y: 20, size: 24, font: await d.embedFont(StandardFonts.Helvetica) });
    const file = join(tmp.path, name);
    writeFileSync(file, await d.save());
    return file;
  }

  it('rasterises an A0 map at a resolution within the budget (the engine renders it once)', async () => {
    watchRenders();
    const file = await drawnPage('a0-map.pdf', [2384, 3370]);
    const doc = await t.call('documents.import', { paths: [file], dpi: 50, ocr: 'skip' });
    expect(doc.pages[0]).toMatchObject({ dpi: 50, widthPx: 1656 });
    expect(runs()).toHaveLength(1);
  });

  // Without the budget these were not refused at all: poppler gave up on a bitmap over 2 GB
  // ("Bogus memory allocation size"), writes a 1×1 image and exits 0, and that was stored as the page.
  it.each([
    // A0 is a real page, but at 1200 dpi its image is 2.2 Gpx: more than the station opens.
    ['an A0 map at 1200 dpi', [2384, 3370], undefined, 1200, /page 1 at 1200 dpi would be 2232 Mpx, at most 600 Mpx/],
    // The page's size is the 200 pt crop box; the renderer would draw the 8000 pt media box (1.1 Gpx).
    ['a huge media box behind a small crop box', [8000, 8000], [200, 200], 300, /page 1 at 300 dpi would be 1111 Mpx/],
    // Beyond the page limit itself (5 m), shown or hidden.
    ['a 14400 pt page', [14400, 14400], undefined, 200, /larger than 3000 mm/],
    ['a 14400 pt media box behind a small crop box', [14400, 14400], [200, 200], 200, /larger than 3000 mm/],
  ] as const)('refuses %s before it is rendered, keeping nothing', async (name, media, crop, dpi, detail) => {
    watchRenders();
    const file = await drawnPage(`${name.replace(/\W+/g, '-')}.pdf`, [...media], crop ? [...crop] : undefined);
    const before = await storedState();
    const error = await refused(t.call('documents.import', { paths: [file], dpi, ocr: 'skip' }));
    expect(error.code).toBe('import-too-large');
    expect(error.message.en).toMatch(detail);
    expect(error.message.vi).toContain(file);
    expect(runs()).toEqual([]);
    expect(await storedState()).toEqual(before);
  });
});
