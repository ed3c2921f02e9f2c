// One side of the PDF engine bench (pdf-engine.ts), in a child process so that its peak memory is
// its own: reads each PDF for import (capture/import-pdf.ts's readPdf) with the engine that
// SOHOA_PDF_ENGINE names, and prints the seconds it took and the pages it read.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPdf } from '../../electron/core/capture/import-pdf';
import { closePortableEngine } from '../../electron/core/pdf-engine/portable';

const [dpi, ...files] = process.argv.slice(2);
const work = mkdtempSync(join(tmpdir(), 'sohoa-bench-engine-'));
try {
  const started = performance.now();
  let pages = 0;
  for (const file of files) pages += (await readPdf(file, Number(dpi), join(work, String(pages)))).length;
  console.log(JSON.stringify({ seconds: (performance.now() - started) / 1000, pages }));
} finally {
  closePortableEngine();
  rmSync(work, { recursive: true, force: true });
}
