// The portable OCR engine's worker thread: tesseract 5.3 compiled to WebAssembly (npm
// `tesseract-wasm`, whose build runs tesseract's SSE dot products as WebAssembly SIMD), at the
// lowest priority, so that recognition takes only the CPU that scanning, imaging and the UI leave,
// as the native engine's `nice 19` process does. On Linux a thread has a nice value of its own
// (setpriority on its thread id, read from /proc/thread-self); Windows gives Node no way to lower
// one thread, so there the worker stays at the app's priority and only the number of runs (one
// core fewer while the counter works, ocr/slots.ts) protects it.
//
// The protocol (ocr/tesseract-wasm.ts is the other side):
//   in:  { type: 'init', libPath, wasmPath, modelPath }            out: { type: 'ready' } | { type: 'failed', message }
//   in:  { type: 'page', id, path, dpi }                  out: { type: 'page', id, words, lines } | { type: 'failed', id, message }
// The page is decoded here, natively (sharp), not inside WebAssembly: its pixels never cross
// threads. `words` are tesseract's words in reading order with their boxes, confidences (0–1) and
// line flags, `lines` its text lines' boxes.
//
// Plain JavaScript, so that the sources (through tsx) and the built app (electron.vite.config.ts
// builds it beside the main bundle) start the same file.
import { readFileSync, readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';

if (process.platform === 'linux') {
  try {
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 19);
  } catch {
    // no /proc: the thread keeps the process's priority
  }
}

// tesseract and leptonica print their diagnostics ("Error in boxClipToRectangle…", about boxes
// they then skip) on the console, which in a worker thread is the station's own stderr — the CLI's
// output. The native run's are kept inside runTool; these are dropped: a real failure comes back
// as the page's failure.
console.log = console.warn = console.error = () => undefined;

/** tesseract's page segmentation as the native run's `--psm 3`: the layout found, no orientation. */
const PSM_AUTO = '3';

// Each page is decoded once and never again: libvips' cache of recent operations (the process's,
// off as the imaging pool's worker turns it) would only hold a large band's pixels after their
// page is done — 300 MB more in the A0 job with OCR.
sharp.cache(false);

/** @type {import('tesseract-wasm').OCREngine | null} */
let engine = null;

async function init(msg) {
  // From the path the station gives: in the installed app, tesseract-wasm unpacked beside app.asar.
  const { createOCREngine } = await import(pathToFileURL(msg.libPath).href);
  const created = await createOCREngine({ wasmBinary: readFileSync(msg.wasmPath) });
  created.loadModel(readFileSync(msg.modelPath));
  created.setVariable('tessedit_pageseg_mode', PSM_AUTO);
  engine = created;
}

/** The page as 8-bit RGBA, tesseract-wasm's only input: any format the station stores, grey,
 * 16-bit or with transparency (laid on white, as paper). */
async function decode(path) {
  const { data, info } = await sharp(path, { limitInputPixels: false, sequentialRead: true }).flatten({ background: '#ffffff' }).toColourspace('srgb').ensureAlpha().raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}

async function page(msg) {
  if (!engine) throw new Error('the engine is not started');
  let image;
  try {
    image = await decode(msg.path);
  } catch (e) {
    throw new Error(`the page image could not be read (${e instanceof Error ? e.message : String(e)})`, { cause: e });
  }
  // The page's resolution, as the native run's --dpi (tesseract scales its text-size guesses by it).
  engine.setVariable('user_defined_dpi', String(msg.dpi));
  try {
    engine.loadImage(image);
    image = null; // copied into WebAssembly memory: the decoded pixels can go
    const words = engine.getTextBoxes('word').map((w) => ({ text: w.text, rect: w.rect, conf: w.confidence, flags: w.flags }));
    // The same recognition (tesseract-wasm keeps it): only the line level is read again.
    const lines = engine.getTextBoxes('line').map((l) => l.rect);
    return { words, lines };
  } finally {
    engine.clearImage();
  }
}

parentPort?.on('message', (msg) => {
  if (msg.type === 'init') {
    init(msg).then(
      () => parentPort.postMessage({ type: 'ready' }),
      (e) => parentPort.postMessage({ type: 'failed', message: e instanceof Error ? e.message : String(e) }),
    );
    return;
  }
  if (msg.type === 'page') {
    page(msg).then(
      (result) => parentPort.postMessage({ type: 'page', id: msg.id, ...result }),
      (e) => parentPort.postMessage({ type: 'failed', id: msg.id, message: e instanceof Error ? e.message : String(e) }),
    );
  }
});
