// The supervisor's screen, in three views: sync with the provincial store and the rates the
// province reports; each officer's activity; the audit log and its chain check. Alt+Shift+1…3
// switch views (the app's own tabs keep Alt+1…).
import { useState } from 'react';
import { useI18n } from '../i18n';
import { digitOf } from '../shortcuts/registry';
import { useShortcut } from '../shortcuts/useShortcut';
import { ActivityPanel, type AuditFocus } from './ActivityPanel';
import { AuditPanel } from './AuditPanel';
import { RatesPanel } from './RatesPanel';
import { SyncPanel } from './SyncPanel';

const VIEWS = ['sync', 'activity', 'audit'] as const;
type View = (typeof VIEWS)[number];
const LABELS = { sync: 'supViewSync', activity: 'supViewActivity', audit: 'supViewAudit' } as const;

export function SupervisorScreen() {
  const { t } = useI18n();
  const [view, setView] = useState<View>('sync');
  const [focus, setFocus] = useState<AuditFocus | null>(null);
  useShortcut('supervisor.view', (e) => setView(VIEWS[(digitOf(e) ?? 1) - 1] ?? 'sync'));
  return (
    <div className="supervisor">
      <nav className="subtabs" aria-label={t('navSupervisor')}>
        {VIEWS.map((v, i) => (
          <button key={v} type="button" className={view === v ? 'subtab active' : 'subtab'} aria-current={view === v ? 'page' : undefined} aria-keyshortcuts={`Alt+Shift+${i + 1}`} onClick={() => setView(v)}>
            {t(LABELS[v])}
          </button>
        ))}
      </nav>
      {view === 'sync' && (
        <div className="supervisor-screen">
          <SyncPanel />
          <RatesPanel />
        </div>
      )}
      {view === 'activity' && (
        <div className="supervisor-view">
          <ActivityPanel
            onShowAudit={(f) => {
              setFocus(f);
              setView('audit');
            }}
          />
        </div>
      )}
      {view === 'audit' && (
        <div className="supervisor-view">
          <AuditPanel focus={focus} />
        </div>
      )}
    </div>
  );
}
