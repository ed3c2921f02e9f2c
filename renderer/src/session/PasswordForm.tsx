// The sign-in page and the lock screen. Signing in, the page says what just happened (the first
// account made, someone signed out) and offers the language; locked, the screen hides the work
// completely (a citizen's id must not stay readable behind it) and lets another person take the
// station: "switch user" signs this one out.
import { type FormEvent, useState } from 'react';
import type { SessionState, WireError } from '../../../electron/contract';
import { StationCallError } from '../client/client';
import { useClient } from '../client/context';
import { ErrorBanner } from '../common/ErrorBanner';
import { useI18n } from '../i18n';
import { LanguageSelect } from './LanguageSelect';

/** Why the sign-in page is shown now, said on it. */
export type SignInNotice = 'first-account' | 'signed-out';

export function PasswordForm({
  mode,
  name = '',
  notice = null,
  onDone,
  onSwitchUser,
}: {
  mode: 'sign-in' | 'unlock';
  name?: string;
  notice?: SignInNotice | null;
  onDone: (s: SessionState) => void;
  onSwitchUser?: () => void;
}) {
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
    <Page className={mode === 'unlock' ? 'session-overlay' : 'session-page'} role={mode === 'unlock' ? 'dialog' : undefined} aria-modal={mode === 'unlock' ? true : undefined} aria-labelledby="session-title">
      <form className="session-form" onSubmit={(e) => void submit(e)} aria-labelledby="session-title">
        <div className="session-form-head">
          <Title id="session-title">{mode === 'sign-in' ? t('signInTitle') : t('lockedTitle')}</Title>
          {mode === 'sign-in' && <LanguageSelect className="language session-language" />}
        </div>
        {mode === 'sign-in' && notice && (
          <p className="session-notice" role="status">
            {t(notice === 'first-account' ? 'signInNoticeFirstAccount' : 'signInNoticeSignedOut')}
          </p>
        )}
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
        {mode === 'unlock' && onSwitchUser && (
          <button type="button" className="link-button" onClick={onSwitchUser}>
            {t('lockSwitchUser')}
          </button>
        )}
      </form>
    </Page>
  );
}
