// The renderer's build, used for browser mode (`sohoa serve`) and, through electron-vite, for the
// desktop app. Output: out/renderer, loaded from app://sohoa/ or http://127.0.0.1:<port>/.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    // No inline scripts or styles: the CSP allows 'self' only.
    assetsInlineLimit: 0,
    target: 'es2022',
  },
});
