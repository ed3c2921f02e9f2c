// The station's first administrator: the only account made without signing in, so the station
// makes it only while it has none (the core refuses it afterwards: setup-closed).
import { type FormEvent, useState } from 'react';
import { useI18n } from '../../i18n';
import { AccountFields, type AccountInput, accountProblems } from './AccountFields';

export function AdminStep({ busy, onSubmit }: { busy: boolean; onSubmit: (v: { username: string; displayName: string; password: string }) => void }) {
  const { t } = useI18n();
  const [account, setAccount] = useState<AccountInput>({ displayName: '', username: '', password: '', repeat: '' });
  const [shown, setShown] = useState(false);
  const problems = accountProblems(account);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setShown(true);
    if (Object.values(problems).some(Boolean)) return;
    onSubmit({ username: account.username.trim(), displayName: account.displayName.trim(), password: account.password });
  };
  return (
    <form className="setup-body setup-form" onSubmit={submit} noValidate>
      <p className="muted">{t('setupAdminText')}</p>
      <AccountFields prefix="setup-admin" value={account} onChange={setAccount} problems={shown ? problems : {}} autoFocus />
      <div className="setup-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('setupAdminCreate')}
        </button>
      </div>
    </form>
  );
}
