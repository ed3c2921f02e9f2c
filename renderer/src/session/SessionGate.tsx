// Who is at the station: the first-start wizard on a station not set up yet, the sign-in form once
// the station has accounts, and the lock screen over the work (kept mounted underneath, so a scan
// in progress and its pages survive) when the core says the session locked after idle. The core
// enforces all three; this only shows them.
import { type ReactNode, createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { SessionState, SetupState } from '../../../electron/contract';
import { setFileKey } from '../client/client';
import { SESSION_NEEDED_EVENT, useClient } from '../client/context';
import { useI18n } from '../i18n';
import { DemonstrationBanner } from '../setup/DemonstrationBanner';
import { SetupWizard } from '../setup/SetupWizard';
import { type SignInNotice, PasswordForm } from './PasswordForm';

interface SessionApi {
  readonly state: SessionState;
  readonly setup: SetupState;
  lock(): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

export function useSession(): SessionApi | null {
  return useContext(SessionContext);
}

/** How often the lock screen checks whether the core locked the session. */
const POLL_MS = 15_000;

export function SessionGate({ children }: { children: ReactNode }) {
  const client = useClient();
  const { t } = useI18n();
  const [state, setSessionState] = useState<SessionState | null>(null);
  const [setup, setSetup] = useState<SetupState | null>(null);
  // The wizard stays open from its first step to its last, whatever the station's state says
  // meanwhile (it finishes the set-up before the officer's key step).
  const [wizard, setWizard] = useState(false);
  const [notice, setNotice] = useState<SignInNotice | null>(null);
  const hadAccounts = useRef<boolean | null>(null);
  // The file key first, so that every image the new state renders carries it.
  const setState = useCallback((s: SessionState) => {
    setFileKey(s.fileKey);
    // The first account was just made (Settings → Accounts on a station without any): the sign-in
    // that follows says so, instead of appearing bare.
    if (hadAccounts.current === false && s.accountsExist && !s.user) setNotice('first-account');
    hadAccounts.current = s.accountsExist;
    setSessionState(s);
  }, []);
  const refresh = useCallback(
    () =>
      Promise.all([client.call('session.state', {}), client.call('setup.state', {})]).then(([s, st]) => {
        setState(s);
        setSetup(st);
        if (st.status === 'needed' || (st.status === 'continuing' && s.user?.role === 'admin')) setWizard(true);
      }, () => undefined),
    [client, setState],
  );
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    window.addEventListener(SESSION_NEEDED_EVENT, refresh);
    return () => {
      clearInterval(timer);
      window.removeEventListener(SESSION_NEEDED_EVENT, refresh);
    };
  }, [refresh]);

  if (!state || !setup) return <p className="loading">{t('loading')}</p>;
  if (wizard)
    return (
      <SetupWizard
        setup={setup}
        session={state}
        onSession={setState}
        onSetup={setSetup}
        onClose={() => {
          setWizard(false);
          void refresh();
        }}
      />
    );
  if (state.accountsExist && !state.user)
    return (
      <PasswordForm
        mode="sign-in"
        notice={notice}
        onDone={(s) => {
          setNotice(null);
          setState(s);
        }}
      />
    );
  const api: SessionApi = {
    state,
    setup,
    lock: () => client.call('session.lock', {}).then(setState),
    signOut: () =>
      client.call('session.logout', {}).then((s) => {
        setNotice('signed-out');
        setState(s);
      }),
  };
  return (
    <SessionContext.Provider value={api}>
      <div className="session-work" inert={state.locked} aria-hidden={state.locked}>
        {setup.status === 'demonstration' && <DemonstrationBanner onSetUp={() => setWizard(true)} />}
        {children}
      </div>
      {state.locked && <PasswordForm mode="unlock" name={state.user?.displayName ?? ''} onDone={setState} onSwitchUser={() => void api.signOut()} />}
    </SessionContext.Provider>
  );
}

/** The signed-in person in the header, with Lock and Sign out. */
export function UserBadge() {
  const session = useSession();
  const { t } = useI18n();
  const user = session?.state.user;
  if (!session || !user) return null;
  return (
    <div className="user-badge">
      <span>{t('signedInAs', { name: user.displayName, role: t(`role_${user.role}`) })}</span>
      <button type="button" onClick={() => void session.lock()}>
        {t('lockNow')}
      </button>
      <button type="button" onClick={() => void session.signOut()}>
        {t('signOut')}
      </button>
    </div>
  );
}
