// Accounts for the administrator: the list, a new account, a role changed, an account disabled or
// enabled, a password reset. The core keeps the rules (the last administrator stays, names are
// unique, passwords long enough) and says which one a change broke.
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { Role, User } from '../../../electron/contract';
import { useClient } from '../client/context';
import { Dialog } from '../common/Dialog';
import { ErrorBanner } from '../common/ErrorBanner';
import { useI18n } from '../i18n';
import { useGuard } from '../supervisor/useGuard';
import { Field, described } from './Section';
import { type Problems, hasProblems, passwordProblem, usernameProblem } from './validate';

const ROLES: readonly Role[] = ['officer', 'archivist', 'supervisor', 'admin'];
const NEW = { username: '', displayName: '', role: 'officer' as Role, password: '', confirm: '' };

export function UsersSection() {
  const { t } = useI18n();
  const client = useClient();
  const [users, setUsers] = useState<User[] | null>(null);
  const [draft, setDraft] = useState(NEW);
  const [problems, setProblems] = useState<Problems<'username' | 'displayName' | 'password'>>({});
  const [resetting, setResetting] = useState<User | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const guard = useGuard();
  const { run } = guard;

  const load = useCallback(() => run(async () => setUsers(await client.call('users.list', {}))), [client, run]);
  useEffect(() => void load(), [load]);

  const change = (user: User, patch: { role?: Role; disabled?: boolean }, message: string) =>
    void run(async () => {
      await client.call('users.update', { id: user.id, ...patch });
      setNotice(message);
    }).then((ok) => ok && load());

  const create = (e: FormEvent) => {
    e.preventDefault();
    const found = {
      username: usernameProblem(draft.username) ?? undefined,
      displayName: draft.displayName.trim() ? undefined : ('usersDisplayNameMissing' as const),
      password: passwordProblem(draft.password, draft.confirm) ?? undefined,
    };
    setProblems(found);
    if (hasProblems(found)) return;
    void run(async () => {
      const made = await client.call('users.create', { username: draft.username.trim(), displayName: draft.displayName.trim(), role: draft.role, password: draft.password });
      setNotice(t('usersCreated', { name: made.displayName }));
      setDraft(NEW);
    }).then((ok) => ok && load());
  };

  return (
    <section className="panel settings-section users-section" aria-label={t('setUsers')}>
      <h2>{t('setUsers')}</h2>
      {guard.error && <ErrorBanner error={guard.error} onDismiss={() => guard.setError(null)} />}
      {notice && !guard.error && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {users && (
        <table className="doc-table compact">
          <thead>
            <tr>
              <th scope="col">{t('usersDisplayName')}</th>
              <th scope="col">{t('signInUser')}</th>
              <th scope="col">{t('actRole')}</th>
              <th scope="col">{t('colStatus')}</th>
              <th scope="col">
                <span className="sr-only">{t('colActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} data-testid="user-row">
                <th scope="row">{u.displayName}</th>
                <td className="mono">{u.username}</td>
                <td>
                  <select aria-label={t('usersRoleOf', { name: u.displayName })} value={u.role} onChange={(e) => change(u, { role: e.target.value as Role }, t('usersRoleChanged', { name: u.displayName }))}>
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`role_${r}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <span className={u.disabled ? 'status bad' : 'status ready'}>{t(u.disabled ? 'usersDisabled' : 'usersActive')}</span>
                </td>
                <td className="row-actions">
                  <button type="button" className="plain" onClick={() => change(u, { disabled: !u.disabled }, t(u.disabled ? 'usersEnabledNotice' : 'usersDisabledNotice', { name: u.displayName }))}>
                    {t(u.disabled ? 'usersEnable' : 'usersDisable')}
                  </button>
                  <button type="button" className="plain" onClick={() => setResetting(u)}>
                    {t('usersResetPassword')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="user-form" onSubmit={create} noValidate aria-label={t('usersAdd')}>
        <h3>{t('usersAdd')}</h3>
        <div className="field-grid">
          <Field id="new-username" label="signInUser" problem={problems.username} hint="usersNameHint">
            <input {...described('new-username', problems.username, true)} value={draft.username} onChange={(e) => setDraft({ ...draft, username: e.target.value })} autoComplete="off" spellCheck={false} />
          </Field>
          <Field id="new-display" label="usersDisplayName" problem={problems.displayName}>
            <input {...described('new-display', problems.displayName)} value={draft.displayName} onChange={(e) => setDraft({ ...draft, displayName: e.target.value })} autoComplete="off" />
          </Field>
          <Field id="new-role" label="actRole">
            <select {...described('new-role', null)} value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as Role })}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role_${r}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="new-password" label="signInPassword" problem={problems.password} hint="usersPasswordHint">
            <input {...described('new-password', problems.password, true)} type="password" value={draft.password} onChange={(e) => setDraft({ ...draft, password: e.target.value })} autoComplete="new-password" />
          </Field>
          <Field id="new-confirm" label="usersConfirmPassword">
            <input {...described('new-confirm', null)} type="password" value={draft.confirm} onChange={(e) => setDraft({ ...draft, confirm: e.target.value })} autoComplete="new-password" />
          </Field>
        </div>
        <div className="settings-actions">
          <button type="submit" className="primary" disabled={guard.busy}>
            {t('usersCreate')}
          </button>
        </div>
      </form>
      {resetting && (
        <ResetPassword
          user={resetting}
          onClose={() => setResetting(null)}
          onDone={(name) => {
            setResetting(null);
            setNotice(t('usersPasswordReset', { name }));
          }}
        />
      )}
    </section>
  );
}

function ResetPassword({ user, onClose, onDone }: { user: User; onClose: () => void; onDone: (name: string) => void }) {
  const { t } = useI18n();
  const client = useClient();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<ReturnType<typeof passwordProblem>>(null);
  const guard = useGuard();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = passwordProblem(password, confirm);
    setProblem(found);
    if (found) return;
    void guard.run(() => client.call('users.update', { id: user.id, password }).then(() => undefined)).then((ok) => ok && onDone(user.displayName));
  };
  return (
    <Dialog title={t('usersResetTitle', { name: user.displayName })} onClose={onClose}>
      <form className="sign-form" onSubmit={submit} noValidate>
        <Field id="reset-password" label="usersNewPassword" problem={problem} hint="usersPasswordHint">
          <input {...described('reset-password', problem, true)} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
        </Field>
        <Field id="reset-confirm" label="usersConfirmPassword">
          <input {...described('reset-confirm', null)} type="password" value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="new-password" />
        </Field>
        {guard.error && <ErrorBanner error={guard.error} onDismiss={() => guard.setError(null)} />}
        <div className="dialog-actions">
          <button type="button" className="plain" onClick={onClose}>
            {t('close')}
          </button>
          <button type="submit" className="primary" disabled={guard.busy}>
            {t('usersResetPassword')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
