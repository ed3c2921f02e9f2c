// The desktop app's build: main (ESM, dependencies external) with the imaging pool's worker, the sandboxed preload (one CJS
// bundle, dependencies inlined, as Electron's sandbox requires) and the renderer.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
// Where the build goes: out/ (electron-builder packs it from there). SOHOA_BUILD_OUT sends it
// elsewhere, for a test that packs its own build without racing another test over out/.
const out = process.env.SOHOA_BUILD_OUT ? resolve(process.env.SOHOA_BUILD_OUT) : resolve(root, 'out');

export default defineConfig({
  main: {
    build: {
      outDir: resolve(out, 'main'),
      rollupOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          // The imaging pool's worker thread: pool.ts starts ./pool-worker.js beside the bundled
          // main, so it is an entry of its own (without it the app processes pages on its main thread).
          'pool-worker': resolve(root, 'electron/core/imaging/pool-worker.ts'),
          // The archive's examining thread (archive/sheet-examiner.ts starts ./sheet-worker.js).
          'sheet-worker': resolve(root, 'electron/core/archive/sheet-worker.ts'),
          // The camera pages' thread (camera/camera-thread.ts starts ./camera-worker.js).
          'camera-worker': resolve(root, 'electron/core/camera/camera-worker.ts'),
          // The OCR engine's worker threads (ocr/tesseract-wasm.ts starts ./tesseract-worker.js).
          'tesseract-worker': resolve(root, 'electron/core/ocr/tesseract-worker.mjs'),
          // The large-sheet assembly's thread (stitching/assemble.ts starts ./stitch-worker.js).
          'stitch-worker': resolve(root, 'electron/core/stitching/assemble-worker.ts'),
          // The portable PDF engine's thread (pdf-engine/portable.ts starts ./pdf-engine-worker.js).
          'pdf-engine-worker': resolve(root, 'electron/core/pdf-engine/portable-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(out, 'preload'),
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: resolve(root, 'electron/preload/index.ts'),
        output: { format: 'cjs', entryFileNames: 'index.cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(out, 'renderer'),
      assetsInlineLimit: 0,
      minify: true,
      rollupOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
