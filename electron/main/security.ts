// The shell's defences (architecture.md, principle 6): only our own app:// pages, no navigation
// away, no new windows except the built-in PDF viewer for a stored document, no permissions.
import { type BrowserWindowConstructorOptions, type Session, type WebContents } from 'electron';

export const APP_ORIGIN = 'app://sohoa';

export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
} as const satisfies BrowserWindowConstructorOptions['webPreferences'];

export function isAppUrl(url: string): boolean {
  return url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`);
}

const PDF_URL = /^app:\/\/sohoa\/documents\/[0-9a-f-]{36}\/pdf\?k=[\w-]{1,64}$/;

export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) =>
    PDF_URL.test(url)
      ? { action: 'allow', overrideBrowserWindowOptions: { width: 1000, height: 800, autoHideMenuBar: true, webPreferences: { ...SECURE_WEB_PREFERENCES, plugins: true } } }
      : { action: 'deny' },
  );
}

export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
