// The preload: one function per contract method on window.sohoa, event subscription, and the
// system's Open/Save dialogs (the only way a path reaches the station from the desktop app).
// Nothing else of Electron or Node reaches the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { METHOD_NAMES } from '../contract/method-names';

const CALL_CHANNEL = 'sohoa:call';
const EVENT_CHANNEL = 'sohoa:event';
const CHOOSE_CHANNEL = 'sohoa:choose';

const methods = Object.fromEntries(METHOD_NAMES.map((name) => [name, (input: unknown) => ipcRenderer.invoke(CALL_CHANNEL, name, input)]));

contextBridge.exposeInMainWorld('sohoa', {
  ...methods,
  onEvent(listener: (name: string, payload: unknown) => void): () => void {
    const relay = (_event: IpcRendererEvent, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on(EVENT_CHANNEL, relay);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, relay);
  },
  choosePath(request: unknown): Promise<string[] | null> {
    return ipcRenderer.invoke(CHOOSE_CHANNEL, request) as Promise<string[] | null>;
  },
});
