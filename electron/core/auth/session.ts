// One person's session on one transport connection (a window, a browser tab, a CLI process).
// It locks itself after idle: the clock is checked on every call, in the core, so a UI that forgot
// to show its lock screen still cannot act for someone who walked away from the counter.
//
// Its file key names it in the URLs of page images and PDFs (the UI's <img> and PDF viewer cannot
// carry a contract call): a new random key at every sign-in and sign-out, good only while the
// session may act (auth/service.ts fileCaller), so an address copied from a signed-out tab or a
// browser history opens nothing.
import { randomBytes } from 'node:crypto';
import type { StoredUser } from './users';

/** Where sessions are found by their file key (the auth service's). */
export interface FileKeyRegistry {
  rekey(session: Session, previous: string | null, next: string): void;
}

export class Session {
  private user: StoredUser | null = null;
  private lastActivity = 0;
  private lockedByHand = false;
  private key: string | null = null;

  constructor(
    private readonly now: () => number = () => Date.now(),
    private readonly registry: FileKeyRegistry | null = null,
  ) {
    this.newKey();
  }

  get signedIn(): StoredUser | null {
    return this.user;
  }

  /** The key of this session's file URLs (see above). */
  get fileKey(): string {
    return this.key!;
  }

  signIn(user: StoredUser): void {
    this.user = user;
    this.lockedByHand = false;
    this.newKey();
    this.touch();
  }

  signOut(): void {
    this.user = null;
    this.lockedByHand = false;
    this.newKey();
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

  private newKey(): void {
    const previous = this.key;
    this.key = randomBytes(24).toString('base64url');
    this.registry?.rekey(this, previous, this.key);
  }
}
