// The desktop app's build: main (ESM, dependencies external) with the imaging pool's worker, the sandboxed preload (one CJS
// bundle, dependencies inlined, as Electron's sandbox requires) and the renderer.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      rollupOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          // The imaging pool's worker thread: pool.ts starts ./pool-worker.js beside the bundled
          // main, so it is an entry of its own (without it the app processes pages on its main thread).
          'pool-worker': resolve(root, 'electron/core/imaging/pool-worker.ts'),
          // The archive's examining thread (archive/sheet-examiner.ts starts ./sheet-worker.js).
          'sheet-worker': resolve(root, 'electron/core/archive/sheet-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
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
      outDir: resolve(root, 'out/renderer'),
      assetsInlineLimit: 0,
      minify: true,
      rollupOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
