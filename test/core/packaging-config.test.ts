// The packaged desktop app's hardening (issue 15, item 10), checked without the Electron binary
// (it cannot be downloaded on the build machines): the packaging configuration, read by
// electron-builder's own loader and schema, flips the fuses that close the debugger, NODE_OPTIONS,
// run-as-node and unchecked-code doors; and the main process offers no DevTools and no default
// menu once packaged.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { REPO } from '../helpers/paths';

const require = createRequire(join(REPO, 'package.json'));
const CONFIG = join(REPO, 'electron-builder.yml');

/** The fuses a packaged station must carry, by @electron/fuses' own names. */
const REQUIRED_FUSES = {
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  EnableCookieEncryption: true,
  GrantFileProtocolExtraPrivileges: false,
  LoadBrowserProcessSpecificV8Snapshot: false,
} as const;

type BuilderConfig = { asar?: unknown; electronFuses?: Record<string, unknown> | null };

describe('packaging configuration', () => {
  it('is valid YAML with asar on and every fuse set as required', () => {
    const { load } = require('js-yaml') as { load(text: string): unknown };
    const config = load(readFileSync(CONFIG, 'utf8')) as BuilderConfig;
    // Asar integrity and OnlyLoadAppFromAsar mean nothing without an archive.
    expect(config.asar).toBe(true);
    // electron-builder's key for fuse X is x with a lower-case first letter.
    const expected = Object.fromEntries(Object.entries(REQUIRED_FUSES).map(([name, on]) => [name[0]!.toLowerCase() + name.slice(1), on]));
    expect(config.electronFuses).toMatchObject(expected);
  });

  it('passes electron-builder’s own schema and becomes the fuse wire @electron/fuses flips', async () => {
    // Loaded and validated exactly as `npm run package` does: a misspelt key fails here, not in a
    // release that silently ships with the fuses unflipped.
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      getConfig(projectDir: string, configPath: string, fromOptions: null): Promise<BuilderConfig>;
      validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    const { PlatformPackager } = require('app-builder-lib') as {
      PlatformPackager: { prototype: { generateFuseConfig(fuses: unknown): Promise<Record<string, unknown>> } };
    };
    const config = await getConfig(REPO, CONFIG, null);
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.asar).toBe(true);
    const wire = await PlatformPackager.prototype.generateFuseConfig.call({}, config.electronFuses);
    const { FuseV1Options } = (await import(require.resolve('@electron/fuses'))) as { FuseV1Options: Record<string, number> };
    for (const [name, on] of Object.entries(REQUIRED_FUSES)) {
      expect(FuseV1Options[name], `@electron/fuses knows ${name}`).toBeTypeOf('number');
      expect(wire[String(FuseV1Options[name])], name).toBe(on);
    }
  });
});

// A STAND-IN for Electron's main-process API (the real one exists only inside a running app),
// as a packaged build sees it: it records the menu set and what each window is allowed.
const menus: unknown[] = [];
vi.mock('electron', () => ({
  app: { isPackaged: true },
  Menu: { setApplicationMenu: (menu: unknown) => menus.push(menu) },
}));

type Handler = (...args: unknown[]) => unknown;

describe('the shell, packaged', () => {
  let security: typeof import('../../electron/main/security');
  beforeAll(async () => {
    security = await import('../../electron/main/security');
  });

  it('opens no DevTools in any window, the PDF viewer included, and closes them should they open', () => {
    expect(security.SECURE_WEB_PREFERENCES.devTools).toBe(false);
    const on = new Map<string, Handler>();
    let openHandler: Handler | undefined;
    let closed = 0;
    const contents = {
      on: (event: string, h: Handler) => on.set(event, h),
      setWindowOpenHandler: (h: Handler) => (openHandler = h),
      closeDevTools: () => closed++,
    };
    security.hardenWebContents(contents as unknown as Parameters<typeof security.hardenWebContents>[0]);
    const viewer = openHandler!({ url: 'app://sohoa/documents/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/pdf?k=Zm9yLXRoaXMtc2Vzc2lvbi1vbmx5' }) as {
      action: string;
      overrideBrowserWindowOptions: { webPreferences: Record<string, unknown> };
    };
    expect(viewer.action).toBe('allow');
    expect(viewer.overrideBrowserWindowOptions.webPreferences).toMatchObject({ devTools: false, sandbox: true, contextIsolation: true });
    on.get('devtools-opened')!();
    expect(closed).toBe(1);
  });

  it('removes the default menu (which offers DevTools and reload)', () => {
    security.removeDefaultMenu();
    expect(menus).toEqual([null]);
  });

  it('has no other way to DevTools in the main process’s code', () => {
    const dir = join(REPO, 'electron/main');
    const sources = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => ({ f, text: readFileSync(join(dir, f), 'utf8') }));
    for (const { f, text } of sources) {
      expect(text, `${f} opens DevTools`).not.toMatch(/openDevTools|toggleDevTools|devTools:\s*true/);
      // Every window's preferences start from the secure set (which carries devTools).
      for (const m of text.matchAll(/webPreferences:\s*\{([^}]*)/g)) expect(m[1], `${f}: a window without SECURE_WEB_PREFERENCES`).toMatch(/^\s*\.\.\.SECURE_WEB_PREFERENCES\b/);
    }
    const index = sources.find((s) => s.f === 'index.ts')!.text;
    const menuRemoved = index.indexOf('removeDefaultMenu()');
    expect(menuRemoved, 'index.ts removes the default menu').toBeGreaterThan(0);
    expect(menuRemoved, 'before the first window').toBeLessThan(index.indexOf('new BrowserWindow('));
  });
});
