// The contract over the browser-mode WebSocket (electron/bridge/server.ts). The session cookie
// set by the printed URL authenticates it. It reconnects after a drop; calls made while the
// socket is down wait for it, and calls in flight when it drops fail with a clear error.
import { type EventName, type EventPayload, type EventSink, type ServerFrame, formatError } from '../../../electron/contract';
import { StationCallError, type StationClient } from './client';

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export function connectWebSocket(url: string): StationClient {
  let socket: WebSocket | null = null;
  let opened: Promise<WebSocket> | null = null;
  let nextId = 1;
  let retryMs = 250;
  const pending = new Map<number, Pending>();
  const sinks = new Set<EventSink>();

  const connect = (): Promise<WebSocket> => {
    if (opened) return opened;
    opened = new Promise((resolve) => {
      const ws = new WebSocket(url);
      ws.onopen = () => {
        socket = ws;
        retryMs = 250;
        resolve(ws);
      };
      ws.onmessage = (m) => {
        const frame = JSON.parse(String(m.data)) as ServerFrame;
        if (frame.t === 'event') {
          for (const sink of sinks) sink(frame.name as EventName, frame.payload as EventPayload<EventName>);
          return;
        }
        const p = pending.get(frame.id);
        if (!p) return;
        pending.delete(frame.id);
        if (frame.result.ok) p.resolve(frame.result.output);
        else p.reject(new StationCallError(frame.result.error));
      };
      ws.onclose = () => {
        socket = null;
        opened = null;
        const lost = formatError('internal', { detail: 'the connection to the station was lost', log: '—' });
        for (const p of pending.values()) p.reject(new StationCallError(lost));
        pending.clear();
        setTimeout(() => void connect(), retryMs);
        retryMs = Math.min(retryMs * 2, 5000);
      };
    });
    return opened;
  };
  void connect();

  return {
    async call(method, input) {
      const ws = socket ?? (await connect());
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        ws.send(JSON.stringify({ t: 'call', id, method, input }));
      });
    },
    subscribe(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
  };
}
