// The shell's defences (architecture.md, principle 6): only our own app:// pages, no navigation
// away, no new windows except the built-in PDF viewer for a stored document, no permission but the
// camera's (video only, our own pages), and in
// a packaged build no DevTools and no menu (the default one offers DevTools and a reload).
import { type BrowserWindowConstructorOptions, Menu, type Session, type WebContents, app } from 'electron';

export const APP_ORIGIN = 'app://sohoa';

/** DevTools only while developing: at the counter they would let whoever sits there run code in
 * the page that holds the signed-in officer's session and read every record it shows. The fuses
 * in electron-builder.yml close the other doors (--inspect, NODE_OPTIONS, ELECTRON_RUN_AS_NODE). */
export const DEVTOOLS_ALLOWED = !app.isPackaged;

export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
  devTools: DEVTOOLS_ALLOWED,
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
  // webPreferences.devTools already refuses them; should anything open them all the same (a
  // window made without SECURE_WEB_PREFERENCES), they close again at once.
  if (!DEVTOOLS_ALLOWED) contents.on('devtools-opened', () => contents.closeDevTools());
  contents.setWindowOpenHandler(({ url }) =>
    PDF_URL.test(url)
      ? { action: 'allow', overrideBrowserWindowOptions: { width: 1000, height: 800, autoHideMenuBar: true, webPreferences: { ...SECURE_WEB_PREFERENCES, plugins: true } } }
      : { action: 'deny' },
  );
}

/** A packaged build has no application menu: Electron's default one offers DevTools, reload and
 * zoom, none of which the counter needs (copy and paste work in text fields without it on Windows
 * and Linux). Call once the app is ready, before the first window. */
export function removeDefaultMenu(): void {
  if (app.isPackaged) Menu.setApplicationMenu(null);
}

/** No permission but one: the camera (issue 19, a document camera on the scan screen), video only,
 * asked for by our own app:// pages — never the microphone, never another page. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const media = details as { mediaTypes?: readonly string[]; requestingUrl?: string };
    callback(permission === 'media' && isAppUrl(media.requestingUrl ?? '') && (media.mediaTypes ?? []).length > 0 && (media.mediaTypes ?? []).every((t) => t === 'video'));
  });
  session.setPermissionCheckHandler((_contents, permission, origin, details) => permission === 'media' && isAppUrl(origin) && (details as { mediaType?: string }).mediaType !== 'audio');
}
