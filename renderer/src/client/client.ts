// The renderer's only way to the station: the contract, over Electron IPC (window.sohoa, from
// the preload) or over the browser-mode WebSocket. Both carry the same call/result pairs.
import type { EventName, EventPayload, EventSink, MethodInput, MethodName, MethodOutput, WireError } from '../../../electron/contract';
import { connectWebSocket } from './ws-client';

/** What the preload exposes: one function per contract method, and event subscription. */
export type PreloadApi = {
  readonly [M in MethodName]: (input: unknown) => Promise<{ ok: true; output: unknown } | { ok: false; error: WireError }>;
} & {
  readonly onEvent: (listener: (name: string, payload: unknown) => void) => () => void;
  /** The system's Open/Save dialog (desktop app only): the paths the person picked, which the
   * station then accepts from this window (electron/main/ipc-router.ts). */
  readonly choosePath?: (request: ChoosePathRequest) => Promise<string[] | null>;
};

export interface ChoosePathRequest {
  readonly use: 'read' | 'write' | 'folder';
  readonly multiple?: boolean;
  readonly filters?: { name: string; extensions: string[] }[];
  readonly defaultName?: string;
}

/** The system's file dialog, where there is one (the desktop app); null in browser mode. */
export function systemDialog(): ((request: ChoosePathRequest) => Promise<string[] | null>) | null {
  const choose = window.sohoa?.choosePath;
  return choose ? (request) => choose(request) : null;
}

declare global {
  interface Window {
    sohoa?: PreloadApi;
  }
}

/** A call that the station answered with an error. */
export class StationCallError extends Error {
  constructor(readonly error: WireError) {
    super(error.message.en);
  }
}

export interface StationClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Every event the station sends this client; returns the unsubscribe function. */
  subscribe(sink: EventSink): () => void;
}

function fromPreload(api: PreloadApi): StationClient {
  return {
    async call(method, input) {
      const result = await api[method](input);
      if (!result.ok) throw new StationCallError(result.error);
      return result.output as MethodOutput<typeof method>;
    },
    subscribe(sink) {
      return api.onEvent((name, payload) => sink(name as EventName, payload as EventPayload<EventName>));
    },
  };
}

export function createClient(): StationClient {
  return window.sohoa ? fromPreload(window.sohoa) : connectWebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/rpc`);
}

/** The session's file key (session.state): page images and PDFs are served only with it, to a
 * session that may act and may read them. Set by the session gate whenever the state arrives. */
let fileKey = '';
export function setFileKey(key: string): void {
  fileKey = key;
}

/** Page images by id, the same URL under both shells (never base64 over the contract).
 * `version` (the page's image sha256): a page's image is replaced in place by a hand edit or the
 * background processing; the URL names one image, so the view redraws when it changes. */
export const pageImageUrl = (pageId: string, size: 'thumb' | 'image' | 'original', version?: string) =>
  `/pages/${pageId}/${size}?${new URLSearchParams({ ...(version ? { v: version } : {}), k: fileKey }).toString()}`;
export const documentPdfUrl = (documentId: string) => `/documents/${documentId}/pdf?${new URLSearchParams({ k: fileKey }).toString()}`;
