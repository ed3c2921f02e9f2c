// Sign-in, the idle lock, accounts, and the admission of every call: who the caller is, and
// whether the policy table (contract/policy.ts) lets their role call the method. Until the first
// account exists the station acts as its own administrator (a fresh install must be usable to
// create that account); the first account made must be an administrator, and from then on every
// call needs a signed-in, unlocked session.
import type { Database } from 'better-sqlite3';
import { METHOD_POLICY, type MethodName, type SessionState, type User, inAudience } from '../../contract';
import { StationError } from '../errors';
import { uuidv7 } from '../ids';
import { vietnamIso } from '../time';
import type { AuditActor, AuditLog } from '../records/audit';
import { type Caller, actorOf } from './caller';
import { forbidden } from './forbidden';
import { checkPassword, decoyHash, hashPassword, needsRehash } from './passwords';
import { type FileKeyRegistry, Session } from './session';
import { SignInGuard } from './sign-in-guard';
import { type StoredUser, UserRepository, publicUser } from './users';

export { ROLE_VI } from './forbidden';

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

const actorOfUser = (u: StoredUser): AuditActor => ({ name: u.displayName, userId: u.id, username: u.username });

export class AuthService {
  readonly users: UserRepository;
  private readonly now: () => number;
  private readonly guard: SignInGuard;
  // A session is found by its current file key; one whose tab closed is forgotten with it (a
  // long-lived bridge sees thousands of connections).
  private readonly byFileKey = new Map<string, WeakRef<Session>>();
  private readonly forget = new FinalizationRegistry<Session['fileKey']>((key) => {
    if (this.byFileKey.get(key)?.deref() === undefined) this.byFileKey.delete(key);
  });
  private readonly keys: FileKeyRegistry = {
    rekey: (session, previous, next) => {
      if (previous) {
        this.byFileKey.delete(previous);
        this.forget.unregister(session);
      }
      this.byFileKey.set(next, new WeakRef(session));
      this.forget.register(session, next, session);
    },
  };

  constructor(private readonly opts: AuthOptions) {
    this.users = new UserRepository(opts.db);
    this.now = opts.now ?? (() => Date.now());
    this.guard = new SignInGuard(FAILED_LOGIN_LIMIT, FAILED_LOGIN_LOCK_MS, this.now);
  }

  newSession(): Session {
    return new Session(this.now, this.keys);
  }

  state(session: Session): SessionState {
    const user = session.signedIn;
    return {
      accountsExist: this.users.count() > 0,
      user: user ? publicUser(user) : null,
      locked: session.isLocked(this.idleMs()),
      lockAfterMinutes: this.opts.lockAfterMinutes(),
      fileKey: session.fileKey,
    };
  }

  /** Who the call runs as, or why it may not run (the method's audience, the session's state). */
  admit(session: Session, method: MethodName): Caller {
    const { audience } = METHOD_POLICY[method];
    const user = session.signedIn;
    if (!user) {
      if (this.users.count() === 0) return this.stationCaller();
      if (audience === 'anyone') return { userId: null, username: null, name: this.opts.stationActor(), role: 'officer' };
      throw new StationError('login-required', {});
    }
    const fresh = this.fresh(session);
    if (audience !== 'anyone') {
      if (session.isLocked(this.idleMs())) throw new StationError('session-locked', { user: fresh.displayName });
      if (!inAudience(fresh.role, audience)) throw forbidden(fresh.role, method);
      session.touch();
    }
    return callerOf(fresh);
  }

  /** Who a session acts as now, without touching it (events, file URLs): null when it may not
   * act (signed out once accounts exist, locked, or its account disabled). */
  callerOf(session: Session): Caller | null {
    const user = session.signedIn;
    if (!user) return this.users.count() === 0 ? this.stationCaller() : null;
    const fresh = this.users.byId(user.id);
    if (!fresh || fresh.disabled || session.isLocked(this.idleMs())) return null;
    return callerOf(fresh);
  }

  /** The caller behind a file URL's key (session.ts), as callerOf. */
  fileCaller(fileKey: string): Caller | null {
    const session = this.byFileKey.get(fileKey)?.deref();
    if (!session || session.fileKey !== fileKey) return null;
    return this.callerOf(session);
  }

  async login(session: Session, username: string, password: string): Promise<SessionState> {
    return this.guard.serially(username, async () => {
      const user = this.users.byUsername(username);
      // Counted before the hash: forty guesses at once take five tries, not forty.
      const admitted = user ? this.users.beginAttempt(user.id, FAILED_LOGIN_LIMIT, this.nowIso(), this.lockUntil()) : this.guard.beginStranger(username).admitted;
      if (!admitted) throw this.locked(user ? this.users.byId(user.id)!.lockedUntil : null);
      const ok = await checkPassword(password, user?.password ?? (await decoyHash()));
      if (!user || user.disabled || !ok) {
        this.opts.audit.append('login-failed', null, { username: user?.username ?? username.slice(0, 40) });
        throw new StationError('login-failed', {});
      }
      this.users.succeededLogin(user.id);
      if (needsRehash(user.password)) this.users.rehash(user.id, await hashPassword(password));
      const fresh = this.users.byId(user.id)!;
      session.signIn(fresh);
      this.opts.audit.append('login', null, { username: user.username }, actorOfUser(fresh));
      return this.state(session);
    });
  }

  /** The idle lock opens with the same user's password, under the same count of tries as a
   * sign-in; anyone else signs out and in. */
  async unlock(session: Session, password: string): Promise<SessionState> {
    const user = session.signedIn;
    if (!user) throw new StationError('login-required', {});
    return this.guard.serially(user.username, async () => {
      const fresh = this.users.byId(user.id);
      if (!fresh || fresh.disabled) {
        session.signOut();
        throw new StationError('login-required', {});
      }
      if (!this.users.beginAttempt(fresh.id, FAILED_LOGIN_LIMIT, this.nowIso(), this.lockUntil())) throw this.locked(this.users.byId(fresh.id)!.lockedUntil);
      if (!(await checkPassword(password, fresh.password))) {
        this.opts.audit.append('unlock-failed', null, { username: fresh.username }, actorOfUser(fresh));
        throw new StationError('login-failed', {});
      }
      this.users.succeededLogin(fresh.id);
      session.unlock();
      return this.state(session);
    });
  }

  logout(session: Session): SessionState {
    const user = session.signedIn;
    if (user) this.opts.audit.append('logout', null, { username: user.username }, actorOfUser(user));
    session.signOut();
    return this.state(session);
  }

  async createUser(caller: Caller, input: { username: string; displayName: string; role: User['role']; password: string }): Promise<User> {
    if (this.users.count() === 0 && input.role !== 'admin') throw new StationError('first-account-admin', {});
    if (this.users.byUsername(input.username)) throw new StationError('username-taken', { username: input.username });
    const id = uuidv7();
    const password = await hashPassword(input.password);
    this.opts.db.transaction(() => {
      this.users.insert({ id, username: input.username, displayName: input.displayName, role: input.role, password }, this.nowIso());
      this.opts.audit.append('user-create', null, { username: input.username, role: input.role, displayName: input.displayName }, actorOf(caller));
    })();
    return publicUser(this.users.byId(id)!);
  }

  /** The wizard's first administrator (auth/setup.ts): made and signed in only while the station
   * has no account at all. The count is read inside the same write transaction as the insert
   * (BEGIN IMMEDIATE), so two tabs racing each other, or a second process, make one administrator
   * and the other is refused; once it exists this path is closed to everyone, signed in or not. */
  async createFirstAdmin(session: Session, caller: Caller, input: { username: string; displayName: string; password: string }, alsoInTransaction: () => void): Promise<SessionState> {
    if (this.users.count() > 0) throw new StationError('setup-closed', {});
    const id = uuidv7();
    const password = await hashPassword(input.password);
    this.opts.db
      .transaction(() => {
        if (this.users.count() > 0) throw new StationError('setup-closed', {});
        this.users.insert({ id, username: input.username, displayName: input.displayName, role: 'admin', password }, this.nowIso());
        this.opts.audit.append('user-create', null, { username: input.username, role: 'admin', displayName: input.displayName, firstStart: true }, actorOf(caller));
        alsoInTransaction();
      })
      .immediate();
    const fresh = this.users.byId(id)!;
    session.signIn(fresh);
    this.opts.audit.append('login', null, { username: fresh.username }, actorOfUser(fresh));
    return this.state(session);
  }

  /** Administrators change anyone; everyone else only their own name and password (the
   * dispatcher's row rule already answers another's id as unknown). */
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
      this.users.update(target.id, { displayName: change.displayName, role: change.role, password, disabled: change.disabled }, this.nowIso());
      const what = Object.keys(change).filter((k) => !['id', 'password', 'currentPassword'].includes(k));
      // The names before and after: a renamed account is never mistaken for someone else.
      const renamed = change.displayName !== undefined && change.displayName !== target.displayName ? { from: target.displayName, to: change.displayName } : {};
      this.opts.audit.append('user-update', null, { username: target.username, changed: change.password ? [...what, 'password'] : what, ...renamed, ...(change.role ? { role: change.role } : {}) }, actorOf(caller));
    })();
    const updated = this.users.byId(target.id)!;
    session.refresh(updated);
    return publicUser(updated);
  }

  /** The account behind a signed-in session, fresh from the database; a disabled or removed one
   * signs the session out. */
  private fresh(session: Session): StoredUser {
    const fresh = this.users.byId(session.signedIn!.id);
    if (!fresh || fresh.disabled) {
      session.signOut();
      throw new StationError('login-required', {});
    }
    session.refresh(fresh);
    return fresh;
  }

  private stationCaller(): Caller {
    return { userId: null, username: null, name: this.opts.stationActor(), role: 'admin' };
  }

  private locked(until: string | null): StationError {
    return new StationError('account-locked', { until: (until ?? vietnamIso(new Date(this.now() + FAILED_LOGIN_LOCK_MS))).slice(11, 16) });
  }

  private nowIso(): string {
    return vietnamIso(new Date(this.now()));
  }

  private lockUntil(): string {
    return vietnamIso(new Date(this.now() + FAILED_LOGIN_LOCK_MS));
  }

  private idleMs(): number {
    return this.opts.lockAfterMinutes() * 60_000;
  }
}

function callerOf(user: StoredUser): Caller {
  return { userId: user.id, username: user.username, name: user.displayName, role: user.role };
}

export type { StoredUser };
