// A new account's fields (full name, user name, password twice), checked as the core checks them
// (contract/auth.ts) so that a mistake is said beside its field, in the person's language.
import type { MessageKey } from '../../i18n';
import { Field, described } from '../../settings/Section';

export interface AccountInput {
  displayName: string;
  username: string;
  password: string;
  repeat: string;
}

type AccountProblems = Partial<Record<keyof AccountInput, MessageKey>>;

/** contract/auth.ts Username and Password, said in words. */
export function accountProblems(a: AccountInput): AccountProblems {
  return {
    displayName: a.displayName.trim() ? undefined : 'setupNameMissing',
    username: /^[a-z0-9][a-z0-9._-]{1,39}$/i.test(a.username.trim()) ? undefined : 'setupUsernameForm',
    password: a.password.length >= 10 ? undefined : 'setupPasswordShort',
    repeat: a.repeat === a.password ? undefined : 'setupPasswordRepeat',
  };
}

export function AccountFields({ prefix, value, onChange, problems, autoFocus = false }: { prefix: string; value: AccountInput; onChange: (v: AccountInput) => void; problems: AccountProblems; autoFocus?: boolean }) {
  const set = (patch: Partial<AccountInput>) => onChange({ ...value, ...patch });
  return (
    <>
      <Field id={`${prefix}-name`} label="setupFullName" problem={problems.displayName} hint="setupFullNameHint">
        <input {...described(`${prefix}-name`, problems.displayName, true)} value={value.displayName} onChange={(e) => set({ displayName: e.target.value })} maxLength={200} autoFocus={autoFocus} autoComplete="off" />
      </Field>
      <Field id={`${prefix}-user`} label="signInUser" problem={problems.username} hint="setupUsernameHint">
        <input {...described(`${prefix}-user`, problems.username, true)} value={value.username} onChange={(e) => set({ username: e.target.value })} maxLength={40} spellCheck={false} autoComplete="off" />
      </Field>
      <div className="setup-row">
        <Field id={`${prefix}-password`} label="signInPassword" problem={problems.password} hint="setupPasswordHint">
          <input {...described(`${prefix}-password`, problems.password, true)} type="password" value={value.password} onChange={(e) => set({ password: e.target.value })} autoComplete="new-password" />
        </Field>
        <Field id={`${prefix}-repeat`} label="setupPasswordAgain" problem={problems.repeat}>
          <input {...described(`${prefix}-repeat`, problems.repeat)} type="password" value={value.repeat} onChange={(e) => set({ repeat: e.target.value })} autoComplete="new-password" />
        </Field>
      </div>
    </>
  );
}
