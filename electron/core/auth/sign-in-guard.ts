// What stands between a guesser and a password: one attempt at a time per user name, each attempt
// counted before its hash is computed (users.beginAttempt, in one UPDATE), and the same count kept
// in memory for names that have no account, so that "locked" never tells a real account from an
// invented one.

const STRANGERS_KEPT = 10_000;

export class SignInGuard {
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly strangers = new Map<string, { count: number; lockedUntil: number | null }>();

  constructor(
    readonly limit: number,
    readonly lockMs: number,
    private readonly now: () => number,
  ) {}

  /** Runs attempts for the same user name one after another (case does not make a new name). */
  serially<T>(username: string, attempt: () => Promise<T>): Promise<T> {
    const key = username.toLowerCase();
    const before = this.queues.get(key) ?? Promise.resolve();
    const run = before.then(attempt, attempt);
    const tail = run.catch(() => undefined);
    this.queues.set(key, tail);
    void tail.then(() => {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    });
    return run;
  }

  /** An attempt for a name without an account, counted like users.beginAttempt. */
  beginStranger(username: string): { admitted: boolean; lockedUntil: number | null } {
    const key = username.toLowerCase();
    const now = this.now();
    let entry = this.strangers.get(key);
    if (!entry || (entry.lockedUntil !== null && entry.lockedUntil <= now)) entry = { count: 0, lockedUntil: null };
    if (entry.lockedUntil !== null) return { admitted: false, lockedUntil: entry.lockedUntil };
    entry.count++;
    if (entry.count >= this.limit) entry.lockedUntil = now + this.lockMs;
    this.strangers.delete(key);
    this.strangers.set(key, entry);
    // Bounded: a flood of invented names forgets the oldest first.
    while (this.strangers.size > STRANGERS_KEPT) this.strangers.delete(this.strangers.keys().next().value!);
    return { admitted: true, lockedUntil: null };
  }
}
