// The station's settings, one section at a time: identity, scanners, signing, the provincial
// store, accounts. What the signed-in role may change is editable; the rest is shown read-only,
// and accounts only to administrators — the core enforces the same (contract/policy.ts).
import { useState } from 'react';
import { ErrorBanner } from '../common/ErrorBanner';
import { type MessageKey, useI18n } from '../i18n';
import { useSession } from '../session/SessionGate';
import { digitOf } from '../shortcuts/registry';
import { useShortcut } from '../shortcuts/useShortcut';
import { FilesSection } from './FilesSection';
import { IdentitySection } from './IdentitySection';
import { RateTargetsSection } from './RateTargetsSection';
import { ScanSection } from './ScanSection';
import { SigningSection } from './SigningSection';
import { SyncSection } from './SyncSection';
import { UsersSection } from './UsersSection';
import { useSettings } from './useSettings';

type SectionName = 'identity' | 'scanners' | 'signing' | 'files' | 'sync' | 'users';
const LABELS: Readonly<Record<SectionName, MessageKey>> = { identity: 'setIdentity', scanners: 'setScanners', signing: 'setSigning', files: 'setFiles', sync: 'setSync', users: 'setUsers' };

export function SettingsScreen() {
  const { t } = useI18n();
  const session = useSession();
  // Before the first account the station acts as its own administrator (the core's rule).
  const isAdmin = !session || !session.state.accountsExist || session.state.user?.role === 'admin';
  const sections: SectionName[] = isAdmin ? ['identity', 'scanners', 'signing', 'files', 'sync', 'users'] : ['identity', 'scanners', 'signing', 'files', 'sync'];
  const [current, setCurrent] = useState<SectionName>('identity');
  const { settings, loadError, save, reload } = useSettings();

  useShortcut('settings.section', (e) => {
    const section = sections[(digitOf(e) ?? 1) - 1];
    if (section) setCurrent(section);
  });

  return (
    <div className="settings-screen">
      <nav className="settings-nav" aria-label={t('navSettings')}>
        {sections.map((s, i) => (
          <button key={s} type="button" className={current === s ? 'subtab active' : 'subtab'} aria-current={current === s ? 'page' : undefined} aria-keyshortcuts={`Alt+Shift+${i + 1}`} onClick={() => setCurrent(s)}>
            {t(LABELS[s])}
          </button>
        ))}
      </nav>
      <div className="settings-body">
        {loadError && <ErrorBanner error={loadError} onDismiss={() => undefined} />}
        {!settings && !loadError && <p className="muted">{t('loading')}</p>}
        {settings && current === 'identity' && (
          <>
            <IdentitySection settings={settings} save={save} editable={isAdmin} />
            <RateTargetsSection settings={settings} save={save} editable={isAdmin} />
          </>
        )}
        {settings && current === 'scanners' && <ScanSection settings={settings} save={save} editable={isAdmin} />}
        {settings && current === 'signing' && <SigningSection settings={settings} save={save} isAdmin={isAdmin} />}
        {settings && current === 'files' && <FilesSection settings={settings} save={save} editable={isAdmin} />}
        {settings && current === 'sync' && <SyncSection settings={settings} editable={isAdmin} onSaved={() => void reload()} />}
        {current === 'users' && isAdmin && <UsersSection />}
      </div>
    </div>
  );
}
