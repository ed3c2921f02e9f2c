// tesseract.js's worker thread, at the lowest priority: recognition takes only the CPU that
// scanning, imaging and the UI leave, as the native engine's `nice 19` process does. On Linux a
// thread has a nice value of its own (setpriority on its thread id, read from /proc/thread-self);
// Windows gives Node no way to lower one thread, so there the worker stays at the app's priority
// and only the number of runs (one core fewer while the counter works, ocr/slots.ts) protects it.
// Plain JavaScript, so that the sources (through tsx) and the built app (electron.vite.config.ts
// builds it beside the main bundle) start the same file.
import { readlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';

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
// as the job's rejection.
console.log = console.warn = console.error = () => undefined;

const requireHere = createRequire(import.meta.url);
// In the installed app tesseract.js is unpacked beside app.asar (electron-builder.yml asarUnpack).
requireHere(requireHere.resolve('tesseract.js/src/worker-script/node/index.js').replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2'));
