// The desktop app. What needs no Electron binary runs everywhere: the shell builds, and its
// preload — the boundary between the page and the station — exposes one function per contract
// method and nothing else. Launching the app needs the binary, which the project's build machines
// cannot download (npm start falls back to browser mode there); where it exists — a developer's
// machine, a release build — the launch test runs too.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runInNewContext } from 'node:vm';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { _electron as electron } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../electron/contract/method-names';
import { REPO, tempDir } from '../helpers/paths';
import { saneEnv, writeSaneConfig } from '../helpers/sane';
import { screenshot } from './browser';

function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const tmp = tempDir('desktop');
afterAll(() => tmp.cleanup());

describe('desktop shell, built', () => {
  it('builds main, preload and renderer; the preload exposes exactly the contract and the system file dialog, over their IPC channels', () => {
    execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build', '--config', 'electron/electron.vite.config.ts'], { cwd: REPO, stdio: 'ignore' });
    for (const file of ['out/main/index.js', 'out/main/pool-worker.js', 'out/renderer/index.html']) expect(existsSync(join(REPO, file)), file).toBe(true);
    // A STAND-IN for Electron's contextBridge and ipcRenderer (the real ones exist only inside a
    // running app): it records what the built preload exposes and what it sends.
    const exposed: Record<string, Record<string, (...a: unknown[]) => unknown>> = {};
    const invoked: unknown[][] = [];
    const listening: string[] = [];
    const electronStandIn = {
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, (...a: unknown[]) => unknown>) => (exposed[key] = api) },
      ipcRenderer: { invoke: (...args: unknown[]) => invoked.push(args), on: (channel: string) => listening.push(channel), removeListener: () => undefined },
    };
    const require = (name: string) => {
      if (name === 'electron') return electronStandIn;
      throw new Error(`the preload requires ${name}: only electron may reach it`);
    };
    runInNewContext(readFileSync(join(REPO, 'out/preload/index.cjs'), 'utf8'), { require, module: { exports: {} }, exports: {} });
    expect(Object.keys(exposed)).toEqual(['sohoa']);
    expect(Object.keys(exposed.sohoa!).sort()).toEqual([...METHOD_NAMES, 'onEvent', 'choosePath'].sort());
    exposed.sohoa!['documents.get']!({ id: 'x' });
    // Paths reach the station only as the person picked them in the system's dialog (ipc-router.ts).
    exposed.sohoa!.choosePath!({ use: 'read' });
    expect(invoked).toEqual([
      ['sohoa:call', 'documents.get', { id: 'x' }],
      ['sohoa:choose', { use: 'read' }],
    ]);
    (exposed.sohoa!.onEvent! as (l: () => void) => () => void)(() => undefined)();
    expect(listening).toEqual(['sohoa:event']);
  });

  it('bundles the imaging pool’s worker beside main, where the pool looks for it, and the built worker processes a page', async () => {
    // pool.ts starts new URL('./pool-worker.js', import.meta.url): in the bundle, beside out/main/index.js
    expect(readFileSync(join(REPO, 'out/main/index.js'), 'utf8')).toMatch(/["']\.\/pool-worker\.js["']/);
    const page = join(tmp.path, 'page.png');
    await sharp({ create: { width: 400, height: 560, channels: 3, background: '#fff' } }).png().toFile(page);
    const worker = new Worker(join(REPO, 'out/main/pool-worker.js'));
    try {
      const reply = new Promise<{ id: number; page?: { parts: { widthPx: number }[] }; error?: string }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      worker.postMessage({ id: 1, req: { input: { file: page }, mode: 'color', dpi: 50, profile: 'none', workDir: tmp.path } });
      const m = await reply;
      expect(m.error).toBeUndefined();
      expect(m.page?.parts.map((p) => p.widthPx)).toEqual([400]);
    } finally {
      await worker.terminate();
    }
  });
});

describe.skipIf(binary === null)('desktop app, launched (needs the Electron binary, which the build machines cannot download; the build and the preload are checked above everywhere)', () => {
  it('opens on app:// with only the contract exposed, and scans 3 pages', async () => {
    execFileSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'ignore' });
    const env = saneEnv(writeSaneConfig(join(tmp.path, 'sane.d')), { SOHOA_DATA_DIR: join(tmp.path, 'data') });
    const app = await electron.launch({ executablePath: binary!, args: [REPO], env: env as Record<string, string> });
    try {
      const win = await app.firstWindow();
      expect(win.url()).toBe('app://sohoa/index.html');
      const exposed = await win.evaluate(() => ({
        api: Object.keys((globalThis as unknown as { sohoa: object }).sohoa).sort(),
        node: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
      }));
      expect(exposed).toEqual({ api: [...METHOD_NAMES, 'onEvent'].sort(), node: 'undefined', process: 'undefined' });
      await win.locator('.scan-screen').getByLabel('Máy quét', { exact: true }).selectOption('sane:test:0');
      await win.getByLabel('Số trang').fill('3');
      await win.getByRole('button', { name: 'Quét', exact: true }).click();
      await win.getByTestId('page-thumb').nth(2).waitFor();
      await screenshot(win, 'desktop-scan-3-pages');
    } finally {
      await app.close();
    }
  });
});
