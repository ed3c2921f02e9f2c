import { useState } from 'react';
import { DocumentList } from './documents/DocumentList';
import { type MessageKey, useI18n } from './i18n';
import { ScanScreen } from './scan/ScanScreen';
import { IntakeScreen } from './intake/IntakeScreen';
import { SupervisorScreen } from './supervisor/SupervisorScreen';
import { ArchiveScreen } from './archive/ArchiveScreen';
import { SettingsScreen } from './settings/SettingsScreen';
import { UserBadge, useSession } from './session/SessionGate';
import { LanguageSelect } from './session/LanguageSelect';
import { landingOf, screensOf } from './session/screens-by-role';
import { type ScreenName as Screen, digitOf } from './shortcuts/registry';
import { ShortcutHelp } from './shortcuts/ShortcutHelp';
import { ActiveScreen, useShortcut } from './shortcuts/useShortcut';

const TAB_LABEL: Readonly<Record<Screen, MessageKey>> = {
  intake: 'navIntake',
  scan: 'navScan',
  archive: 'navArchive',
  documents: 'navDocuments',
  supervisor: 'navSupervisor',
  settings: 'navSettings',
};

export function App() {
  const { t } = useI18n();
  const session = useSession();
  // Before any account (a demonstration) the station is its own administrator: every tab. Signed
  // in, the role's tabs (session/screens-by-role.ts).
  const user = session?.state.user ?? null;
  const role = user?.role ?? 'admin';
  const tabs = screensOf(role);
  // No account: a demonstration starts at the counter; a station run without the wizard (sohoa
  // serve --no-wizard: development, the tests) at the scan screen, as it always has.
  const [screen, setScreen] = useState<Screen>(() => (user ? landingOf(role, session?.setup.status !== 'done') : session?.setup.status === 'demonstration' ? 'intake' : 'scan'));
  // Alt+1…n: the visible tabs in their order (the registry lists it in the "?" overlay).
  useShortcut('app.screen', (e) => setScreen(tabs[(digitOf(e) ?? 1) - 1] ?? screen));
  const has = (s: Screen) => tabs.includes(s);
  return (
    <ActiveScreen.Provider value={screen}>
    <div className="app">
      <header className="app-header">
        <h1 className="app-name">{t('appName')}</h1>
        <nav className="tabs" aria-label={t('appName')}>
          {tabs.map((s, i) => (
            <button key={s} type="button" className={screen === s ? 'tab active' : 'tab'} aria-current={screen === s ? 'page' : undefined} aria-keyshortcuts={`Alt+${i + 1}`} onClick={() => setScreen(s)}>
              {t(TAB_LABEL[s])}
            </button>
          ))}
        </nav>
        <UserBadge />
        <LanguageSelect />
      </header>
      {/* The intake, scan and documents screens stay mounted: a scan in progress, its pages and the choices survive a look at the list. */}
      <main className="app-main">
        {has('intake') && (
          <div className="screen" hidden={screen !== 'intake'}>
            <IntakeScreen shown={screen === 'intake'} />
          </div>
        )}
        {has('scan') && (
          <div className="screen" hidden={screen !== 'scan'}>
            <ScanScreen />
          </div>
        )}
        {has('documents') && (
          <div className="screen" hidden={screen !== 'documents'}>
            <DocumentList />
          </div>
        )}
        {screen === 'archive' && has('archive') && (
          <div className="screen">
            <ArchiveScreen />
          </div>
        )}
        {screen === 'supervisor' && has('supervisor') && (
          <div className="screen">
            <SupervisorScreen />
          </div>
        )}
        {screen === 'settings' && has('settings') && (
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
