import { type ReactNode, createContext, useContext, useState } from 'react';
import { StationCallError, type StationClient, createClient } from './client';

const ClientContext = createContext<StationClient | null>(null);

/** Sent on window when a call was refused for want of a session (signed out, or locked after
 * idle): the session gate asks the station and shows its form. */
export const SESSION_NEEDED_EVENT = 'sohoa:session-needed';

function signallingSession(client: StationClient): StationClient {
  return {
    ...client,
    async call(method, input) {
      try {
        return await client.call(method, input);
      } catch (e) {
        if (e instanceof StationCallError && (e.error.code === 'login-required' || e.error.code === 'session-locked')) window.dispatchEvent(new Event(SESSION_NEEDED_EVENT));
        throw e;
      }
    },
  };
}

export function ClientProvider({ children, client }: { children: ReactNode; client?: StationClient }) {
  const [value] = useState(() => signallingSession(client ?? createClient()));
  return <ClientContext.Provider value={value}>{children}</ClientContext.Provider>;
}

export function useClient(): StationClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside ClientProvider');
  return client;
}
