// The Electron shell: one window on app://sohoa, the station's core behind one IPC router.
// Everything the station does lives in electron/core; this file only wires it to a window.
import { BrowserWindow, app, dialog, session } from 'electron';
import { join } from 'node:path';
import { defaultDataDir } from '../core/paths';
import { type Station, openStation } from '../core/station';
import { isStationError } from '../core/errors';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { installIpcRouter } from './ipc-router';
import { keychainSecrets, keychainStationKey } from './keychain';
import { SECURE_WEB_PREFERENCES, denyPermissions, hardenWebContents, removeDefaultMenu } from './security';

const here = import.meta.dirname; // out/main
const repoRoot = join(here, '..', '..');

registerAppScheme();
// Chromium formats date and number fields by its own locale, not the page's language: without
// this, a Vietnamese counter PC with an English Windows shows dates as mm/dd/yyyy. Dates at the
// counter are dd/mm/yyyy whichever language the officer reads the UI in.
app.commandLine.appendSwitch('lang', 'vi');
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

async function start(): Promise<void> {
  let station: Station;
  try {
    const dataDir = defaultDataDir();
    const keychain = keychainStationKey();
    station = await openStation({
      dataDir,
      secrets: keychainSecrets(dataDir),
      ...(keychain ? { keychain } : {}),
      workersDir: app.isPackaged ? join(process.resourcesPath, 'native') : join(repoRoot, 'native', 'build'),
      assetsDir: app.isPackaged ? join(process.resourcesPath, 'assets') : join(repoRoot, 'assets'),
      resumeBackgroundWork: true,
    });
  } catch (e) {
    const text = isStationError(e) ? `${e.toWire().message.vi}\n\n${e.toWire().message.en}` : String(e);
    dialog.showErrorBox('Trạm Số hóa — SoHoa Station', text);
    app.exit(1);
    return;
  }
  denyPermissions(session.defaultSession);
  removeDefaultMenu();
  serveAppProtocol(station, join(here, '..', 'renderer'));
  const removeRouter = installIpcRouter(station);

  const win = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Trạm Số hóa',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: join(here, '..', 'preload', 'index.cjs') },
  });
  win.once('ready-to-show', () => win.show());
  await win.loadURL('app://sohoa/index.html');

  app.on('window-all-closed', () => {
    removeRouter();
    // Running scans stop and keep their pages; then the database closes.
    void station.close().finally(() => app.quit());
  });
}

if (!app.requestSingleInstanceLock()) app.quit();
else void app.whenReady().then(start);
