// Which role may call which method: the one table the dispatcher consults before any handler runs.
// Rules that depend on the record itself (an officer deleting a synced document, whose work an
// officer may list) are checked where the record is read, with the caller from caller.ts.
import { type MethodName, PERSONAL_SETTINGS, type Role, type SettingsUpdate } from '../../contract';

/** Callable without signing in: to see the station, and to sign in. */
export const PUBLIC: ReadonlySet<MethodName> = new Set<MethodName>(['station.info', 'session.state', 'session.login', 'session.unlock', 'session.lock', 'session.logout']);

const EVERYONE: readonly Role[] = ['officer', 'archivist', 'supervisor', 'admin'];
const SUPERVISION: readonly Role[] = ['supervisor', 'admin'];
const ADMIN: readonly Role[] = ['admin'];
/** Back-file digitization: archivists, and those who supervise or administer them. */
const ARCHIVE: readonly Role[] = ['archivist', 'supervisor', 'admin'];

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
  'archive.create': ARCHIVE,
  'archive.list': ARCHIVE,
  'archive.get': ARCHIVE,
  'archive.documents': ARCHIVE,
  'archive.scan': ARCHIVE,
  'archive.cancelScan': ARCHIVE,
  'archive.import': ARCHIVE,
  'archive.save': ARCHIVE,
  'archive.position': ARCHIVE,
  'archive.submit': ARCHIVE,
  'archive.review': ARCHIVE,
  'archive.prefill': ARCHIVE,
  'audit.query': SUPERVISION,
  'reports.activity': SUPERVISION,
  'sync.check': ADMIN,
  'intake.installCatalogue': ADMIN,
};

export function mayCall(role: Role, method: MethodName): boolean {
  return (RESTRICTED[method] ?? EVERYONE).includes(role);
}

/** The settings any signed-in person may change (the contract's PERSONAL_SETTINGS: the settings
 * screen shows the rest read-only); the rest are the administrator's. */
const PERSONAL: ReadonlySet<string> = new Set(PERSONAL_SETTINGS);

export function settingsOutsideRole(role: Role, change: SettingsUpdate): string[] {
  if (role === 'admin') return [];
  return Object.keys(change).filter((k) => !PERSONAL.has(k));
}
