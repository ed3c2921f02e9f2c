// The renderer's only way to the station: the contract, over Electron IPC (window.sohoa, from
// the preload) or over the browser-mode WebSocket. Both carry the same call/result pairs.
import type { EventName, EventPayload, EventSink, MethodInput, MethodName, MethodOutput, WireError } from '../../../electron/contract';
import { connectWebSocket } from './ws-client';

/** What the preload exposes: one function per contract method, and event subscription. */
export type PreloadApi = {
  readonly [M in MethodName]: (input: unknown) => Promise<{ ok: true; output: unknown } | { ok: false; error: WireError }>;
} & { readonly onEvent: (listener: (name: string, payload: unknown) => void) => () => void };

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

/** Page images by id, the same URL under both shells (never base64 over the contract). */
/** `version` (the page's image sha256): a page's image is replaced in place by a hand edit or the
 * background processing, and the station lets the browser cache a URL for good. */
export const pageImageUrl = (pageId: string, size: 'thumb' | 'image', version?: string) => `/pages/${pageId}/${size}${version ? `?v=${version}` : ''}`;
export const documentPdfUrl = (documentId: string) => `/documents/${documentId}/pdf`;
