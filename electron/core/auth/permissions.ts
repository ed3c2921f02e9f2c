// Which role may call which method: the one table the dispatcher consults before any handler runs.
// Rules that depend on the record itself (an officer deleting a synced document, whose work an
// officer may list) are checked where the record is read, with the caller from caller.ts.
import type { MethodName, Role, SettingsUpdate } from '../../contract';

/** Callable without signing in: to see the station, and to sign in. */
export const PUBLIC: ReadonlySet<MethodName> = new Set<MethodName>(['station.info', 'session.state', 'session.login', 'session.unlock', 'session.lock', 'session.logout']);

const EVERYONE: readonly Role[] = ['officer', 'archivist', 'supervisor', 'admin'];
const SUPERVISION: readonly Role[] = ['supervisor', 'admin'];
const ADMIN: readonly Role[] = ['admin'];

const RESTRICTED: Partial<Record<MethodName, readonly Role[]>> = {
  'audit.list': SUPERVISION,
  'audit.verify': SUPERVISION,
  'reports.rates': SUPERVISION,
  'reports.export': SUPERVISION,
  'reports.file': SUPERVISION,
  'sync.configure': ADMIN,
  'station.backup': ADMIN,
  'records.purge': SUPERVISION,
  'users.list': ADMIN,
  'users.create': ADMIN,
};

export function mayCall(role: Role, method: MethodName): boolean {
  return (RESTRICTED[method] ?? EVERYONE).includes(role);
}

/** The settings any signed-in person may change for the way they work (what signing remembers);
 * the station's identity, trust, sync and targets are the administrator's. */
const PERSONAL_SETTINGS: ReadonlySet<string> = new Set(['pkcs11Module', 'tsaUrl', 'signatureVisible', 'signaturePosition']);

export function settingsOutsideRole(role: Role, change: SettingsUpdate): string[] {
  if (role === 'admin') return [];
  return Object.keys(change).filter((k) => !PERSONAL_SETTINGS.has(k));
}
