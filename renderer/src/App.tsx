import { useState } from 'react';
import { DocumentList } from './documents/DocumentList';
import { type Language, useI18n } from './i18n';
import { ScanScreen } from './scan/ScanScreen';
import { SupervisorScreen } from './supervisor/SupervisorScreen';
import { UserBadge } from './session/SessionGate';

type Screen = 'scan' | 'documents' | 'supervisor';

export function App() {
  const { t, lang, setLang } = useI18n();
  const [screen, setScreen] = useState<Screen>('scan');
  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-name">{t('appName')}</h1>
        <nav className="tabs" aria-label={t('appName')}>
          <button type="button" className={screen === 'scan' ? 'tab active' : 'tab'} aria-current={screen === 'scan' ? 'page' : undefined} onClick={() => setScreen('scan')}>
            {t('navScan')}
          </button>
          <button type="button" className={screen === 'documents' ? 'tab active' : 'tab'} aria-current={screen === 'documents' ? 'page' : undefined} onClick={() => setScreen('documents')}>
            {t('navDocuments')}
          </button>
          <button type="button" className={screen === 'supervisor' ? 'tab active' : 'tab'} aria-current={screen === 'supervisor' ? 'page' : undefined} onClick={() => setScreen('supervisor')}>
            {t('navSupervisor')}
          </button>
        </nav>
        <UserBadge />
        <label className="language">
          <span>{t('language')}</span>
          <select value={lang} onChange={(e) => setLang(e.target.value as Language)}>
            <option value="vi">Tiếng Việt</option>
            <option value="en">English</option>
          </select>
        </label>
      </header>
      {/* Both screens stay mounted: a scan in progress, its pages and the choices survive a look at the list. */}
      <main className="app-main">
        <div className="screen" hidden={screen !== 'scan'}>
          <ScanScreen />
        </div>
        <div className="screen" hidden={screen !== 'documents'}>
          <DocumentList />
        </div>
        {screen === 'supervisor' && (
          <div className="screen">
            <SupervisorScreen />
          </div>
        )}
      </main>
    </div>
  );
}
