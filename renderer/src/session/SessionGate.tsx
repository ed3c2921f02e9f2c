// Who is at the station: the sign-in form once the station has accounts, and the lock screen over
// the work (kept mounted underneath, so a scan in progress and its pages survive) when the core
// says the session locked after idle. The core enforces both; this only shows them.
import { type FormEvent, type ReactNode, createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { SessionState, WireError } from '../../../electron/contract';
import { StationCallError, setFileKey } from '../client/client';
import { SESSION_NEEDED_EVENT, useClient } from '../client/context';
import { ErrorBanner } from '../common/ErrorBanner';
import { useI18n } from '../i18n';

interface SessionApi {
  readonly state: SessionState;
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
  // The file key first, so that every image the new state renders carries it.
  const setState = useCallback((s: SessionState) => {
    setFileKey(s.fileKey);
    setSessionState(s);
  }, []);
  const refresh = useCallback(() => client.call('session.state', {}).then(setState, () => undefined), [client, setState]);
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    window.addEventListener(SESSION_NEEDED_EVENT, refresh);
    return () => {
      clearInterval(timer);
      window.removeEventListener(SESSION_NEEDED_EVENT, refresh);
    };
  }, [refresh]);

  if (!state) return <p className="loading">{t('loading')}</p>;
  if (state.accountsExist && !state.user) return <PasswordForm mode="sign-in" onDone={setState} />;
  const api: SessionApi = {
    state,
    lock: () => client.call('session.lock', {}).then(setState),
    signOut: () => client.call('session.logout', {}).then(setState),
  };
  return (
    <SessionContext.Provider value={api}>
      <div inert={state.locked} aria-hidden={state.locked}>
        {children}
      </div>
      {state.locked && <PasswordForm mode="unlock" name={state.user?.displayName ?? ''} onDone={setState} />}
    </SessionContext.Provider>
  );
}

function PasswordForm({ mode, name = '', onDone }: { mode: 'sign-in' | 'unlock'; name?: string; onDone: (s: SessionState) => void }) {
  const client = useClient();
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onDone(mode === 'sign-in' ? await client.call('session.login', { username, password }) : await client.call('session.unlock', { password }));
    } catch (err) {
      if (!(err instanceof StationCallError)) throw err;
      setError(err.error);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };
  // Signing in, the form is the whole page: its main landmark and its level-one heading.
  const Page = mode === 'unlock' ? 'div' : 'main';
  const Title = mode === 'unlock' ? 'h2' : 'h1';
  return (
    <Page className={mode === 'unlock' ? 'session-overlay' : 'session-page'}>
      <form className="session-form" onSubmit={(e) => void submit(e)} aria-labelledby="session-title">
        <Title id="session-title">{mode === 'sign-in' ? t('signInTitle') : t('lockedTitle')}</Title>
        {mode === 'unlock' && <p>{t('lockedHint', { name })}</p>}
        {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
        {mode === 'sign-in' && (
          <label>
            <span>{t('signInUser')}</span>
            <input name="username" autoComplete="username" autoFocus required value={username} onChange={(e) => setUsername(e.target.value)} />
          </label>
        )}
        <label>
          <span>{t('signInPassword')}</span>
          <input name="password" type="password" autoComplete="current-password" autoFocus={mode === 'unlock'} required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {mode === 'sign-in' ? t('signIn') : t('unlock')}
        </button>
      </form>
    </Page>
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
