// One person's session on one transport connection (a window, a browser tab, a CLI process).
// It locks itself after idle: the clock is checked on every call, in the core, so a UI that forgot
// to show its lock screen still cannot act for someone who walked away from the counter.
import type { StoredUser } from './users';

export class Session {
  private user: StoredUser | null = null;
  private lastActivity = 0;
  private lockedByHand = false;

  constructor(private readonly now: () => number = () => Date.now()) {}

  get signedIn(): StoredUser | null {
    return this.user;
  }

  signIn(user: StoredUser): void {
    this.user = user;
    this.lockedByHand = false;
    this.touch();
  }

  signOut(): void {
    this.user = null;
    this.lockedByHand = false;
  }

  /** The user's record changed (role, name): keep the session on the fresh one. */
  refresh(user: StoredUser): void {
    if (this.user?.id === user.id) this.user = user;
  }

  lock(): void {
    if (this.user) this.lockedByHand = true;
  }

  unlock(): void {
    this.lockedByHand = false;
    this.touch();
  }

  isLocked(idleLimitMs: number): boolean {
    return this.user !== null && (this.lockedByHand || (idleLimitMs > 0 && this.now() - this.lastActivity > idleLimitMs));
  }

  touch(): void {
    this.lastActivity = this.now();
  }
}
