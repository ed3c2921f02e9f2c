// The one IPC router: every call names a contract method; the sender must be our own app://
// page; the input is validated by the same dispatcher the CLI and browser mode use. Paths in a
// call must be ones the window's person picked in a system dialog (CHOOSE_CHANNEL): a page that
// was tricked into naming /etc/passwd or a file to overwrite gets path-not-allowed.
import { BrowserWindow, type WebContents, dialog, ipcMain } from 'electron';
import { resolve } from 'node:path';
import { type PathUse, formatError } from '../contract';
import { createHandlers, dispatch } from '../core/dispatch';
import { mayReceive } from '../core/auth/event-audience';
import { dialogGate } from '../core/auth/path-gate';
import type { Session } from '../core/auth/session';
import type { Station } from '../core/station';
import { isAppUrl } from './security';

export const CALL_CHANNEL = 'sohoa:call';
export const EVENT_CHANNEL = 'sohoa:event';
export const CHOOSE_CHANNEL = 'sohoa:choose';

/** What the renderer may ask a dialog for (preload: window.sohoa.choosePath). */
interface ChooseRequest {
  readonly use: PathUse;
  readonly multiple?: boolean;
  /** File kinds offered, e.g. [{ name: 'PDF', extensions: ['pdf'] }]. */
  readonly filters?: { name: string; extensions: string[] }[];
  readonly defaultName?: string;
}

function parseChoose(raw: unknown): ChooseRequest | null {
  if (raw === null || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  if (r.use !== 'read' && r.use !== 'write' && r.use !== 'folder') return null;
  const filters = Array.isArray(r.filters)
    ? r.filters.filter((f): f is { name: string; extensions: string[] } => typeof f?.name === 'string' && Array.isArray(f.extensions) && f.extensions.every((e: unknown) => typeof e === 'string' && /^[\w*]{1,10}$/.test(e))).slice(0, 10)
    : undefined;
  return { use: r.use, multiple: r.multiple === true, ...(filters ? { filters } : {}), ...(typeof r.defaultName === 'string' ? { defaultName: r.defaultName.slice(0, 200) } : {}) };
}

export function installIpcRouter(station: Station): () => void {
  const handlers = createHandlers(station);
  // A session per window (its webContents), signed in and locked on its own, and the paths its
  // person picked (each for the use its dialog was for).
  const windows = new Map<number, { session: Session; granted: Map<string, Set<PathUse>> }>();
  const windowOf = (sender: WebContents) => {
    let w = windows.get(sender.id);
    if (!w) {
      windows.set(sender.id, (w = { session: station.auth.newSession(), granted: new Map() }));
      sender.once('destroyed', () => windows.delete(sender.id));
    }
    return w;
  };
  const fromOurPage = (event: Electron.IpcMainInvokeEvent) => {
    const frame = event.senderFrame;
    return frame !== null && isAppUrl(frame.url) && frame.parent === null;
  };

  ipcMain.handle(CALL_CHANNEL, async (event, method: unknown, input: unknown) => {
    if (!fromOurPage(event)) return { ok: false, error: formatError('unauthorized') };
    const w = windowOf(event.sender);
    const paths = dialogGate((path, use) => w.granted.get(path)?.has(use) ?? false);
    return dispatch(station, handlers, String(method), input, {
      session: w.session,
      paths,
      emit: (name, payload) => {
        if (!event.sender.isDestroyed()) event.sender.send(EVENT_CHANNEL, name, payload);
      },
    });
  });

  ipcMain.handle(CHOOSE_CHANNEL, async (event, raw: unknown) => {
    if (!fromOurPage(event)) return null;
    const req = parseChoose(raw);
    const win = BrowserWindow.fromWebContents(event.sender);
    if (!req || !win) return null;
    const w = windowOf(event.sender);
    let chosen: string[];
    if (req.use === 'write') {
      // The system's Save dialog asks before replacing a file: that is the person's confirmation.
      const r = await dialog.showSaveDialog(win, { ...(req.filters ? { filters: req.filters } : {}), ...(req.defaultName ? { defaultPath: req.defaultName } : {}) });
      chosen = r.canceled || !r.filePath ? [] : [r.filePath];
    } else {
      const r = await dialog.showOpenDialog(win, {
        properties: [req.use === 'folder' ? 'openDirectory' : 'openFile', ...(req.multiple ? (['multiSelections'] as const) : []), ...(req.use === 'folder' ? (['createDirectory'] as const) : [])],
        ...(req.filters ? { filters: req.filters } : {}),
      });
      chosen = r.canceled ? [] : r.filePaths;
    }
    for (const path of chosen) {
      const key = resolve(path);
      w.granted.set(key, new Set([...(w.granted.get(key) ?? []), req.use]));
    }
    return chosen;
  });

  const changed = (id: string, owner?: string | null) => {
    for (const win of BrowserWindow.getAllWindows()) {
      const w = windows.get(win.webContents.id);
      if (w && mayReceive(station, w.session, id, owner)) win.webContents.send(EVENT_CHANNEL, 'documents.changed', { id });
    }
  };
  const syncChanged = () => {
    for (const win of BrowserWindow.getAllWindows()) {
      const w = windows.get(win.webContents.id);
      if (w && station.auth.callerOf(w.session) !== null) win.webContents.send(EVENT_CHANNEL, 'sync.changed', {});
    }
  };
  station.events.on('documents.changed', changed);
  station.events.on('sync.changed', syncChanged);
  // Scanners are no one's data (devices.list is everyone's): every window hears of a change.
  const devicesChanged = () => {
    for (const win of BrowserWindow.getAllWindows()) if (windows.has(win.webContents.id)) win.webContents.send(EVENT_CHANNEL, 'devices.changed', {});
  };
  station.events.on('devices.changed', devicesChanged);
  return () => {
    ipcMain.removeHandler(CALL_CHANNEL);
    ipcMain.removeHandler(CHOOSE_CHANNEL);
    station.events.off('documents.changed', changed);
    station.events.off('sync.changed', syncChanged);
    station.events.off('devices.changed', devicesChanged);
  };
}
