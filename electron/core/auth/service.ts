// Sign-in, the idle lock, accounts, and the admission of every call: who the caller is, and
// whether their role allows the method. Until the first account exists the station acts as its
// own administrator (a fresh install must be usable to create that account); the first account
// made must be an administrator, and from then on every call needs a signed-in, unlocked session.
import type { Database } from 'better-sqlite3';
import type { MethodName, SessionState, SettingsUpdate, User } from '../../contract';
import { StationError } from '../errors';
import { uuidv7 } from '../ids';
import { vietnamIso } from '../time';
import type { AuditLog } from '../records/audit';
import type { Caller } from './caller';
import { checkPassword, decoyHash, hashPassword } from './passwords';
import { PUBLIC, mayCall, settingsOutsideRole } from './permissions';
import { Session } from './session';

/** The roles' names in Vietnamese messages (formatError prefers `<key>_vi`). */
export const ROLE_VI: Readonly<Record<User['role'], string>> = { officer: 'cán bộ một cửa', archivist: 'lưu trữ viên', supervisor: 'giám sát viên', admin: 'quản trị' };
const forbidden = (role: User['role'], action: string) => new StationError('forbidden', { role, role_vi: ROLE_VI[role], action });
import { type StoredUser, UserRepository, publicUser } from './users';

const FAILED_LOGIN_LIMIT = 5;
const FAILED_LOGIN_LOCK_MS = 5 * 60_000;

export interface AuthOptions {
  readonly db: Database;
  readonly audit: AuditLog;
  /** Minutes of idle before a session locks (0: never); from settings. */
  readonly lockAfterMinutes: () => number;
  /** The name to act under before any account exists. */
  readonly stationActor: () => string;
  readonly now?: () => number;
}

export class AuthService {
  readonly users: UserRepository;
  private readonly now: () => number;

  constructor(private readonly opts: AuthOptions) {
    this.users = new UserRepository(opts.db);
    this.now = opts.now ?? (() => Date.now());
  }

  newSession(): Session {
    return new Session(this.now);
  }

  state(session: Session): SessionState {
    const user = session.signedIn;
    return {
      accountsExist: this.users.count() > 0,
      user: user ? publicUser(user) : null,
      locked: session.isLocked(this.idleMs()),
      lockAfterMinutes: this.opts.lockAfterMinutes(),
    };
  }

  /** Who the call runs as, or why it may not run. */
  admit(session: Session, method: MethodName, input: unknown): Caller {
    const user = session.signedIn;
    if (!user) {
      if (this.users.count() === 0) return { userId: null, name: this.opts.stationActor(), role: 'admin' };
      if (PUBLIC.has(method)) return { userId: null, name: this.opts.stationActor(), role: 'officer' };
      throw new StationError('login-required', {});
    }
    const fresh = this.users.byId(user.id);
    if (!fresh || fresh.disabled) {
      session.signOut();
      throw new StationError('login-required', {});
    }
    session.refresh(fresh);
    if (!PUBLIC.has(method)) {
      if (session.isLocked(this.idleMs())) throw new StationError('session-locked', { user: fresh.displayName });
      if (!mayCall(fresh.role, method)) throw forbidden(fresh.role, method);
      if (method === 'settings.update') {
        const outside = settingsOutsideRole(fresh.role, input as SettingsUpdate);
        if (outside.length > 0) throw forbidden(fresh.role, `settings: ${outside.join(', ')}`);
      }
      session.touch();
    }
    return { userId: fresh.id, name: fresh.displayName, role: fresh.role };
  }

  async login(session: Session, username: string, password: string): Promise<SessionState> {
    const user = this.users.byUsername(username);
    const ok = await checkPassword(password, user?.password ?? (await decoyHash()));
    if (!user || user.disabled) throw new StationError('login-failed', {});
    if (user.lockedUntil && user.lockedUntil > vietnamIso(new Date(this.now())))
      throw new StationError('account-locked', { until: user.lockedUntil.slice(11, 16) });
    if (!ok) {
      this.users.failedLogin(user.id, FAILED_LOGIN_LIMIT, vietnamIso(new Date(this.now() + FAILED_LOGIN_LOCK_MS)));
      this.opts.audit.append('login-failed', null, { username: user.username });
      throw new StationError('login-failed', {});
    }
    this.users.succeededLogin(user.id);
    session.signIn(this.users.byId(user.id)!);
    this.opts.audit.append('login', null, { username: user.username }, user.displayName);
    return this.state(session);
  }

  /** The idle lock opens with the same user's password; anyone else signs out and in. */
  async unlock(session: Session, password: string): Promise<SessionState> {
    const user = session.signedIn;
    if (!user) throw new StationError('login-required', {});
    const fresh = this.users.byId(user.id);
    if (!fresh || fresh.disabled || !(await checkPassword(password, fresh.password))) {
      if (fresh) this.users.failedLogin(fresh.id, FAILED_LOGIN_LIMIT, vietnamIso(new Date(this.now() + FAILED_LOGIN_LOCK_MS)));
      throw new StationError('login-failed', {});
    }
    session.unlock();
    return this.state(session);
  }

  logout(session: Session): SessionState {
    const user = session.signedIn;
    if (user) this.opts.audit.append('logout', null, { username: user.username }, user.displayName);
    session.signOut();
    return this.state(session);
  }

  async createUser(caller: Caller, input: { username: string; displayName: string; role: User['role']; password: string }): Promise<User> {
    if (this.users.count() === 0 && input.role !== 'admin') throw new StationError('first-account-admin', {});
    if (this.users.byUsername(input.username)) throw new StationError('username-taken', { username: input.username });
    const id = uuidv7();
    const password = await hashPassword(input.password);
    this.opts.db.transaction(() => {
      this.users.insert({ id, username: input.username, displayName: input.displayName, role: input.role, password }, vietnamIso(new Date(this.now())));
      this.opts.audit.append('user-create', null, { username: input.username, role: input.role }, caller.name);
    })();
    return publicUser(this.users.byId(id)!);
  }

  /** Administrators change anyone; everyone else only their own name and password. */
  async updateUser(
    session: Session,
    caller: Caller,
    change: { id: string; displayName?: string | undefined; role?: User['role'] | undefined; password?: string | undefined; disabled?: boolean | undefined; currentPassword?: string | undefined },
  ): Promise<User> {
    const target = this.users.byId(change.id);
    if (!target) throw new StationError('not-found', { id: change.id });
    const self = caller.userId === target.id;
    if (caller.role !== 'admin' && (!self || change.role !== undefined || change.disabled !== undefined))
      throw forbidden(caller.role, 'users.update');
    if (self && change.password !== undefined && !(await checkPassword(change.currentPassword ?? '', target.password))) throw new StationError('login-failed', {});
    const demotesLastAdmin = target.role === 'admin' && !target.disabled && ((change.role !== undefined && change.role !== 'admin') || change.disabled === true);
    if (demotesLastAdmin && this.users.activeAdmins() <= 1) throw new StationError('last-admin', {});
    const password = change.password === undefined ? undefined : await hashPassword(change.password);
    this.opts.db.transaction(() => {
      this.users.update(target.id, { displayName: change.displayName, role: change.role, password, disabled: change.disabled }, vietnamIso(new Date(this.now())));
      const what = Object.keys(change).filter((k) => !['id', 'password', 'currentPassword'].includes(k));
      this.opts.audit.append('user-update', null, { username: target.username, changed: change.password ? [...what, 'password'] : what }, caller.name);
    })();
    const updated = this.users.byId(target.id)!;
    session.refresh(updated);
    return publicUser(updated);
  }

  private idleMs(): number {
    return this.opts.lockAfterMinutes() * 60_000;
  }
}

export type { StoredUser };
