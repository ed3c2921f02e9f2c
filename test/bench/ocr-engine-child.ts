// The OCR engines bench's child process (a fresh process for each run, so that its memory is the
// engine's alone): recognises the given pages with one engine, as the station's queue does (one
// run per core through OcrSlots, large pages in bands), and prints one JSON line: the seconds from
// the first page asked to the last page read (the engine's start-up included) and each page's text.
//   ocr-engine-child.ts portable|native <dpi> <image>...
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { recognisePage } from '../../electron/core/ocr/bands';
import { chooseOcrEngine } from '../../electron/core/ocr/engines';
import { OcrSlots } from '../../electron/core/ocr/slots';
import { REPO, tempDir } from '../helpers/paths';

const [name, dpi, ...images] = process.argv.slice(2);
if ((name !== 'portable' && name !== 'native') || !dpi || images.length === 0) throw new Error('usage: ocr-engine-child.ts portable|native <dpi> <image>...');
const tmp = tempDir('bench-ocr-engine');
const engine = chooseOcrEngine({ assetsDir: join(REPO, 'assets'), env: { SOHOA_OCR_ENGINE: name } });
const slots = new OcrSlots({ concurrency: availableParallelism() });
try {
  const started = performance.now();
  const results = await Promise.all(images.map((image) => recognisePage(image, { engine, options: { dpi: Number(dpi) }, workDir: tmp.path, slot: slots.run })));
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${JSON.stringify({ seconds, texts: results.map((r) => r.text) })}\n`);
} finally {
  await engine.close?.();
  tmp.cleanup();
}
