// The people who work here: the counter officer first (the one who signs in at the end to choose
// their key), and any others now or later under Settings → Accounts. Made by the administrator
// just signed in, through the ordinary users.create.
import { type FormEvent, useState } from 'react';
import type { Role } from '../../../../electron/contract';
import { useClient } from '../../client/context';
import { ErrorBanner } from '../../common/ErrorBanner';
import { useI18n } from '../../i18n';
import { Field, described } from '../../settings/Section';
import { useStepCall } from '../useStepCall';
import { AccountFields, type AccountInput, accountProblems } from './AccountFields';

export interface MadeAccount {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  /** Kept in this page's memory only, to sign the officer in at the end of the wizard. */
  readonly password: string;
}

const ROLES: readonly Role[] = ['officer', 'archivist', 'supervisor', 'admin'];
const EMPTY: AccountInput = { displayName: '', username: '', password: '', repeat: '' };

export function AccountsStep({ busy: finishing, onFinish }: { busy: boolean; onFinish: (officer: MadeAccount | null) => void }) {
  const { t } = useI18n();
  const client = useClient();
  const [account, setAccount] = useState<AccountInput>(EMPTY);
  const [role, setRole] = useState<Role>('officer');
  const [shown, setShown] = useState(false);
  const [made, setMade] = useState<MadeAccount[]>([]);
  const { busy, error, dismiss, run } = useStepCall();
  const problems = accountProblems(account);
  const officer = made.find((a) => a.role === 'officer') ?? null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setShown(true);
    if (Object.values(problems).some(Boolean)) return;
    const input = { username: account.username.trim(), displayName: account.displayName.trim(), role, password: account.password };
    void run(() => client.call('users.create', input)).then((user) => {
      if (!user) return;
      setMade((m) => [...m, { ...input, username: user.username }]);
      setAccount(EMPTY);
      setRole('officer');
      setShown(false);
    });
  };
  return (
    <div className="setup-body">
      <p className="muted">{t('setupAccountsText')}</p>
      {made.length > 0 && (
        <ul className="setup-made" aria-label={t('setupAccountsMade')}>
          {made.map((a) => (
            <li key={a.username}>
              ✓ {a.displayName} ({a.username}) — {t(`role_${a.role}`)}
            </li>
          ))}
        </ul>
      )}
      {error && <ErrorBanner error={error} onDismiss={dismiss} />}
      <form className="setup-form" onSubmit={submit} noValidate aria-label={made.length ? t('setupAccountsAnother') : t('setupAccountsOfficer')}>
        <AccountFields prefix="setup-account" value={account} onChange={setAccount} problems={shown ? problems : {}} autoFocus />
        <Field id="setup-role" label="setupRole">
          <select {...described('setup-role', null)} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role_${r}`)}
              </option>
            ))}
          </select>
        </Field>
        <div className="setup-actions">
          <button type="submit" className={officer ? undefined : 'primary'} disabled={busy || finishing}>
            {t('setupAccountCreate')}
          </button>
        </div>
      </form>
      <div className="setup-actions setup-finish">
        {officer ? (
          <button type="button" className="primary" disabled={busy || finishing} onClick={() => onFinish(officer)}>
            {t('setupAccountsContinue', { name: officer.displayName })}
          </button>
        ) : (
          <button type="button" disabled={busy || finishing} onClick={() => onFinish(null)}>
            {t('setupAccountsSkip')}
          </button>
        )}
      </div>
    </div>
  );
}
