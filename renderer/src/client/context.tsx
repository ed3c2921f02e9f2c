import { type ReactNode, createContext, useContext, useState } from 'react';
import { type StationClient, createClient } from './client';

const ClientContext = createContext<StationClient | null>(null);

export function ClientProvider({ children, client }: { children: ReactNode; client?: StationClient }) {
  const [value] = useState(() => client ?? createClient());
  return <ClientContext.Provider value={value}>{children}</ClientContext.Provider>;
}

export function useClient(): StationClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside ClientProvider');
  return client;
}
