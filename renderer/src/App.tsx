import { useState } from 'react';
import { DocumentList } from './documents/DocumentList';
import { type Language, useI18n } from './i18n';
import { ScanScreen } from './scan/ScanScreen';
import { IntakeScreen } from './intake/IntakeScreen';
import { SupervisorScreen } from './supervisor/SupervisorScreen';
import { ArchiveScreen } from './archive/ArchiveScreen';
import { SettingsScreen } from './settings/SettingsScreen';
import { UserBadge } from './session/SessionGate';
import { SCREENS, type ScreenName as Screen, digitOf } from './shortcuts/registry';
import { ShortcutHelp } from './shortcuts/ShortcutHelp';
import { ActiveScreen, useShortcut } from './shortcuts/useShortcut';

export function App() {
  const { t, lang, setLang } = useI18n();
  const [screen, setScreen] = useState<Screen>('scan');
  // Alt+1…6: the tabs in their order (the registry lists it in the "?" overlay).
  useShortcut('app.screen', (e) => setScreen(SCREENS[(digitOf(e) ?? 1) - 1] ?? screen));
  return (
    <ActiveScreen.Provider value={screen}>
    <div className="app">
      <header className="app-header">
        <h1 className="app-name">{t('appName')}</h1>
        <nav className="tabs" aria-label={t('appName')}>
          <button type="button" className={screen === 'intake' ? 'tab active' : 'tab'} aria-current={screen === 'intake' ? 'page' : undefined} onClick={() => setScreen('intake')}>
            {t('navIntake')}
          </button>
          <button type="button" className={screen === 'scan' ? 'tab active' : 'tab'} aria-current={screen === 'scan' ? 'page' : undefined} onClick={() => setScreen('scan')}>
            {t('navScan')}
          </button>
          <button type="button" className={screen === 'archive' ? 'tab active' : 'tab'} aria-current={screen === 'archive' ? 'page' : undefined} onClick={() => setScreen('archive')}>
            {t('navArchive')}
          </button>
          <button type="button" className={screen === 'documents' ? 'tab active' : 'tab'} aria-current={screen === 'documents' ? 'page' : undefined} onClick={() => setScreen('documents')}>
            {t('navDocuments')}
          </button>
          <button type="button" className={screen === 'supervisor' ? 'tab active' : 'tab'} aria-current={screen === 'supervisor' ? 'page' : undefined} onClick={() => setScreen('supervisor')}>
            {t('navSupervisor')}
          </button>
          <button type="button" className={screen === 'settings' ? 'tab active' : 'tab'} aria-current={screen === 'settings' ? 'page' : undefined} onClick={() => setScreen('settings')}>
            {t('navSettings')}
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
        <div className="screen" hidden={screen !== 'intake'}>
          <IntakeScreen shown={screen === 'intake'} />
        </div>
        <div className="screen" hidden={screen !== 'scan'}>
          <ScanScreen />
        </div>
        <div className="screen" hidden={screen !== 'documents'}>
          <DocumentList />
        </div>
        {screen === 'archive' && (
          <div className="screen">
            <ArchiveScreen />
          </div>
        )}
        {screen === 'supervisor' && (
          <div className="screen">
            <SupervisorScreen />
          </div>
        )}
        {screen === 'settings' && (
          <div className="screen">
            <SettingsScreen />
          </div>
        )}
      </main>
      <ShortcutHelp screen={screen} />
    </div>
    </ActiveScreen.Provider>
  );
}
