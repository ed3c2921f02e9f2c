// Local accounts in SQLite. Users are never deleted (the audit log names them): they are disabled.
import type { Database } from 'better-sqlite3';
import type { Role, User } from '../../contract';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  password: string;
  disabled: 0 | 1;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
}

export interface StoredUser extends User {
  readonly password: string;
  readonly failedLogins: number;
  readonly lockedUntil: string | null;
}

const toUser = (r: UserRow): StoredUser => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  disabled: r.disabled === 1,
  createdAt: r.created_at,
  password: r.password,
  failedLogins: r.failed_logins,
  lockedUntil: r.locked_until,
});

export const publicUser = ({ id, username, displayName, role, disabled, createdAt }: StoredUser): User => ({ id, username, displayName, role, disabled, createdAt });

export class UserRepository {
  constructor(private readonly db: Database) {}

  count(): number {
    return this.db.prepare('SELECT count(*) FROM users').pluck().get() as number;
  }

  activeAdmins(): number {
    return this.db.prepare("SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0").pluck().get() as number;
  }

  byId(id: string): StoredUser | null {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return row ? toUser(row) : null;
  }

  byUsername(username: string): StoredUser | null {
    const row = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
    return row ? toUser(row) : null;
  }

  list(): User[] {
    return (this.db.prepare('SELECT * FROM users ORDER BY username').all() as UserRow[]).map((r) => publicUser(toUser(r)));
  }

  insert(u: { id: string; username: string; displayName: string; role: Role; password: string }, now: string): void {
    this.db
      .prepare('INSERT INTO users (id, username, display_name, role, password, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(u.id, u.username, u.displayName, u.role, u.password, now, now);
  }

  update(id: string, change: { displayName?: string | undefined; role?: Role | undefined; password?: string | undefined; disabled?: boolean | undefined }, now: string): void {
    this.db
      .prepare(
        `UPDATE users SET display_name = coalesce(@displayName, display_name), role = coalesce(@role, role), password = coalesce(@password, password),
           disabled = coalesce(@disabled, disabled), failed_logins = CASE WHEN @password IS NULL THEN failed_logins ELSE 0 END,
           locked_until = CASE WHEN @password IS NULL THEN locked_until ELSE NULL END, updated_at = @now WHERE id = @id`,
      )
      .run({
        id,
        now,
        displayName: change.displayName ?? null,
        role: change.role ?? null,
        password: change.password ?? null,
        disabled: change.disabled === undefined ? null : Number(change.disabled),
      });
  }

  /** Takes one sign-in attempt for the account, atomically (one UPDATE, so two processes or forty
   * parallel requests count every try): refused while the account is locked. The attempt that
   * reaches `limit` locks the account until `lockUntil` at once; its own success opens it again.
   * A lock that has run out starts the count afresh. */
  beginAttempt(id: string, limit: number, now: string, lockUntil: string): boolean {
    const expired = '(locked_until IS NOT NULL AND locked_until <= @now)';
    const count = `CASE WHEN ${expired} THEN 1 ELSE failed_logins + 1 END`;
    return (
      this.db
        .prepare(
          `UPDATE users SET failed_logins = ${count},
             locked_until = CASE WHEN ${count} >= @limit THEN @lockUntil WHEN ${expired} THEN NULL ELSE locked_until END
           WHERE id = @id AND (${expired} OR locked_until IS NULL)`,
        )
        .run({ id, limit, now, lockUntil }).changes === 1
    );
  }

  succeededLogin(id: string): void {
    this.db.prepare('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(id);
  }

  /** A stronger hash of the same password (passwords.ts needsRehash). */
  rehash(id: string, password: string): void {
    this.db.prepare('UPDATE users SET password = ? WHERE id = ?').run(password, id);
  }
}
