// The desktop app itself, through Playwright's Electron driver. It needs the Electron binary,
// which the project's build machines cannot download (npm start falls back to browser mode
// there); where the binary exists — a developer's machine, a release build — this runs.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
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

describe.skipIf(binary === null)('desktop app (skipped: the Electron binary is not installed on this machine)', () => {
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
      await win.getByLabel('Máy quét').selectOption('sane:test:0');
      await win.getByLabel('Số trang').fill('3');
      await win.getByRole('button', { name: 'Quét', exact: true }).click();
      await win.getByTestId('page-thumb').nth(2).waitFor();
      await screenshot(win, 'desktop-scan-3-pages');
    } finally {
      await app.close();
    }
  });
});
