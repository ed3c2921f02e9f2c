// The one IPC router: every call names a contract method; the sender must be our own app://
// page; the input is validated by the same dispatcher the CLI and browser mode use.
import { BrowserWindow, ipcMain } from 'electron';
import { formatError } from '../contract';
import { createHandlers, dispatch } from '../core/dispatch';
import type { Session } from '../core/auth/session';
import type { Station } from '../core/station';
import { isAppUrl } from './security';

export const CALL_CHANNEL = 'sohoa:call';
export const EVENT_CHANNEL = 'sohoa:event';

export function installIpcRouter(station: Station): () => void {
  const handlers = createHandlers(station);
  // A session per window (its webContents), signed in and locked on its own.
  const sessions = new Map<number, Session>();
  const sessionOf = (id: number) => {
    let session = sessions.get(id);
    if (!session) sessions.set(id, (session = station.auth.newSession()));
    return session;
  };
  ipcMain.handle(CALL_CHANNEL, async (event, method: unknown, input: unknown) => {
    const frame = event.senderFrame;
    if (!frame || !isAppUrl(frame.url) || frame.parent !== null) return { ok: false, error: formatError('unauthorized') };
    if (!sessions.has(event.sender.id)) event.sender.once('destroyed', () => sessions.delete(event.sender.id));
    return dispatch(station, handlers, String(method), input, {
      session: sessionOf(event.sender.id),
      emit: (name, payload) => {
        if (!event.sender.isDestroyed()) event.sender.send(EVENT_CHANNEL, name, payload);
      },
    });
  });
  const changed = (id: string) => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(EVENT_CHANNEL, 'documents.changed', { id });
  };
  const syncChanged = () => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(EVENT_CHANNEL, 'sync.changed', {});
  };
  station.events.on('documents.changed', changed);
  station.events.on('sync.changed', syncChanged);
  return () => {
    ipcMain.removeHandler(CALL_CHANNEL);
    station.events.off('documents.changed', changed);
    station.events.off('sync.changed', syncChanged);
  };
}
