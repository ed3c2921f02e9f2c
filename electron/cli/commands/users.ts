// sohoa users list | users add NAME --name "Full Name" --role officer|archivist|supervisor|admin
// [--password-env VAR] | users set NAME [--name N] [--role R] [--disable | --enable]
// [--password-env VAR]: the station's accounts, over the same contract as the app's settings.
// The first account of a station must be an administrator; from then on the command itself needs
// SOHOA_USER / SOHOA_PASSWORD of an administrator.
import { Role } from '../../contract';
import { badOption, requireOption, stringOption } from '../args';
import type { Command } from '../command';
import { readSecret } from '../secret';

function roleOption(value: string | undefined): Role | undefined {
  if (value === undefined) return undefined;
  const role = Role.safeParse(value);
  if (!role.success) throw badOption('--role', 'expected officer, archivist, supervisor or admin', 'cần officer, archivist, supervisor hoặc admin');
  return role.data;
}

export const usersCommand: Command = {
  options: { name: { type: 'string' }, role: { type: 'string' }, 'password-env': { type: 'string' }, disable: { type: 'boolean' }, enable: { type: 'boolean' } },
  async run({ out, parsed, session }) {
    const [sub, username] = parsed.positionals;
    const s = await session();
    if (sub === 'list') {
      const users = await s.call('users.list', {});
      out.result(users, () => (users.length === 0 ? [out.t('noUsers')] : users.map((u) => [u.username.padEnd(16), u.role.padEnd(11), u.disabled ? '×' : ' ', u.displayName].join('  '))));
      return 0;
    }
    if (!username) throw badOption('NAME', 'give the user name', 'cần tên đăng nhập');
    if (sub === 'add') {
      const password = await readSecret(out, parsed, 'password-env', out.t('promptPassword'));
      const user = await s.call('users.create', { username, displayName: requireOption(parsed, 'name'), role: roleOption(requireOption(parsed, 'role'))!, password });
      out.result(user, () => [out.t('userSaved', { username: user.username, role: user.role })]);
      return 0;
    }
    if (sub === 'set') {
      const user = (await s.call('users.list', {})).find((u) => u.username.toLowerCase() === username.toLowerCase());
      if (!user) throw badOption('NAME', `no user “${username}”`, `không có người dùng “${username}”`);
      const name = stringOption(parsed, 'name');
      const role = roleOption(stringOption(parsed, 'role'));
      const disabled = parsed.values.disable ? true : parsed.values.enable ? false : undefined;
      const password = stringOption(parsed, 'password-env') !== undefined ? await readSecret(out, parsed, 'password-env', out.t('promptPassword')) : undefined;
      const saved = await s.call('users.update', { id: user.id, ...(name ? { displayName: name } : {}), ...(role ? { role } : {}), ...(disabled !== undefined ? { disabled } : {}), ...(password ? { password } : {}) });
      out.result(saved, () => [out.t('userSaved', { username: saved.username, role: saved.role })]);
      return 0;
    }
    throw badOption('users', 'expected: sohoa users list | add NAME … | set NAME …', 'cần: sohoa users list | add TÊN … | set TÊN …');
  },
};
