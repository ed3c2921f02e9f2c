// The preload: one function per contract method on window.sohoa, plus event subscription.
// Nothing else of Electron or Node reaches the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { METHOD_NAMES } from '../contract/method-names';

const CALL_CHANNEL = 'sohoa:call';
const EVENT_CHANNEL = 'sohoa:event';

const methods = Object.fromEntries(METHOD_NAMES.map((name) => [name, (input: unknown) => ipcRenderer.invoke(CALL_CHANNEL, name, input)]));

contextBridge.exposeInMainWorld('sohoa', {
  ...methods,
  onEvent(listener: (name: string, payload: unknown) => void): () => void {
    const relay = (_event: IpcRendererEvent, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on(EVENT_CHANNEL, relay);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, relay);
  },
});
