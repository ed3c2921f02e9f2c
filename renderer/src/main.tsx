import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ClientProvider } from './client/context';
import { I18nProvider } from './i18n';
import { SessionGate } from './session/SessionGate';
import './styles.css';
import './record-font.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <ClientProvider>
        <SessionGate>
          <App />
        </SessionGate>
      </ClientProvider>
    </I18nProvider>
  </StrictMode>,
);
